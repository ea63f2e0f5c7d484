"""The catalogue of statutory disclosure duties (60-disclosure.md) and their deadline rules.

Pure functions: `due_on(duty, event_on)` and `status_of(...)`. Each rule cites its article of the
Seoul standard bylaw (seed 003). A publication is recorded with one call to
`services.publication_record(complex=…, duty="council_minutes", …)`, made by disclosure's own
subscribers to the other apps' hooks (integrations.py, core/hooks.py).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# How a duty's deadline is counted from its `event_on` date.
SAME_DAY = "same_day"  # the day the item is received / used / decided
DAYS_BEFORE_5 = "days_before_5"  # ≥ 5 days before the meeting (event_on = the meeting day)
FROM_60_DAYS_BEFORE = "from_60_days_before"  # from 60 days before expiry (event_on = expiry)
DAY_BEFORE = "day_before"  # before the event (event_on = the bid notice)
END_OF_NEXT_MONTH = "end_of_next_month"  # event_on = any day of the month the item covers
MARCH_31_NEXT_YEAR = "march_31_next_year"  # event_on = any day of the year the item covers
WITHIN_1_MONTH = "within_1_month"  # event_on = the signing day


@dataclass(frozen=True)
class Duty:
    code: str
    name: str
    article: str
    rule: str
    section: str  # the heading it appears under on the public page
    periodic: str = ""  # "monthly" / "yearly": the daily task expects one per period
    min_posting_days: int = 0


SECTIONS = {
    "council": "입주자대표회의",
    "election": "선거관리위원회",
    "fees": "관리비·잡수입",
    "repairs": "장기수선",
    "contracts": "계약·입찰",
    "accounts": "예산·결산·감사",
    "rules": "규약·조직",
    "sanctions": "행정처분",
}

DUTIES = {
    d.code: d
    for d in [
        Duty(
            "council_meeting_notice",
            "입주자대표회의 소집 공고",
            "제28조①",
            DAYS_BEFORE_5,
            "council",
        ),
        Duty("council_minutes", "입주자대표회의 회의록", "제35조②", SAME_DAY, "council"),
        Duty(
            "council_operating_costs",
            "입주자대표회의 운영비 사용명세",
            "제37조③",
            END_OF_NEXT_MONTH,
            "council",
            "monthly",
        ),
        Duty(
            "council_composition",
            "동별 대표자·입주자대표회의 구성",
            "제64조③5",
            SAME_DAY,
            "council",
        ),
        Duty(
            "election_meeting_notice",
            "선거관리위원회 회의 소집 공고",
            "제49조③",
            DAYS_BEFORE_5,
            "election",
        ),
        Duty("election_minutes", "선거관리위원회 회의록", "제49조⑤", SAME_DAY, "election"),
        Duty("election_results", "선거 결과", "제64조③5", SAME_DAY, "election"),
        Duty(
            "election_committee_composition",
            "선거관리위원회 구성",
            "제64조③6",
            SAME_DAY,
            "election",
        ),
        Duty(
            "fee_breakdown",
            "월별 관리비 부과명세",
            "제64조③2, 제78조③",
            END_OF_NEXT_MONTH,
            "fees",
            "monthly",
        ),
        Duty(
            "misc_income",
            "잡수입 금액·사용명세·잔액",
            "제80조⑦",
            END_OF_NEXT_MONTH,
            "fees",
            "monthly",
        ),
        Duty("contingency_use", "예비비 사용 (항목·사유·금액)", "제80조⑥", SAME_DAY, "fees"),
        Duty(
            "reserve_status",
            "장기수선충당금 적립·사용 현황 (별지 6)",
            "제79조①",
            MARCH_31_NEXT_YEAR,
            "repairs",
            "yearly",
        ),
        Duty("repair_plan", "장기수선계획·안전관리계획 현황", "제64조③3", SAME_DAY, "repairs"),
        Duty("contract", "계약서 (개인정보 제외)", "제57조③", WITHIN_1_MONTH, "contracts"),
        Duty(
            "recontract_notice",
            "주택관리업자 재계약 공고·의견청취",
            "제58조①",
            FROM_60_DAYS_BEFORE,
            "contracts",
        ),
        Duty("bid_notice", "입찰 공고·낙찰 결과", "제64조③8", SAME_DAY, "contracts"),
        Duty("expert_advice", "입찰 전 전문가 자문 결과", "제32조⑤", DAY_BEFORE, "contracts"),
        Duty("budget", "사업계획·예산", "제64조③10", SAME_DAY, "accounts"),
        Duty("settlement", "사업실적·결산", "제64조③10", SAME_DAY, "accounts"),
        Duty("external_audit", "외부 회계감사 결과", "제64조③9", SAME_DAY, "accounts"),
        Duty("auditor_report", "감사 보고서", "제19조⑤", SAME_DAY, "accounts"),
        Duty("bylaw", "관리규약·제 규정", "제64조③3", SAME_DAY, "rules"),
        Duty("office_organisation", "관리사무소 조직", "제64조③7", SAME_DAY, "rules"),
        Duty(
            "complaint_results",
            "건의사항 조치결과·주요업무 추진상황",
            "제64조③4",
            SAME_DAY,
            "rules",
        ),
        Duty(
            "sanction",
            "행정처분·벌금 등 처분 내용",
            "제64조④",
            SAME_DAY,
            "sanctions",
            min_posting_days=5,
        ),
    ]
}
DUTY_CHOICES = [(d.code, d.name) for d in DUTIES.values()]


class Status:
    PENDING = "pending"
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    SHORT = "short"


STATUS_CHOICES = [
    (Status.MISSING, "미공개 (기한 경과)"),
    (Status.LATE, "지연 공개"),
    (Status.SHORT, "게시기간 미달"),
    (Status.PENDING, "공개 예정"),
    (Status.ON_TIME, "기한 내 공개"),
]
# Problems first: the district view sorts by this.
STATUS_ORDER = {code: i for i, (code, _) in enumerate(STATUS_CHOICES)}


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month (Jan 31 → Feb 28)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(duty: str, event_on: date) -> date:
    """The last day the duty may be published, counted from `event_on` (see the rule names).

    - 제28조①, 제49조③: a meeting notice at least 5 days before the meeting → meeting − 5 days.
    - 제35조②, 제49⑤: minutes the day the office receives them → the same day.
    - 제78조③/제64조③2, 제80조⑦, 제37조③: fees, misc income, operating costs of month M → the
      last day of month M+1.
    - 제79조①: the reserve status of year Y → March 31 of Y+1.
    - 제57조③: a contract within 1 month of signing → the same day a month later (clamped).
    - 제58①: the re-contract notice from 60 days before the contract expires.
    - 제32조⑤: the expert advice before the bid notice → the day before.
    - 제64조④ and the "on change / on receipt" items: the same day.
    """
    rule = DUTIES[duty].rule
    if rule == SAME_DAY:
        return event_on
    if rule == DAYS_BEFORE_5:
        return event_on - timedelta(days=5)
    if rule == FROM_60_DAYS_BEFORE:
        return event_on - timedelta(days=60)
    if rule == DAY_BEFORE:
        return event_on - timedelta(days=1)
    if rule == END_OF_NEXT_MONTH:
        return month_end(add_months(event_on.replace(day=1), 1))
    if rule == MARCH_31_NEXT_YEAR:
        return date(event_on.year + 1, 3, 31)
    if rule == WITHIN_1_MONTH:
        return add_months(event_on, 1)
    raise ValueError(rule)


def posting_days(published_on: date, posted_until: date) -> int:
    """Calendar days on the board, both ends counted (posted Nov 1, taken down after Nov 5 = 5)."""
    return (posted_until - published_on).days + 1


def status_of(
    *, duty: str, due: date, published_on: date | None, posted_until: date | None, today: date
) -> str:
    """On time / late / missing (60-disclosure.md: "every publication is recorded with its due
    date and actual publication time, so lateness is visible"). Sanctions (제64조④) must also
    stay on the board at least 5 days: taken down sooner → `short`."""
    if published_on is None:
        return Status.MISSING if today > due else Status.PENDING
    if published_on > due:
        return Status.LATE
    minimum = DUTIES[duty].min_posting_days
    if minimum and posted_until is not None and posting_days(published_on, posted_until) < minimum:
        return Status.SHORT
    return Status.ON_TIME
