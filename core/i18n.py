from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers

SWITCH_PARAM = "lang"


class ChosenLanguageMiddleware:
    """Korean first: the site speaks LANGUAGE_CODE (ko) unless the user picked another language
    with the footer switch (Django's set_language cookie). The browser's Accept-Language is not
    consulted, so an English-language phone does not get half-English pages.

    The footer switch is a plain link (`?lang=en` on the current page): this middleware sets the
    language cookie and redirects to the same page without the parameter. A link needs no CSRF
    token, so anonymous pages (the public portal) set no cookie and stay cacheable by shared
    caches. Only a known language is accepted; the redirect stays on this site (same path)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and SWITCH_PARAM in request.GET:
            return self._switch(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

    @staticmethod
    def _switch(request):
        wanted = request.GET.get(SWITCH_PARAM, "")
        rest = [(k, v) for k, v in request.GET.lists() if k != SWITCH_PARAM]
        query = urlencode([(k, v) for k, values in rest for v in values])
        response = HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        add_never_cache_headers(response)
        if wanted in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                wanted,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
