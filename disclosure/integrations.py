"""Disclosure's subscribers to the other apps' completion points (core/hooks.py), one per
hook, registered by `DisclosureConfig.ready` from SUBSCRIPTIONS at the bottom:

- residents.notice_saved: a statutory notice on the board → its duty (NOTICE_DUTIES below);
- council.meeting_noticed / minutes_received / minutes_published / operating_costs_disclosed:
  the notice (Art. 28①), the minutes (Art. 35②), the operating-cost ledger (Art. 37③);
- repairs.reserve_status_published: the year's 별지 6 (제79조①); repairs.contract_signed: the
  contract of a usage plan (제57조③);
- elections.vote_certified: the result posted at once (제64조③5, 제25조②);
- fees.run_issued: the month's fee summary rebuilt by a task (제64조③2, 제78조③);
  fees.budget_approved, fees.settlement_approved (제64조③10), fees.contingency_used (제80조⑥),
  fees.misc_income_recorded (제80조⑦).

They run after the firing transaction commits (core/hooks.py), so a rolled-back write records
nothing. Each is harmless to run twice: entries are keyed by their source or period. The apps
that fire never import disclosure; disclosure, the top reader, imports them.
"""

from datetime import date

from django.db.models import Sum
from django.utils import timezone

from council.publishing import minutes_text
from council.selectors import resolution_is_effective
from fees.models import Budget, MiscIncome, MiscIncomeKind

from .duties import DUTIES, add_months
from .models import Publication
from .services import _item_name, publication_record
from .tasks import fee_summary_refresh

# residents.models.StatutoryKind → duty; kinds without a disclosure duty are not recorded.
NOTICE_DUTIES = {
    "council_meeting": "council_meeting_notice",
    "minutes": "council_minutes",
    "committee_meeting": "election_meeting_notice",
    "recontract": "recontract_notice",
    "contract": "contract",
    "operating_costs": "council_operating_costs",
    "contingency": "contingency_use",
    "misc_income": "misc_income",
    "reserve_status": "reserve_status",
    "sanction": "sanction",
    "bylaw_amendment": "bylaw",
}


def notice_saved(*, notice):
    """A statutory notice on the board is a publication of its duty, published when the notice
    goes up, due on the notice's 게시 기한. A monthly or yearly item fills the period's expected
    entry (last month / last year, counted from the notice's start); a sanction's notice ends
    when the notice expires (제64조④: 5일 이상)."""
    duty = NOTICE_DUTIES.get(notice.statutory_kind or "")
    if duty is None:
        return None
    published = notice.publish_at or timezone.now()
    day = timezone.localdate(published)
    period = None
    source = notice
    if DUTIES[duty].periodic == "monthly":
        period, source = add_months(day.replace(day=1), -1), None
    elif DUTIES[duty].periodic == "yearly":
        period, source = date(day.year - 1, 1, 1), None
    return publication_record(
        complex=notice.complex,
        duty=duty,
        source_object=source,
        period=period,
        title=notice.title,
        body=notice.body,
        event_on=notice.due_on if source is not None else period,
        due=notice.due_on if source is not None else None,
        published_at=published,
        posted_until=timezone.localdate(notice.expires_at) if notice.expires_at else None,
    )


def reserve_status_published(*, status):
    """repairs.AnnualStatus published: the year's 별지 6 (제79조①, due March 31)."""
    figures = status.figures if isinstance(status.figures, dict) else {}
    lines = [
        f"{k}: {v:,}" if isinstance(v, int) else f"{k}: {v}"
        for k, v in figures.items()
        if not isinstance(v, (dict, list))
    ]
    return publication_record(
        complex=status.complex,
        duty="reserve_status",
        period=date(status.year, 1, 1),
        title=f"{status.year}년 장기수선충당금 적립·사용 현황 (별지 6)",
        body="\n".join(lines),
        published_at=status.published_at or timezone.now(),
    )


def vote_certified(*, vote):
    """elections.Vote certified: the result is posted at once (제25조②, 제64조③5). Counts and
    candidate numbers only — candidate documents are never public."""
    result = vote.result or {}
    outcome = result.get("outcome", {})
    elected = set(outcome.get("elected", []))
    numbers = sorted(c.number for c in vote.candidates.all() if c.id in elected) if elected else []
    lines = [f"{vote.title} 결과"]
    if numbers:
        lines.append("당선: " + ", ".join(f"기호 {n}번" for n in numbers))
    if "passed" in outcome:
        lines.append("가결" if outcome["passed"] else "부결")
    certified = vote.certified_at or timezone.now()
    return publication_record(
        complex=vote.complex,
        duty="election_results",
        source_object=vote,
        title=f"{vote.title} 결과 공고",
        body="\n".join(lines),
        event_on=timezone.localdate(certified),
        published_at=certified,
    )


def _won(amount) -> str:
    return f"{int(amount):,}원"


def _item_label(code: str) -> str:
    return "잡수입" if code == "misc_income" else _item_name(code)


