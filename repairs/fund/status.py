"""별지 6: the annual status of the repair reserve as of December 31 (Art. 79①).

① reserve required by the plan to date   ② reserve per the rate (what the bills were to carry)
③ accumulated to date   ④ used   ⑤ balance = ③ − ④   ⑥ need for the rest of the plan period
⑦ still to accumulate = ⑥ − ⑤; plus the monthly amount and how it is computed.
"""

from datetime import date
from fractions import Fraction
from math import floor

from repairs.plan.plan_math import cost_by_year
from repairs.plan.projection import schedule_for
from repairs.plan.reserve import display_price
from repairs.plan.selectors import current_revision, plan_for

from .ledger import ledger_lines
from .models import CREDIT_KINDS


def annual_status(*, complex, year: int) -> dict | None:
    """The 별지 6 figures for December 31 of `year`, or None when the complex has no plan."""
    revision = current_revision(complex=complex)
    if revision is None:
        return None
    plan = plan_for(complex=complex)
    s = schedule_for(complex=complex, revision=revision)
    as_of = date(year, 12, 31)
    last_month = date(year, 12, 1)
    first = max(s.start_month, s.accrual_start)
    months = list(s.months(first, last_month)) if first <= last_month else []
    required = floor(sum((s.planned_month(m) for m in months), Fraction(0)))  # ①
    per_rate = sum(s.billed_month(m) for m in months)  # ②
    lines = ledger_lines(complex=complex, until=as_of)
    accumulated = sum(line.credit for line in lines)  # ③
    used_lines = [line for line in lines if line.debit]
    used = sum(line.debit for line in used_lines)  # ④
    balance = accumulated - used  # ⑤
    works = cost_by_year(s.components, s.start_month, s.end_month)
    need = floor(sum((c for y, c in works.items() if y > year), Fraction(0)))  # ⑥
    to_accumulate = need - balance  # ⑦
    next_month = date(year + 1, 1, 1)
    phase = s.phase_of(next_month)
    price = s.price(phase)
    accruing = next_month >= s.accrual_start
    return {
        "complex": complex.name,
        "year": year,
        "as_of": as_of.isoformat(),
        "plan": {
            "established_on": plan.established_on.isoformat(),
            "last_adjusted_on": revision.created_at.date().isoformat(),
            "revision": revision.number,
            "period": f"{s.start_month:%Y-%m}~{s.end_month:%Y-%m}",
            "total_repair_cost": floor(s.total_cost),
        },
        "required_by_plan": required,
        "per_rate": per_rate,
        "accumulated": accumulated,
        "used": used,
        "used_works": [
            {"date": line.day.isoformat(), "memo": line.label, "amount": line.debit}
            for line in used_lines
        ],
        "balance": balance,
        "need_rest_of_plan": need,
        "to_accumulate": to_accumulate,
        "monthly": {
            "price_per_m2": str(display_price(price)) if accruing else "0.00",
            "total_supply_area": str(display_price(s.total_area)),
            "monthly_total": s.billed_month(next_month),
            "phase_rate": str(phase.rate if phase else 0),
            "explanation": "월 적립금 = 수선비 총액 × 단계 요율 ÷ (총공급면적 × 12 × 단계 기간(년)) "
            "× 세대 공급면적 (별표 9)",
        },
        "credits_by_kind": _credits_by_kind(lines),
    }


def _credits_by_kind(lines) -> dict:
    out = {}
    for line in lines:
        if line.credit:
            kind = line.kind if line.kind == "accrual" or line.kind in CREDIT_KINDS else "other"
            out[kind] = out.get(kind, 0) + line.credit
    return out
