"""The fees API for misc income (Art. 80), contingency uses (Art. 80⑥), fee deposits (Art. 77)
and move-out settlements (Art. 85②③): the same services, rules and error shape as the pages;
office-only writes, council reads what the spec lets it read, another complex's objects 404."""

from datetime import date

from fees import services
from fees.models import Bill, ContingencyUse, FeeDeposit, MiscIncome, MoveOutSettlement, Payment
from tests.fees.helpers import import_costs

BASE = "/api/v1/complexes/alpha"


def _resolution(complex_, passed=True):
    from tests.repairs.helpers import resolution

    return resolution(complex_, passed=passed, title="예비비 사용 승인")


def test_misc_income_list_and_create(alpha, beta, api):
    """Art. 80: misc income recorded by month; owners' kinds (Art. 80②) flagged."""
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/misc-income/",
        {"period": "2026-09", "kind": "recycling", "amount": 120_000, "memo": "고철"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["period"] == "2026-09" and r.json()["owner_income"] is False
    api.post(
        f"{BASE}/misc-income/",
        {"period": "2026-10", "kind": "repeater_rent", "amount": 50_000},
        format="json",
    )
    rows = api.get(f"{BASE}/misc-income/?period=2026-10").json()["results"]
    assert [(m["kind"], m["owner_income"]) for m in rows] == [("repeater_rent", True)]
    assert len(api.get(f"{BASE}/misc-income/").json()["results"]) == 2
    # The service's rule and the error shape: {"message", "extra"}.
    r = api.post(
        f"{BASE}/misc-income/", {"period": "2026-10", "kind": "parking", "amount": 0}, format="json"
    )
    assert r.status_code == 400 and r.json()["message"] == "금액은 0보다 커야 합니다."
    r = api.post(
        f"{BASE}/misc-income/", {"period": "2026-13", "kind": "parking", "amount": 5}, format="json"
    )
    assert r.status_code == 400 and "YYYY-MM" in r.json()["message"]
    r = api.get(f"{BASE}/misc-income/?period=26-1")
    assert r.status_code == 400
    # The council reads (disclosed monthly anyway, Art. 80⑦) but cannot write; residents can't read.
    api.force_authenticate(alpha.council)
    assert api.get(f"{BASE}/misc-income/").status_code == 200
    r = api.post(
        f"{BASE}/misc-income/", {"period": "2026-10", "kind": "parking", "amount": 5}, format="json"
    )
    assert r.status_code == 403
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/misc-income/").status_code == 403
    # Another complex's member: the whole complex is a 404.
    api.force_authenticate(beta.manager)
    assert api.get(f"{BASE}/misc-income/").status_code == 404
    assert MiscIncome.objects.filter(complex=alpha.complex).count() == 2


def test_contingency_use_needs_this_complexs_effective_resolution(alpha, beta, api):
    """Art. 80⑥: contingency use by council resolution — alpha's passed resolution is accepted;
    beta's, a failed one or a made-up id are all refused with the same message."""
    ok = _resolution(alpha.complex)
    failed = _resolution(alpha.complex, passed=False)
    other = _resolution(beta.complex)
    api.force_authenticate(alpha.manager)
    body = {"period": "2026-09", "item": "cleaning", "amount": 300_000, "memo": "긴급 방역"}
    for bad in (other.pk, failed.pk, 999_999):
        r = api.post(f"{BASE}/contingency-uses/", {**body, "resolution": bad}, format="json")
        assert r.status_code == 400
        assert r.json() == {
            "message": "유효한 입주자대표회의 의결이 아닙니다.",
            "extra": {"field": "resolution"},
        }
    r = api.post(f"{BASE}/contingency-uses/", {**body, "resolution": ok.pk}, format="json")
    assert r.status_code == 201 and r.json()["resolution"] == ok.pk
    r = api.post(f"{BASE}/contingency-uses/", {**body, "item": "teleport"}, format="json")
    assert r.status_code == 400
    assert ContingencyUse.objects.get(complex=alpha.complex).resolution == ok
    api.force_authenticate(alpha.council)
    rows = api.get(f"{BASE}/contingency-uses/?period=2026-09").json()["results"]
    assert [c["amount"] for c in rows] == [300_000]
    assert api.post(f"{BASE}/contingency-uses/", body, format="json").status_code == 403


def test_deposit_collect_and_refund_net_of_arrears_only_when_asked(alpha, beta, api):
    """Art. 77②: the office may settle the owner's arrears before refunding — a choice."""
    import_costs(alpha.complex, date(2026, 9, 1), "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(
        complex=alpha.complex, period=date(2026, 9, 1), issued_on=date(2026, 10, 5)
    )
    assert Bill.objects.get(unit=alpha.unit).total_due > 0
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/deposits/",
        {"unit": alpha.unit.pk, "amount": 100_000, "on": "2026-01-02"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["kind"] == "collected"
    # Another complex's unit, in a body: 404 as for any of its objects.
    r = api.post(
        f"{BASE}/deposits/", {"unit": beta.unit.pk, "amount": 1, "on": "2026-01-02"}, format="json"
    )
    assert r.status_code == 404
    r = api.post(f"{BASE}/deposits/refund/", {"unit": alpha.unit.pk, "on": "2026-11-20"})
    assert r.status_code == 200
    assert r.json() == {"balance": 100_000, "netted": 0, "refunded": 100_000}
    r = api.post(f"{BASE}/deposits/refund/", {"unit": alpha.unit.pk, "on": "2026-11-20"})
    assert r.status_code == 400 and r.json()["message"] == "반환할 예치금이 없습니다."
    # Collected again, refunded netting the arrears this time.
    api.post(
        f"{BASE}/deposits/",
        {"unit": alpha.unit.pk, "amount": 100_000, "on": "2026-11-21"},
        format="json",
    )
    r = api.post(
        f"{BASE}/deposits/refund/",
        {"unit": alpha.unit.pk, "on": "2026-11-22", "net_arrears": True},
        format="json",
    )
    netted = r.json()["netted"]
    assert netted > 0 and r.json()["refunded"] == 100_000 - netted
    assert Payment.objects.filter(unit=alpha.unit, amount=netted).exists()
    kinds = [d["kind"] for d in api.get(f"{BASE}/deposits/?unit={alpha.unit.pk}").json()["results"]]
    assert sorted(kinds) == ["collected", "collected", "netted", "refunded", "refunded"]
    # Office only: the per-unit ledger is not the council's to read.
    api.force_authenticate(alpha.council)
    assert api.get(f"{BASE}/deposits/").status_code == 403
    api.force_authenticate(beta.manager)
    assert api.get(f"{BASE}/deposits/").status_code == 404
    r = api.post(f"{BASE}/deposits/refund/", {"unit": alpha.unit.pk, "on": "2026-11-22"})
    assert r.status_code == 404
    assert FeeDeposit.objects.filter(complex=beta.complex).count() == 0


def test_move_out_settlement_api_and_pdf_link(alpha, beta, api):
    """Art. 85②: interim fee = 3-month average ÷ days in month × days lived."""
    for month, issued in ((6, date(2026, 7, 5)), (7, date(2026, 8, 5)), (8, date(2026, 9, 5))):
        import_costs(alpha.complex, date(2026, month, 1), "item,amount\ngeneral_admin,90000")
        services.billing_run_issue(
            complex=alpha.complex, period=date(2026, month, 1), issued_on=issued
        )
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/move-outs/",
        {"unit": alpha.unit.pk, "move_out_on": "2026-09-12", "usage_amount": 20_000},
        format="json",
    )
    assert r.status_code == 201, r.json()
    s = MoveOutSettlement.objects.get(complex=alpha.complex)
    avg = s.average_fee
    assert r.json()["interim_fee"] == avg * 12 // 30 and r.json()["days_lived"] == 12
    assert r.json()["pdf"] == f"{BASE}/move-outs/{s.pk}/pdf/"
    pdf = api.get(r.json()["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert [x["id"] for x in api.get(f"{BASE}/move-outs/").json()["results"]] == [s.pk]
    # No bills in the 3 months before: the service's message, as a 400.
    r = api.post(
        f"{BASE}/move-outs/",
        {"unit": alpha.unit.pk, "move_out_on": "2026-03-12"},
        format="json",
    )
    assert r.status_code == 400 and "직전 3개월" in r.json()["message"]
    r = api.post(
        f"{BASE}/move-outs/", {"unit": beta.unit.pk, "move_out_on": "2026-09-12"}, format="json"
    )
    assert r.status_code == 404
    api.force_authenticate(alpha.council)
    assert api.get(f"{BASE}/move-outs/").status_code == 403
    api.force_authenticate(beta.manager)
    assert api.get(f"{BASE}/move-outs/{s.pk}/").status_code == 404
    assert api.get(f"{BASE}/move-outs/{s.pk}/pdf/").status_code == 404
    assert api.get(f"/api/v1/complexes/beta/move-outs/{s.pk}/pdf/").status_code == 404
