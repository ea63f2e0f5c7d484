"""Writes of the council app. Every rule carries its article (Seoul standard bylaw, seed 003).

Entry points other apps use: `representative_seat`, `representative_suspend`,
`representative_unsuspend` (elections seats reps and suspends them during a recall).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Unit, Ward
from core import hooks
from core.errors import ApplicationError
from core.links import reverse_absolute
from core.uploads import check_upload
from residents.notifications.services import Recipient, notify
from residents.petitions.selectors import signer_lines

from . import majority, selectors
from .models import (
    AgendaItem,
    Attendance,
    ConveneRequest,
    Expense,
    ExpenseCategory,
    FilerKind,
    ItemCategory,
    ItemStatus,
    Majority,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesSignature,
    NoticeException,
    NoticeReceipt,
    Observer,
    Office,
    Officer,
    Reconsideration,
    ReconsiderationStatus,
    Representative,
    Resolution,
    ResolutionStatus,
    Suspension,
    Vote,
    VoteChoice,
)
from .terms import counts_as_term

NOTICE_DAYS = 5  # Art. 28①
SPEECH_RECORD_DAYS = 5  # Art. 35①
OBSERVER_CUTOFF = timedelta(minutes=10)  # Art. 27①
RESIDENT_FILERS_MIN = 10  # Art. 34①: 입주자등(10인 이상으로 대표인을 지정)
ATTENDANCE_ALLOWANCE_MAX = 50_000  # Art. 37②2


def _today(now=None) -> date:
    return timezone.localdate(now or timezone.now())


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- composition ----------------------------------------------------------------------------


def _same_person(complex_, user, name):
    reps = Representative.objects.filter(complex=complex_)
    return reps.filter(user=user) if user is not None else reps.filter(name=name, user=None)


@transaction.atomic
def representative_seat(
    *,
    complex,
    ward,
    user_or_name,
    term_start: date,
    term_end: date | None = None,
    by_election: bool = False,
    unit=None,
    birth_year: int | None = None,
    source: str = "",
) -> Representative:
    """Seat an elected ward representative (Art. 17: one per ward).

    Art. 18①: the term is 2 years (default: term_start + 2 years − 1 day) and a person may be
    re-elected once only; Art. 18②: a by-election term under 6 months does not count.
    A by-election seat runs for the rest of the predecessor's term (Art. 24①)."""
    if ward.complex_id != complex.pk:
        raise ApplicationError("다른 단지의 선거구입니다.", {"field": "ward"})
    Ward.objects.select_for_update().get(pk=ward.pk)
    User = get_user_model()
    if isinstance(user_or_name, User):
        user, name = user_or_name, (user_or_name.name or user_or_name.email)
    else:
        user, name = None, (user_or_name or "").strip()
    if not name:
        raise ApplicationError("대표자 성명을 입력해 주세요.", {"field": "name"})
    full_term_end = _add_years(term_start, 2) - timedelta(days=1)
    if by_election:  # Art. 24①: the remainder of the predecessor's term
        from .members import check_by_election_term

        term_end = check_by_election_term(
            complex=complex, ward=ward, term_start=term_start, term_end=term_end
        )
    term_end = term_end or full_term_end
    if term_end <= term_start:
        raise ApplicationError("임기 종료일은 시작일보다 뒤여야 합니다.", {"field": "term_end"})
    if term_end > full_term_end:
        raise ApplicationError(
            f"동별 대표자의 임기는 2년입니다 (제18조①): {full_term_end} 이후로 정할 수 없습니다.",
            {"field": "term_end"},
        )
    clash = [
        r
        for r in Representative.objects.filter(complex=complex, ward=ward)
        if r.term_start <= term_end and term_start <= r.last_day()
    ]
    if clash:
        raise ApplicationError(
            f"{ward.name}에는 그 기간에 이미 동별 대표자({clash[0].name})가 있습니다 (제17조: "
            "선거구마다 1명).",
            {"field": "ward"},
        )
    counted = [
        r
        for r in _same_person(complex, user, name).filter(term_start__lt=term_start)
        if counts_as_term(by_election=r.by_election, start=r.term_start, end=r.term_end)
    ]
    if len(counted) >= 2:
        raise ApplicationError(
            f"{name}님은 이미 {len(counted)}번 임기를 지냈습니다: 동별 대표자는 한 번만 중임할 "
            "수 있습니다 (제18조①).",
            {"field": "user_or_name"},
        )
    return Representative.objects.create(
        complex=complex,
        ward=ward,
        user=user,
        name=name,
        unit=unit,
        term_start=term_start,
        term_end=term_end,
        by_election=by_election,
        birth_year=birth_year,
        source=source,
    )


@transaction.atomic
def representative_end(*, representative, on: date, reason: str) -> Representative:
    """The seat is lost (resignation, recall, disqualification); the office ends with it
    (Art. 19②)."""
    if not reason.strip():
        raise ApplicationError("사유를 입력해 주세요.", {"field": "reason"})
    representative.ended_on = on
    representative.end_reason = reason.strip()
    representative.save(update_fields=["ended_on", "end_reason"])
    Officer.objects.filter(representative=representative, ends_on__isnull=True).update(ends_on=on)
    return representative


@transaction.atomic
def representative_suspend(
    *, representative, reason: str, starts_on: date, note: str = "", source: str = ""
) -> Suspension:
    """Suspend a rep's duties: missing the yearly 4-hour ethics training (Art. 23⑬) or a recall
    vote pending (Art. 23③). The rep stays in the membership but cannot vote or sign."""
    active = Suspension.objects.select_for_update().filter(
        representative=representative, reason=reason, ends_on__isnull=True
    )
    if active.exists():
        raise ApplicationError("같은 사유로 이미 직무정지 중입니다.", {"field": "reason"})
    return Suspension.objects.create(
        complex_id=representative.complex_id,
        representative=representative,
        reason=reason,
        starts_on=starts_on,
        note=note,
        source=source,
    )


