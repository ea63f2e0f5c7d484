"""The tenancy walk of tests/test_tenancy_walk.py restricted to the fees routes, so the fees
app's boundary is checked on its own too (another complex's ids → nothing shows, nothing
changes)."""

import pytest

from complexes.models import Role
from tests.conftest import make_tenant
from tests.factories import member, resident
from tests.fees import population
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


def fee_routes():
    for name, kwargs in discover_routes():
        if name.startswith("fees:") or name.startswith("api:fees-"):
            yield name, kwargs


@pytest.mark.django_db
def test_fee_routes_show_nothing_of_another_complex(client):
    beta = make_tenant("beta", "베타아파트")
    population.populate(beta)
    alpha = make_tenant("alpha", "알파아파트")
    population.populate(alpha)
    prober = beta.manager
    member(beta.complex, Role.COUNCIL, prober)
    resident(beta.unit, user=prober)
    before = snapshot(alpha.complex)
    client.force_login(prober)
    ids = alpha_ids(alpha)
    routes = list(fee_routes())
    assert len(routes) > 15
    problems = []
    for name, kwargs in routes:
        methods = API_METHODS if name.startswith("api:") else PAGE_METHODS
        url = reverse_or_none(name, fill(kwargs, "alpha", ids[0]))
        for method in methods if url else []:
            r = request(client, method, url, prober)
            if r.status_code not in (404, 405):
                problems.append(f"{method.upper()} {url} -> {r.status_code} (want 404)")
        has_pk = any(k in {"pk", "id"} or k.endswith(("_pk", "_id")) for k in kwargs)
        for pk in ids if has_pk else [ids[0]]:
            url = reverse_or_none(name, fill(kwargs, "beta", pk))
            for method in methods if url else []:
                r = request(client, method, url, prober)
                found = leaks(r) if r.status_code < 300 or r.status_code >= 400 else []
                if found:
                    problems.append(f"{method.upper()} {url} -> {r.status_code} shows {found}")
    assert problems == []
    assert snapshot(alpha.complex) == before
