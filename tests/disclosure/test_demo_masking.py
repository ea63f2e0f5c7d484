"""Masking tested on the real documents of the whole demo (issue 8 "Done when": "masking is tested
on real documents of the demo"; 제64조③ proviso, 제57조③: contracts and minutes are published
without personal information). The full `seed_demo` story runs — residents, council (its minutes
and notices), repairs, fees, elections, disclosure — and every published title and body of the
demo complexes, and their public pages, API and CSV, are searched for the people of the complex
and for every kind of identifier core.masking knows (registration and phone numbers, e-mails,
birth dates, car plates, units in every writing).

The demo's district official then walks every page, download and API route of the district and
of its complexes (00-overview.md privacy rules: personal data is for the complex's office; the
district sees complex-level figures) and must meet none of it."""

import re
import subprocess

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.module_loading import import_string

from complexes import demo as complexes_demo
from core.masking import NOT_NAMES, identifiers_found
from disclosure.models import Publication
from disclosure.services import complex_names
from tests.test_tenancy_walk import discover_routes, fill, reverse_or_none, tenant_models

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


# --- the district official ----------------------------------------------------------------------


def _personal_data(complex_) -> list[str]:
    """What the district must never read: every name the complex holds (members, occupants and
    owners, representatives, committee members, candidates and their kin, voters, recall
    subjects) and residents' e-mails, phones, birth dates and addresses."""
    from complexes.models import Membership
    from elections.models import Kinship, RollEntry
    from residents.models import Occupancy

    found = set(_people(complex_))
    found.update(Kinship.objects.filter(complex=complex_).values_list("name", flat=True))
    found.update(RollEntry.objects.filter(complex=complex_).values_list("voter_name", flat=True))
    found.update(
        Membership.objects.filter(
            complex=complex_, role__in=["resident", "council", "committee"]
        ).values_list("user__email", flat=True)
    )
    for o in Occupancy.objects.filter(complex=complex_):
        found.update((o.phone, o.home_phone, o.email, o.owner_phone, o.owner_address))
        if o.birth_date:
            found.update((o.birth_date.isoformat(), f"{o.birth_date:%Y.%m.%d}"))
    return sorted(m for m in found if m and len(m) >= 2 and m not in NOT_NAMES)


# The unit directory (numbers and areas of the complex's buildings, nobody in them) is the
# complex's structure, not a household's data.
UNIT_DIRECTORY = {"api:unit-list", "api:unit-detail", "api:building-list", "api:building-detail"}


def _text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        raw = subprocess.run(["pdftotext", "-", "-"], input=raw, capture_output=True).stdout
    return raw.decode("utf-8", "replace")


def test_district_official_meets_no_personal_data_anywhere(full_demo, settings):
    """Every route under /district/<code>/, /c/<slug>/, /api/v1/complexes/<slug>/ and the public
    ones, with the ids of every kind of the complex's objects, as the demo's 강남구 official."""
    settings.PUBLIC_API_RATE = "100000/min"
    cache.clear()
    hanbit = full_demo["hanbit"]
    markers = _personal_data(hanbit)
    assert len(markers) > 100  # the demo has hundreds of residents with phones and e-mails
    ids = {}  # app → the first ids of each of its models in hanbit, tried on the app's routes
    for m in tenant_models():
        pks = m._default_manager.filter(complex=hanbit).values_list("pk", flat=True)[:2]
        ids.setdefault(m._meta.app_label, set()).update(p for p in pks if isinstance(p, int))
    client = Client()
    client.force_login(full_demo["official"])
    problems, answered, seen = [], set(), set()
    for name, kwargs, app in discover_routes():
        if "slug" not in kwargs and "code" not in kwargs:
            continue
        has_pk = any(k in {"pk", "id"} or k.endswith("_pk") for k in kwargs)
        for pk in sorted(ids.get(app) or ids["complexes"]) if has_pk else [1]:
            url = reverse_or_none(name, fill(kwargs, "hanbit", pk))
            if url is None or url in seen:
                continue
            seen.add(url)
            r = client.get(url)
            if r.status_code != 200:
                continue
            answered.add(name)
            body = _text(r).replace(full_demo["official"].email, "")  # the page's own header
            found = [m for m in markers if m in body]
            if name not in UNIT_DIRECTORY:
                found += identifiers_found(body)
            if found:
                problems.append(f"{url}: {found[:5]}")
    assert problems == [], "\n".join(problems)
    # the compliance view and what the district may read answered (the walk saw real pages)
    assert {
        "district_dashboard",
        "district_complex",
        "district_export",
        "complexes:dashboard",
        "repairs:overview",
        "repairs:usage_plan_detail",
        "api:disclosure_registry",
    } <= answered


def test_district_official_is_refused_the_pages_that_name_people(full_demo):
    """Elections (committee, candidates, recalls) and the notice board are the members'."""
    client = Client()
    client.force_login(full_demo["official"])
    for url in (
        "/c/hanbit/elections/",
        "/c/hanbit/elections/committee/",
        "/c/hanbit/elections/recalls/",
        "/c/hanbit/notices/",
        "/api/v1/complexes/hanbit/elections/committee/",
        "/api/v1/complexes/hanbit/elections/recalls/",
        "/api/v1/complexes/hanbit/notices/",
    ):
        assert client.get(url).status_code == 403, url
    dashboard = client.get("/c/hanbit/").content.decode()  # … and is not sent there
    for link in ("/c/hanbit/notices/", "/c/hanbit/elections/", "/c/hanbit/council/"):
        assert link not in dashboard, link
    resident = Client()
    resident.force_login(full_demo["hanbit"].memberships.filter(role="resident").first().user)
    assert resident.get("/c/hanbit/elections/committee/").status_code == 200
    assert "/c/hanbit/notices/" in resident.get("/c/hanbit/").content.decode()
