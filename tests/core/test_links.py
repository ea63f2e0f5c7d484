"""Links in messages are absolute, on SITE_URL (core/links.py). tests/conftest.py also checks
every mail any test sends for a relative link."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.template import Context, Template

from core.links import absolute_url, reverse_absolute

ROOT = Path(__file__).resolve().parents[2]


def test_absolute_url_prefixes_site_url(settings):
    settings.SITE_URL = "https://portal.example.org"
    assert absolute_url("/c/alpha/bills/") == "https://portal.example.org/c/alpha/bills/"
    assert absolute_url("c/alpha/") == "https://portal.example.org/c/alpha/"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"
    assert reverse_absolute("fees:bill_detail", "alpha", 7) == (
        "https://portal.example.org/c/alpha/bills/7/"
    )


def test_the_template_tag_is_url_made_absolute(settings):
    settings.SITE_URL = "https://portal.example.org"
    t = Template(
        "{% load links %}{% absolute_url 'fees:bill_list' slug %}"
        "|{% absolute_url 'district_dashboard' '11680' as link %}{{ link }}"
    )
    assert t.render(Context({"slug": "alpha"})) == (
        "https://portal.example.org/c/alpha/bills/|https://portal.example.org/district/11680/"
    )


def test_no_email_template_writes_a_path_alone():
    """A template that writes `/c/…` or `{% url %}` builds a link that leads nowhere in a mail."""
    bad = []
    for path in (ROOT / "templates").rglob("email/*_body.*"):
        text = path.read_text()
        if re.search(r"""(href=["']/|(?<![\w:/}.-])/(c|district|invite)/|\{% url )""", text):
            bad.append(str(path.relative_to(ROOT)))
    assert bad == []


@pytest.mark.django_db
def test_an_office_invitation_links_to_site_url_not_the_requests_host(alpha, client):
    """The link used to come from the request (its Host header); now it is SITE_URL's."""
    client.force_login(alpha.manager)
    r = client.post(
        f"/c/{alpha.complex.slug}/office/members/",
        {
            "email": "new@x.test",
            "role": "resident",
            "unit": alpha.unit.pk,
            "resident_kind": "lessee",
        },
        HTTP_HOST="127.0.0.1",
    )
    assert r.status_code == 302, r.content[:500]
    [message] = mail.outbox
    assert "https://portal.test/invite/" in message.body
    assert "127.0.0.1" not in message.body
