"""Celery reminders (tasks run eagerly in tests): each due once, a second run sends nothing."""

from datetime import date, timedelta

import pytest
from django.core import mail

from council import services
from council.models import ConveneRequest, MeetingKind, Office
from council.reminders import due_reminders, send_due_reminders
from council.tasks import council_reminders
from tests.council.helpers import held_meeting, kst, make_council

pytestmark = pytest.mark.django_db


def kinds(complex_, today):
    return sorted(r.kind for r in due_reminders(complex=complex_, today=today))


def test_notice_due_on_the_last_day(alpha):
    """Art. 28①: meeting on the 15th → the notice is due on the 10th; reminded from then."""
    services.meeting_create(
        complex=alpha.complex, kind=MeetingKind.REGULAR, starts_at=kst(2026, 12, 15),
        place="회의실", now=kst(2026, 12, 1),
    )  # fmt: skip
    assert kinds(alpha.complex, date(2026, 12, 9)) == []
    assert kinds(alpha.complex, date(2026, 12, 10)) == ["notice_due"]


def test_speech_record_due_5_days_after(alpha):
    """Art. 35①: 발언록 within 5 days (rule 5: the deadline is meeting day + 5)."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, _ = held_meeting(alpha.complex, reps, on=date(2026, 11, 2), items=1)
    services.minutes_for(meeting=meeting)
    assert "speech_due" not in kinds(alpha.complex, date(2026, 11, 5))
    assert "speech_due" in kinds(alpha.complex, date(2026, 11, 6))
    services.minutes_record_speech(meeting=meeting, speech_record="발언", item_details="")
    assert "speech_due" not in kinds(alpha.complex, date(2026, 11, 8))


def test_convene_request_overdue_names_the_eldest_director(alpha):
    """Art. 26①: not convened within 14 days → the eldest director convenes."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    for rep, year in zip(reps[1:], (1955, 1962), strict=True):
        rep.birth_year = year
        rep.save()
        services.officer_appoint(
            representative=rep, office=Office.DIRECTOR, starts_on=date(2025, 7, 1)
        )
    ConveneRequest.objects.create(
        complex=alpha.complex, requester="office", reason="누수", received_on=date(2026, 11, 1)
    )
    assert "convene_overdue" not in kinds(alpha.complex, date(2026, 11, 15))
    reminders = due_reminders(complex=alpha.complex, today=date(2026, 11, 16))
    text = next(r.body for r in reminders if r.kind == "convene_overdue")
    assert reps[1].name in text


def test_by_election_due_within_60_days_and_sent_once(alpha):
    """Art. 24: a vacancy → by-election within 60 days; the task sends each reminder once."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.representative_end(representative=reps[2], on=date(2026, 10, 1), reason="사퇴")
    reminders = due_reminders(complex=alpha.complex, today=date(2026, 10, 2))
    body = next(r.body for r in reminders if r.kind == "by_election")
    assert str(date(2026, 10, 1) + timedelta(days=60)) in body
    mail.outbox.clear()
    assert send_due_reminders(complex=alpha.complex, today=date(2026, 10, 2)) >= 1
    sent = len(mail.outbox)
    assert mail.outbox[0].to == ["manager@alpha.test"]
    assert send_due_reminders(complex=alpha.complex, today=date(2026, 10, 3)) == 0
    council_reminders.delay()  # eager in tests: runs every complex, sends nothing new today
    assert len(mail.outbox) == sent
