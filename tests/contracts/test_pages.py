"""Office pages of procurements, contracts, renewals and audits: the tender journey through the
pages, confirmation before irreversible steps, outsider 404, resident 403, 390 px friendliness."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from council.contracts import audits, renewals, services
from council.contracts.models import Contract, Procurement

from .helpers import management_contract, resolution, service_contract

pytestmark = pytest.mark.django_db


def u(name, slug, *args):
    return reverse(f"council:{name}", args=[slug, *args])


def _objects(t):
    c = t.complex
    p = services.procurement_create(
        complex=c,
        title="승강기 교체 공사",
        kind="works",
        funding="reserve",
        estimated_amount=150_000_000,
    )
    mc = management_contract(c, end=date(2027, 3, 31))
    sc = service_contract(c, end=date(2027, 3, 31))
    a = audits.auditor_appoint(
        complex=c,
        auditor_name="가회계법인",
        fiscal_year=2025,
        not_disciplined=True,
        not_suspended=True,
        appointed_on=date(2026, 1, 5),
    )
    r = audits.audit_report_create(
        complex=c,
        kind="external",
        title="2025 감사",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        sections={str(k): "해당 없음" for k in range(1, 9)},
        submitted_on=date(2026, 3, 1),
        appointment=a,
        findings=["지적"],
    )
    return {"p": p, "mc": mc, "sc": sc, "report": r, "finding": r.findings.get()}


def _routes(o):
    return [
        ("contracts_home",),
        ("contracts_settings",),
        ("procurement_new",),
        ("procurement_detail", o["p"].pk),
        ("procurement_method", o["p"].pk),
        ("procurement_notice", o["p"].pk),
        ("bid_new", o["p"].pk),
        ("procurement_score", o["p"].pk),
        ("procurement_award", o["p"].pk),
        ("procurement_cancel", o["p"].pk),
        ("contract_new",),
        ("contract_detail", o["mc"].pk),
        ("contract_publish", o["mc"].pk),
        ("recontract_new", o["mc"].pk),
        ("evaluation_new", o["sc"].pk),
        ("restriction_new", o["sc"].pk),
        ("audit_list",),
        ("auditor_new",),
        ("audit_new",),
        ("audit_detail", o["report"].pk),
        ("audit_publish", o["report"].pk),
        ("finding_close", o["finding"].pk),
    ]


def test_outsider_complex_gets_404_everywhere(alpha, beta, as_user):
    """Another complex's office manager: every page of alpha answers 404 (GET and POST)."""
    o = _objects(alpha)
    client = as_user(beta.manager)
    for name, *args in _routes(o):
        assert client.get(u(name, "alpha", *args)).status_code == 404, name
        assert client.post(u(name, "alpha", *args)).status_code == 404, name
    # beta's own slug with alpha's ids: still 404, nothing of alpha shown
    for name, *args in _routes(o):
        if args:
            assert client.get(u(name, "beta", *args)).status_code == 404, name
    assert Procurement.objects.get(pk=o["p"].pk).status == "draft"


def test_resident_gets_403(alpha, as_user):
    o = _objects(alpha)
    client = as_user(alpha.owner)
    for name, *args in _routes(o):
        assert client.get(u(name, "alpha", *args)).status_code == 403, name
    assert client.post(u("contract_publish", "alpha", o["mc"].pk)).status_code == 403
    assert Contract.objects.get(pk=o["mc"].pk).published_at is None


def test_council_member_reads_but_cannot_act(alpha, as_user):
    o = _objects(alpha)
    client = as_user(alpha.council)
    assert client.get(u("contracts_home", "alpha")).status_code == 200
    assert client.get(u("procurement_detail", "alpha", o["p"].pk)).status_code == 200
    assert client.get(u("procurement_new", "alpha")).status_code == 403


