"""API under /api/v1/complexes/<slug>/procurements/, /contracts/, /recontracts/, /evaluations/,
/audit-reports/: the tender from notice to published contract, rules as 400 with a message,
outsider 404, resident 403, a pinned query count on the list."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.contracts import services
from council.contracts.models import Procurement

from .helpers import management_contract, resolution, service_contract

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/{}/"


def test_tender_from_notice_to_published_contract(alpha, api, django_capture_on_commit_callbacks):
    api.force_authenticate(alpha.manager)
    b = BASE.format("alpha")
    resp = api.post(
        b + "procurements/",
        {
            "title": "청소 용역",
            "kind": "service",
            "service_category": "cleaning",
            "funding": "fees",
            "estimated_amount": 60_000_000,
        },
        format="json",
    )
    assert resp.status_code == 201, resp.data
    pk = resp.data["id"]
    assert resp.data["selecting_body"] == "office"
    deadline = str(timezone.localdate() + timedelta(days=12))
    resp = api.post(b + f"procurements/{pk}/notice/", {"bid_deadline": deadline}, format="json")
    assert resp.status_code == 400 and "제56조①" in resp.data["message"]
    r = resolution(alpha.complex, on=timezone.localdate(), yes=6)
    resp = api.post(
        b + f"procurements/{pk}/method/",
        {"method": "qualification", "resolution": r.pk},
        format="json",
    )
    assert resp.status_code == 200 and resp.data["award_method"] == "qualification"
    p = Procurement.objects.get(pk=pk)
    services.procurement_publish_notice(
        procurement=p,
        bid_deadline=timezone.localdate() - timedelta(days=1),
        now=timezone.now() - timedelta(days=14),
    )
    for name, no, price, mark in [
        ("가미화", "1", 1_000_000, 90),
        ("나미화", "2", 1_022_000, 80),
        ("다미화", "3", 1_100_000, 70),
    ]:
        resp = api.post(
            b + f"procurements/{pk}/bids/",
            {
                "company_name": name,
                "business_no": no,
                "price": price,
                "credit_grade": "AA0",
                "record_cases": 10,
                "plan_mark": mark,
                "partner_mark": mark,
            },
            format="json",
        )
        assert resp.status_code == 200, resp.data
    resp = api.post(b + f"procurements/{pk}/scores/")
    assert resp.status_code == 200
    by = {row["company_name"]: row for row in resp.data}
    assert by["나미화"]["scores"]["price"] == "27.80" and by["가미화"]["scores"]["price"] == "30.00"
    assert by["나미화"]["price_deviation"] == "11/5"
    resp = api.post(b + f"procurements/{pk}/award/", {}, format="json")
    assert resp.status_code == 200 and resp.data["status"] == "awarded"
    assert Procurement.objects.get(pk=pk).award_bid.company_name == "가미화"
    resp = api.post(
        b + "contracts/",
        {
            "procurement": pk,
            "title": "청소 용역 계약",
            "signed_on": "2026-12-01",
            "start": "2027-01-01",
            "end": "2027-12-31",
            "total_amount": 12_000_000,
            "monthly_amount": 1_000_000,
        },
        format="json",
    )
    assert resp.status_code == 201, resp.data
    assert resp.data["counterparty"] == "가미화" and resp.data["publish_due"] == "2027-01-01"
    with django_capture_on_commit_callbacks(execute=True):
        resp = api.post(b + f"contracts/{resp.data['id']}/publish/")
    assert resp.status_code == 200 and resp.data["published_at"]


def test_renewal_and_evaluation_endpoints(alpha, api):
    api.force_authenticate(alpha.manager)
    b = BASE.format("alpha")
    mc = management_contract(alpha.complex, end=date(2027, 3, 31))
    late = resolution(alpha.complex, on=date(2027, 1, 31), yes=6)
    body = {
        "resolution": late.pk,
        "items": {str(k): "내용" for k in range(1, 9)},
        "posted_from": "2027-02-01",
        "posted_until": "2027-02-10",
        "window_from": "2027-02-01",
        "window_until": "2027-02-05",
        "place": "관리사무소",
    }
    resp = api.post(b + f"contracts/{mc.pk}/renewal/", body, format="json")
    assert resp.status_code == 400 and resp.data["extra"]["deadline"] == "2027-01-30"
    ok = resolution(alpha.complex, on=date(2027, 1, 30), yes=6)
    resp = api.post(b + f"contracts/{mc.pk}/renewal/", {**body, "resolution": ok.pk}, format="json")
    assert resp.status_code == 201
    rid = resp.data["id"]
    resp = api.post(
        b + f"recontracts/{rid}/opinions/",
        {"unit": alpha.unit.pk, "choice": "disagree", "signer": "김", "signed_on": "2027-02-02"},
        format="json",
    )
    assert resp.status_code == 200 and resp.data["objections"] == 1 and resp.data["barred"] is True
    sc = service_contract(alpha.complex, end=date(2027, 3, 31))
    from council.contracts.evaluation import TEMPLATES

    sheet = {code: m for code, _, m in TEMPLATES["cleaning"]}
    resp = api.post(
        b + f"contracts/{sc.pk}/evaluation/",
        {
            "template": "cleaning",
            "evaluated_on": "2027-02-14",
            "sheets": [{"name": "가", "scores": sheet}],
        },
        format="json",
    )
    assert resp.status_code == 201 and resp.data["score"] == "100.000"
    resp = api.post(
        b + f"contracts/{mc.pk}/evaluation/",
        {
            "template": "cleaning",
            "evaluated_on": "2027-01-14",
            "sheets": [{"name": "가", "scores": sheet}],
        },
        format="json",
    )
    assert resp.status_code == 400 and "용역사업자" in resp.data["message"]


def test_audit_report_endpoint(alpha, api):
    api.force_authenticate(alpha.manager)
    b = BASE.format("alpha")
    resp = api.post(
        b + "audit-reports/",
        {
            "kind": "auditor",
            "title": "2026 상반기 감사",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "submitted_on": "2026-07-15",
            "sections": {"1": "서면 감사"},
        },
        format="json",
    )
    assert resp.status_code == 400 and resp.data["extra"]["missing"] == [
        str(k) for k in range(2, 9)
    ]
    resp = api.post(
        b + "audit-reports/",
        {
            "kind": "auditor",
            "title": "2026 상반기 감사",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "submitted_on": "2026-07-15",
            "sections": {str(k): "해당 없음" for k in range(1, 9)},
        },
        format="json",
    )
    assert resp.status_code == 201
    assert api.post(b + f"audit-reports/{resp.data['id']}/publish/").status_code == 200


def _ids(t):
    p = services.procurement_create(
        complex=t.complex, title="공사", kind="works", funding="fees", estimated_amount=1
    )
    mc = management_contract(t.complex, end=date(2027, 3, 31))
    return p, mc


def test_outsider_404_and_resident_403(alpha, beta, api):
    p, mc = _ids(alpha)
    urls = [
        "procurements/",
        f"procurements/{p.pk}/",
        f"procurements/{p.pk}/bids/",
        f"procurements/{p.pk}/scores/",
        "contracts/",
        f"contracts/{mc.pk}/",
        "recontracts/",
        "evaluations/",
        "audit-reports/",
    ]
    api.force_authenticate(beta.manager)
    for path in urls:
        assert api.get(BASE.format("alpha") + path).status_code == 404, path
    assert api.post(BASE.format("alpha") + f"contracts/{mc.pk}/publish/").status_code == 404
    # beta's slug with alpha's ids
    assert api.get(BASE.format("beta") + f"procurements/{p.pk}/").status_code == 404
    assert api.post(BASE.format("beta") + f"contracts/{mc.pk}/publish/").status_code == 404
    api.force_authenticate(alpha.owner)
    for path in urls:
        assert api.get(BASE.format("alpha") + path).status_code == 403, path
    assert api.post(BASE.format("alpha") + "procurements/", {}, format="json").status_code == 403
    api.force_authenticate(alpha.council)  # council reads, the office acts
    assert api.get(BASE.format("alpha") + "procurements/").status_code == 200
    assert api.post(BASE.format("alpha") + f"contracts/{mc.pk}/publish/").status_code == 403


def test_list_query_count_is_pinned(alpha, api):
    for i in range(5):
        services.procurement_create(
            complex=alpha.complex,
            title=f"사업 {i}",
            kind="works",
            funding="fees",
            estimated_amount=1,
        )
    api.force_authenticate(alpha.manager)
    api.get(BASE.format("alpha") + "procurements/")  # the complex context is cached after this
    with CaptureQueriesContext(connection) as q5:
        assert api.get(BASE.format("alpha") + "procurements/").status_code == 200
    services.procurement_create(
        complex=alpha.complex, title="사업 6", kind="works", funding="fees", estimated_amount=1
    )
    with CaptureQueriesContext(connection) as q6:
        api.get(BASE.format("alpha") + "procurements/")
    assert len(q6) == len(q5) <= 3
