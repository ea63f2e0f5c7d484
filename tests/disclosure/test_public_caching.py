"""Public pages are cacheable (issue 8 "Speed: public pages are cacheable"): an anonymous page
sets no cookie — the footer's language switch is a link (core/i18n.py), not a POST form with a
CSRF token — so a shared cache may store it; it still varies by Cookie (the chosen language)."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db
PAGES = ["/public/", "/public/alpha/", "/public/alpha/fees/", "/public/alpha/comparison/"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_public_pages_set_no_cookie(alpha, url):
    r = Client().get(url)
    assert r.status_code == 200
    assert not r.cookies, dict(r.cookies)
    assert "public" in r["Cache-Control"] and "Cookie" in r["Vary"]


def test_the_language_link_sets_the_cookie_and_comes_back(alpha):
    c = Client()
    page = c.get("/public/", {"q": "알파"}).content.decode()
    assert 'href="/public/?q=%EC%95%8C%ED%8C%8C&amp;lang=en"' in page
    r = c.get("/public/", {"q": "알파", "lang": "en"})
    assert r.status_code == 302 and r["Location"] == "/public/?q=%EC%95%8C%ED%8C%8C"
    assert r.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "no-cache" in r["Cache-Control"] or "max-age=0" in r["Cache-Control"]
    english = c.get("/public/?q=%EC%95%8C%ED%8C%8C")
    assert english["Content-Language"] == "en" and 'lang="en"' in english.content.decode()
    assert not english.cookies  # the chosen language is sent back, nothing new is set
    back = c.get("/public/", {"lang": "ko"})
    assert (
        back["Location"] == "/public/" and back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    )


def test_an_unknown_language_is_ignored_and_the_redirect_stays_on_the_path(alpha):
    r = Client().get("/public/alpha/", {"lang": "xx", "next": "https://evil.example/"})
    assert r.status_code == 302 and r["Location"].startswith("/public/alpha/?")
    assert settings.LANGUAGE_COOKIE_NAME not in r.cookies
