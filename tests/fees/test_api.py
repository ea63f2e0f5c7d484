"""The fees REST API: same rules and errors as the pages (20-fees.md, issue "API")."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fees.models import Bill, BillingRun
from tests.fees.helpers import SEP, import_costs

BASE = "/api/v1/complexes/alpha"


def test_office_runs_a_period_through_the_api(alpha, api):
    api.force_authenticate(alpha.manager)
    bad = SimpleUploadedFile("c.csv", b"item,amount\ngeneral_admin,100000\nnope,1\n")
    r = api.post(f"{BASE}/costs/import/", {"period": "2026-09", "file": bad}, format="multipart")
    assert r.status_code == 400
    assert r.json()["extra"]["rows"] == [
        {"line": 3, "column": "item", "message": "알 수 없는 비목입니다: 'nope'"}
    ]
    good = SimpleUploadedFile("c.csv", b"item,amount\ngeneral_admin,100000\n")
    assert api.post(
        f"{BASE}/costs/import/", {"period": "2026-09", "file": good}, format="multipart"
    ).json() == {"saved": 1}
    assert len(api.get(f"{BASE}/costs/?period=2026-09").json()["results"]) == 1
    r = api.post(
        f"{BASE}/billing-runs/", {"period": "2026-09", "issued_on": "2026-10-10"}, format="json"
    )
    assert r.status_code == 201 and r.json()["status"] == "draft"
    assert r.json()["due_date"] == "2026-10-26"
    r = api.post(f"{BASE}/billing-runs/2026-09/issue/")
    assert r.status_code == 200 and r.json()["status"] == "issued"
    r = api.post(f"{BASE}/billing-runs/2026-09/issue/")
    assert r.status_code == 400 and "이미 발행" in r.json()["message"]
    bills = api.get(f"{BASE}/bills/?period=2026-09").json()["results"]
    assert len(bills) == 2
    detail = api.get(f"{BASE}/bills/{bills[0]['id']}/").json()
    assert detail["lines"][0]["item"] == "general_admin"
    assert api.get(f"{BASE}/bills/{bills[0]['id']}/pdf/")["Content-Type"] == "application/pdf"


def test_resident_sees_only_own_unit(alpha, api):
    import_costs(alpha.complex, SEP, "item,amount\ngeneral_admin,100000")
    from fees import services

    services.billing_run_issue(complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 10))
    api.force_authenticate(alpha.owner)
    bills = api.get(f"{BASE}/bills/").json()["results"]
    assert [b["unit"] for b in bills] == [alpha.unit.pk]
    other = Bill.objects.get(unit=alpha.lessee_unit)
    assert api.get(f"{BASE}/bills/{other.pk}/").status_code == 404
    assert api.get(f"{BASE}/costs/").status_code == 403
    assert (
        api.post(f"{BASE}/billing-runs/", {"period": "2026-09"}, format="json").status_code == 403
    )
    api.force_authenticate(alpha.council)
    assert api.get(f"{BASE}/bills/").status_code == 403
    assert api.get(f"{BASE}/budgets/2026/").status_code == 200
    assert (
        api.put(f"{BASE}/budgets/2026/", {"amounts": {"cleaning": 1}}, format="json").status_code
        == 403
    )


def test_bill_list_query_count_is_pinned(alpha, api):
    import_costs(alpha.complex, SEP, "item,amount\ngeneral_admin,100000")
    from fees import services

    services.billing_run_issue(complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 10))
    api.force_authenticate(alpha.manager)
    with CaptureQueriesContext(connection) as q:
        assert api.get(f"{BASE}/bills/").status_code == 200
    assert len(q) == 4  # complex with district role, memberships, count, page — any number of bills


def test_payments_and_budget_api(alpha, api):
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/payments/",
        {"unit": alpha.unit.pk, "paid_on": "2026-10-20", "amount": 5000, "reference": "T1"},
        format="json",
    )
    assert r.status_code == 201
    r = api.post(
        f"{BASE}/payments/",
        {"unit": alpha.unit.pk, "paid_on": "2026-10-20", "amount": 5000, "reference": "T1"},
        format="json",
    )
    assert r.status_code == 400
    f = SimpleUploadedFile(
        "p.csv",
        b"building,unit,paid_on,amount,reference\n101,1203,2026-10-21,7000,T2\n101,1203,2026-10-20,5000,T1\n",
    )
    body = api.post(f"{BASE}/payments/import/", {"file": f}, format="multipart").json()
    assert (body["created"], body["skipped"], body["skipped_rows"]) == (1, 1, 0)
    r = api.put(
        f"{BASE}/budgets/2026/",
        {"amounts": {"general_admin": 1200000, "misc_income": 500}},
        format="json",
    )
    assert r.status_code == 200 and r.json()["misc_income"]["budget"] == 500
    r = api.put(f"{BASE}/budgets/2026/", {"amounts": {"teleport": 1}}, format="json")
    assert r.status_code == 400
    r = api.patch(f"{BASE}/charge-items/hot_water/", {"unit_price": 3000}, format="json")
    assert r.status_code == 200 and r.json()["unit_price"] == 3000
    assert BillingRun.objects.count() == 0
