from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Korean first: the site speaks LANGUAGE_CODE (ko) unless the user picked another language
    with the footer switch (Django's set_language cookie). The browser's Accept-Language is not
    consulted, so an English-language phone does not get half-English pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
