"""The public portal and open-data API, walked as an anonymous visitor (issue 8: "Public pages
and the public API answer without an account and never reveal anything of a complex beyond its
disclosures"; 제64조③ proviso: per-unit usage and delinquent unit numbers are never public).

Every public route of complex alpha is requested with every id of alpha; no personal data (names,
emails, phones, birth dates of residents, unit numbers, per-unit amounts) and nothing of alpha
that is not a published disclosure may appear. Every other route of alpha stays closed."""

import json
import re

import pytest
from django.core.cache import cache
from django.utils.html import escape

from disclosure.models import Publication
from tests.test_tenancy_walk import (
    alpha_ids,
    discover_routes,
    fill,
    is_public,
    make_tenant,
    populate_apps,
    reverse_or_none,
)


@pytest.fixture
def alpha_world(db, settings):
    settings.PUBLIC_API_RATE = "100000/min"
    cache.clear()
    alpha = make_tenant("alpha", "알파아파트")
    populate_apps(alpha)
    return alpha


def personal_markers(alpha) -> list[str]:
    from complexes.models import Membership

    markers = {"@alpha.test", "1203호", "804호", "101동 1203", "101동 804"}
    for m in Membership.objects.filter(complex=alpha.complex).select_related("user"):
        if m.user.name:
            markers.add(m.user.name)
        markers.add(m.user.email)
    try:
        from residents.models import Occupancy

        for o in Occupancy.objects.filter(complex=alpha.complex):
            markers.update(x for x in (o.name, o.phone, o.home_phone, o.email, o.owner_name) if x)
            if o.birth_date:
                markers.add(o.birth_date.isoformat())
    except ImportError:
        pass
    try:
        from fees.models import Bill

        # a unit's own bill total (per-unit amounts are never public)
        markers.update(
            f"{b.total_due:,}"
            for b in Bill.objects.filter(complex=alpha.complex)
            if b.total_due > 99_999
        )
    except ImportError:
        pass
    return sorted(markers)


def allowed_alpha_text(alpha) -> list[str]:
    """Published titles and bodies, line by line, as they appear in HTML, JSON and CSV."""
    texts = set()
    for p in Publication.objects.filter(complex=alpha.complex, published_at__isnull=False):
        for text in (p.title, p.body):
            for line in [text, *text.splitlines()]:
                if line.strip():
                    texts.update({line, escape(line), json.dumps(line)[1:-1]})
    return sorted(texts, key=len, reverse=True)


@pytest.mark.django_db
def test_public_routes_show_disclosures_and_nothing_personal(alpha_world, client):
    alpha = alpha_world
    ids = alpha_ids(alpha)
    markers = personal_markers(alpha)
    allowed = allowed_alpha_text(alpha)
    problems, answered = [], 0
    for name, kwargs, *_ in discover_routes():
        if not is_public(name):
            continue
        has_pk = any(k in {"pk", "id"} for k in kwargs)
        for pk in ids if has_pk else [ids[0]]:
            url = reverse_or_none(name, fill(kwargs, "alpha", pk))
            if url is None:
                continue
            r = client.get(url)
            if r.status_code not in (200, 404):
                problems.append(f"GET {url} -> {r.status_code}")
                continue
            answered += r.status_code == 200
            body = r.content.decode("utf-8", "replace")
            for text in allowed:  # published titles/bodies may carry alpha's marker
                body = body.replace(text, "")
            found = [m for m in markers if m in body]
            if re.search(r"ALPHA", body):
                found.append("ALPHA (an unpublished object of alpha)")
            if found:
                problems.append(f"GET {url} shows {found}")
            for method in ("post", "put", "patch", "delete"):
                if client.generic(method.upper(), url).status_code not in (403, 404, 405):
                    problems.append(f"{method.upper()} {url} is not refused")
    assert problems == []
    assert answered >= 8  # every public page and API route answered for alpha


@pytest.mark.django_db
def test_nothing_private_of_a_complex_without_login(alpha_world, client):
    ids = alpha_ids(alpha_world)
    problems = []
    for name, kwargs, *_ in discover_routes():
        if is_public(name) or "slug" not in kwargs:
            continue
        url = reverse_or_none(name, fill(kwargs, "alpha", ids[0]))
        if url is None:
            continue
        r = client.get(url)
        if r.status_code not in (302, 401, 403, 404, 405):
            problems.append(f"GET {url} -> {r.status_code}")
    assert problems == []


@pytest.mark.django_db
def test_unpublished_entries_are_not_public(alpha_world, client):
    pending = Publication.objects.get(complex=alpha_world.complex, duty="contract")
    assert client.get(f"/public/alpha/disclosures/{pending.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/public/complexes/alpha/disclosures/{pending.pk}/").status_code == 404
    )
    assert "청소용역" not in client.get("/public/alpha/").content.decode()
