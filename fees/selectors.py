"""Reads of the fees app, including the contracts other apps call:

- `repair_reserve_billed(complex, start, end)` for the repairs ledger;
- `months_in_arrears(unit, on)` for election candidate eligibility.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from complexes.models import Unit
from complexes.unsold import developer_bills_q
from core.tenancy import scoped
from council.models import Resolution, ResolutionStatus
from residents.selectors import residency_window

from .due_dates import previous_month
from .items import ITEMS, UTILITY_NAMES, item_name
from .ledger import Account, Debt, settle
from .models import Bill, BillingRun, Budget, MeterReading, MiscIncome, Payment, RunStatus


def repair_reserve_billed(*, complex, start: date, end: date) -> list[tuple[int, date, int]]:
    """(unit_id, period, amount) of the repair-reserve lines of issued bills with
    start ≤ period ≤ end (Art. 79③: every payment of it traceable per unit and period)."""
    return list(
        Bill.objects.filter(
            complex=complex,
            status=RunStatus.ISSUED,
            period__gte=start,
            period__lte=end,
        )
        .exclude(repair_reserve=0)
        .order_by("period", "unit_id")
        .values_list("unit_id", "period", "repair_reserve")
    )


def _debts(bills):
    return [Debt(b[0], b[1], b[2], b[3], b[4], b[5]) for b in bills]


def unit_account(*, unit, on: date) -> Account:
    """The unit's issued bills settled by its payments dated ≤ `on` (Art. 86⑤ order)."""
    bills = Bill.objects.filter(
        complex_id=unit.complex_id, unit=unit, status=RunStatus.ISSUED, issued_on__lte=on
    ).values_list("pk", "period", "issued_on", "due_date", "charges", "late_fee")
    payments = list(
        Payment.objects.filter(complex_id=unit.complex_id, unit=unit, paid_on__lte=on).values_list(
            "paid_on", "amount"
        )
    )
    return settle(_debts(bills), payments, until=on)


def months_in_arrears(*, unit, on: date) -> int:
    """How many issued bills of the unit were past due and not fully paid on `on` (their period
    charges; late fees alone do not count)."""
    return unit_account(unit=unit, on=on).months_in_arrears(on)


def delinquent_units(*, complex, on: date) -> list[dict]:
    """Units with unpaid, past-due issued bills on `on` (Art. 98), oldest debt first. For the
    office only: delinquent unit numbers are never public."""
    bills = defaultdict(list)
    for row in Bill.objects.filter(
        complex=complex, status=RunStatus.ISSUED, issued_on__lte=on
    ).values_list("unit_id", "pk", "period", "issued_on", "due_date", "charges", "late_fee"):
        bills[row[0]].append(row[1:])
    payments = defaultdict(list)
    for unit_id, paid_on, amount in Payment.objects.filter(
        complex=complex, paid_on__lte=on
    ).values_list("unit_id", "paid_on", "amount"):
        payments[unit_id].append((paid_on, amount))
    out = []
    for unit_id, rows in bills.items():
        account = settle(_debts(rows), payments.get(unit_id, []), until=on)
        overdue = [d for d in account.debts if d.due_date < on and d.unpaid > 0]
        if overdue:
            out.append(
                {
                    "unit_id": unit_id,
                    "months": account.months_in_arrears(on),
                    "amount": sum(d.unpaid for d in overdue),
                    "oldest": min(d.period for d in overdue),
                    "oldest_due": min(d.due_date for d in overdue),
                }
            )
    units = Unit.objects.filter(complex=complex, pk__in=[o["unit_id"] for o in out]).select_related(
        "building"
    )
    by_id = {u.pk: u for u in units}
    for o in out:
        o["unit"] = by_id[o["unit_id"]]
    from .billing import natural_key

    out.sort(
        key=lambda o: (
            -o["months"],
            natural_key(o["unit"].building.name),
            natural_key(o["unit"].number),
        )
    )
    return out