@transaction.atomic
def representative_unsuspend(*, representative, on: date, reason: str | None = None) -> int:
    """End the rep's open suspensions (all, or those of `reason`): training completed, recall
    decided. Returns how many were ended."""
    qs = Suspension.objects.filter(representative=representative, ends_on__isnull=True)
    if reason:
        qs = qs.filter(reason=reason)
    return qs.update(ends_on=on)


@transaction.atomic
def officer_appoint(*, representative, office: str, starts_on: date) -> Officer:
    """Appoint an officer (Art. 19①: 1 chair). Art. 36①: the chair and an auditor cannot be
    the same person. Art. 19②: only a seated rep holds an office."""
    Representative.objects.select_for_update().get(pk=representative.pk)
    if not representative.seated_on(starts_on):
        raise ApplicationError("임기 중인 동별 대표자만 임원이 될 수 있습니다 (제19조②).")
    current = Officer.objects.filter(
        complex_id=representative.complex_id, ends_on__isnull=True
    ).select_related("representative")
    mine = {o.office for o in current if o.representative_id == representative.pk}
    if office in mine:
        raise ApplicationError("이미 그 직위에 있습니다.")
    if {office} | mine >= {Office.CHAIR, Office.AUDITOR}:
        raise ApplicationError(
            "회장과 감사는 서로 겸할 수 없습니다 (제36조①).", {"field": "office"}
        )
    if office == Office.CHAIR and any(o.office == Office.CHAIR for o in current):
        raise ApplicationError("회장은 1명입니다 (제19조①): 현 회장의 임기를 먼저 끝내 주세요.")
    return Officer.objects.create(
        complex_id=representative.complex_id,
        representative=representative,
        office=office,
        starts_on=starts_on,
    )


def officer_end(*, officer, on: date) -> Officer:
    officer.ends_on = on
    officer.save(update_fields=["ends_on"])
    return officer


def settings_update(*, complex, **values):
    """Per-complex values; the attendance allowance per meeting is capped at 50,000 won
    (Art. 37②2)."""
    s = selectors.council_settings(complex=complex)
    if values.get("attendance_allowance", 0) > ATTENDANCE_ALLOWANCE_MAX:
        raise ApplicationError(
            "회의 출석수당은 1회 5만원 이내입니다 (제37조②2).", {"field": "attendance_allowance"}
        )
    for key, value in values.items():
        setattr(s, key, value)
    s.save()
    return s


# --- meetings -------------------------------------------------------------------------------


def notice_is_sufficient(*, sent_on: date, meeting_on: date) -> bool:
    """Art. 28①: the notice goes out at least 5 calendar days before the meeting (KST): sent on
    the 10th → a meeting on the 15th or later (40-council.md rule 4)."""
    return (meeting_on - sent_on).days >= NOTICE_DAYS


def _check_notice(*, meeting_on, sent_on, exception, reason):
    if exception and not (reason or "").strip():
        raise ApplicationError(
            "통지기간을 줄이는 사유를 적어 주세요 (제28조①).",
            {"field": "notice_exception_reason"},
        )
    if not exception and not notice_is_sufficient(sent_on=sent_on, meeting_on=meeting_on):
        raise ApplicationError(
            f"회의 5일 전까지 통지해야 합니다 (제28조①): {sent_on} 통지 → "
            f"{sent_on + timedelta(days=NOTICE_DAYS)} 이후에 개최할 수 있습니다. 같은 목적의 "
            "재소집이나 긴급한 경우에만 예외로 표시하고 사유를 적습니다.",
            {"field": "starts_at"},
        )


@transaction.atomic
def meeting_create(
    *,
    complex,
    kind: str,
    starts_at,
    place: str,
    notice_exception: str = "",
    notice_exception_reason: str = "",
    convened_by: str = "",
    memo: str = "",
    convene_request=None,
    now=None,
) -> Meeting:
    """Schedule a regular (Art. 26②) or extraordinary (Art. 26③) meeting. Refused when the notice
    could no longer go out 5 days before (Art. 28①) unless marked reconvened or urgent with a
    reason."""
    if notice_exception not in NoticeException.values:
        raise ApplicationError("통지기간 예외 구분이 올바르지 않습니다.")
    _check_notice(
        meeting_on=timezone.localdate(starts_at),
        sent_on=_today(now),
        exception=notice_exception,
        reason=notice_exception_reason,
    )
    if not place.strip():
        raise ApplicationError("회의 장소를 입력해 주세요.", {"field": "place"})
    last = (
        Meeting.objects.select_for_update().filter(complex=complex).aggregate(n=Max("number"))["n"]
    )
    meeting = Meeting.objects.create(
        complex=complex,
        number=(last or 0) + 1,
        kind=kind,
        starts_at=starts_at,
        place=place.strip(),
        notice_exception=notice_exception,
        notice_exception_reason=notice_exception_reason.strip(),
        convened_by=convened_by,
        memo=memo,
    )
    if convene_request is not None:
        if convene_request.complex_id != complex.pk:
            raise ApplicationError("다른 단지의 소집 요구입니다.")
        convene_request.meeting = meeting
        convene_request.save(update_fields=["meeting"])
    return meeting


