"""Publication (70-procurement.md "Publication duties"): the registry records the bid notice and
award (64③8), the contract duty from signing and its masked copy (57③), the re-contract notice
(58①) and the audit report (19⑤, 64③9); the public API and page show tenders with scores,
contracts, renewals and audits — no person's data."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from council.contracts import audits, renewals, services
from disclosure.models import Publication

from .helpers import management_contract, resolution

pytestmark = pytest.mark.django_db


def _awarded(c, capture):
    with capture(execute=True):
        p = services.procurement_create(
            complex=c,
            title="경비 용역",
            kind="service",
            service_category="security",
            funding="fees",
            estimated_amount=40_000_000,
        )
        services.procurement_set_method(
            procurement=p, method="lowest", resolution=resolution(c, on=timezone.localdate(), yes=6)
        )
        p = services.procurement_publish_notice(
            procurement=p,
            bid_deadline=timezone.localdate() - timedelta(days=1),
            now=timezone.now() - timedelta(days=12),
        )
    services.bid_record(
        procurement=p,
        company_name="든든경비",
        business_no="1",
        price=38_000_000,
        representative="홍길동",
    )
    services.bid_record(procurement=p, company_name="안심경비", business_no="2", price=39_000_000)
    with capture(execute=True):
        p = services.procurement_award(procurement=p)
    return p


def test_registry_follows_the_tender(alpha, django_capture_on_commit_callbacks):
    p = _awarded(alpha.complex, django_capture_on_commit_callbacks)
    pubs = Publication.objects.filter(complex=alpha.complex, duty="bid_notice")
    assert pubs.count() == 2  # the notice and the result
    result = pubs.get(title__contains="낙찰 결과")
    assert "든든경비" in result.body and "홍길동" not in result.body
    with django_capture_on_commit_callbacks(execute=True):
        c = services.contract_create(
            complex=alpha.complex,
            procurement=p,
            title="경비 용역 계약",
            counterparty="",
            signed_on=date(2026, 1, 31),
            start=date(2026, 2, 1),
            end=date(2027, 1, 31),
            total_amount=38_000_000,
            body="담당 연락처 010-9876-5432",
        )
    duty = Publication.objects.get(complex=alpha.complex, duty="contract")
    assert duty.published_at is None and duty.due_on == date(2026, 2, 28)
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_publish(contract=c)
    duty.refresh_from_db()
    assert duty.published_at and "010-9876-5432" not in duty.body and "든든경비" in duty.body


def test_recontract_notice_and_audit_recorded(alpha, django_capture_on_commit_callbacks):
    mc = management_contract(alpha.complex, end=date(2027, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        r = renewals.recontract_start(
            contract=mc,
            resolution=resolution(alpha.complex, on=date(2027, 1, 20), yes=6),
            items={str(k): f"사항 {k}" for k in range(1, 9)},
            posted_from=date(2027, 1, 21),
            posted_until=date(2027, 1, 30),
            window_from=date(2027, 1, 21),
            window_until=date(2027, 1, 25),
            place="관리사무소",
        )
    pub = Publication.objects.get(complex=alpha.complex, duty="recontract_notice")
    assert pub.posted_until == date(2027, 1, 30) and "사항 8" in pub.body
    a = audits.auditor_appoint(
        complex=alpha.complex,
        auditor_name="가회계법인",
        fiscal_year=2026,
        not_disciplined=True,
        not_suspended=True,
        appointed_on=date(2027, 1, 2),
    )
    rep = audits.audit_report_create(
        complex=alpha.complex,
        kind="external",
        title="2026 외부회계감사",
        appointment=a,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        sections={str(k): "해당 없음" for k in range(1, 9)},
        submitted_on=date(2027, 3, 15),
        opinion="적정",
    )
    with django_capture_on_commit_callbacks(execute=True):
        audits.audit_report_publish(report=rep)
    assert (
        Publication.objects.get(complex=alpha.complex, duty="external_audit").title
        == "2026 외부회계감사"
    )
    assert r.pk


def test_public_api_and_page(alpha, client, django_capture_on_commit_callbacks):
    p = _awarded(alpha.complex, django_capture_on_commit_callbacks)
    draft = services.procurement_create(
        complex=alpha.complex, title="비공개 초안", kind="works", funding="fees", estimated_amount=1
    )
    resp = client.get("/api/v1/public/complexes/alpha/tenders/")
    assert resp.status_code == 200
    rows = resp.json()["results"] if isinstance(resp.json(), dict) else resp.json()
    assert [t["title"] for t in rows] == ["경비 용역"]
    assert rows[0]["winner"] == "든든경비"
    assert {b["company_name"] for b in rows[0]["bids"]} == {"든든경비", "안심경비"}
    assert "홍길동" not in resp.content.decode() and "business_no" not in resp.content.decode()
    c = services.contract_create(
        complex=alpha.complex,
        procurement=p,
        title="경비 계약",
        counterparty="",
        signed_on=date(2026, 1, 31),
        start=date(2026, 2, 1),
        end=date(2027, 1, 31),
        total_amount=38_000_000,
    )
    assert client.get("/api/v1/public/complexes/alpha/contracts/").json() in (
        [],
        {"count": 0, "next": None, "previous": None, "results": []},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_publish(contract=c)
    assert "경비 계약" in client.get("/api/v1/public/complexes/alpha/contracts/").content.decode()
    for path in ("renewals", "audits"):
        assert client.get(f"/api/v1/public/complexes/alpha/{path}/").status_code == 200
    page = client.get("/public/alpha/contracts/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "든든경비" in html and "비공개 초안" not in html and draft.pk
    assert client.get("/api/v1/public/complexes/nowhere/tenders/").status_code == 404


def test_district_contracts_view(alpha, beta, official, client, outsider):
    """District officials: contracts not published within a month, renewals without the 60-day
    notice, audits missing — across their complexes; others get 404."""
    from complexes.models import Complex

    Complex.objects.filter(pk__in=[alpha.complex.pk, beta.complex.pk]).update(district_code="11680")
    services.contract_create(
        complex=alpha.complex,
        kind="works",
        title="방수 공사 계약",
        counterparty="가나방수",
        signed_on=date(2020, 1, 1),
        start=date(2020, 1, 2),
        end=date(2020, 3, 1),
        total_amount=1,
    )
    management_contract(beta.complex, end=timezone.localdate() + timedelta(days=30))
    client.force_login(official)
    html = client.get("/district/11680/contracts/").content.decode()
    assert "방수 공사 계약" in html and "위탁관리 계약" in html
    client.force_login(outsider)
    assert client.get("/district/11680/contracts/").status_code == 404