def bill_page(*, bill: Bill) -> dict:
    """Everything the bill page shows besides the bill itself and its payments, in two queries
    whatever the history: the unit's issued bills of the 13 months up to it (for last month,
    same month last year and the 12-month trend, cut to the visitor's residency when shown:
    fees.caching.windowed); the same-area average comes from the bill's run."""
    history = list(
        Bill.objects.filter(
            complex_id=bill.complex_id,
            unit_id=bill.unit_id,
            status=RunStatus.ISSUED,
            period__lte=bill.period,
            period__gte=previous_month(bill.period, 12),
        )
        .order_by("period")
        .values("pk", "period", "charges", "management_fee", "usage_charges", "repair_reserve")
    )
    summary = bill.run.summary if bill.run_id else {}
    same_area = summary.get("same_area", {}).get(str(bill.supply_area), [0, 0])
    return {
        "history": [{"period": h["period"], "charges": h["charges"]} for h in history],
        "same_area_avg": same_area[0],
        "same_area_count": same_area[1],
        "notes": bill.run.notes,
        "summary": summary,
        "sections": bill_sections(bill),
    }


def recent_payments(*, bill: Bill) -> list[dict]:
    """The unit's latest payments, shown live under the (cached) bill."""
    return list(
        Payment.objects.filter(complex_id=bill.complex_id, unit_id=bill.unit_id)
        .order_by("-paid_on", "-id")
        .values("paid_on", "amount", "reference")[:6]
    )


def bill_sections(bill) -> list[dict]:
    """The bill's lines grouped: 관리비, 사용료, 장기수선충당금 (Art. 86②), others."""
    titles = {
        "management": "관리비",
        "usage": "사용료",
        "reserve": "장기수선충당금",
        "other": "기타",
    }
    groups = {k: [] for k in titles}
    for line in bill.lines:
        if line["item"] in ("misc_income_credit", "late_fee", "adjustment"):
            groups["other"].append(line)
        else:
            groups[line["section"]].append(line)
    return [
        {"key": k, "title": titles[k], "lines": v, "total": sum(line["amount"] for line in v)}
        for k, v in groups.items()
        if v
    ]


def run_review(*, run: BillingRun) -> dict:
    """Draft review: totals per item vs the costs entered, and what changed vs last month."""
    from .models import Cost

    entered = defaultdict(int)
    for item, amount in Cost.objects.filter(
        complex_id=run.complex_id, period=run.period
    ).values_list("item", "amount"):
        entered[item] += amount or 0
    rows = []
    for code, total in sorted(
        run.totals.items(), key=lambda kv: list(ITEMS).index(kv[0]) if kv[0] in ITEMS else 99
    ):
        rows.append(
            {"item": code, "name": item_name(code), "billed": total, "entered": entered.get(code)}
        )
    previous = BillingRun.objects.filter(
        complex_id=run.complex_id, period=previous_month(run.period)
    ).first()
    changes = []
    if previous:
        for code in sorted(set(run.totals) | set(previous.totals)):
            now, before = run.totals.get(code, 0), previous.totals.get(code, 0)
            if now != before:
                changes.append(
                    {
                        "name": item_name(code),
                        "now": now,
                        "before": before,
                        "pct": round(100 * (now - before) / before, 1) if before else None,
                    }
                )
    return {"rows": rows, "changes": changes, "previous": previous}


