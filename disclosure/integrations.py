"""Adapters the other apps call at their completion points, each one line there:

- residents: a statutory notice saved on the board → its duty (StatutoryKind → duty below);
- repairs: the year's 별지 6 published (제79조①);
- elections: a vote's result certified and posted (제64조③5, 제25조②).

(council records its notices, minutes and operating costs itself through
`services.publication_record`; fees enqueues `tasks.fee_summary_refresh` on issue.)
Each adapter is harmless to call twice: entries are keyed by their source or period.
"""

from datetime import date

from django.utils import timezone

from .duties import DUTIES, add_months
from .services import publication_record

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
