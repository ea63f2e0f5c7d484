"""Absolute links for messages. An e-mail, SMS or KakaoTalk message is read outside the site, so
every link in it starts with SITE_URL (the address residents use, e.g. https://portal.example.org),
never with the host of whichever request or task happened to build it."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """SITE_URL + path ("/c/hanbit/bills/" → "https://portal.example.org/c/hanbit/bills/")."""
    if "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def reverse_absolute(viewname: str, *args, **kwargs) -> str:
    """reverse() made absolute: reverse_absolute("fees:bill_detail", slug, pk)."""
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))