def anomalies(*, complex, period: date) -> list[dict]:
    """Art. 63③: usage far from same-area units (under 20% or over 3× the average);
    Art. 63⑦: no water/gas/heating/hot-water usage for 3+ months (heating and hot water count
    only November–April)."""
    rows = list(
        MeterReading.objects.filter(complex=complex, period=period).values_list(
            "unit_id", "utility", "usage", "unit__supply_area"
        )
    )
    groups = defaultdict(list)
    for unit_id, utility, usage, area in rows:
        groups[(utility, area)].append((unit_id, usage))
    flags = []
    for (utility, _area), values in groups.items():
        if len(values) < 3:
            continue
        avg = sum(v for _, v in values) / len(values)
        if avg <= 0:
            continue
        for unit_id, usage in values:
            if usage > avg * 3 or usage < avg * Decimal("0.2"):
                flags.append(
                    {
                        "unit_id": unit_id,
                        "utility": UTILITY_NAMES[utility],
                        "kind": "비교 이상 (제63조③)",
                        "detail": f"사용량 {usage.normalize():f} / 같은 면적 평균 {avg:.1f}",
                    }
                )
    months = [period, previous_month(period, 1), previous_month(period, 2)]
    zero = defaultdict(set)
    for unit_id, utility, p in MeterReading.objects.filter(
        complex=complex,
        period__in=months,
        usage=0,
        utility__in=["water", "gas", "heating", "hot_water"],
    ).values_list("unit_id", "utility", "period"):
        if utility in ("heating", "hot_water") and 5 <= p.month <= 10:
            continue
        zero[(unit_id, utility)].add(p)
    for (unit_id, utility), periods in zero.items():
        counted = [
            m for m in months if not (utility in ("heating", "hot_water") and 5 <= m.month <= 10)
        ]
        if len(counted) == 3 and len(periods) == 3:
            flags.append(
                {
                    "unit_id": unit_id,
                    "utility": UTILITY_NAMES[utility],
                    "kind": "3개월 이상 사용량 0 (제63조⑦)",
                    "detail": "현장 확인 필요",
                }
            )
    labels = {
        u.pk: u.label
        for u in Unit.objects.filter(pk__in={f["unit_id"] for f in flags}).select_related(
            "building"
        )
    }
    for f in flags:
        f["unit"] = labels.get(f["unit_id"], "")
    return flags


def budget_vs_actual(*, complex, year: int) -> dict:
    """Art. 78①: each item's budget against what the issued bills charged, month by month."""
    budgets = dict(Budget.objects.filter(complex=complex, year=year).values_list("item", "amount"))
    runs = list(
        BillingRun.objects.filter(
            complex=complex, status=RunStatus.ISSUED, period__year=year
        ).order_by("period")
    )
    months = [r.period for r in runs]
    codes = [
        c for c in [*ITEMS, "repair_reserve"] if c in budgets or any(c in r.totals for r in runs)
    ]
    rows = []
    for code in codes:
        monthly = [r.totals.get(code, 0) for r in runs]
        actual = sum(monthly)
        budget = budgets.get(code)
        rows.append(
            {
                "item": code,
                "name": item_name(code),
                "budget": budget,
                "monthly": monthly,
                "actual": actual,
                "rate": round(100 * actual / budget, 1) if budget else None,
            }
        )
    misc_actual = (
        MiscIncome.objects.filter(complex=complex, period__year=year).aggregate(s=Sum("amount"))[
            "s"
        ]
        or 0
    )
    return {
        "year": year,
        "months": months,
        "rows": rows,
        "misc_income": {"budget": budgets.get("misc_income"), "actual": misc_actual},
    }


def monthly_breakdown(*, complex, months: int = 12) -> list[dict]:
    """The complex-wide totals per issued period (council and office)."""
    runs = BillingRun.objects.filter(complex=complex, status=RunStatus.ISSUED).order_by("-period")[
        :months
    ]
    return [
        {
            "period": r.period,
            "units": r.summary.get("units"),
            "charges": r.summary.get("charges"),
            "totals": sorted(
                ((item_name(k), v) for k, v in r.totals.items()), key=lambda kv: -kv[1]
            ),
        }
        for r in runs
    ]


def passed_resolutions(*, complex):
    """This complex's council resolutions that passed and are in force (Art. 34: not suspended or
    revoked) — what a budget, a settlement or a misc-income use may be approved by."""
    return (
        Resolution.objects.filter(complex=complex, passed=True, status=ResolutionStatus.EFFECTIVE)
        .select_related("item", "meeting")
        .order_by("-decided_at")
    )


def budget_resolution(*, complex, year: int):
    """The council resolution approving the year's budget (Art. 78①), if linked."""
    row = (
        Budget.objects.filter(complex=complex, year=year, resolution__isnull=False)
        .select_related("resolution__item", "resolution__meeting")
        .first()
    )
    return row.resolution if row else None


