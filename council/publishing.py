"""Recording the council's statutory publications in the disclosure app (60-disclosure.md):
the meeting notice (Art. 28①), the minutes (Art. 35②) and the monthly operating-cost ledger
(Art. 37③). One adapter per publication; the disclosure app masks the body again.

The import is lazy (like elections/integrations.py): the council works whether or not the
disclosure app is installed; without it nothing is recorded there.
"""

from django.utils import timezone

from core.masking import mask

from . import selectors


def _record(**kwargs):
    from disclosure.services import publication_record  # disclosure reads council: when used

    return publication_record(**kwargs)


def _rep_names(complex, day):
    return [r.name for r in selectors.seated_reps(complex=complex, day=day)]


def meeting_notice(*, meeting, items, now):
    """Art. 28①: the office posts the notice on the board and the portal, 5 days before the
    meeting — except a meeting reconvened for the same purpose or an emergency with the reason
    recorded (Art. 28① 단서): its shortened notice is due by the meeting day itself, so the
    district dashboard does not flag it "late"."""
    day = timezone.localdate(meeting.starts_at)
    due = day if meeting.notice_exception else None
    lines = [
        f"{meeting.title}를 다음과 같이 소집합니다.",
        f"일시: {timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}",
        f"장소: {meeting.place}",
        "안건:",
        *(f"  {n}. {item}" for n, item in enumerate(items, 1)),
    ]
    if meeting.notice_exception:
        lines.append(
            f"통지기간 예외: {meeting.get_notice_exception_display()} — "
            f"{meeting.notice_exception_reason}"
        )
    return _record(
        complex=meeting.complex,
        duty="council_meeting_notice",
        source_object=meeting,
        title=f"{meeting.title} 소집 공고",
        event_on=day,
        published_at=now,
        body="\n".join(lines),
        due=due,
    )


def minutes_text(*, minutes) -> str:
    meeting = minutes.meeting
    day = timezone.localdate(meeting.starts_at)
    q = selectors.quorum_for(complex=meeting.complex, day=day)
    present = meeting.attendance.filter(present=True).count()
    lines = [
        f"{meeting.title} 회의록 (의결사항)",
        f"일시: {timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M} · 장소: {meeting.place}",
        f"총 정원 {q.seats}명, 미선출 {q.unfilled}명, 구성원 {q.membership}명, "
        f"의결정족수 {q.required_yes}명, 참석 {present}명",
        "결정사항 및 표결내용:",
    ]
    for r in meeting.resolutions.select_related("item").order_by("item__order"):
        lines.append(f"  - {r.item.title}: {r.tally_text}")
    if minutes.speech_published_at and minutes.speech_record:
        lines += ["발언록:", minutes.speech_record]
    return mask("\n".join(lines), _rep_names(meeting.complex, day))


def minutes_received(*, minutes):
    """Art. 35②: due the day the office receives the signed resolutions part (pending)."""
    return _record(
        complex=minutes.complex,
        duty="council_minutes",
        source_object=minutes,
        title=f"{minutes.meeting.title} 회의록",
        event_on=timezone.localdate(minutes.resolutions_completed_at),
        published_at=None,
    )


def minutes_published(*, minutes, now):
    return _record(
        complex=minutes.complex,
        duty="council_minutes",
        source_object=minutes,
        title=f"{minutes.meeting.title} 회의록",
        event_on=timezone.localdate(minutes.resolutions_completed_at),
        published_at=now,
        body=minutes_text(minutes=minutes),
    )


def operating_costs(*, complex, period, body, now):
    """Art. 37③: the monthly ledger, disclosed by the end of the next month."""
    return _record(
        complex=complex,
        duty="council_operating_costs",
        period=period,
        title=f"{period:%Y년 %m월} 입주자대표회의 운영비 사용명세",
        published_at=now,
        body=body,
    )
