"""Residents' record inspection and copy requests (제64조②): one record at a time, inspection at
once, copies within 2 days of paying the fee (장당 흑백·칼라 per complex), already-published
documents excluded, the copy fee recorded as misc income (제64조⑤)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from disclosure import services
from disclosure.models import RecordRequest, RequestStatus

pytestmark = pytest.mark.django_db


def url(name, tenant, **kw):
    return reverse(f"disclosure:{name}", kwargs={"slug": tenant.complex.slug, **kw})


def test_copy_request_fee_and_two_day_deadline(alpha):
    req = services.record_request_file(
        complex=alpha.complex,
        requester=alpha.owner,
        kind="copy",
        record_kind="contracts",
        record="2026년 경비용역 계약서",
    )
    with pytest.raises(ApplicationError):
        services.record_request_done(request=req)  # not before the fee is paid
    req = services.record_request_quote(request=req, pages=12)
    assert (req.fee, req.status) == (600, RequestStatus.FEE_DUE)  # 12 × 50원 (흑백 default)
    req = services.record_request_paid(request=req, paid_on=date(2026, 11, 20))
    assert req.due_on == date(2026, 11, 22)  # 납부한 날부터 2일 이내
    from fees.models import MiscIncome

    income = MiscIncome.objects.get(complex=alpha.complex)
    assert (income.amount, income.period) == (600, date(2026, 11, 1))
    assert (
        services.record_request_done(request=req, answer="사본 교부").status == RequestStatus.DONE
    )


def test_colour_copies_cost_the_colour_rate(alpha):
    s = services.settings_for(alpha.complex)
    s.copy_fee_colour = 300
    s.save()
    req = services.record_request_file(
        complex=alpha.complex,
        requester=alpha.owner,
        kind="copy",
        record_kind="photos",
        record="보수 사진",
        colour=True,
    )
    assert services.record_request_quote(request=req, pages=3).fee == 900


def test_inspection_is_done_at_once(alpha):
    req = services.record_request_file(
        complex=alpha.complex,
        requester=alpha.owner,
        kind="inspect",
        record_kind="minutes",
        record="10월 회의록 녹음",
    )
    with pytest.raises(ApplicationError):
        services.record_request_quote(request=req, pages=1)
    assert services.record_request_done(request=req).status == RequestStatus.DONE


def test_published_documents_are_excluded(alpha):
    services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        title="제10차 정기회의 회의록",
        event_on=date(2026, 10, 7),
        published_at=timezone.now(),
    )
    with pytest.raises(ApplicationError) as e:
        services.record_request_file(
            complex=alpha.complex,
            requester=alpha.owner,
            kind="copy",
            record_kind="minutes",
            record="제10차 정기회의 회의록",
        )
    assert "이미 공개된 자료" in e.value.message


def test_resident_files_and_office_handles_through_pages(alpha, as_user):
    c = as_user(alpha.owner)
    r = c.post(
        url("my_requests", alpha),
        {"kind": "copy", "record_kind": "accounts", "record": "2026년 9월 관리비 회계서류"},
    )
    assert r.status_code == 302
    req = RecordRequest.objects.get(complex=alpha.complex)
    assert "2026년 9월 관리비 회계서류" in c.get(url("my_requests", alpha)).content.decode()
    office = as_user(alpha.manager)
    office.post(url("request_detail", alpha, pk=req.pk), {"action": "quote", "pages": "4"})
    office.post(
        url("request_detail", alpha, pk=req.pk), {"action": "paid", "paid_on": "2026-11-20"}
    )
    req.refresh_from_db()
    assert (req.fee, req.status, req.due_on) == (200, RequestStatus.PAID, date(2026, 11, 22))


def test_roles(alpha, beta, as_user):
    req = services.record_request_file(
        complex=alpha.complex,
        requester=alpha.owner,
        kind="inspect",
        record_kind="minutes",
        record="회의록",
    )
    assert (
        as_user(alpha.council).get(url("my_requests", alpha)).status_code == 403
    )  # not a resident
    assert as_user(alpha.owner).get(url("request_list", alpha)).status_code == 403
    assert as_user(alpha.owner).get(url("request_detail", alpha, pk=req.pk)).status_code == 403
    assert as_user(beta.manager).get(url("request_detail", beta, pk=req.pk)).status_code == 404
    # another resident of the same complex does not see alpha.owner's requests
    assert (
        "회의록"
        not in as_user(alpha.lessee)
        .get(url("my_requests", alpha))
        .content.decode()
        .split("내 요청")[1]
    )