def misc_income_totals(*, complex, year: int) -> dict:
    """The year's misc income split by Art. 80②③: owners' contributions (to the repair reserve)
    and joint income."""
    from .models import OWNER_KINDS

    rows = MiscIncome.objects.filter(complex=complex, period__year=year).values_list(
        "kind", "amount"
    )
    owner = sum(a for k, a in rows if k in OWNER_KINDS)
    joint = sum(a for k, a in rows if k not in OWNER_KINDS)
    return {"owner": owner, "joint": joint, "total": owner + joint}


def misc_income_status(*, complex, year: int) -> dict:
    """Art. 80④ for the misc income page: the year's budgeted misc income, the 40% limit of the
    priority uses, what each use spent against its annual cap, and the contingency reserve
    (built by approved settlements, Art. 80⑤2, less the contingency used, Art. 80⑥)."""
    from .models import (
        CAPPED_USES,
        ContingencyUse,
        MiscIncomeUse,
        PriorityUse,
        YearSettlement,
    )
    from .services import fee_settings, priority_limit

    budget = (
        Budget.objects.filter(complex=complex, year=year, item="misc_income")
        .values_list("amount", flat=True)
        .first()
    )
    by_use = dict(
        MiscIncomeUse.objects.filter(complex=complex, period__year=year)
        .values_list("use")
        .annotate(s=Sum("amount"))
        .values_list("use", "s")
    )
    caps = fee_settings(complex).misc_use_caps or {}
    used = sum(by_use.values())
    limit = priority_limit(budget) if budget is not None else None
    reserve_in = (
        YearSettlement.objects.filter(complex=complex).aggregate(s=Sum("contingency"))["s"] or 0
    )
    reserve_out = (
        ContingencyUse.objects.filter(complex=complex).aggregate(s=Sum("amount"))["s"] or 0
    )
    return {
        "year": year,
        "budget": budget,
        "limit": limit,
        "used": used,
        "left": None if limit is None else max(limit - used, 0),
        "uses": [
            {
                "use": u.value,
                "name": u.label,
                "cap": caps.get(u.value) if u in CAPPED_USES else None,
                "capped": u in CAPPED_USES,
                "used": by_use.get(u.value, 0),
            }
            for u in PriorityUse
        ],
        "income": misc_income_totals(complex=complex, year=year),
        "contingency_reserve": reserve_in - reserve_out,
    }


def year_settlement_figures(*, complex, year: int, reduction: int | None = None) -> dict:
    """결산서 figures (Art. 78, Art. 80⑤), JSON-ready: per charge item the budget, the actual
    (what the year's issued bills charged) and the variance (budget − actual: + under budget,
    − over); the total surplus or deficit; and the misc income appropriation — owners' income to
    the repair reserve (Art. 80②), joint income less the Art. 80④ uses, of which ≥ 80% reduces
    next year's fees (Art. 80⑤1: `reduction`, default the minimum) and the rest is the
    contingency reserve (Art. 80⑤2)."""
    from .models import MiscIncomeUse
    from .services import priority_limit, reduction_minimum

    bva = budget_vs_actual(complex=complex, year=year)
    items = []
    for r in bva["rows"]:
        budget = r["budget"]
        items.append(
            {
                "item": r["item"],
                "name": r["name"],
                "budget": budget,
                "actual": r["actual"],
                "variance": None if budget is None else budget - r["actual"],
            }
        )
    total_budget = sum(i["budget"] or 0 for i in items)
    total_actual = sum(i["actual"] for i in items)
    income = misc_income_totals(complex=complex, year=year)
    uses = (
        MiscIncomeUse.objects.filter(complex=complex, period__year=year).aggregate(s=Sum("amount"))[
            "s"
        ]
        or 0
    )
    remaining = max(income["joint"] - uses, 0)
    minimum = reduction_minimum(remaining)
    chosen = minimum if reduction is None else reduction
    misc_budget = bva["misc_income"]["budget"]
    totals = {
        "budget": total_budget,
        "actual": total_actual,
        "variance": total_budget - total_actual,
        "difference": abs(total_budget - total_actual),
    }
    misc = {
        "budget": misc_budget,
        "owner": income["owner"],
        "to_repair_reserve": income["owner"],
        "joint": income["joint"],
        "priority_limit": None if misc_budget is None else priority_limit(misc_budget),
        "priority_uses": uses,
        "remaining": remaining,
        "reduction_min": minimum,
        "reduction": chosen,
        "contingency": remaining - chosen,
    }
    return {
        "meta": {
            "year": year,
            "months": len(bva["months"]),
            "result": "surplus" if total_budget >= total_actual else "deficit",
        },
        "items": items,
        "totals": totals,
        "misc_income": misc,
        # The headline figures, label → won, as published (disclosure's settlement entry).
        "예산 합계": total_budget,
        "실적 합계 (부과액)": total_actual,
        "예산 − 실적": totals["variance"],
        "입주자 기여 잡수입 → 장기수선충당금 (제80조②)": income["owner"],
        "공동 기여 잡수입 (제80조③)": income["joint"],
        "우선 지출 (제80조④)": uses,
        "관리비 차감 적립 (제80조⑤1)": chosen,
        "예비비 적립 (제80조⑤2)": remaining - chosen,
    }


