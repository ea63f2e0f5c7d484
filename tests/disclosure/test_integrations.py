"""The other apps record their publications through one call at their completion points."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from disclosure import integrations
from disclosure.duties import Status
from disclosure.models import Publication

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def test_a_statutory_notice_is_recorded_with_its_own_deadline(alpha):
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
    residents_services.notice_save(notice=meeting_notice, by=alpha.manager)
    p = Publication.objects.get(complex=alpha.complex, duty="council_meeting_notice")
    assert p.due_on == meeting_notice.due_on and p.status == Status.ON_TIME
    assert p.source_label == "residents.Notice" and p.source_id == meeting_notice.pk
    residents_services.notice_save(notice=meeting_notice, by=alpha.manager)  # edited: same entry
    assert Publication.objects.filter(complex=alpha.complex).count() == 1


def test_a_monthly_notice_fills_the_expected_entry(alpha):
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
    residents_services.notice_save(notice=notice, by=alpha.manager)
    p = Publication.objects.get(complex=alpha.complex, duty="misc_income")
    assert p.period == date(2026, 11, 1) and p.status == Status.ON_TIME
    assert p.due_on == date(2026, 12, 31)


def test_other_notice_kinds_are_not_duties(alpha):
    from residents import services as residents_services
    from residents.models import Notice

    notice = Notice(complex=alpha.complex, title="승강기 점검 안내", body="10시~12시")
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
