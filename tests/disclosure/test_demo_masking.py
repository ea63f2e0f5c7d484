"""Masking tested on the real documents of the whole demo (issue 8 "Done when": "masking is tested
on real documents of the demo"; 제64조③ proviso, 제57조③: contracts and minutes are published
without personal information). The full `seed_demo` story runs — residents, council (its minutes
and notices), repairs, fees, elections, disclosure — and every published title and body of the
demo complexes, and their public pages, API and CSV, are searched for the people of the complex and for every
kind of identifier core.masking knows (registration and phone numbers, e-mails, birth dates, car
plates, units in every writing)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.module_loading import import_string

from complexes import demo as complexes_demo
from core.masking import NOT_NAMES, identifiers_found
from disclosure.models import Publication
from disclosure.services import complex_names

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    """`manage.py seed_demo`'s steps, seeded once, rolled back at the end of the module."""
    from django.db import transaction

    from core.management.commands.seed_demo import DEMO_STEPS

    with django_db_blocker.unblock(), transaction.atomic():
        base = complexes_demo.seed()
        for step in DEMO_STEPS:
            import_string(step)(base)
        yield base
        transaction.set_rollback(True)


def _people(complex_) -> list[str]:
    """Every person of the complex the demo knows: members, occupants and owners, council (an
    account named for its role, e.g. "회장", is a title, not a name)."""
    return [n for n in complex_names(complex_) if len(n) >= 2 and n not in NOT_NAMES]


@pytest.mark.parametrize("slug", ["hanbit", "saebom"])
def test_no_name_or_identifier_in_any_published_text(full_demo, slug):
    c = full_demo[slug]
    people = _people(c)
    assert len(people) >= 5  # the demo has residents and representatives with names
    pubs = list(Publication.objects.filter(complex=c, published_at__isnull=False))
    assert pubs, "the demo publishes disclosures"
    if slug == "hanbit":  # the story's complex publishes minutes and contracts with names in them
        assert {"council_minutes", "contract"} <= {p.duty for p in pubs}
    if slug == "hanbit":  # … and the notice with a plate, an e-mail, a birth date and 102-804
        assert "complaint_results" in {p.duty for p in pubs}
    for p in pubs:
        for text in (p.title, p.body):
            for name in people:
                assert name not in text, (p.duty, p.title, name)
            assert identifiers_found(text) == [], (p.title, text)


def test_public_pages_of_the_demo_show_no_names(full_demo, settings):
    """The same on the public pages and API (anonymous), for every published disclosure."""
    settings.PUBLIC_API_RATE = "100000/min"
    cache.clear()
    c = full_demo["hanbit"]
    people = _people(c)
    client = Client()
    urls = ["/public/hanbit/", "/public/hanbit/disclosures/", "/public/hanbit/fees/"]
    urls += [
        f"/public/hanbit/disclosures/{pk}/"
        for pk in Publication.objects.filter(complex=c, published_at__isnull=False).values_list(
            "pk", flat=True
        )
    ]
    urls += [
        "/api/v1/public/complexes/hanbit/disclosures/?page_size=500",
        "/api/v1/public/complexes/hanbit/disclosures.csv",
        "/api/v1/public/complexes/hanbit/fees.csv",
        "/api/v1/public/complexes/hanbit/reserve/",
    ]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        body = r.content.decode()
        for name in people:
            assert not re.search(rf"(?<![가-힣]){re.escape(name)}", body), (url, name)
        assert identifiers_found(body) == [], url