def budget_approved(*, complex, year: int):
    """fees: the year's budget approved by a council resolution is published the day it is
    approved (제64조③10: 사업계획·예산, on approval). One entry per complex and year (keyed by the
    year), updated when the budget is set again. A budget without a resolution in force is a
    draft: nothing is recorded."""
    rows = list(Budget.objects.filter(complex=complex, year=year).select_related("resolution"))
    resolutions = [r.resolution for r in rows if r.resolution is not None]
    resolution = max(resolutions, key=lambda r: r.decided_at) if resolutions else None
    if not resolution_is_effective(resolution=resolution):
        return None
    lines = [f"{_item_label(r.item)}: {_won(r.amount)}" for r in rows if r.item != "misc_income"]
    lines.append(
        "합계 (잡수입 제외): " + _won(sum(r.amount for r in rows if r.item != "misc_income"))
    )
    lines += [f"잡수입 예산: {_won(r.amount)}" for r in rows if r.item == "misc_income"]
    lines.append(f"승인: {resolution.meeting} 의결 ({timezone.localdate(resolution.decided_at)})")
    return publication_record(
        complex=complex,
        duty="budget",
        period=date(year, 1, 1),
        title=f"{year}년도 사업계획·예산",
        body="\n".join(lines),
        event_on=timezone.localdate(resolution.decided_at),
        published_at=timezone.now(),
    )


def settlement_approved(*, settlement):
    """fees: the year-end settlement (사업실적·결산) published on approval (제64조③10). Duck-typed on
    `complex`, `year`, `figures` (a dict of label → won), `resolution` and `approved_at`; one entry
    per complex and year (keyed by the year). Not approved yet → nothing is recorded."""
    approved_at = getattr(settlement, "approved_at", None)
    if approved_at is None:
        return None
    figures = settlement.figures if isinstance(settlement.figures, dict) else {}
    lines = [
        f"{_item_label(k)}: {_won(v)}" if isinstance(v, int) else f"{_item_label(k)}: {v}"
        for k, v in figures.items()
        if not isinstance(v, (dict, list))
    ]
    lines += _settlement_lines(figures)
    resolution = getattr(settlement, "resolution", None)
    if resolution is not None:
        lines.append(f"승인: {resolution.meeting} 의결")
    return publication_record(
        complex=settlement.complex,
        duty="settlement",
        period=date(settlement.year, 1, 1),
        title=f"{settlement.year}년도 사업실적·결산",
        body="\n".join(lines),
        event_on=timezone.localdate(approved_at),
        published_at=timezone.now(),
    )


def _money(value) -> str:
    return _won(value) if isinstance(value, int) else "—"


def _settlement_lines(figures: dict) -> list[str]:
    """fees.selectors.year_settlement_figures' shape: per item budget and actual, the totals, and
    the misc income's appropriation (제80조⑤: ≥ 80% to reduce fees, the rest to contingency)."""
    lines = []
    for row in figures.get("items") or []:
        if isinstance(row, dict):
            name = row.get("name") or _item_label(str(row.get("item", "")))
            lines.append(
                f"{name}: 예산 {_money(row.get('budget'))} · 집행 {_money(row.get('actual'))}"
            )
    totals = figures.get("totals")
    if isinstance(totals, dict):
        lines.append(
            f"합계: 예산 {_money(totals.get('budget'))} · 집행 {_money(totals.get('actual'))}"
        )
    misc = figures.get("misc_income")
    if isinstance(misc, dict):
        for key, label in (
            ("joint", "공동 잡수입"),
            ("owner", "입주자 기여 잡수입 (장기수선충당금 적립, 제80조②)"),
            ("reduction", "관리비 차감 적립 (제80조⑤1)"),
            ("contingency", "예비비 적립 (제80조⑤2)"),
        ):
            if key in misc:
                lines.append(f"{label}: {_money(misc[key])}")
    return lines


def contingency_used(*, use):
    """fees.ContingencyUse recorded: the item, reason and amount are published when used
    (제80조⑥). Keyed by the use itself, so recording it again updates the same entry."""
    lines = [
        f"사용 비목: {_item_label(use.item)}",
        f"사유: {use.memo}",
        f"금액: {_won(use.amount)}",
        f"해당 월: {use.period:%Y년 %-m월}",
    ]
    if use.resolution_id:
        lines.append(f"승인: {use.resolution.meeting} 의결")
    return publication_record(
        complex=use.complex,
        duty="contingency_use",
        source_object=use,
        title=f"예비비 사용 — {_item_label(use.item)} {_won(use.amount)}",
        body="\n".join(lines),
        event_on=timezone.localdate(),
        published_at=timezone.now(),
    )


