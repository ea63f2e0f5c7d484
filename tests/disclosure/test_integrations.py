"""The other apps fire a hook at their completion points (core/hooks.py); disclosure's
subscribers record the publication once the write commits."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from disclosure import integrations
from disclosure.duties import Status
from disclosure.models import Publication

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def test_a_statutory_notice_is_recorded_with_its_own_deadline(
    alpha, django_capture_on_commit_callbacks
):
    """residents: a council meeting notice (제28조①) posted on the board with its 게시 기한."""
    from residents import services as residents_services
    from residents.models import Notice

    meeting_notice = Notice(
        complex=alpha.complex,
        title="제12차 정기회의 소집 공고",
        body="일시: 12월 3일 19:30, 안건: 경비 용역 재계약",
        statutory_kind="council_meeting",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):  # recorded once the notice commits
        residents_services.notice_save(notice=meeting_notice, by=alpha.manager)
    p = Publication.objects.get(complex=alpha.complex, duty="council_meeting_notice")
    assert p.due_on == meeting_notice.due_on and p.status == Status.ON_TIME
    assert p.source_label == "residents.Notice" and p.source_id == meeting_notice.pk
    with django_capture_on_commit_callbacks(execute=True):  # edited: same entry
        residents_services.notice_save(notice=meeting_notice, by=alpha.manager)
    assert Publication.objects.filter(complex=alpha.complex).count() == 1


def test_a_monthly_notice_fills_the_expected_entry(alpha, django_capture_on_commit_callbacks):
    """제80조⑦: the misc-income notice posted in December fills November's expected entry."""
    from disclosure import services
    from residents import services as residents_services
    from residents.models import Notice

    services.periodic_duties_expect(complex=alpha.complex, on=date(2026, 12, 2))
    notice = Notice(
        complex=alpha.complex,
        title="11월 잡수입 현황",
        body="재활용품 매각 320,000원",
        statutory_kind="misc_income",
        due_on=date(2026, 12, 31),
        publish_at=datetime(2026, 12, 10, 9, tzinfo=SEOUL),
    )
    with django_capture_on_commit_callbacks(execute=True):
        residents_services.notice_save(notice=notice, by=alpha.manager)
    p = Publication.objects.get(complex=alpha.complex, duty="misc_income")
    assert p.period == date(2026, 11, 1) and p.status == Status.ON_TIME
    assert p.due_on == date(2026, 12, 31)


def test_other_notice_kinds_are_not_duties(alpha, django_capture_on_commit_callbacks):
    from residents import services as residents_services
    from residents.models import Notice

    notice = Notice(complex=alpha.complex, title="승강기 점검 안내", body="10시~12시")
    with django_capture_on_commit_callbacks(execute=True):
        residents_services.notice_save(notice=notice, by=alpha.manager)
    assert not Publication.objects.filter(complex=alpha.complex).exists()


def test_reserve_status_published_fills_the_yearly_entry(alpha):
    """repairs: 별지 6 of 2025 published 2026-03-20 (제79조①: by March 31)."""
    from repairs.models import AnnualStatus

    status = AnnualStatus.objects.create(
        complex=alpha.complex,
        year=2025,
        figures={"적립금 잔액": 1_234_000_000},
        publish_by=date(2026, 3, 31),
        published_at=datetime(2026, 3, 20, 10, tzinfo=SEOUL),
    )
    p = integrations.reserve_status_published(status=status)
    assert (p.period, p.due_on, p.status) == (date(2025, 1, 1), date(2026, 3, 31), Status.ON_TIME)
    assert "1,234,000,000" in p.body


# --- fees: budget, settlement, contingency, misc income (called on commit from fees.services) ---


def _resolution(complex_, **kw):
    from tests.repairs.helpers import resolution

    return resolution(complex_, title="사업계획·예산 승인", **kw)


def test_an_approved_budget_is_published_on_approval(alpha, django_capture_on_commit_callbacks):
    """제64조③10: the business plan and budget are disclosed on approval (due the day of the
    council resolution). fees.services.budget_set calls the adapter on commit; setting the same
    year again updates the one entry of the year."""
    from fees import services as fees_services

    res = _resolution(alpha.complex)
    with django_capture_on_commit_callbacks(execute=True):
        fees_services.budget_set(
            complex=alpha.complex,
            year=2027,
            amounts={"general_admin": 120_000_000, "cleaning": 30_000_000, "misc_income": 5_000},
            resolution=res,
        )
    p = Publication.objects.get(complex=alpha.complex, duty="budget")
    assert p.period == date(2027, 1, 1) and p.is_published
    assert p.due_on == timezone.localdate(res.decided_at) and p.status == Status.ON_TIME
    assert "150,000,000원" in p.body and "잡수입 예산: 5,000원" in p.body
    with django_capture_on_commit_callbacks(execute=True):
        fees_services.budget_set(
            complex=alpha.complex, year=2027, amounts={"cleaning": 31_000_000}, resolution=res
        )
    assert Publication.objects.filter(complex=alpha.complex, duty="budget").count() == 1
    assert "151,000,000원" in Publication.objects.get(pk=p.pk).body