def test_tender_journey_through_pages(alpha, as_user, django_capture_on_commit_callbacks):
    """From the notice to the published contract: method (56①), notice, bids, award, contract,
    publication (57③) — the office's pages only."""
    client = as_user(alpha.manager)
    resp = client.post(
        u("procurement_new", "alpha"),
        {
            "title": "외벽 도장 공사",
            "kind": "works",
            "funding": "reserve",
            "estimated_amount": "80000000",
            "notice_days": "10",
        },
    )
    p = Procurement.objects.get(complex=alpha.complex)
    assert resp.status_code == 302 and p.selecting_body == "council"
    # notice before the method resolution: refused with the article, as a form error
    resp = client.post(
        u("procurement_notice", "alpha", p.pk),
        {"bid_deadline": str(timezone.localdate() + timedelta(days=12))},
    )
    assert resp.status_code == 200 and "제56조①" in resp.content.decode()
    r = resolution(alpha.complex, on=timezone.localdate(), yes=6)
    # residents' vote below the threshold: refused (56②)
    resp = client.post(
        u("procurement_method", "alpha", p.pk),
        {"method": "lowest", "resolution": r.pk, "by_vote": "on"},
    )
    assert "제56조②" in resp.content.decode()
    client.post(u("procurement_method", "alpha", p.pk), {"method": "lowest", "resolution": r.pk})
    p.refresh_from_db()
    assert p.award_method == "lowest"
    # notice dated in the past so the deadline can have passed
    services.procurement_publish_notice(
        procurement=p,
        bid_deadline=timezone.localdate() - timedelta(days=1),
        now=timezone.now() - timedelta(days=15),
    )
    for name, no, price in [
        ("가도장", "1", "78000000"),
        ("나도장", "2", "75000000"),
        ("다도장", "3", "79000000"),
    ]:
        assert (
            client.post(
                u("bid_new", "alpha", p.pk),
                {
                    "company_name": name,
                    "business_no": no,
                    "price": price,
                    "credit_scale": "bond",
                    "sanctions": 0,
                    "technicians": 0,
                    "equipment": 0,
                    "record_cases": 0,
                    "plan_mark": 0,
                    "partner_mark": 0,
                },
            ).status_code
            == 302
        )
    assert p.bids.count() == 3
    # the council selects reserve works: award without its resolution is refused
    resp = client.post(u("procurement_award", "alpha", p.pk), {})
    assert "제55조" in resp.content.decode()
    client.post(u("procurement_award", "alpha", p.pk), {"resolution": r.pk})
    p.refresh_from_db()
    assert p.status == "awarded" and p.award_bid.company_name == "나도장"
    resp = client.get(u("contract_new", "alpha") + f"?procurement={p.pk}")
    assert "나도장" in resp.content.decode()
    resp = client.post(
        u("contract_new", "alpha") + f"?procurement={p.pk}",
        {
            "title": "외벽 도장 공사 계약",
            "kind": "works",
            "signed_by": "council",
            "signed_on": "2026-12-01",
            "start": "2026-12-10",
            "end": "2027-02-28",
            "total_amount": "75000000",
        },
    )
    c = Contract.objects.get(complex=alpha.complex)
    assert resp.status_code == 302 and c.counterparty == "나도장"
    # publishing asks first: GET shows the confirmation, changes nothing
    resp = client.get(u("contract_publish", "alpha", c.pk))
    assert resp.status_code == 200 and "되돌릴 수 없습니다" in resp.content.decode()
    c.refresh_from_db()
    assert c.published_at is None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(u("contract_publish", "alpha", c.pk))
    c.refresh_from_db()
    assert c.published_at is not None
    page = client.get(u("contract_detail", "alpha", c.pk)).content.decode()
    assert 'name="viewport"' in page and "나도장" in page


