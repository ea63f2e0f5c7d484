"""A unit's account: which payment settled what, arrears, credit, and late fees accrued.

Pure functions over plain values so billing runs for thousands of units stay in memory.

Payment order (Art. 86⑤, 20-fees.md Precise rule 9): the oldest bill with anything unpaid first;
within a bill its period charges first and its `late_fee` line last; then the next bill. A
payment larger than everything owed becomes a credit (선납) that the next bills use first.
Arrears on a new bill (rule 10) = everything unpaid of earlier issued bills, counting payments
dated on or before the new bill's issue date.
"""

from dataclasses import dataclass, field
from datetime import date

from .late_fees import DEFAULT_TABLE, LateFeeTable, overdue_days


@dataclass
class Debt:
    """One issued bill as the ledger sees it: its period charges (the principal late fees accrue
    on) and its late-fee line."""

    bill_id: int
    period: date
    issued_on: date
    due_date: date
    charges: int
    late_fee: int
    charges_paid: list = field(default_factory=list)  # [(date, won)]
    late_fee_paid: int = 0

    @property
    def charges_unpaid(self) -> int:
        return self.charges - sum(a for _, a in self.charges_paid)

    @property
    def late_fee_unpaid(self) -> int:
        return self.late_fee - self.late_fee_paid

    @property
    def unpaid(self) -> int:
        return self.charges_unpaid + self.late_fee_unpaid


@dataclass
class Account:
    debts: list
    credit: int = 0

    @property
    def arrears(self) -> int:
        return sum(d.unpaid for d in self.debts)

    def accrued_numerator(self, until: date, table: LateFeeTable = DEFAULT_TABLE) -> int:
        """Late fees accrued on every bill through `until` (exact, × late_fees.DENOMINATOR):
        each paid part up to its payment date, the unpaid rest up to `until` (rule 8)."""
        total = 0
        for d in self.debts:
            for paid_on, amount in d.charges_paid:
                end = min(paid_on, until)
                total += amount * table.rate_days(overdue_days(d.due_date, end))
            unpaid = d.charges_unpaid
            if unpaid > 0:
                total += unpaid * table.rate_days(overdue_days(d.due_date, until))
        return total

    def months_in_arrears(self, on: date) -> int:
        """Bills past their due date on `on` with something of their charges still unpaid."""
        return sum(1 for d in self.debts if d.due_date < on and d.charges_unpaid > 0)


def settle(
    debts: list[Debt], payments: list[tuple[date, int]], until: date | None = None
) -> Account:
    """Apply `payments` [(paid_on, amount)] dated ≤ `until` to `debts` (issued bills), in order of
    events: on one day, a bill issued that day comes before that day's payments."""
    debts = sorted(debts, key=lambda d: (d.issued_on, d.period))
    events = [(d.issued_on, 0, i, None) for i, d in enumerate(debts)]
    events += [
        (paid_on, 1, i, amount)
        for i, (paid_on, amount) in enumerate(payments)
        if until is None or paid_on <= until
    ]
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    account = Account(debts=[])
    for day, kind, index, amount in events:
        if kind == 0:
            debt = debts[index]
            if debt.charges < 0:  # a net credit bill: it owes nothing and adds to the credit
                account.credit += -debt.charges
                debt.charges = 0
            account.debts.append(debt)
            if account.credit:
                _apply(account, day)
        else:
            account.credit += amount
            _apply(account, day)
    return account


def _apply(account: Account, day: date) -> None:
    """Spend the account's credit on its debts, oldest first."""
    for d in account.debts:
        if not account.credit:
            return
        owed = d.charges_unpaid
        if owed > 0:
            pay = min(owed, account.credit)
            d.charges_paid.append((day, pay))
            account.credit -= pay
        owed = d.late_fee_unpaid
        if owed > 0 and account.credit:
            pay = min(owed, account.credit)
            d.late_fee_paid += pay
            account.credit -= pay