def meters_expiring(*, complex, on: date, within: int = 90):
    """Art. 63②: meters whose verification has expired or expires within `within` days of `on`,
    soonest first, each with `days_left` (negative: expired)."""
    from datetime import timedelta

    from .models import MeterVerification

    rows = list(
        MeterVerification.objects.filter(
            complex=complex, expires_on__lte=on + timedelta(days=within)
        )
        .select_related("unit__building")
        .order_by("expires_on", "id")
    )
    for r in rows:
        r.days_left = (r.expires_on - on).days
    return rows


def lessee_window(membership):
    """A lessee sees the bills of the months they lived there only (the residents app's
    residency window, Art. 9①②), from the month they moved in."""
    start, end = residency_window(membership=membership)
    return start.replace(day=1), end


def resident_windows(ctx) -> list[tuple[int, date | None, date | None]]:
    """(unit, first month, last day) of the issued bills a resident may see, per unit: the
    months of their own residency, owner or lessee alike (issue 12 [1/9], Art. 9①②; the
    residents app's `residency_window`). None: unbounded — only an owner account the office
    made without a register entry sees the unit's whole history (arrears follow the unit to
    a successor owner, Art. 16)."""
    windows = []
    for m in ctx.resident_memberships:
        start, end = residency_window(membership=m)
        start = None if start == date.min else start.replace(day=1)
        windows.append((m.unit_id, start, end))
    return windows


def resident_window_for(ctx, *, unit_id: int, period: date) -> tuple[date | None, date | None]:
    """The window (first month, last day) through which `ctx` sees the bill of `unit_id` for
    `period` — the office sees everything; used to cut the bill page's history
    (fees.caching.windowed). Call after checking `resident_may_see`."""
    if ctx.is_office:
        return (None, None)
    for unit, start, end in resident_windows(ctx):
        if (
            unit == unit_id
            and (start is None or start <= period)
            and (end is None or period <= end)
        ):
            return (start, end)
    return (period, period)


def resident_q(ctx) -> Q:
    """`resident_windows` as a filter on Bill; matches nothing for a member without a unit."""
    visible = Q(pk__in=[])
    for unit_id, start, end in resident_windows(ctx):
        mine = Q(unit_id=unit_id, status=RunStatus.ISSUED)
        if start:
            mine &= Q(period__gte=start)
        if end:
            mine &= Q(period__lte=end)
        visible |= mine
    return visible


def resident_may_see(ctx, *, unit_id: int, period: date) -> bool:
    """`resident_windows` for one issued bill."""
    return any(
        unit == unit_id and (start is None or start <= period) and (end is None or period <= end)
        for unit, start, end in resident_windows(ctx)
    )


def resident_bills(ctx):
    """The bills a resident may see: `resident_q`, without the months their unit was unsold,
    whose bills are the developer's (seed 004, 시행령 31조⑦)."""
    return scoped(ctx, Bill).filter(resident_q(ctx)).exclude(developer_bills_q(complex=ctx.complex))