@transaction.atomic
def meeting_send_notice(*, meeting, now=None) -> int:
    """Send the notice (date, place, agenda) to every seated rep by email with a read-receipt
    link, and post it (Art. 28①). Checks the 5-day rule against the day it is actually sent.
    Returns how many reps were notified."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.DRAFT:
        raise ApplicationError("이미 소집 통지를 보낸 회의입니다.")
    now = now or timezone.now()
    _check_notice(
        meeting_on=timezone.localdate(meeting.starts_at),
        sent_on=_today(now),
        exception=meeting.notice_exception,
        reason=meeting.notice_exception_reason,
    )
    items = list(meeting.items.order_by("order"))
    if not items:
        raise ApplicationError("안건이 없는 회의는 소집할 수 없습니다: 안건을 먼저 상정해 주세요.")
    reps = selectors.seated_reps(complex=meeting.complex, day=timezone.localdate(meeting.starts_at))
    receipts = []
    for rep in reps:
        receipt, _ = NoticeReceipt.objects.get_or_create(
            complex_id=meeting.complex_id,
            meeting=meeting,
            representative=rep,
            defaults={"email": rep.user.email if rep.user else ""},
        )
        receipts.append(receipt)
    meeting.status = MeetingStatus.NOTICED
    meeting.notice_sent_at = now
    meeting.notice_posted_at = now
    meeting.save(update_fields=["status", "notice_sent_at", "notice_posted_at"])
    hooks.fire("council.meeting_noticed", meeting=meeting, items=items, now=now)  # Art. 28①
    for receipt in receipts:
        rep_user = receipt.representative.user
        if not (receipt.email or rep_user):
            continue
        notify(
            kind="meeting_notice",
            complex=meeting.complex,
            to=[rep_user or Recipient(email=receipt.email)],
            key=f"notice:{receipt.pk}",
            context={
                "meeting": meeting,
                "items": items,
                "rep": receipt.representative,
                "receipt_url": reverse_absolute(
                    "council:notice_receipt", meeting.complex.slug, receipt.token
                ),
            },
        )
        receipt.sent_at = now
        receipt.save(update_fields=["sent_at"])
    return len(receipts)


def notice_receipt_confirm(*, token: str, now=None) -> NoticeReceipt | None:
    """The rep opened the read-receipt link (Art. 28①: 수신확인)."""
    receipt = NoticeReceipt.objects.filter(token=token).select_related("meeting").first()
    if receipt and receipt.read_at is None:
        receipt.read_at = now or timezone.now()
        receipt.save(update_fields=["read_at"])
    return receipt


def meeting_cancel(*, meeting) -> Meeting:
    if meeting.status == MeetingStatus.HELD:
        raise ApplicationError("이미 개최된 회의는 취소할 수 없습니다.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    meeting.items.filter(status=ItemStatus.SCHEDULED).update(
        status=ItemStatus.SUBMITTED, meeting=None
    )
    return meeting


def observer_register(*, meeting, name: str, unit=None, now=None) -> Observer:
    """Art. 27①: residents register to observe up to 10 minutes before the start."""
    now = now or timezone.now()
    if meeting.status not in (MeetingStatus.NOTICED, MeetingStatus.DRAFT):
        raise ApplicationError("방청 신청을 받을 수 없는 회의입니다.")
    if now > meeting.starts_at - OBSERVER_CUTOFF:
        raise ApplicationError("방청 신청은 회의 시작 10분 전까지입니다 (제27조①).")
    if not name.strip():
        raise ApplicationError("성명을 입력해 주세요.", {"field": "name"})
    return Observer.objects.create(
        complex_id=meeting.complex_id, meeting=meeting, name=name.strip(), unit=unit
    )


@transaction.atomic
def attendance_record(*, meeting, present_ids, now=None) -> Meeting:
    """Record who attends in person (Art. 31①). Opens the meeting for voting (status held)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.NOTICED, MeetingStatus.HELD):
        raise ApplicationError("소집 통지를 보낸 회의만 출석을 기록할 수 있습니다 (제28조①).")
    day = timezone.localdate(meeting.starts_at)
    if _today(now) < day:
        raise ApplicationError("출석은 회의 당일부터 기록할 수 있습니다.")
    reps = selectors.seated_reps(complex=meeting.complex, day=day)
    present_ids = {int(i) for i in present_ids}
    unknown = present_ids - {r.pk for r in reps}
    if unknown:
        raise ApplicationError("임기 중인 이 단지의 동별 대표자만 출석할 수 있습니다.")
    for rep in reps:
        Attendance.objects.update_or_create(
            complex_id=meeting.complex_id,
            meeting=meeting,
            representative=rep,
            defaults={"present": rep.pk in present_ids},
        )
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    return meeting


def meeting_upload_recording(*, meeting, file) -> Meeting:
    """Art. 35③: meetings are recorded; the office keeps the recording 5 years."""
    check_upload(file, field="recording")
    meeting.recording = file
    meeting.save(update_fields=["recording"])
    return meeting


@transaction.atomic
def convene_request_create(
    *, complex, requester: str, reason: str, received_on: date, petition=None, signers=()
):
    """Art. 26③: a request to convene an extraordinary meeting; the chair has 14 days
    (Art. 26①). Residents demand it only through a petition signed by 1/10 of the households
    (Art. 26③4: 입주자등의 10분의 1 이상이 연서하여), never by the office typing it in."""
    if not reason.strip():
        raise ApplicationError("소집 이유를 적어 주세요.", {"field": "reason"})
    if requester == ConveneRequest.Requester.RESIDENTS:
        _check_petition(petition, kind="convene", target_id=None)
    if requester == ConveneRequest.Requester.MEMBERS:  # Art. 26③: real, counted signers
        from .convene import check_member_signers

        signers = check_member_signers(complex=complex, signers=signers, received_on=received_on)
    request = ConveneRequest.objects.create(
        complex=complex,
        requester=requester,
        reason=reason.strip(),
        received_on=received_on,
        petition=petition,
    )
    if requester == ConveneRequest.Requester.MEMBERS:
        request.signers.set(signers)
    return request


