"""Public pages are cacheable (issue 8 "Speed"): anonymous answers say so; a logged-in visitor's
page (which shows their email in the header) stays private."""

from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers

PUBLIC_MAX_AGE = 300


def public_cache(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not request.user.is_authenticated:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        else:
            patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
