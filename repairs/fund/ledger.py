"""The reserve ledger (Art. 86④: kept apart from fees and usage charges).

balance = accruals billed on issued bills (from fees) + credits (misc income Art. 80②, interest,
opening balance) − spending (works under a usage plan, meter re-verification Art. 63④), to the
won.

Unsold units (seed 004, 시행령 31조⑦): their bills carry the reserve like every unit's (the total
supply area counts them, 30-repairs.md precise rule 1), addressed to the developer. That share is
an accrual from issued bills, shown apart as kind `developer` ("사업주체 부담 (미분양)") — never
dropped, and never entered again by hand (`services.entry_record` refuses a manual `developer`
entry, which would count it twice).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from complexes.models import Unit
from complexes.unsold import unsold_lookup
from fees.models import OWNER_KINDS, MiscIncome
from fees.selectors import repair_reserve_billed, unit_account

from .models import CREDIT_KINDS, EntryKind, ReserveEntry


def billed_accruals(*, complex, start: date, end: date) -> list[tuple[int, date, int]]:
    """(unit_id, period, amount) of the reserve lines of issued bills whose period lies in
    [start, end], from the fees app (`fees.selectors.repair_reserve_billed`)."""
    return list(repair_reserve_billed(complex=complex, start=start, end=end))


def paid_by_unit(*, complex, unit_id: int, start: date, end: date) -> list[tuple[date, int, int]]:
    """(period, billed, paid) of one unit's reserve, month by month (Art. 79③ certificate).

    From the unit's account as fees settles it (`fees.selectors.unit_account`, payment order Art. 86⑤): a bill
    whose period charges are paid in full paid its reserve in full; a partly paid bill paid the
    reserve pro rata, rounded down (fees precise rule 13)."""
    billed = {}
    for uid, period, amount in billed_accruals(complex=complex, start=start, end=end):
        if uid == unit_id:
            billed[period] = billed.get(period, 0) + amount
    if not billed:
        return []
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
        rows.append((period, reserve, reserve_paid_share(reserve, done, total)))
    return rows


def reserve_paid_share(reserve: int, charges_paid: int, charges: int) -> int:
    """The part of a bill's reserve paid (fees precise rule 13, payment order Art. 86⑤): the
    bill's period charges paid in full → its reserve in full; partly → pro rata, rounded down."""
    if charges_paid >= charges:
        return reserve
    return reserve * max(charges_paid, 0) // charges


def owner_misc_income(*, complex, start: date, end: date) -> list[tuple[date, str, int]]:
    """(period, kind label, amount) of the owners' misc income (telecom repeaters, daycare rent
    …) that Art. 80② credits to the reserve, as recorded in fees."""
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
    billed: bool = False  # an accrual carried by issued bills (residents' or the developer's)


def ledger_lines(*, complex, until: date | None = None) -> list[LedgerLine]:
    """Every movement in date order with the running balance; accruals one line per period."""
    start = date(1900, 1, 1)
    end = until or date(9999, 12, 1)
    developer_of = unsold_lookup(complex=complex)
    by_period: dict[date, int] = {}
    developer_by_period: dict[tuple[date, str], list[int]] = {}
    for uid, period, amount in billed_accruals(complex=complex, start=start, end=end):
        developer = developer_of(uid, period)
        if developer is None:
            by_period[period] = by_period.get(period, 0) + amount
        else:
            developer_by_period.setdefault((period, developer), []).append(amount)
    lines = [
        LedgerLine(p, "accrual", f"{p:%Y년 %m월분} 관리비 고지 적립", amt, 0, billed=True)
        for p, amt in by_period.items()
    ]
    for (p, developer), amounts in developer_by_period.items():
        label = f"{p:%Y년 %m월분} 사업주체 부담 ({developer}, 미분양 {len(amounts)}세대)"
        lines.append(LedgerLine(p, EntryKind.DEVELOPER, label, sum(amounts), 0, billed=True))
    for period, label, amount in owner_misc_income(complex=complex, start=start, end=end):
        lines.append(LedgerLine(period, EntryKind.MISC_INCOME, f"잡수입 적립: {label}", amount, 0))
    entries = ReserveEntry.objects.filter(complex=complex).select_related("usage_plan")
    if until:
        entries = entries.filter(entry_date__lte=until)
    for e in entries:
        credit = e.amount if e.kind in CREDIT_KINDS else 0
        lines.append(LedgerLine(e.entry_date, e.kind, e.memo, credit, e.amount - credit, entry=e))
    lines.sort(key=lambda line: (line.day, not line.billed))
    running = 0
    for line in lines:
        running += line.credit - line.debit
        line.balance = running
    return lines


@dataclass
class LedgerTotals:
    accrued: int  # billed on issued bills, the developer's share of unsold units included
    credited: int  # misc income, interest, opening
    spent: int  # works and meters
    developer: int = 0  # of `accrued`: billed to the developer for unsold units (31조⑦)

    @property
    def balance(self) -> int:
        return self.accrued + self.credited - self.spent

    @property
    def accumulated(self) -> int:
        return self.accrued + self.credited


def ledger_totals(*, complex, until: date | None = None) -> LedgerTotals:
    lines = ledger_lines(complex=complex, until=until)
    accrued = sum(line.credit for line in lines if line.billed)
    credited = sum(line.credit for line in lines if not line.billed)
    spent = sum(line.debit for line in lines)
    developer = sum(line.credit for line in lines if line.billed and line.kind != "accrual")
    return LedgerTotals(accrued, credited, spent, developer)


SPENDING_KINDS = {EntryKind.SPENDING, EntryKind.METER}