def _check_petition(petition, *, kind, target_id):
    """A residents' request stands only on a petition of its kind that reached its threshold
    (residents/petitions)."""
    if (
        petition is None
        or petition.kind != kind
        or petition.target_id != target_id
        or petition.signatures.count() < petition.threshold
    ):
        raise ApplicationError(
            _(
                "입주자등의 요청은 입주자 서명(본인 계정 서명 또는 관리사무소가 등록한 서면 "
                "연서부)이 필요한 수에 이르러야 접수됩니다. '주민 서명' 에서 요청을 시작해 주세요."
            ),
            {"field": "filer_kind"},
        )


# --- agenda items ---------------------------------------------------------------------------


def item_propose(
    *,
    complex,
    by,
    proposer_kind: str,
    proposer_name: str,
    title: str,
    motion: str,
    reason: str,
    content: str,
    category: str = ItemCategory.GENERAL,
    cost_estimate: int | None = None,
    legal_basis: str = "",
    notes: str = "",
    attachment=None,
    now=None,
) -> AgendaItem:
    """Art. 29①: a rep, the office manager or residents propose an item (별지 7). Re-contracting
    the management company needs 2/3 of the members (Art. 58②)."""
    for field, value in (("title", title), ("motion", motion), ("reason", reason)):
        if not (value or "").strip():
            raise ApplicationError(
                "안건명, 의결주문, 제안이유는 꼭 적어야 합니다.", {"field": field}
            )
    if cost_estimate is not None and cost_estimate < 0:
        raise ApplicationError("비용추계는 0원 이상입니다.", {"field": "cost_estimate"})
    return AgendaItem.objects.create(
        complex=complex,
        title=title.strip(),
        category=category,
        proposer_kind=proposer_kind,
        proposer_name=proposer_name.strip() or str(by),
        proposed_by=by,
        proposed_on=_today(now),
        motion=motion.strip(),
        reason=reason.strip(),
        content=(content or "").strip(),
        cost_estimate=cost_estimate,
        legal_basis=legal_basis,
        notes=notes,
        attachment=attachment or "",
        majority=Majority.TWO_THIRDS if category == ItemCategory.RECONTRACT else Majority.MEMBERS,
    )


def _next_item_number(complex_) -> int:
    last = (
        AgendaItem.objects.select_for_update()
        .filter(complex=complex_)
        .aggregate(n=Max("number"))["n"]
    )
    return (last or 0) + 1


@transaction.atomic
def item_submit(*, item, cost_estimate: int | None = None) -> AgendaItem:
    """Art. 29②: the office manager, after consulting the proposer, adds the cost estimate and
    forwards the item to the chair in writing; it gets its number (의안번호)."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ItemStatus.PROPOSED:
        raise ApplicationError("제안 상태의 안건만 회장에게 제출할 수 있습니다.")
    if cost_estimate is not None:
        if cost_estimate < 0:
            raise ApplicationError("비용추계는 0원 이상입니다.", {"field": "cost_estimate"})
        item.cost_estimate = cost_estimate
    item.number = _next_item_number(item.complex)
    item.status = ItemStatus.SUBMITTED
    item.save(update_fields=["cost_estimate", "number", "status"])
    return item


def item_exclude(*, item, reason: str) -> AgendaItem:
    """Art. 29② (제외한다 — mandatory): personal attacks, private matters and repeated proposals
    are excluded, with the reason recorded."""
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.SUBMITTED):
        raise ApplicationError("상정되었거나 의결된 안건은 제외할 수 없습니다.")
    if not reason.strip():
        raise ApplicationError("제외 사유를 적어 주세요 (제29조②).", {"field": "reason"})
    item.status = ItemStatus.EXCLUDED
    item.exclusion_reason = reason.strip()
    item.save(update_fields=["status", "exclusion_reason"])
    return item


@transaction.atomic
def item_schedule(*, item, meeting) -> AgendaItem:
    """Art. 29③: the chair puts a submitted item on a meeting's agenda; the agenda is part of the
    notice, so only a meeting whose notice has not gone out yet (40-council.md rule 9).
    Art. 31④: an item rejected at a meeting cannot be moved again in that meeting."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if meeting.complex_id != item.complex_id:
        raise ApplicationError("다른 단지의 회의입니다.")
    if Resolution.objects.filter(item=item, meeting=meeting, passed=False).exists():
        raise ApplicationError(
            "이 회의에서 부결된 안건은 그 회의 중에 다시 발의하거나 심의할 수 없습니다 (제31조④)."
        )
    if item.status not in (ItemStatus.SUBMITTED, ItemStatus.REJECTED):
        raise ApplicationError(
            "회장에게 제출된 안건(또는 앞선 회의에서 부결된 안건)만 상정할 수 있습니다."
        )
    if meeting.status != MeetingStatus.DRAFT:
        raise ApplicationError(
            "소집 통지를 이미 보낸 회의에는 안건을 더할 수 없습니다 (제28조①: 안건은 통지에 포함)."
        )
    last = meeting.items.aggregate(n=Max("order"))["n"] or 0
    item.meeting = meeting
    item.order = last + 1
    item.status = ItemStatus.SCHEDULED
    if item.number is None:
        item.number = _next_item_number(item.complex)
    item.save(update_fields=["meeting", "order", "status", "number"])
    return item


