"""The text of the council's minutes as the council publishes it (Art. 35②): the resolutions
part with the quorum line and each tally, the speech record once it is published, every seated
representative's name masked. The disclosure app records the publications themselves by
subscribing to the council's hooks (core/hooks.py: council.meeting_noticed,
council.minutes_received, council.minutes_published, council.operating_costs_disclosed); the
council never imports disclosure.
"""

from django.utils import timezone

from core.masking import mask

from . import selectors


def _rep_names(complex, day):
    return [r.name for r in selectors.seated_reps(complex=complex, day=day)]


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