def test_cancel_asks_first(alpha, as_user):
    p = services.procurement_create(
        complex=alpha.complex,
        title="소독 용역",
        kind="service",
        service_category="disinfection",
        funding="fees",
        estimated_amount=1_000_000,
    )
    client = as_user(alpha.manager)
    assert (
        "되돌릴 수 없습니다" in client.get(u("procurement_cancel", "alpha", p.pk)).content.decode()
    )
    p.refresh_from_db()
    assert p.status == "draft"
    client.post(u("procurement_cancel", "alpha", p.pk))
    p.refresh_from_db()
    assert p.status == "cancelled"


def test_recontract_and_evaluation_pages(alpha, as_user):
    client = as_user(alpha.manager)
    mc = management_contract(alpha.complex, end=date(2027, 3, 31))
    late = resolution(alpha.complex, on=date(2027, 1, 31), yes=6)
    data = {
        "resolution": late.pk,
        "posted_from": "2027-02-01",
        "posted_until": "2027-02-10",
        "window_from": "2027-02-01",
        "window_until": "2027-02-05",
        "place": "관리사무소",
        **{f"item_{k}": "내용" for k in range(1, 9)},
    }
    resp = client.post(u("recontract_new", "alpha", mc.pk), data)
    assert resp.status_code == 200 and "60일 전" in resp.content.decode()
    ok = resolution(alpha.complex, on=date(2027, 1, 30), yes=6)
    resp = client.post(u("recontract_new", "alpha", mc.pk), {**data, "resolution": ok.pk})
    assert resp.status_code == 302
    rc = mc.recontracts.get()
    resp = client.post(
        u("opinion_new", "alpha", rc.pk),
        {
            "unit": alpha.unit.pk,
            "choice": "disagree",
            "signer": "김입주",
            "signed_on": "2027-02-03",
        },
    )
    assert resp.status_code == 302
    assert renewals.tally(rc)["objections"] == 1
    page = client.get(u("recontract_detail", "alpha", rc.pk)).content.decode()
    assert "1세대 이상이면" in page

    sc = service_contract(alpha.complex, end=date(2027, 3, 31))
    from council.contracts.evaluation import TEMPLATES

    form = {"evaluated_on": "2027-02-14"}
    for i in range(3):
        form[f"e{i}_name"] = f"평가{i}"
        form.update({f"e{i}_{code}": m for code, _, m in TEMPLATES["cleaning"]})
    assert (
        client.post(
            u("evaluation_new", "alpha", sc.pk), {**form, "evaluated_on": "2027-02-15"}
        ).status_code
        == 200
    )
    assert client.post(u("evaluation_new", "alpha", sc.pk), form).status_code == 302
    ev = sc.evaluations.get()
    assert ev.score == 100
    pdf = client.get(u("evaluation_pdf", "alpha", ev.pk))
    assert pdf["Content-Type"] == "application/pdf"


def test_audit_pages(alpha, as_user):
    client = as_user(alpha.manager)
    resp = client.post(
        u("auditor_new", "alpha"),
        {
            "auditor_name": "가회계법인",
            "fiscal_year": 2025,
            "appointed_on": "2026-01-05",
            "not_suspended": "on",
        },
    )
    assert resp.status_code == 200 and "제91조" in resp.content.decode()
    client.post(
        u("auditor_new", "alpha"),
        {
            "auditor_name": "가회계법인",
            "fiscal_year": 2025,
            "appointed_on": "2026-01-05",
            "not_suspended": "on",
            "not_disciplined": "on",
        },
    )
    from council.contracts.models import AuditorAppointment, AuditReport

    a = AuditorAppointment.objects.get(complex=alpha.complex)
    data = {
        "kind": "external",
        "appointment": a.pk,
        "title": "2025 회계감사",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "submitted_on": "2026-03-01",
        "findings": "예비비 증빙\n잡수입 계정",
        **{f"s{k}": "해당 없음" for k in range(1, 9)},
    }
    assert client.post(u("audit_new", "alpha"), data).status_code == 302
    r = AuditReport.objects.get(complex=alpha.complex)
    assert r.findings.count() == 2
    client.post(u("audit_publish", "alpha", r.pk))
    r.refresh_from_db()
    assert r.published_at