def _meeting_day(meeting) -> date:
    return timezone.localdate(meeting.starts_at)


def _can_act(rep, day) -> bool:
    return rep.seated_on(day) and not any(s.blocks_rep_duties(day) for s in rep.suspensions.all())


@transaction.atomic
def vote_cast(*, item, representative, choice: str, by, is_office: bool = False) -> Vote:
    """Art. 31①②: only a rep present in person votes, never by proxy — a rep records their own
    vote (the office may record the show of hands as secretary). A suspended rep cannot vote
    (Art. 23⑬, 23③). Once the item is decided at this meeting nothing more is recorded
    (Art. 31④)."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    meeting = item.meeting
    if choice not in VoteChoice.values:
        raise ApplicationError("찬성, 반대, 기권 중 하나를 골라 주세요.", {"field": "choice"})
    if meeting is None or item.status != ItemStatus.SCHEDULED:
        raise ApplicationError("회의에 상정된 안건에만 표결할 수 있습니다.")
    if meeting.status != MeetingStatus.HELD:
        raise ApplicationError("회의가 열리고 출석이 기록된 뒤에 표결합니다.")
    if representative.complex_id != item.complex_id:
        raise ApplicationError("다른 단지의 대표자입니다.")
    if not is_office and representative.user_id != getattr(by, "pk", None):
        raise ApplicationError(
            "동별 대표자는 대리할 수 없습니다 (제31조②): 본인의 표만 기록합니다."
        )
    attended = Attendance.objects.filter(
        meeting=meeting, representative=representative, present=True
    ).exists()
    if not attended:
        raise ApplicationError(
            "회의에 직접 출석한 동별 대표자만 의결권을 행사할 수 있습니다 (제31조①)."
        )
    day = _meeting_day(meeting)
    if any(s.blocks_rep_duties(day) for s in representative.suspensions.all()):
        raise ApplicationError("직무정지 중인 동별 대표자는 표결할 수 없습니다 (제23조).")
    vote, _ = Vote.objects.update_or_create(
        complex_id=item.complex_id,
        item=item,
        meeting=meeting,
        representative=representative,
        defaults={"choice": choice, "recorded_by": by},
    )
    return vote


def _check_recontract_objections(item):
    """Art. 58②: re-contracting the management company may go ahead only when fewer than 1/10
    of all households objected in writing (10분의 1 이상 = at least ⌈N/10⌉ of N units)."""

    if item.objecting_units is None:
        raise ApplicationError(
            "주택관리업자 재계약은 입주자등 의견청취 결과(이의제기 세대 수)를 먼저 기록해야 "
            "합니다 (제58조①②).",
            {"field": "objecting_units"},
        )
    units = Unit.objects.filter(complex_id=item.complex_id).count()
    if 10 * item.objecting_units >= units:
        raise ApplicationError(
            f"전체 {units}세대 중 {item.objecting_units}세대가 이의를 제기해 10분의 1 이상이므로 "
            "재계약을 의결할 수 없습니다 (제58조②).",
            {"field": "objecting_units"},
        )


def item_record_objections(*, item, objecting_units: int) -> AgendaItem:
    """Art. 58①: the result of hearing the residents on a re-contract (households objecting)."""
    if item.category != ItemCategory.RECONTRACT:
        raise ApplicationError("주택관리업자 재계약 안건에만 기록합니다.")
    if objecting_units is None or objecting_units < 0:
        raise ApplicationError("이의제기 세대 수는 0 이상입니다.", {"field": "objecting_units"})
    households = Unit.objects.filter(complex_id=item.complex_id).count()
    if objecting_units > households:
        raise ApplicationError(
            f"이의제기 세대 수는 단지의 세대 수({households:,}) 이하입니다.",
            {"field": "objecting_units"},
        )
    item.objecting_units = objecting_units
    item.save(update_fields=["objecting_units"])
    return item


@transaction.atomic
def item_decide(*, item, now=None, confirm_missing: bool = False) -> Resolution:
    """Close the vote on an item and record the resolution.

    Closing while present reps have not voted needs an explicit confirmation
    (`confirm_missing`): the refusal names who has not voted, since a missing vote is never a
    yes and the item may fail for it (Art. 31③, 40-council.md rule 3).

    Art. 30 (영 14조①): passes with yes-votes over half of the membership (Art. 20; 별첨 2:
    10 seats, 9 seated → 5 yes); 2/3 of the membership for re-contracting the management
    company (Art. 58②). When fewer reps are seated than that, the council cannot resolve.
    Abstentions never count as yes. A rejected item is not moved again in the meeting
    (Art. 31④)."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    meeting = item.meeting
    if meeting is None or item.status != ItemStatus.SCHEDULED:
        raise ApplicationError("회의에 상정된 안건만 의결할 수 있습니다.")
    if meeting.status != MeetingStatus.HELD:
        raise ApplicationError("회의가 열리고 출석이 기록된 뒤에 의결합니다.")
    if Resolution.objects.filter(item=item, meeting=meeting).exists():
        raise ApplicationError("이 회의에서 이미 의결한 안건입니다 (제31조④).")
    missing = selectors.voters_missing(item=item)
    if missing and not confirm_missing:
        names = ", ".join(f"{r.ward.name if r.ward else '-'} {r.name}" for r in missing)
        raise ApplicationError(
            _(
                "아직 표결하지 않은 출석 대표자가 %(n)d명 있습니다: %(names)s. 표결하지 않은 "
                "표는 찬성으로 세지 않습니다 (구성원 과반수 찬성이 필요, 제30조). 그래도 표결을 "
                "마치려면 확인해 주세요."
            )
            % {"n": len(missing), "names": names},
            {"field": "confirm", "missing": [r.pk for r in missing]},
        )
    day = _meeting_day(meeting)
    if item.category == ItemCategory.RECONTRACT:
        _check_recontract_objections(item)
    q = selectors.quorum_for(
        complex=meeting.complex, day=day, two_thirds=item.majority == Majority.TWO_THIRDS
    )
    if not q.can_resolve:
        raise ApplicationError(
            f"입주자대표회의가 의결할 수 없습니다: 선출된 동별 대표자 {q.seated}명이 "
            f"의결정족수 {q.required_yes}명(구성원 {q.membership}명)에 못 미칩니다 (제30조). "
            "전체 입주자등의 과반수 찬성으로 결정해야 합니다.",
            {"quorum": q.__dict__},
        )
    counts = {c: 0 for c in VoteChoice.values}
    for choice in Vote.objects.filter(item=item, meeting=meeting).values_list("choice", flat=True):
        counts[choice] += 1
    present = Attendance.objects.filter(meeting=meeting, present=True).count()
    passed = majority.passes(yes=counts["yes"], required_yes=q.required_yes)
    resolution = Resolution.objects.create(
        complex_id=item.complex_id,
        item=item,
        meeting=meeting,
        passed=passed,
        yes=counts["yes"],
        no=counts["no"],
        abstain=counts["abstain"],
        seats=q.seats,
        seated=q.seated,
        membership=q.membership,
        required_yes=q.required_yes,
        present=present,
        decided_at=now or timezone.now(),
    )
    item.status = ItemStatus.PASSED if passed else ItemStatus.REJECTED
    item.save(update_fields=["status"])
    if item.reconsideration_id:
        _redeliberated(item.reconsideration, passed=passed)
    return resolution