def test_a_budget_without_a_resolution_in_force_is_not_published(
    alpha, django_capture_on_commit_callbacks
):
    """제64조③10 "on approval": a draft budget (no resolution) is not a disclosure; nor is one
    whose resolution was suspended by a reconsideration request (제34조①)."""
    from fees import services as fees_services

    with django_capture_on_commit_callbacks(execute=True):
        fees_services.budget_set(complex=alpha.complex, year=2027, amounts={"cleaning": 1})
    assert integrations.budget_approved(complex=alpha.complex, year=2027) is None
    res = _resolution(alpha.complex)
    res.status = "suspended"
    res.save()
    from fees.models import Budget

    Budget.objects.filter(complex=alpha.complex).update(resolution=res)
    assert integrations.budget_approved(complex=alpha.complex, year=2027) is None
    assert not Publication.objects.filter(complex=alpha.complex, duty="budget").exists()


def test_an_approved_settlement_is_published_once_per_year(alpha):
    """제64조③10: the performance report and settlement on approval. Duck-typed on the fees
    settlement (complex, year, figures, resolution, approved_at); calling again is harmless."""
    from types import SimpleNamespace

    res = _resolution(alpha.complex)
    settlement = SimpleNamespace(
        complex=alpha.complex,
        year=2026,
        figures={"general_admin": 118_500_000, "비고": "예산 대비 98.8%", "detail": {"x": 1}},
        resolution=res,
        approved_at=timezone.now(),
    )
    p = integrations.settlement_approved(settlement=settlement)
    assert (p.duty, p.period, p.status) == ("settlement", date(2026, 1, 1), Status.ON_TIME)
    assert "118,500,000원" in p.body and "예산 대비 98.8%" in p.body and "detail" not in p.body
    integrations.settlement_approved(settlement=settlement)
    assert Publication.objects.filter(complex=alpha.complex, duty="settlement").count() == 1
    settlement.approved_at = None
    assert (
        integrations.settlement_approved(settlement=SimpleNamespace(**{**vars(settlement)})) is None
    )


def test_a_late_settlement_shows_late(alpha):
    """제64조③10: approved 3 days ago and only published today → late (lateness is visible)."""
    from types import SimpleNamespace

    settlement = SimpleNamespace(
        complex=alpha.complex,
        year=2026,
        figures={},
        resolution=None,
        approved_at=timezone.now() - timedelta(days=3),
    )
    assert integrations.settlement_approved(settlement=settlement).status == Status.LATE


def test_a_contingency_use_is_published_when_used(alpha, django_capture_on_commit_callbacks):
    """제80조⑥: the contingency's item, reason and amount are disclosed when it is used;
    fees.services.contingency_record calls the adapter on commit, keyed by the use."""
    from fees import services as fees_services

    with django_capture_on_commit_callbacks(execute=True):
        use = fees_services.contingency_record(
            complex=alpha.complex,
            period=date(2026, 11, 1),
            item="repair_maintenance",
            amount=3_300_000,
            memo="급수펌프 긴급 교체",
            resolution=_resolution(alpha.complex),
        )
    p = Publication.objects.get(complex=alpha.complex, duty="contingency_use")
    assert (p.source_label, p.source_id) == ("fees.ContingencyUse", use.pk)
    assert p.status == Status.ON_TIME and p.due_on == timezone.localdate()
    assert "급수펌프 긴급 교체" in p.body and "3,300,000원" in p.body
    integrations.contingency_used(use=use)
    assert Publication.objects.filter(complex=alpha.complex, duty="contingency_use").count() == 1


def test_misc_income_fills_the_months_entry_due_end_of_next_month(
    alpha, django_capture_on_commit_callbacks
):
    """제80조⑦: misc income (amounts, uses, balance) by the end of the next month. Two incomes of
    November fill one entry, due December 31, with the month's figures; once published it keeps
    its publication time when a late income is recorded."""
    from disclosure import services
    from fees import services as fees_services

    nov = date(2026, 11, 1)
    with django_capture_on_commit_callbacks(execute=True):
        fees_services.misc_income_record(
            complex=alpha.complex, period=nov, kind="recycling", amount=320_000
        )
        fees_services.misc_income_record(
            complex=alpha.complex, period=nov, kind="advertising", amount=80_000
        )
    p = Publication.objects.get(complex=alpha.complex, duty="misc_income")
    assert (p.period, p.due_on, p.published_at) == (nov, date(2026, 12, 31), None)
    assert "재활용품 매각: 320,000원" in p.body and "합계: 400,000원" in p.body
    at = datetime(2026, 12, 31, 18, tzinfo=SEOUL)
    p = services.publication_publish(publication=p, at=at)
    assert p.status == Status.ON_TIME
    with django_capture_on_commit_callbacks(execute=True):
        fees_services.misc_income_record(
            complex=alpha.complex, period=nov, kind="parking", amount=10_000
        )
    p.refresh_from_db()
    assert p.published_at == at and "합계: 410,000원" in p.body
    assert Publication.objects.filter(complex=alpha.complex, duty="misc_income").count() == 1


