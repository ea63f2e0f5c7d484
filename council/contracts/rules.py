"""Dates, thresholds and counts of Arts. 55–61 (70-procurement.md rules 1–3, 7–8, 11–19).

Pure functions on whole numbers and dates: no floats, no database.
"""

import calendar
from datetime import date, timedelta

RECONTRACT_RESOLVE_DAYS = 60  # Art. 58①: "계약만료 60일 전까지"
RECONTRACT_POSTING_DAYS = 10  # Art. 58①: "10일 이상 게시"
OBJECTION_WINDOW_DAYS = 5  # Art. 58①7 (rule 12): window ≥ 5 days
EVALUATION_DAYS = 45  # Art. 59①: "계약만료 45일 전까지"

DEFAULT_WORKS_THRESHOLD = 100_000_000  # rule 3 (별표 4 amounts), seed ○○원
DEFAULT_SERVICES_THRESHOLD = 50_000_000
DEFAULT_MANAGEMENT_YEARS = 2  # Art. 57②: "○년 (예시 2년, 3년)"

# 영 25조①1 matters the office contracts (rule 1).
OFFICE_SERVICES = {"security", "cleaning", "disinfection", "elevator", "recycling", "other"}


def selecting_body(*, kind: str, funding: str) -> str:
    """Art. 55 (rule 1): the management company — the council; works or services paid from the
    defect-repair deposit or the repair reserve (영 25조①2·3) — the council; the other works,
    services and purchases (영 25조①1) — the office."""
    if kind == "management_company" or funding in ("reserve", "defect_deposit"):
        return "council"
    return "office"


def allowed_methods(kind: str) -> set[str]:
    """Art. 56①, 지침 7조② (rule 2): qualification or lowest bid; highest bid where the complex
    receives the money (sales, leases, recycling collection)."""
    if kind == "sale_or_lease":
        return {"highest", "qualification"}
    return {"qualification", "lowest"}


def residents_vote_offered(
    *, kind: str, amount: int, works_threshold: int, services_threshold: int
) -> bool:
    """Art. 56②(vote), rule 3 and open reading 3: the council may let residents vote on the
    award method for works ≥ the works threshold or services ≥ the services threshold
    (estimated amount without VAT over the whole term). Below them the option is not offered."""
    if kind == "works":
        return amount >= works_threshold
    if kind in ("service", "management_company"):
        return amount >= services_threshold
    return False


def method_vote_result(*, votes: dict, council_choice: str) -> str:
    """Open reading 2: more votes wins; a tie or no votes → the council's 56① choice."""
    if not votes:
        return council_choice
    best = max(votes.values())
    leaders = [m for m, n in votes.items() if n == best]
    if best == 0 or len(leaders) > 1:
        return council_choice
    return leaders[0]


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def contract_publish_due(signed_on: date) -> date:
    """Art. 57③ (rule 8): posted by signing date + 1 month — the same day number, else the
    month's last day (Jan 31 → Feb 28/29)."""
    return add_months(signed_on, 1)


def default_end(start: date, years: int) -> date:
    """Art. 57② (rule 7): the contract's last day after `years` (2026-01-01 + 2 → 2027-12-31)."""
    return add_years(start, years) - timedelta(days=1)


def recontract_resolve_by(end: date) -> date:
    """Art. 58① (rule 11): the council resolves on a date ≤ E − 60 days."""
    return end - timedelta(days=RECONTRACT_RESOLVE_DAYS)


def evaluation_due(end: date) -> date:
    """Art. 59① (rule 16): evaluated with 별지 10 by E − 45 days."""
    return end - timedelta(days=EVALUATION_DAYS)


def calendar_days(first: date, last: date) -> int:
    """Open reading 8: calendar days, both ends included (Nov 1–Nov 5 = 5)."""
    return (last - first).days + 1


def objection_limit(households: int) -> int:
    """Art. 58② (rule 14): re-contract only if objections < ⌈N/10⌉ ("10분의 1 이상" bars it)."""
    return -(-households // 10)


def objections_bar(*, objections: int, households: int) -> bool:
    """Art. 58②: ≥ 1/10 of all households objecting in writing bars the re-contract
    (10 × objections ≥ N)."""
    return 10 * objections >= households


def two_thirds_yes(*, yes: int, membership: int) -> bool:
    """Art. 58② (rule 14): a later council vote with 3 × yes ≥ 2 × membership."""
    return membership > 0 and 3 * yes >= 2 * membership


def majority_yes(*, yes: int, membership: int) -> bool:
    """Arts. 56①, 58①, 59①: more than half of the membership (2 × yes > membership)."""
    return membership > 0 and 2 * yes > membership


def replacement_demanded(*, demanding_units: int, households: int) -> bool:
    """Art. 60① (rule 14, open reading 9): 부동의 forms plus other written replacement demands
    (distinct units) exceeding N/2 — the council must bar the company from the next tender.
    Art. 60② (rule 18): the same majority bars a service contractor."""
    return 2 * demanding_units > households


def method_change_proposal_ok(*, proposing_units: int, households: int) -> bool:
    """Art. 61 (rule 19): residents' written proposal by ≥ ⌈N/10⌉ households."""
    return 10 * proposing_units >= households


CHAIR_GUARANTEE_SMALL = 30_000_000  # Art. 90② (seed ○천만원; 영 70조's amounts), < 500 households
CHAIR_GUARANTEE_LARGE = 50_000_000  # ≥ 500 households
GUARANTEE_WARNING_DAYS = 30  # rule 23: warn 30 days before a guarantee lapses


def chair_guarantee_min(*, households: int, setting: int | None) -> int:
    """Art. 90② (rule 23): the complex's setting, else 30,000,000 won below 500 households and
    50,000,000 won from 500."""
    if setting:
        return setting
    return CHAIR_GUARANTEE_LARGE if households >= 500 else CHAIR_GUARANTEE_SMALL
