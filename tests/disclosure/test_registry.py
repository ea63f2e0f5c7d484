"""The publication registry: one call records a publication from any app, statuses follow the
deadline rules (60-disclosure.md table), the daily computation marks missing items, the office
publishes documents by hand only after the masking check, and a month's fees are published with
the reasons for unusual moves."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from disclosure import services
from disclosure.duties import Status
from disclosure.models import FeeSummary, Publication

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=SEOUL)


def test_publication_record_is_one_idempotent_call(alpha):
    """Minutes received Oct 7 (제35조②: due the same day), published Oct 8 → late; recording
    again keeps the first publication time."""
    unit = alpha.unit  # any model instance can be the source
    p = services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        source_object=unit,
        title="제10차 회의록",
        event_on=date(2026, 10, 7),
        published_at=at(2026, 10, 8),
    )
    assert (p.due_on, p.status, p.source_label) == (
        date(2026, 10, 7),
        Status.LATE,
        "complexes.Unit",
    )
    again = services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        source_object=unit,
        event_on=date(2026, 10, 7),
        published_at=at(2026, 10, 9),
    )
    assert again.pk == p.pk and again.published_at == at(2026, 10, 8)
    assert Publication.objects.filter(complex=alpha.complex).count() == 1


def test_publication_published_late_at_night_counts_in_seoul_time(alpha):
    """Published at 23:30 KST on the due day (14:30 UTC) is on time."""
    p = services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        title="회의록",
        event_on=date(2026, 10, 7),
        published_at=at(2026, 10, 7, 23),
    )
    assert p.status == Status.ON_TIME


def test_obligation_becomes_missing_after_its_due_date(alpha):
    """A meeting in 10 days needs its notice 5 days before it (제28조①); nothing published →
    pending until then, missing the day after after the daily computation, late once published."""
    meeting = services.today() + timedelta(days=10)
    p = services.publication_record(
        complex=alpha.complex,
        duty="council_meeting_notice",
        title="제11차 정기회의 소집 공고",
        event_on=meeting,
        published_at=None,
    )
    assert p.status == Status.PENDING and p.due_on == meeting - timedelta(days=5)
    assert services.statuses_refresh(on=p.due_on) == 0
    assert services.statuses_refresh(on=p.due_on + timedelta(days=1)) == 1
    p.refresh_from_db()
    assert p.status == Status.MISSING
    late = services.publication_publish(
        publication=p, at=datetime.combine(meeting - timedelta(days=4), time(9), SEOUL)
    )
    assert late.status == Status.LATE


def test_periodic_items_are_expected_each_month_and_year(alpha):
    """On 2027-02-03: January's fees, misc income and operating costs are due Feb 28 (제78조③,
    제80조⑦, 제37조③); 2026's reserve status is due 2027-03-31 (제79조①)."""
    assert services.periodic_duties_expect(complex=alpha.complex, on=date(2027, 2, 3)) == 4
    assert services.periodic_duties_expect(complex=alpha.complex, on=date(2027, 2, 20)) == 0
    due = dict(Publication.objects.filter(complex=alpha.complex).values_list("duty", "due_on"))
    assert due == {
        "fee_breakdown": date(2027, 2, 28),
        "misc_income": date(2027, 2, 28),
        "council_operating_costs": date(2027, 2, 28),
        "reserve_status": date(2027, 3, 31),
    }


def test_sanction_taken_down_before_5_days_is_short(alpha):
    """제64조④: 5일 이상 게시."""
    p = services.publication_record(
        complex=alpha.complex,
        duty="sanction",
        title="과태료 부과 처분",
        event_on=date(2026, 11, 2),
        published_at=at(2026, 11, 2),
    )
    assert (
        services.publication_take_down(publication=p, on=date(2026, 11, 5)).status == Status.SHORT
    )
    assert (
        services.publication_take_down(publication=p, on=date(2026, 11, 6)).status == Status.ON_TIME
    )
    with pytest.raises(ApplicationError):
        services.publication_take_down(publication=p, on=date(2026, 11, 1))


def test_manual_publication_requires_the_masking_check(alpha):
    """제57조③: a contract is published without the identifiers of 법 제27조②."""
    body = "계약자: 이영희 (010-9876-5432), 주민등록번호 720101-2345678"
    with pytest.raises(ApplicationError) as e:
        services.publication_manual(
            complex=alpha.complex,
            duty="contract",
            title="경비용역 계약서",
            body=body,
            event_on=date(2026, 10, 1),
            masking_confirmed=False,
            by=alpha.manager,
        )
    assert "성명: 이영희" in e.value.extra["found"]
    p = services.publication_manual(
        complex=alpha.complex,
        duty="contract",
        title="경비용역 계약서",
        body=body,
        event_on=date(2026, 10, 1),
        masking_confirmed=True,
        by=alpha.manager,
    )
    assert "이영희" not in p.body and "******-*******" in p.body and "010-****-5432" in p.body


def test_member_names_are_masked_wherever_they_appear(alpha):
    alpha.owner.name = "정하늘"
    alpha.owner.save()
    p = services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        title="회의록",
        body="정하늘 입주자가 질의함",
        event_on=date(2026, 10, 7),
        published_at=at(2026, 10, 7),
    )
    assert p.body == "정*늘 입주자가 질의함"


