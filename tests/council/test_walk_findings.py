"""Walk findings of issue [4/9]: an urgent meeting's shortened notice (Art. 28① 단서) is not
"late" on the district dashboard, and the district CSV shows times in Asia/Seoul."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from council import services
from council.models import MeetingKind, NoticeException
from disclosure.models import Publication
from disclosure.services import publication_record
from tests.council.helpers import make_council

pytestmark = pytest.mark.django_db
KST = ZoneInfo("Asia/Seoul")


def _meeting(alpha, *, days_ahead, exception="", reason=""):
    starts = timezone.now() + timedelta(days=days_ahead)
    meeting = services.meeting_create(
        complex=alpha.complex,
        kind=MeetingKind.EXTRAORDINARY,
        starts_at=starts,
        place="관리동",
        notice_exception=exception,
        notice_exception_reason=reason,
    )
    item = services.item_propose(
        complex=alpha.complex, by=None, proposer_kind="manager", proposer_name="소장",
        title="승강기 수리", motion="수리한다", reason="고장", content="",
    )  # fmt: skip
    services.item_submit(item=item)
    services.item_schedule(item=item, meeting=meeting)
    return meeting


def test_urgent_meeting_notice_is_on_time_not_late(alpha, django_capture_on_commit_callbacks):
    """Art. 28① 단서: an emergency meeting noticed 1 day ahead, the reason recorded, is on time;
    its notice is due by the meeting day, not 5 days before."""
    make_council(alpha.complex, seats=3, seated=3)
    meeting = _meeting(
        alpha, days_ahead=1, exception=NoticeException.EMERGENCY, reason="승강기 안전사고"
    )
    with django_capture_on_commit_callbacks(execute=True):  # disclosure records after commit
        services.meeting_send_notice(meeting=meeting)
    pub = Publication.objects.get(complex=alpha.complex, duty="council_meeting_notice")
    assert pub.due_on == timezone.localdate(meeting.starts_at)
    assert pub.status == "on_time"
    assert "승강기 안전사고" in pub.body


def test_regular_notice_keeps_the_five_day_deadline(alpha, django_capture_on_commit_callbacks):
    """Art. 28① (contrast): without an exception the notice is due 5 days before the meeting."""
    make_council(alpha.complex, seats=3, seated=3)
    meeting = _meeting(alpha, days_ahead=7)
    with django_capture_on_commit_callbacks(execute=True):  # disclosure records after commit
        services.meeting_send_notice(meeting=meeting)
    pub = Publication.objects.get(complex=alpha.complex, duty="council_meeting_notice")
    assert pub.due_on == timezone.localdate(meeting.starts_at) - timedelta(days=5)
    assert pub.status == "on_time"


def test_district_csv_times_are_in_seoul(alpha, official, as_user):
    """Every time exported is Asia/Seoul: a notice published 2026-03-01 23:30 KST (14:30 UTC)
    reads 2026-03-01T23:30+09:00, not the UTC instant."""
    alpha.complex.district_code = "11680"
    alpha.complex.save(update_fields=["district_code"])
    at = datetime(2026, 3, 1, 23, 30, tzinfo=KST)
    publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        title="제1차 회의록",
        event_on=at.date(),
        published_at=at,
    )
    body = as_user(official).get(reverse("district_export", args=["11680"])).content.decode()
    assert "2026-03-01T23:30+09:00" in body
    assert "14:30" not in body
