"""What the office should be reminded of today (the Celery beat runs `send_due_reminders`).

- Art. 28①: a meeting's notice must go out 5 days before — reminded on the last day.
- Art. 35①: the speech record and item details are due 5 days after the meeting.
- Art. 26①: a request to convene not acted on within 14 days — the eldest director convenes.
- Art. 24: a vacancy needs a by-election within 60 days (30 for the chair or an auditor).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from complexes.models import Role
from complexes.selectors import office_users
from residents.notifications.services import notify

from . import selectors
from .models import (
    ConveneRequest,
    Meeting,
    MeetingStatus,
    Office,
    Officer,
    ReminderLog,
    Representative,
)

CONVENE_DAYS = 14  # Art. 26①
BY_ELECTION_DAYS = 60  # Art. 24①
OFFICER_BY_ELECTION_DAYS = 30  # Art. 24①


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    title: str
    body: str


def due_reminders(*, complex, today: date) -> list[Reminder]:
    out = []
    for m in Meeting.objects.filter(complex=complex, status=MeetingStatus.DRAFT):
        last_notice_day = timezone.localdate(m.starts_at) - timedelta(days=5)
        if last_notice_day <= today <= timezone.localdate(m.starts_at):
            out.append(
                Reminder(
                    "notice_due",
                    str(m.pk),
                    f"{m.title} 소집 통지 마감",
                    f"{m.title}({timezone.localdate(m.starts_at)})의 소집 통지는 "
                    f"{last_notice_day}까지 보내야 합니다 (관리규약 제28조①).",
                )
            )
    for m in Meeting.objects.filter(
        complex=complex, status=MeetingStatus.HELD, minutes__speech_received_at__isnull=True
    ):
        due = timezone.localdate(m.starts_at) + timedelta(days=5)
        if today >= due - timedelta(days=1):
            out.append(
                Reminder(
                    "speech_due",
                    str(m.pk),
                    f"{m.title} 발언록 제출 기한",
                    f"{m.title}의 발언록·안건세부명세는 {due}까지 관리주체에 통보해야 합니다 "
                    "(관리규약 제35조①).",
                )
            )
    # "convene" means sending the notice (40-council.md rule 5)
    open_requests = ConveneRequest.objects.filter(complex=complex).filter(
        Q(meeting__isnull=True) | Q(meeting__notice_sent_at__isnull=True)
    )
    for req in open_requests:
        deadline = req.received_on + timedelta(days=CONVENE_DAYS)
        if today > deadline:
            eldest = _eldest_director(complex, today)
            out.append(
                Reminder(
                    "convene_overdue",
                    str(req.pk),
                    "회의 소집 요구 14일 경과",
                    f"{req.received_on}에 접수한 {req.get_requester_display()}의 회의 소집 요구를 "
                    f"회장이 {deadline}까지 소집하지 않았습니다. 이사 중 연장자"
                    f"{f'({eldest.name})' if eldest else ''}가 소집할 수 있습니다 (관리규약 제26조①).",
                )
            )
    for ward, since in vacancies_since(complex=complex, today=today):
        due = since + timedelta(days=BY_ELECTION_DAYS)
        out.append(
            Reminder(
                "by_election",
                f"ward-{ward.pk}-{since}",
                f"{ward.name} 보궐선거 기한",
                f"{ward.name}은(는) {since}부터 동별 대표자가 없습니다. 보궐선거를 {due}까지 "
                "실시해야 합니다 (관리규약 제24조; 정원의 3분의 2 이상이 선출된 경우 생략 가능).",
            )
        )
    held = {o.office for o in Officer.objects.filter(complex=complex, ends_on__isnull=True)}
    for office in (Office.CHAIR, Office.AUDITOR):
        if office not in held and selectors.seated_reps(complex=complex, day=today):
            last = (
                Officer.objects.filter(complex=complex, office=office, ends_on__isnull=False)
                .order_by("-ends_on")
                .first()
            )
            if last:
                due = last.ends_on + timedelta(days=OFFICER_BY_ELECTION_DAYS)
                out.append(
                    Reminder(
                        "officer_vacancy",
                        f"{office}-{last.ends_on}",
                        f"{Office(office).label} 보궐선거 기한",
                        f"{Office(office).label} 자리가 {last.ends_on}부터 비어 있습니다. "
                        f"{due}까지 보궐선거를 실시해야 합니다 (관리규약 제24조).",
                    )
                )
    return out


def vacancies_since(*, complex, today: date):
    """(ward, first vacant day) for wards without a seated rep that had one before."""
    result = []
    for ward in selectors.vacancies(complex=complex, day=today):
        last = (
            Representative.objects.filter(complex=complex, ward=ward, term_start__lte=today)
            .order_by("-term_start")
            .first()
        )
        if last:
            result.append((ward, last.last_day() + timedelta(days=1)))
    return result


def _eldest_director(complex, today):
    directors = [
        o.representative
        for o in Officer.objects.filter(
            complex=complex, office=Office.DIRECTOR, ends_on__isnull=True
        ).select_related("representative")
        if o.representative.seated_on(today) and o.representative.birth_year
    ]
    return min(directors, key=lambda r: r.birth_year, default=None)


def send_due_reminders(*, complex, today: date | None = None) -> int:
    """Email each due reminder once to the office (ReminderLog makes a second run harmless)."""
    today = today or timezone.localdate()
    to = office_users(complex_id=complex.pk, roles=[Role.MANAGER])
    sent = 0
    for r in due_reminders(complex=complex, today=today):
        try:
            with transaction.atomic():
                ReminderLog.objects.create(complex=complex, kind=r.kind, key=r.key)
        except IntegrityError:
            continue
        if to:
            notify(
                kind="council_reminder",
                complex=complex,
                to=to,
                context={"complex": complex, "title": r.title, "body": r.body},
            )
        sent += 1
    return sent
