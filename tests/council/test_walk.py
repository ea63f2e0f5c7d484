"""The tenancy walk (tests/test_tenancy_walk.py) restricted to the council's routes, so this app's
boundary is checked on its own: beta's strongest member sees nothing of alpha's council."""

import pytest

from tests.test_tenancy_walk import (
    API_METHODS,
    PAGE_METHODS,
    alpha_ids,
    discover_routes,
    fill,
    leaks,
    request,
    reverse_or_none,
    snapshot,
)
from tests.test_tenancy_walk import world as world


def council_routes():
    for name, kwargs in discover_routes():
        if name.startswith("council:") or name.startswith("api:council"):
            yield name, kwargs


def test_council_routes_exist():
    names = {n for n, _ in council_routes()}
    assert "council:meeting_detail" in names
    assert "api:council-meeting-list" in names


@pytest.mark.django_db
def test_beta_member_sees_nothing_of_alpha_council(world, client):
    alpha, _beta, prober = world
    before = snapshot(alpha.complex)
    client.force_login(prober)
    ids = alpha_ids(alpha)
    problems = []
    for name, kwargs in council_routes():
        methods = API_METHODS if name.startswith("api:") else PAGE_METHODS
        url = reverse_or_none(name, fill(kwargs, "alpha", ids[0]))
        for method in methods if url else []:
            r = request(client, method, url, prober)
            if r.status_code not in (404, 405):
                problems.append(f"{method.upper()} {url} -> {r.status_code}")
        has_pk = any(k in {"pk", "id"} or k.endswith(("_pk", "_id")) for k in kwargs)
        for pk in ids if has_pk else [ids[0]]:
            url = reverse_or_none(name, fill(kwargs, "beta", pk))
            for method in methods if url else []:
                r = request(client, method, url, prober)
                if r.status_code >= 500:
                    problems.append(f"{method.upper()} {url} -> {r.status_code}")
                found = leaks(r) if r.status_code < 300 or r.status_code >= 400 else []
                if found:
                    problems.append(f"{method.upper()} {url} -> {r.status_code} shows {found}")
    assert problems == []
    assert snapshot(alpha.complex) == before
