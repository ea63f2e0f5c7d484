"""The ledger carried forward (fees.ledger.Balance / carry) gives what a replay of the whole
history (fees.ledger.settle) gives: arrears and credit (Art. 86⑤, Precise rules 9–10) and the
late fees accrued (별표 8, Precise rule 8), over random histories of bills and payments —
same-day payments, payments on the issue and due dates, net-credit bills, and payments recorded
late with an earlier date or voided, which send the unit back to its latest close still true
(the trigger of migration 0008 deletes the others)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fees.due_dates import due_date, next_month
from fees.late_fees import DENOMINATOR, LateFeeTable
from fees.ledger import NO_HISTORY, Balance, Debt, carry, settle

START = date(2025, 1, 1)
TABLES = st.sampled_from([LateFeeTable(), LateFeeTable(1200, 1500, "whole")])


def replay(bills, payments, until, table):
    """The reference: settle over the whole history, and rule 8's late fee for a bill issued on
    `until`."""
    debts = [
        Debt(i, p, issued, due, charges, fee)
        for i, (p, issued, due, charges, fee) in enumerate(bills)
    ]
    account = settle(debts, payments, until=until)
    billed = sum(b[4] for b in bills)
    fee = max(0, account.accrued_numerator(until, table) // DENOMINATOR - billed)
    return account, fee


@st.composite
def histories(draw):
    """Monthly bills issued in order (some on the same day) and payments, each recorded before
    one of the issues: by then (as usual) or after later issues with its earlier date
    (backdated), some voided at a later issue."""
    months = draw(st.integers(1, 14))
    bills = []
    day = START + timedelta(days=draw(st.integers(0, 40)))
    for k in range(months):
        period = date(START.year + k // 12, k % 12 + 1, 1)
        day = max(day, next_month(period)) + timedelta(
            days=draw(st.sampled_from([0, 0, 3, 10, 40]))
        )
        charges = draw(
            st.sampled_from([0, -3_000, 100_000, 300_000]) | st.integers(-5_000, 400_000)
        )
        bills.append((period, day, due_date(period), charges))
    last = bills[-1][1]
    span = (last - START).days + 30
    payments = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["any", "issue", "due", "same"]))
        if kind == "issue" or kind == "due":
            b = draw(st.sampled_from(bills))
            paid_on = b[1] if kind == "issue" else b[2]
        elif kind == "same" and payments:
            paid_on = draw(st.sampled_from(payments))[0]
        else:
            paid_on = START + timedelta(days=draw(st.integers(0, span)))
        amount = draw(st.sampled_from([100_000, 300_000]) | st.integers(1, 500_000))
        recorded = draw(st.integers(0, months))  # seen from issue number `recorded` on
        voided = draw(st.none() | st.integers(recorded + 1, months + 1))
        payments.append((paid_on, amount, recorded, voided))
    return bills, payments


@settings(max_examples=400, deadline=None)
@given(histories(), TABLES)
def test_carried_forward_equals_a_full_replay(history, table):
    plan, payments = history
    issued = []  # (period, issued_on, due, charges, late_fee) as billed
    closes = {}  # bill number -> Balance after it (the database's LedgerClose rows)
    for k, (period, day, due, charges) in enumerate(plan):
        # payments recorded or voided since the last issue: every close dated on or after one
        # of them is untrue (the trigger)
        for paid_on, _, recorded, voided in payments:
            if recorded == k or voided == k:
                for j in [j for j, c in closes.items() if c.as_of >= paid_on]:
                    del closes[j]
        seen = [(p, a) for p, a, rec, void in payments if rec <= k and (void is None or void > k)]
        # the carried-forward way: the latest close still there, and what came after it
        j = max(closes, default=-1)
        start = closes[j] if j >= 0 else NO_HISTORY
        balance = carry(start, issued[j + 1 :], [x for x in seen if x[0] <= day], day, table)
        account, fee = replay(issued, seen, day, table)
        assert balance.late_fee_due(day, table) == fee
        assert balance.arrears == account.arrears
        assert balance.credit == account.credit
        assert balance.accrued_numerator(day, table) == account.accrued_numerator(day, table)
        for on in (due, due + timedelta(days=1), day + timedelta(days=400)):
            assert balance.months_in_arrears(on) == account.months_in_arrears(on)
        issued.append((period, day, due, charges, fee))
        closes[k] = carry(balance, [issued[-1]], [], day, table)
    # and later, with every payment recorded: the last close carried on equals the replay
    end = issued[-1][1] + timedelta(days=500)
    seen = [(p, a) for p, a, _, void in payments if void is None]
    for paid_on, _, recorded, void in payments:
        if recorded == len(plan) or (void is not None and void >= len(plan)):
            for j in [j for j, c in closes.items() if c.as_of >= paid_on]:
                del closes[j]
    j = max(closes, default=-1)
    start = closes[j] if j >= 0 else NO_HISTORY
    balance = carry(start, issued[j + 1 :], seen, end, table)
    account, fee = replay(issued, seen, end, table)
    assert (balance.arrears, balance.credit) == (account.arrears, account.credit)
    assert balance.late_fee_due(end, table) == fee


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 400),
            st.integers(0, 60),
            st.integers(-5_000, 300_000),
            st.integers(0, 5_000),
        ),
        max_size=8,
    ),
    st.lists(st.tuples(st.integers(0, 500), st.integers(1, 400_000)), max_size=12),
    TABLES,
)
def test_carry_from_nothing_is_settle(bills, payments, table):
    """Bills in any order of issue dates, payments before, between and on them."""
    until = START + timedelta(days=500)
    rows = [
        (
            START + timedelta(days=31 * i),
            START + timedelta(days=d),
            START + timedelta(days=d + due),
            c,
            f,
        )
        for i, (d, due, c, f) in enumerate(bills)
    ]
    paid = [(START + timedelta(days=d), a) for d, a in payments]
    balance = carry(NO_HISTORY, rows, paid, until, table)
    account, fee = replay(rows, paid, until, table)
    assert (balance.arrears, balance.credit) == (account.arrears, account.credit)
    assert balance.accrued_numerator(until, table) == account.accrued_numerator(until, table)
    assert balance.late_fee_due(until, table) == fee
    assert balance.late_fees_billed == sum(r[4] for r in rows)


def test_paid_parts_stop_accruing_on_their_day():
    """별표 8's seed example split by a payment: 300,000 won due 2026-10-26, half paid 80 days
    late, half 160 days: 150,000 × 12% × 80/365 + 150,000 × 12% × 160/365 = 11,835.6."""
    due = date(2026, 10, 26)
    bill = (date(2026, 9, 1), date(2026, 10, 10), due, 300_000, 0)
    first = carry(
        NO_HISTORY, [bill], [(due + timedelta(days=80), 150_000)], due + timedelta(days=100)
    )
    assert first.open == [[date(2026, 9, 1), due, 150_000, 0]]
    later = carry(first, [], [(due + timedelta(days=160), 150_000)], due + timedelta(days=200))
    assert later.open == [] and later.arrears == 0
    assert later.late_fee_due(due + timedelta(days=200)) == 11_835


def test_a_balance_is_not_carried_back():
    """A close knows nothing of what happened before its day: a draft issued earlier than the
    previous issue replays the history instead (fees.balances)."""
    with pytest.raises(ValueError):
        carry(Balance(date(2026, 11, 10)), [], [], date(2026, 11, 9))
