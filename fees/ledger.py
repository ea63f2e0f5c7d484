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

from .late_fees import DEFAULT_TABLE, DENOMINATOR, LateFeeTable, overdue_days


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


# --- carried forward ------------------------------------------------------------------------
#
# Replaying a unit's whole history for every draft makes a run slower every month. But a part of
# a bill that is paid stops accruing late fees on its payment day, so what it accrued is a fixed
# number; only the unpaid parts still grow. A `Balance` keeps exactly that: the account after
# every event up to `as_of`, small whatever the history. A draft carries the previous issued
# period's balance forward with the payments since, and gets what `settle` over the whole
# history gives (tests/fees/test_ledger_carry.py compares the two over random histories).
#
# A balance is only true while nothing dated on or before its `as_of` changes: a payment
# recorded late with an earlier date (a bank file imported after the issue, a backdated entry, a
# move-out settlement), corrected or removed. Rule 10 counts such a payment on the next bill,
# so it is not refused: the balances it makes untrue are deleted (fees.models.LedgerClose) and
# the next draft carries that unit forward from its latest balance still true, or replays it.


@dataclass(slots=True)
class Balance:
    """A unit's account after every bill and payment up to `as_of`.

    `open` lists the bills with something unpaid, oldest first (the order payments fill them):
    [period, due_date, charges_unpaid, late_fee_unpaid]. `accrued` is the late fee accrued on the
    parts already paid (× late_fees.DENOMINATOR, each part up to its payment day: fixed), and
    `late_fees_billed` the late-fee lines of every bill so far (rule 8's cumulative rounding)."""

    as_of: date
    credit: int = 0
    accrued: int = 0
    late_fees_billed: int = 0
    open: list = field(default_factory=list)

    @property
    def arrears(self) -> int:
        return sum(d[2] + d[3] for d in self.open) if self.open else 0

    def accrued_numerator(self, until: date, table: LateFeeTable = DEFAULT_TABLE) -> int:
        """Late fees accrued through `until` (≥ as_of), exact: Account.accrued_numerator."""
        if not self.open:
            return self.accrued
        return self.accrued + sum(
            d[2] * table.rate_days(overdue_days(d[1], until)) for d in self.open if d[2]
        )

    def late_fee_due(self, until: date, table: LateFeeTable = DEFAULT_TABLE) -> int:
        """The late fee a bill issued on `until` carries: ⌊accrued so far⌋ − what earlier bills
        already billed (rule 8), never negative."""
        return max(0, self.accrued_numerator(until, table) // DENOMINATOR - self.late_fees_billed)

    def months_in_arrears(self, on: date) -> int:
        return sum(1 for d in self.open if d[1] < on and d[2] > 0)


NO_HISTORY = Balance(date.min)  # where a unit without a balance starts (carry copies it)


def carry(
    balance: Balance,
    bills: list,
    payments: list,
    until: date,
    table: LateFeeTable = DEFAULT_TABLE,
) -> Balance:
    """`balance` carried forward to `until`: the bills issued since
    [(period, issued_on, due_date, charges, late_fee)] and the payments [(paid_on, amount)] dated
    after `balance.as_of` up to `until`, in `settle`'s order of events (on one day, bills before
    payments). Each bill must be issued on or after `balance.as_of` and by `until`.
    The balance given is not changed."""
    if balance.as_of > until:
        raise ValueError(f"a balance as of {balance.as_of} cannot be carried back to {until}")
    out = Balance(
        until,
        balance.credit,
        balance.accrued,
        balance.late_fees_billed,
        [list(d) for d in balance.open],
    )
    since = balance.as_of
    if not bills:  # most units in a month: a payment or two, no bill between
        for day, amount in sorted(payments) if len(payments) > 1 else payments:
            if since < day <= until:
                out.credit += amount
                if out.open:
                    _spend(out, day, table)
        return out
    events = []
    for b in bills:
        if not since <= b[1] <= until:
            raise ValueError(f"bill of {b[0]} issued {b[1]}, outside {since}..{until}")
        events.append((b[1], 0, b[0], b))
    events += [(p[0], 1, i, p[1]) for i, p in enumerate(payments) if since < p[0] <= until]
    events.sort(key=lambda e: e[:3])
    for day, kind, _, x in events:
        if kind == 0:
            period, _, due, charges, late_fee = x
            out.late_fees_billed += late_fee
            if charges < 0:  # a net credit bill owes nothing and adds to the credit
                out.credit -= charges
                charges = 0
            if charges or late_fee:
                out.open.append([period, due, charges, late_fee])
        else:
            out.credit += x
        if out.credit and out.open:
            _spend(out, day, table)
    return out


def _spend(balance: Balance, day: date, table: LateFeeTable) -> None:
    """Spend the credit on the open bills, oldest first, each bill's charges before its late-fee
    line (rule 9); a paid part's late fee is fixed on `day`."""
    paid_off = 0
    for d in balance.open:
        pay = min(d[2], balance.credit)
        if pay:
            d[2] -= pay
            balance.credit -= pay
            balance.accrued += pay * table.rate_days(overdue_days(d[1], day))
        pay = min(d[3], balance.credit)
        if pay:
            d[3] -= pay
            balance.credit -= pay
        if d[2] or d[3]:
            break
        paid_off += 1
    del balance.open[:paid_off]