def misc_income_recorded(*, complex, period: date):
    """fees: misc income recorded for a month. The month's entry (제80조⑦: amounts, uses and
    balance by the end of the next month) is expected — or refreshed — with the month's figures
    per kind, ready for the office to publish once the month is complete. Keyed by the month:
    recording several incomes of a month fills one entry; a published entry keeps its first
    publication time."""
    period = period.replace(day=1)
    per_kind = (
        MiscIncome.objects.filter(complex=complex, period=period)
        .values("kind")
        .annotate(s=Sum("amount"))
        .order_by("kind")
    )
    labels = dict(MiscIncomeKind.choices)
    lines = [f"{labels.get(r['kind'], r['kind'])}: {_won(r['s'])}" for r in per_kind]
    lines.append("합계: " + _won(sum(r["s"] for r in per_kind)))
    year_total = (
        MiscIncome.objects.filter(
            complex=complex, period__year=period.year, period__lte=period
        ).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    lines.append(f"{period.year}년 누계: {_won(year_total)}")
    existing = Publication.objects.filter(
        complex=complex, duty="misc_income", period=period, source_id__isnull=True
    ).first()
    return publication_record(
        complex=complex,
        duty="misc_income",
        period=period,
        title=(existing and existing.title) or f"{period:%Y년 %-m월} 잡수입 현황",
        body="\n".join(lines),
        published_at=None,
    )


def contract_signed(*, complex, source_object, title: str, contractor: str, amount, signed_on):
    """A contract signed (e.g. repairs: the works of a reserve usage plan, 별지 12): the contract
    is to be published within 1 month of signing (제57조③, personal data masked). Recorded as
    expected — due a month after `signed_on` — for the office to publish; keyed by the source
    object, so recording it again updates the same entry and keeps a publication already made."""
    lines = [
        f"계약명: {title}",
        f"계약 상대방: {contractor}",
        f"계약 금액: {_won(amount)}",
        f"계약일: {signed_on:%Y-%m-%d}",
    ]
    return publication_record(
        complex=complex,
        duty="contract",
        source_object=source_object,
        title=f"계약서 — {title}",
        body="\n".join(lines),
        event_on=signed_on,
        published_at=None,
    )


# --- council (40-council.md): notice, minutes, operating costs ----------------------------


def meeting_noticed(*, meeting, items, now):
    """council: the meeting's notice posted on the board and the portal, 5 days before the
    meeting (Art. 28①) — except a meeting reconvened for the same purpose or an emergency with
    the reason recorded (Art. 28① 단서): its shortened notice is due by the meeting day itself,
    so the district dashboard does not flag it "late"."""
    day = timezone.localdate(meeting.starts_at)
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
    return publication_record(
        complex=meeting.complex,
        duty="council_meeting_notice",
        source_object=meeting,
        title=f"{meeting.title} 소집 공고",
        event_on=day,
        published_at=now,
        body="\n".join(lines),
        due=day if meeting.notice_exception else None,
    )


def minutes_received(*, minutes):
    """council: the signed resolutions part received — due that day (Art. 35②), pending."""
    return publication_record(
        complex=minutes.complex,
        duty="council_minutes",
        source_object=minutes,
        title=f"{minutes.meeting.title} 회의록",
        event_on=timezone.localdate(minutes.resolutions_completed_at),
        published_at=None,
    )


def minutes_published(*, minutes, now):
    """council: a part of the minutes published (Art. 35②), names masked by the council's text."""
    return publication_record(
        complex=minutes.complex,
        duty="council_minutes",
        source_object=minutes,
        title=f"{minutes.meeting.title} 회의록",
        event_on=timezone.localdate(minutes.resolutions_completed_at),
        published_at=now,
        body=minutes_text(minutes=minutes),
    )


def operating_costs_disclosed(*, complex, period, body, now):
    """council: the monthly operating-cost ledger, disclosed by the end of the next month
    (Art. 37③)."""
    return publication_record(
        complex=complex,
        duty="council_operating_costs",
        period=period,
        title=f"{period:%Y년 %m월} 입주자대표회의 운영비 사용명세",
        published_at=now,
        body=body,
    )


# --- fees: the month's fee summary -----------------------------------------------------------


def run_issued(*, run):
    """fees: a billing run issued — the month's fee summary (제64조③2, 제78조③) is rebuilt by a
    task, off the request."""
    fee_summary_refresh.delay(run.complex_id, str(run.period))


# Who listens to what (core/hooks.py); registered by DisclosureConfig.ready.
SUBSCRIPTIONS = {
    "residents.notice_saved": notice_saved,
    "council.meeting_noticed": meeting_noticed,
    "council.minutes_received": minutes_received,
    "council.minutes_published": minutes_published,
    "council.operating_costs_disclosed": operating_costs_disclosed,
    "repairs.contract_signed": contract_signed,
    "repairs.reserve_status_published": reserve_status_published,
    "fees.run_issued": run_issued,
    "fees.misc_income_recorded": misc_income_recorded,
    "fees.contingency_used": contingency_used,
    "fees.budget_approved": budget_approved,
    "fees.settlement_approved": settlement_approved,
    "elections.vote_certified": vote_certified,
}