def test_misc_income_published_the_day_after_next_month_is_late(alpha):
    """제80조⑦ boundary: November's misc income published on January 1 is late."""
    from disclosure import services
    from fees.models import MiscIncome

    MiscIncome.objects.create(
        complex=alpha.complex, period=date(2026, 11, 1), kind="recycling", amount=1
    )
    p = integrations.misc_income_recorded(complex=alpha.complex, period=date(2026, 11, 1))
    p = services.publication_publish(publication=p, at=datetime(2027, 1, 1, 0, 5, tzinfo=SEOUL))
    assert p.status == Status.LATE


# --- the deadline rules at their boundaries, through the adapters the apps call ---------------


def test_a_contract_is_due_within_1_month_of_signing(alpha):
    """제57조③: a contract signed January 31 is due February 28 (the shorter month); published
    that day it is on time, a day later it is late. (repairs calls `contract_signed` on commit.)"""
    from disclosure import services

    signed = date(2027, 1, 31)
    p = integrations.contract_signed(
        complex=alpha.complex,
        source_object=alpha.unit,
        title="옥상 방수 공사",
        contractor="(주)한빛방수",
        amount=38_500_000,
        signed_on=signed,
    )
    assert (p.due_on, p.published_at) == (date(2027, 2, 28), None)
    on_time = services.publication_publish(
        publication=p, at=datetime(2027, 2, 28, 23, 59, tzinfo=SEOUL)
    )
    assert on_time.status == Status.ON_TIME
    Publication.objects.filter(pk=p.pk).update(published_at=None)
    p.refresh_from_db()
    late = services.publication_publish(publication=p, at=datetime(2027, 3, 1, 0, 1, tzinfo=SEOUL))
    assert late.status == Status.LATE


def test_reserve_status_published_april_1_is_late(alpha):
    """제79조①: by March 31 for the previous year — 별지 6 of 2025 published 2026-04-01 is late."""
    from repairs.models import AnnualStatus

    status = AnnualStatus.objects.create(
        complex=alpha.complex,
        year=2025,
        figures={},
        publish_by=date(2026, 3, 31),
        published_at=datetime(2026, 4, 1, 9, tzinfo=SEOUL),
    )
    assert integrations.reserve_status_published(status=status).status == Status.LATE


@pytest.mark.parametrize(("days", "expected"), [(4, Status.SHORT), (5, Status.ON_TIME)])
def test_a_sanction_notice_must_stay_on_the_board_5_days(
    alpha, days, expected, django_capture_on_commit_callbacks
):
    """제64조④: 처분내용을 5일 이상 게시. A sanction notice posted November 1 whose board time
    ends on the 4th day is too short; ending on the 5th day (both ends counted) is enough."""
    from residents import services as residents_services
    from residents.models import Notice

    start = datetime(2026, 11, 1, 9, tzinfo=SEOUL)
    notice = Notice(
        complex=alpha.complex,
        title="과태료 부과 처분 공고",
        body="관리비 회계 처리 미흡에 따른 과태료 부과 (구청)",
        statutory_kind="sanction",
        due_on=date(2026, 11, 1),
        publish_at=start,
        expires_at=start + timedelta(days=days - 1, hours=9),
    )
    with django_capture_on_commit_callbacks(execute=True):
        residents_services.notice_save(notice=notice, by=alpha.manager)
    p = Publication.objects.get(complex=alpha.complex, duty="sanction")
    assert p.posted_until == date(2026, 11, days) and p.status == expected


def test_the_fees_settlement_figures_are_listed(alpha):
    """제64조③10 with the shape fees.YearSettlement keeps (items, totals, misc income
    appropriation per 제80조⑤): the body lists budget and actual per item and the appropriation."""
    from types import SimpleNamespace

    figures = {
        "meta": {"year": 2025, "months": 12, "result": "surplus"},
        "items": [
            {"item": "cleaning", "name": "청소비", "budget": 36_000_000, "actual": 35_100_000},
            {"item": "security", "name": "경비비", "budget": None, "actual": 80_000_000},
        ],
        "totals": {"budget": 36_000_000, "actual": 115_100_000},
        "misc_income": {
            "joint": 9_000_000,
            "owner": 1_000_000,
            "reduction": 7_200_000,
            "contingency": 1_800_000,
        },
    }
    p = integrations.settlement_approved(
        settlement=SimpleNamespace(
            complex=alpha.complex,
            year=2025,
            figures=figures,
            resolution=None,
            approved_at=timezone.now(),
        )
    )
    assert "청소비: 예산 36,000,000원 · 집행 35,100,000원" in p.body
    assert "경비비: 예산 — · 집행 80,000,000원" in p.body
    assert "관리비 차감 적립 (제80조⑤1): 7,200,000원" in p.body