# --- minutes --------------------------------------------------------------------------------


def minutes_for(*, meeting) -> Minutes:
    minutes, _ = Minutes.objects.get_or_create(complex_id=meeting.complex_id, meeting=meeting)
    return minutes


@transaction.atomic
def minutes_sign(*, meeting, representative, user, now=None) -> MinutesSignature:
    """Art. 35①: every attending rep signs the resolutions part on the meeting day; a signature
    is the rep's own authenticated confirmation, recorded with time. A suspended rep cannot
    sign (40-council.md rule 1)."""
    now = now or timezone.now()
    minutes = minutes_for(meeting=meeting)
    if minutes.resolutions_completed_at:
        raise ApplicationError("의결사항이 이미 확정되었습니다.")
    if representative.user_id is None or representative.user_id != user.pk:
        raise ApplicationError("서명은 동별 대표자 본인만 할 수 있습니다.")
    if not Attendance.objects.filter(
        meeting=meeting, representative=representative, present=True
    ).exists():
        raise ApplicationError("회의에 참석한 동별 대표자만 서명합니다 (제35조①).")
    day = _meeting_day(meeting)
    if _today(now) != day:
        raise ApplicationError(f"의결사항 서명은 회의 당일({day})에 받습니다 (제35조①).")
    if any(s.blocks_rep_duties(day) for s in representative.suspensions.all()):
        raise ApplicationError("직무정지 중인 동별 대표자는 서명할 수 없습니다.")
    if not meeting.resolutions.exists():
        raise ApplicationError("아직 의결한 안건이 없습니다.")
    signature, _ = MinutesSignature.objects.get_or_create(
        complex_id=meeting.complex_id,
        minutes=minutes,
        representative=representative,
        defaults={"user": user, "signed_at": now},
    )
    return signature


def signers_missing(*, meeting) -> list[Representative]:
    """Attending reps able to sign who have not signed yet."""
    day = _meeting_day(meeting)
    minutes = minutes_for(meeting=meeting)
    signed = set(minutes.signatures.values_list("representative_id", flat=True))
    attending = Representative.objects.filter(
        attendance__meeting=meeting, attendance__present=True
    ).prefetch_related("suspensions")
    return [r for r in attending if r.pk not in signed and _can_act(r, day)]


@transaction.atomic
def minutes_complete_resolutions(*, meeting, now=None) -> Minutes:
    """The resolutions part is complete when every attending rep has signed (Art. 35①); it goes
    to the office immediately."""
    minutes = minutes_for(meeting=meeting)
    if minutes.resolutions_completed_at:
        raise ApplicationError("이미 확정되었습니다.")
    if meeting.items.filter(status=ItemStatus.SCHEDULED).exists():
        raise ApplicationError("표결이 끝나지 않은 안건이 있습니다.")
    missing = signers_missing(meeting=meeting)
    if missing:
        names = ", ".join(r.name for r in missing)
        raise ApplicationError(
            f"참석한 동별 대표자 전원의 서명이 필요합니다 (제35조①): {names} 미서명.",
            {"missing": [r.pk for r in missing]},
        )
    minutes.resolutions_completed_at = now or timezone.now()
    minutes.save(update_fields=["resolutions_completed_at"])
    hooks.fire("council.minutes_received", minutes=minutes)  # Art. 35②
    return minutes


