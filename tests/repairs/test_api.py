"""API: /api/v1/complexes/<slug>/repair-plan/, reserve/… (roles → 403, other complex → 404)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from repairs.services import entry_record, usage_plan_create
from tests.repairs.helpers import plan_alpha, seed_complex, seed_plan

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/{}/"


def test_repair_plan_shows_byeolpyo9_prices(api):
    """별표 9: 166.67 / 250 / 250 / 166.67 won per m² a month."""
    from complexes.models import Membership, Role
    from tests.factories import UserFactory

    c = seed_complex()
    seed_plan(c)
    user = UserFactory()
    Membership.objects.create(complex=c, user=user, role=Role.MANAGER)
    api.force_authenticate(user)
    data = api.get(BASE.format(c.slug) + "repair-plan/").json()
    assert data["total_repair_cost"] == 5_000_000_000
    assert [p["price_per_m2"] for p in data["phases"]] == ["166.67", "250.00", "250.00", "166.67"]
    assert data["components"][0]["occurrence_years"] == [2001, 2011, 2021, 2031]
    status = api.get(BASE.format(c.slug) + "reserve/status/2011/").json()
    assert status["required_by_plan"] == 1_150_000_000


def test_roles(alpha, api):
    plan_alpha(alpha.complex)
    url = BASE.format("alpha")
    api.force_authenticate(alpha.lessee)
    assert api.get(url + "repair-plan/").status_code == 403
    assert api.get(url + "reserve/ledger/").status_code == 403
    api.force_authenticate(alpha.owner)
    assert api.get(url + "repair-plan/").status_code == 200
    assert api.get(url + "reserve/projection/").status_code == 403
    r = api.post(
        url + "reserve/ledger/",
        {"entry_date": "2025-01-01", "kind": "interest", "amount": 5, "memo": "x"},
        format="json",
    )
    assert r.status_code == 403
    api.force_authenticate(alpha.council)
    assert api.get(url + "reserve/projection/").status_code == 200
    assert (
        api.post(
            url + "reserve/usage-plans/", {"title": "x", "estimated_amount": 1}, format="json"
        ).status_code
        == 403
    )


def test_other_complex_is_404(alpha, beta, api):
    plan_alpha(alpha.complex)
    api.force_authenticate(beta.manager)
    for path in [
        "repair-plan/",
        "repair-plan/revisions/",
        "reserve/ledger/",
        "reserve/status/2025/",
        "reserve/projection/",
        "reserve/usage-plans/",
        f"units/{alpha.unit.pk}/reserve-certificate/?from=2025-01&to=2025-02",
    ]:
        assert api.get(BASE.format("alpha") + path).status_code == 404, path
    r = api.get(
        BASE.format("beta") + f"units/{alpha.unit.pk}/reserve-certificate/?from=2025-01&to=2025-02"
    )
    assert r.status_code == 404


def test_ledger_post_and_balance(alpha, api):
    plan_alpha(alpha.complex)
    api.force_authenticate(alpha.manager)
    url = BASE.format("alpha") + "reserve/ledger/"
    r = api.post(
        url,
        {"entry_date": "2025-01-01", "kind": "opening", "amount": 1_000_000, "memo": "이월"},
        format="json",
    )
    assert r.status_code == 201
    r = api.post(
        url,
        {"entry_date": "2025-02-01", "kind": "spending", "amount": 10, "memo": "공사"},
        format="json",
    )
    assert r.status_code == 400 and "사용계획서" in r.json()["message"]
    r = api.post(
        url,
        {"entry_date": "2025-03-01", "kind": "meter", "amount": 200_000, "memo": "계량기 교체"},
        format="json",
    )
    assert r.status_code == 201
    assert api.get(url).json()["totals"]["balance"] == 800_000


def test_projection_whatif(alpha, api):
    """What-if: a higher phase rate now moves the first shortfall and the unit amounts."""
    plan_alpha(alpha.complex)
    entry_record(
        complex=alpha.complex,
        kind="opening",
        entry_date=date(2024, 12, 31),
        amount=10_000_000,
        memo="이월",
    )
    api.force_authenticate(alpha.council)
    url = BASE.format("alpha") + "reserve/projection/"
    base = api.get(url).json()
    assert "whatif" not in base
    r = api.get(url + "?rates=15,60,15,10").json()
    assert r["whatif"]["price_per_m2"] != base["base"]["price_per_m2"]
    # 2026 is in phase 2: 60 % instead of 30 % doubles the exact price → about twice the amount
    before, after = r["base"]["unit_types"][0]["monthly"], r["whatif"]["unit_types"][0]["monthly"]
    assert 2 * before <= after <= 2 * before + 1
    assert any("관리규약 개정" in n for n in r["notes"])
    bad = api.get(url + "?rates=1,2")
    assert bad.status_code == 400 and "단계 수" in bad.json()["message"]
    comp = alpha.complex.repair_plan.revisions.first().components.get(name="외벽 도장")
    r = api.get(url + f"?component={comp.pk}&cycle=16").json()
    assert sum(y["works"] for y in r["whatif"]["years"]) < sum(
        y["works"] for y in r["base"]["years"]
    )


def test_usage_plans_list_query_count_is_pinned(alpha, api):
    for i in range(5):
        usage_plan_create(complex=alpha.complex, title=f"공사 {i}", estimated_amount=1000)
    api.force_authenticate(alpha.manager)
    with CaptureQueriesContext(connection) as ctx:
        r = api.get(BASE.format("alpha") + "reserve/usage-plans/")
    assert r.status_code == 200 and r.json()["count"] == 5
    assert len(ctx.captured_queries) <= 6


def test_certificate_pdf_for_lessee(alpha, api):
    plan_alpha(alpha.complex)
    api.force_authenticate(alpha.lessee)
    url = BASE.format("alpha") + f"units/{alpha.lessee_unit.pk}/reserve-certificate/"
    from django.utils import timezone

    r = api.get(url + f"?from=2025-01&to={timezone.localdate():%Y-%m}")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert api.get(url + "?from=2025-13&to=2025-06").status_code == 400
    other = (
        BASE.format("alpha") + f"units/{alpha.unit.pk}/reserve-certificate/?from=2025-01&to=2025-06"
    )
    assert api.get(other).status_code == 404  # not the lessee's unit
