"""The reserve ledger (Art. 86④: kept apart from fees and usage charges).

balance = accruals billed on issued bills (from fees) + credits (misc income Art. 80②, interest,
opening balance, the developer's payments for unsold units) − spending (works under a usage plan,
meter re-verification Art. 63④), to the won.
"""

from dataclasses import dataclass
from datetime import date

from .models import CREDIT_KINDS, EntryKind, ReserveEntry


def billed_accruals(*, complex, start: date, end: date) -> list[tuple[int, date, int]]:
    """(unit_id, period, amount) of the reserve lines of issued bills whose period lies in
    [start, end], from the fees app (`fees.selectors.repair_reserve_billed`)."""
    try:
        from fees.selectors import repair_reserve_billed
    except ImportError:  # the fees app has no issued bills to offer (yet)
        return []
    return list(repair_reserve_billed(complex=complex, start=start, end=end))


def paid_by_unit(*, complex, unit_id: int, start: date, end: date) -> list[tuple[date, int, int]]:
    """(period, billed, paid) of one unit's reserve, month by month (Art. 79③ certificate).

    Uses `fees.selectors.repair_reserve_paid` when fees offers it. Otherwise from the unit's
    account as fees settles it (`fees.selectors.unit_account`, payment order Art. 86⑤): a bill
    whose period charges are paid in full paid its reserve in full; a partly paid bill paid the
    reserve pro rata, rounded down (fees precise rule 13)."""
    billed = {}
    for uid, period, amount in billed_accruals(complex=complex, start=start, end=end):
        if uid == unit_id:
            billed[period] = billed.get(period, 0) + amount
    if not billed:
        return []
    try:
        from fees.selectors import repair_reserve_paid
    except ImportError:
        repair_reserve_paid = None
    if repair_reserve_paid is not None:
        paid = {}
        for period, amount in repair_reserve_paid(
            complex=complex, unit_id=unit_id, start=start, end=end
        ):
            paid[period] = paid.get(period, 0) + amount
        return [(p, billed.get(p, 0), paid.get(p, 0)) for p in sorted(set(billed) | set(paid))]
    from django.utils import timezone

    from complexes.models import Unit
    from fees.selectors import unit_account

    unit = Unit.objects.get(complex=complex, pk=unit_id)
    account = unit_account(unit=unit, on=timezone.localdate())
    paid_share = {}
    for debt in account.debts:
        if debt.period in billed and debt.charges > 0:
            paid_share[debt.period] = (debt.charges - debt.charges_unpaid, debt.charges)
    rows = []
    for period in sorted(billed):
        reserve = billed[period]
        done, total = paid_share.get(period, (0, 1))
        rows.append((period, reserve, reserve if done >= total else reserve * done // total))
    return rows


def owner_misc_income(*, complex, start: date, end: date) -> list[tuple[date, str, int]]:
    """(period, kind label, amount) of the owners' misc income (telecom repeaters, daycare rent
    …) that Art. 80② credits to the reserve, as recorded in fees."""
    try:
        from fees.models import OWNER_KINDS, MiscIncome
    except ImportError:
        return []
    rows = MiscIncome.objects.filter(
        complex=complex, kind__in=OWNER_KINDS, period__gte=start, period__lte=end
    ).order_by("period", "pk")
    return [(m.period, m.get_kind_display(), int(m.amount)) for m in rows if m.amount > 0]


@dataclass
class LedgerLine:
    day: date
    kind: str
    label: str
    credit: int
    debit: int
    balance: int = 0
    entry: ReserveEntry | None = None


def ledger_lines(*, complex, until: date | None = None) -> list[LedgerLine]:
    """Every movement in date order with the running balance; accruals one line per period."""
    start = date(1900, 1, 1)
    end = until or date(9999, 12, 1)
    by_period: dict[date, int] = {}
    for _uid, period, amount in billed_accruals(complex=complex, start=start, end=end):
        by_period[period] = by_period.get(period, 0) + amount
    lines = [
        LedgerLine(p, "accrual", f"{p:%Y년 %m월분} 관리비 고지 적립", amt, 0)
        for p, amt in by_period.items()
    ]
    for period, label, amount in owner_misc_income(complex=complex, start=start, end=end):
        lines.append(LedgerLine(period, EntryKind.MISC_INCOME, f"잡수입 적립: {label}", amount, 0))
    entries = ReserveEntry.objects.filter(complex=complex).select_related("usage_plan")
    if until:
        entries = entries.filter(entry_date__lte=until)
    for e in entries:
        credit = e.amount if e.kind in CREDIT_KINDS else 0
        lines.append(LedgerLine(e.entry_date, e.kind, e.memo, credit, e.amount - credit, entry=e))
    lines.sort(key=lambda line: (line.day, line.kind != "accrual"))
    running = 0
    for line in lines:
        running += line.credit - line.debit
        line.balance = running
    return lines


@dataclass
class LedgerTotals:
    accrued: int  # billed on issued bills
    credited: int  # misc income, interest, opening, developer
    spent: int  # works and meters

    @property
    def balance(self) -> int:
        return self.accrued + self.credited - self.spent

    @property
    def accumulated(self) -> int:
        return self.accrued + self.credited


def ledger_totals(*, complex, until: date | None = None) -> LedgerTotals:
    lines = ledger_lines(complex=complex, until=until)
    accrued = sum(line.credit for line in lines if line.kind == "accrual")
    credited = sum(line.credit for line in lines if line.kind != "accrual")
    spent = sum(line.debit for line in lines)
    return LedgerTotals(accrued, credited, spent)


SPENDING_KINDS = {EntryKind.SPENDING, EntryKind.METER}