def minutes_record_speech(*, meeting, speech_record: str, item_details: str, now=None) -> Minutes:
    """Art. 35①: the speech record and item details reach the office within 5 days of the meeting
    (the deadline is meeting day + 5, 40-council.md rule 5). A late record is still kept; the
    minutes page shows it as late."""
    if not speech_record.strip():
        raise ApplicationError("발언록을 적어 주세요.", {"field": "speech_record"})
    minutes = minutes_for(meeting=meeting)
    if minutes.speech_published_at:
        raise ApplicationError("이미 공개된 발언록은 고칠 수 없습니다.")
    minutes.speech_record = speech_record.strip()
    minutes.item_details = item_details.strip()
    minutes.speech_received_at = now or timezone.now()
    minutes.save(update_fields=["speech_record", "item_details", "speech_received_at"])
    return minutes


def speech_record_due(*, meeting) -> date:
    return _meeting_day(meeting) + timedelta(days=SPEECH_RECORD_DAYS)


def minutes_publish(*, meeting, part: str, now=None) -> Minutes:
    """Art. 35②: the office publishes each part on the board the day it receives it, with
    personal identifiers masked (the public page masks names)."""
    minutes = minutes_for(meeting=meeting)
    now = now or timezone.now()
    if part == "resolutions":
        if not minutes.resolutions_completed_at:
            raise ApplicationError("서명이 끝난 의결사항만 공개할 수 있습니다 (제35조①②).")
        if minutes.resolutions_published_at:
            raise ApplicationError("이미 공개했습니다.")
        minutes.resolutions_published_at = now
    elif part == "speech":
        if not minutes.speech_received_at:
            raise ApplicationError("발언록을 아직 받지 않았습니다.")
        if minutes.speech_published_at:
            raise ApplicationError("이미 공개했습니다.")
        minutes.speech_published_at = now
    else:
        raise ApplicationError("공개할 부분을 골라 주세요.")
    minutes.save()
    hooks.fire("council.minutes_published", minutes=minutes, now=now)  # Art. 35②
    return minutes


# --- reconsideration ------------------------------------------------------------------------


def reconsideration_check(*, resolution) -> None:
    """Whether a resolution can be challenged now (Art. 34①④)."""
    if not resolution.passed:
        raise ApplicationError("가결된 의결만 재심의를 요청할 수 있습니다.")
    if resolution.redeliberated or resolution.item.reconsideration_id:
        raise ApplicationError(
            "다시 심의한 안건에 대하여는 재심의 요청을 할 수 없습니다 (제34조④)."
        )
    if resolution.reconsiderations.filter(status=ReconsiderationStatus.PENDING).exists():
        raise ApplicationError("이미 재심의가 요청된 의결입니다.")
    if resolution.status != ResolutionStatus.EFFECTIVE:
        raise ApplicationError("효력이 있는 의결만 재심의를 요청할 수 있습니다.")


def reconsideration_texts_check(*, representative_name: str, violation: str, proposal: str):
    """Art. 34② (별지 13): the filer, what rule it breaks and the proposal."""
    if not representative_name.strip():
        raise ApplicationError(
            "대표인(요청자) 성명을 적어 주세요.", {"field": "representative_name"}
        )
    if not violation.strip() or not proposal.strip():
        raise ApplicationError(
            "관계규정을 위반하는 내용과 재심의 제안내용을 적어 주세요 (제34조②).",
            {"field": "violation"},
        )