def test_fee_summary_refresh_from_an_issued_billing_run(alpha, django_capture_on_commit_callbacks):
    """Issuing a billing run fills the month's summaries (totals and per m²) and publishes the
    fee breakdown (제64조③2) when nothing moved unusually."""
    from fees import services as fees_services
    from fees.models import Cost

    period = date(2026, 9, 1)
    fees_services.fee_settings(alpha.complex)
    fees_services.charge_items(alpha.complex)
    Cost.objects.create(complex=alpha.complex, period=period, item="cleaning", amount=144_870)
    with django_capture_on_commit_callbacks(execute=True):
        fees_services.billing_run_issue(
            complex=alpha.complex, period=period, issued_on=date(2026, 10, 5)
        )
    services.fee_summary_refresh(complex=alpha.complex, period=period)  # running again is harmless
    row = FeeSummary.objects.get(complex=alpha.complex, period=period, item="cleaning")
    assert row.total == 144_870
    assert row.per_m2 == Decimal("1000.00")  # 144,870 won / (84.97 + 59.90) m²
    pub = Publication.objects.get(complex=alpha.complex, duty="fee_breakdown", period=period)
    assert pub.is_published and pub.due_on == date(2026, 10, 31)


# --- office pages ---------------------------------------------------------------------------


def url(name, tenant, **kw):
    return reverse(f"disclosure:{name}", kwargs={"slug": tenant.complex.slug, **kw})


def test_registry_pages_are_office_only(alpha, as_user):
    p = services.publication_record(
        complex=alpha.complex,
        duty="contract",
        title="청소 계약",
        event_on=date(2026, 10, 1),
        published_at=None,
    )
    for user in (alpha.owner, alpha.council, alpha.committee):
        c = as_user(user)
        assert c.get(url("registry", alpha)).status_code == 403
        assert c.get(url("publication_detail", alpha, pk=p.pk)).status_code == 403
    c = as_user(alpha.manager)
    body = c.get(url("registry", alpha)).content.decode()
    assert "청소 계약" in body


def test_other_complex_entry_is_404(alpha, beta, as_user):
    p = services.publication_record(
        complex=alpha.complex,
        duty="contract",
        title="청소 계약",
        event_on=date(2026, 10, 1),
        published_at=None,
    )
    assert as_user(beta.manager).get(url("publication_detail", beta, pk=p.pk)).status_code == 404


def test_office_publishes_by_hand_with_preview(alpha, as_user):
    c = as_user(alpha.manager)
    data = {
        "duty": "contract",
        "title": "승강기 유지보수 계약",
        "event_on": "2026-10-01",
        "body": "담당자: 최민준 010-1111-2222",
    }
    r = c.post(url("publication_create", alpha), data)
    body = r.content.decode()
    assert r.status_code == 200 and "가린 내용을 확인한 뒤" in body and "최*준" in body
    r = c.post(url("publication_create", alpha), {**data, "masking_confirmed": "on"})
    assert r.status_code == 302
    p = Publication.objects.get(complex=alpha.complex, title="승강기 유지보수 계약")
    assert "최민준" not in p.body and p.published_at


def test_fee_month_page_takes_reasons_then_publishes(alpha, as_user):
    services.fee_summaries_store(
        complex=alpha.complex,
        period=date(2026, 8, 1),
        totals={"security": 1_000_000},
        area=Decimal(100),
    )
    services.fee_summaries_store(
        complex=alpha.complex,
        period=date(2026, 9, 1),
        totals={"security": 1_150_000},
        area=Decimal(100),
    )
    c = as_user(alpha.manager)
    page = url("fee_month", alpha, period="2026-09")
    assert "전월 대비 +15.0%" in c.get(page).content.decode()
    c.post(page, {"action": "publish"})
    assert not Publication.objects.filter(
        complex=alpha.complex, duty="fee_breakdown", published_at__isnull=False
    ).exists()
    c.post(
        page,
        {
            "action": "publish",
            "reason_security": "경비 인력 1명 증원",
            "reason_total": "경비비 증가",
        },
    )
    pub = Publication.objects.get(complex=alpha.complex, duty="fee_breakdown")
    assert pub.is_published
    assert (
        FeeSummary.objects.get(
            complex=alpha.complex, period=date(2026, 9, 1), item="security"
        ).reason
        == "경비 인력 1명 증원"
    )


def test_registry_api_for_office_and_district(alpha, beta, official, api):
    services.publication_record(
        complex=alpha.complex,
        duty="contract",
        title="청소 계약",
        event_on=date(2026, 10, 1),
        published_at=None,
    )
    path = "/api/v1/complexes/alpha/disclosures/"
    for user, code in (
        (alpha.manager, 200),
        (official, 200),
        (alpha.owner, 403),
        (beta.manager, 404),
    ):
        api.force_authenticate(user)
        assert api.get(path).status_code == code, user
    api.force_authenticate(alpha.staff)
    rows = api.get(path, {"status": "missing"}).json()["results"]
    assert [r["title"] for r in rows] == ["청소 계약"]
    assert api.post(path, {}).status_code == 405