@transaction.atomic
def reconsideration_file(
    *,
    resolution,
    filer_kind: str,
    representative_name: str,
    violation: str,
    proposal: str,
    filer_email: str = "",
    petition=None,
    by=None,
    now=None,
) -> Reconsideration:
    """Art. 34① (별지 13): the auditor, the office, or 10+ residents naming a representative may
    file against a resolution; the resolution is suspended until the council has re-deliberated
    and posted the result (Art. 34③). A re-deliberated item cannot be challenged again
    (Art. 34④). The re-deliberation goes on the agenda as a submitted item.

    Residents file only through a petition that 10 persons on the register signed (each from
    their own account, or on a paper petition the office recorded): typed-in names never count.
    The filers are the petition's signers."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    reconsideration_check(resolution=resolution)
    reconsideration_texts_check(
        representative_name=representative_name, violation=violation, proposal=proposal
    )
    names = []
    if filer_kind == FilerKind.RESIDENTS:
        _check_petition(petition, kind="reconsideration", target_id=resolution.pk)
        names = signer_lines(petition=petition)
    elif filer_kind not in FilerKind.values:
        raise ApplicationError("요청자를 선택해 주세요.", {"field": "filer_kind"})
    now = now or timezone.now()
    item = resolution.item
    reconsideration = Reconsideration.objects.create(
        complex_id=resolution.complex_id,
        resolution=resolution,
        filer_kind=filer_kind,
        representative_name=representative_name.strip(),
        filer_names="\n".join(names),
        filer_email=filer_email,
        resolved_content=f"{item} — {item.motion} ({resolution.tally_text})",
        violation=violation.strip(),
        proposal=proposal.strip(),
        filed_at=now,
        filed_by=by,
        petition=petition if filer_kind == FilerKind.RESIDENTS else None,
    )
    resolution.status = ResolutionStatus.SUSPENDED
    resolution.save(update_fields=["status"])
    AgendaItem.objects.create(
        complex_id=resolution.complex_id,
        number=_next_item_number(item.complex),
        title=f"[재심의] {item.title}",
        category=ItemCategory.RECONSIDERATION,
        proposer_kind={FilerKind.OFFICE: "manager", FilerKind.RESIDENTS: "residents"}.get(
            filer_kind, "rep"
        ),
        proposer_name=representative_name.strip(),
        proposed_by=by,
        proposed_on=_today(now),
        motion=item.motion,
        reason=violation.strip(),
        content=proposal.strip(),
        legal_basis="제34조",
        status=ItemStatus.SUBMITTED,
        majority=item.majority,
        reconsideration=reconsideration,
    )
    return reconsideration


def _redeliberated(reconsideration, *, passed: bool):
    """The council voted again on the motion: passed → the resolution stands, rejected → it is
    revoked. It stays suspended until the result is posted (Art. 34③)."""
    reconsideration.status = (
        ReconsiderationStatus.UPHELD if passed else ReconsiderationStatus.OVERTURNED
    )
    reconsideration.save(update_fields=["status"])


@transaction.atomic
def reconsideration_post_result(
    *, reconsideration, result_text: str, office=(), now=None
) -> Reconsideration:
    """Art. 34③: post the re-deliberation result on the board and notify the office and the
    filers; only then does the suspension end (upheld → effective again, overturned → revoked)."""
    reconsideration = Reconsideration.objects.select_for_update().get(pk=reconsideration.pk)
    if reconsideration.status == ReconsiderationStatus.PENDING:
        raise ApplicationError("아직 다시 심의하지 않았습니다: 재심의 안건을 먼저 의결해 주세요.")
    if reconsideration.result_posted_at:
        raise ApplicationError("이미 결과를 공고했습니다.")
    if not result_text.strip():
        raise ApplicationError("재심의 결과를 적어 주세요.", {"field": "result_text"})
    reconsideration.result_text = result_text.strip()
    reconsideration.result_posted_at = now or timezone.now()
    reconsideration.save(update_fields=["result_text", "result_posted_at"])
    resolution = reconsideration.resolution
    resolution.status = (
        ResolutionStatus.EFFECTIVE
        if reconsideration.status == ReconsiderationStatus.UPHELD
        else ResolutionStatus.REVOKED
    )
    resolution.redeliberated = True
    resolution.save(update_fields=["status", "redeliberated"])
    # `office`: the managers (users, whose channel applies) or their addresses.
    recipients = [r for r in [reconsideration.filer_email, *office] if r]
    if recipients:
        notify(
            kind="reconsideration_result",
            complex=reconsideration.complex,
            to=recipients,
            context={"reconsideration": reconsideration, "resolution": resolution},
        )
    return reconsideration


# --- operating costs ------------------------------------------------------------------------


@transaction.atomic
def expense_record(
    *,
    complex,
    spent_on: date,
    category: str,
    amount: int,
    description: str,
    representative=None,
    meeting=None,
    receipt=None,
) -> Expense:
    """Art. 37②: the council's operating costs, booked to the month spent. An attendance
    allowance is ≤ 50,000 won (and the complex's per-meeting amount) for a rep who attended
    that meeting, once, and the rep's month stays within the monthly cap (Art. 37②2)."""
    if amount is None or amount <= 0:
        raise ApplicationError("금액은 1원 이상입니다.", {"field": "amount"})
    if not description.strip():
        raise ApplicationError("내용을 적어 주세요.", {"field": "description"})
    for obj in (representative, meeting):
        if obj is not None and obj.complex_id != complex.pk:
            raise ApplicationError("다른 단지의 자료입니다.")
    period = spent_on.replace(day=1)
    if category == ExpenseCategory.ATTENDANCE:
        s = selectors.council_settings(complex=complex)
        if representative is None or meeting is None:
            raise ApplicationError("출석수당은 대표자와 회의를 지정해야 합니다.")
        per_meeting = min(s.attendance_allowance, ATTENDANCE_ALLOWANCE_MAX)
        if amount > per_meeting:
            raise ApplicationError(
                f"회의 출석수당은 1회 {per_meeting:,}원 이내입니다 (제37조②2).",
                {"field": "amount"},
            )
        if not Attendance.objects.filter(
            meeting=meeting, representative=representative, present=True
        ).exists():
            raise ApplicationError("그 회의에 출석한 대표자에게만 출석수당을 줍니다.")
        if Expense.objects.filter(
            complex=complex, category=category, representative=representative, meeting=meeting
        ).exists():
            raise ApplicationError("이 회의의 출석수당은 이미 기록했습니다.")
        month_total = (
            Expense.objects.select_for_update()
            .filter(
                complex=complex, category=category, representative=representative, period=period
            )
            .aggregate(t=Sum("amount"))["t"]
            or 0
        )
        if month_total + amount > s.attendance_monthly_cap:
            raise ApplicationError(
                f"출석수당은 월 {s.attendance_monthly_cap:,}원을 넘을 수 없습니다 (제37조②2): "
                f"이번 달 {month_total:,}원 지급됨.",
                {"field": "amount"},
            )
    return Expense.objects.create(
        complex=complex,
        period=period,
        spent_on=spent_on,
        category=category,
        amount=amount,
        representative=representative,
        meeting=meeting,
        description=description.strip(),
        receipt=receipt or "",
    )


def operating_costs_publish(*, complex, period: date, now=None) -> int:
    """Art. 37③: disclose the month's ledger (by category) by the end of the next month.
    Returns the month's total."""
    period = period.replace(day=1)
    rows = (
        Expense.objects.filter(complex=complex, period=period)
        .values("category")
        .annotate(total=Sum("amount"))
        .order_by("category")
    )
    if not rows:
        raise ApplicationError("그 달의 운영비 기록이 없습니다.")
    labels = dict(ExpenseCategory.choices)
    total = sum(r["total"] for r in rows)
    body = "\n".join(
        [f"{labels[r['category']]}: {r['total']:,}원" for r in rows] + [f"합계: {total:,}원"]
    )
    hooks.fire(  # Art. 37③
        "council.operating_costs_disclosed",
        complex=complex,
        period=period,
        body=body,
        now=now or timezone.now(),
    )
    return total
