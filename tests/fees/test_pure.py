"""The pure calculations of the fees app: exact splits, due dates, late fees, payment order.

Each test quotes the seed's numbers (20-fees.md, bylaw Art. 85①, Art. 86⑤, Art. 87, 별표 8)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fees.allocation import split, split_equal
from fees.due_dates import due_date, is_bank_business_day
from fees.late_fees import DENOMINATOR, LateFeeTable, late_fee, overdue_days
from fees.ledger import Debt, settle

# --- the exact split (20-fees.md "The split is exact") ---------------------------------------


def test_spec_example_100000_won_by_area():
    areas = [Decimal("59.9"), Decimal("84.97"), Decimal("84.97"), Decimal("114.5")]
    assert split(100_000, areas) == [17_396, 24_676, 24_676, 33_252]


def test_ties_go_to_unit_order():
    assert split_equal(10, 3) == [4, 3, 3]
    assert split(2, [1, 1, 1]) == [1, 1, 0]


def test_negative_amount_mirrors_positive():
    assert split(-10, [1, 1, 1]) == [-4, -3, -3]


def test_zero_weights_refused():
    with pytest.raises(ValueError):
        split(100, [0, 0])


areas = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)
usages = st.integers(min_value=0, max_value=100_000)


@given(st.integers(min_value=-(10**10), max_value=10**10), st.lists(areas, min_size=1, max_size=60))
def test_split_by_area_sums_exactly(amount, weights):
    shares = split(amount, weights)
    assert sum(shares) == amount
    # each share is its exact share rounded down or up by less than one won
    total = sum(weights)
    for s, w in zip(shares, weights, strict=True):
        assert abs(Decimal(s) - Decimal(amount) * w / total) < 1


@given(st.integers(min_value=0, max_value=10**9), st.lists(usages, min_size=1, max_size=60))
def test_split_by_usage_sums_exactly(amount, weights):
    if sum(weights) == 0:
        return
    shares = split(amount, weights)
    assert sum(shares) == amount
    assert all(s == 0 for s, w in zip(shares, weights, strict=True) if w == 0)


@given(st.integers(min_value=0, max_value=10**8), st.lists(areas, min_size=2, max_size=30))
def test_equal_weights_differ_by_at_most_one_won(amount, weights):
    shares = split(amount, [weights[0]] * len(weights))
    assert max(shares) - min(shares) <= 1


# --- due dates (Art. 85①) --------------------------------------------------------------------


def test_2026_09_bill_is_due_2026_10_26():
    """Art. 85①: the 25th of the next month; 2026-10-25 is a Sunday → Monday 2026-10-26."""
    assert due_date(date(2026, 9, 1), 25) == date(2026, 10, 26)


def test_due_date_on_a_business_day_stays():
    assert due_date(date(2026, 10, 1), 25) == date(2026, 11, 25)


def test_due_date_skips_chuseok_and_substitute_holiday():
    # 2026-09-24..26 Chuseok: a due day of 24 in 2026-09 moves to Monday 2026-09-28.
    assert due_date(date(2026, 8, 1), 24) == date(2026, 9, 28)
    # 2026-10-03 (Sat) National Foundation Day → substitute 2026-10-05 (Mon): due the 6th.
    assert due_date(date(2026, 9, 1), 3) == date(2026, 10, 6)


def test_bank_holiday_labour_day_moves_the_due_date():
    """근로자의 날 (May 1) is a bank holiday: banks are closed (금융기관의 다음의 첫 근무일)."""
    assert not is_bank_business_day(date(2026, 5, 1))
    assert due_date(date(2026, 4, 1), 1) == date(2026, 5, 4)


def test_due_day_beyond_month_end_is_clamped():
    # Feb 28 2027 is a Sunday, Mar 1 (Mon) is 삼일절 → the next business day is Tue Mar 2.
    assert due_date(date(2027, 1, 1), 31) == date(2027, 3, 2)


# --- late fees (Art. 87, 별표 8) ----------------------------------------------------------------


def test_seed_example_300000_won_160_days():
    """별표 8: 300,000 won overdue 160 days at 12% → 15,780.8 → 15,780 won."""
    due = date(2026, 1, 26)
    assert late_fee(300_000, due, due + timedelta(days=160)) == 15_780


def test_overdue_days_boundaries():
    due = date(2026, 10, 26)
    assert overdue_days(due, due) == 0  # paid on the due date
    assert overdue_days(due, due + timedelta(days=1)) == 1
    assert late_fee(300_000, due, due) == 0


def test_tier_starts_on_day_366():
    table = LateFeeTable()
    assert table.rate_days(365) == 365 * 1200
    assert table.rate_days(366) == 365 * 1200 + 1500
    due = date(2025, 1, 27)
    # 366 days: 300,000 × (365×12% + 1×15%)/365 = 36,000 + 123.28 → 36,123
    assert late_fee(300_000, due, due + timedelta(days=366)) == 36_123


def test_whole_period_reading_of_rule_12():
    table = LateFeeTable(tier_rule="whole")
    assert table.rate_days(365) == 365 * 1200
    assert table.rate_days(366) == 366 * 1500


@given(st.integers(min_value=0, max_value=10**8), st.integers(0, 2000), st.integers(0, 2000))
def test_late_fee_monotone_in_days(principal, a, b):
    due = date(2024, 1, 25)
    lo, hi = sorted((a, b))
    assert late_fee(principal, due, due + timedelta(days=lo)) <= late_fee(
        principal, due, due + timedelta(days=hi)
    )


# --- payment order (Art. 86⑤, Precise rules 9 and 10) ---------------------------------------


def _debt(i, month, charges, late=0):
    period = date(2026, month, 1)
    return Debt(
        bill_id=i,
        period=period,
        issued_on=date(2026, month + 1, 5),
        due_date=due_date(period),
        charges=charges,
        late_fee=late,
    )


def test_payments_settle_oldest_bill_first_and_late_fee_last():
    debts = [_debt(1, 1, 100_000, late=0), _debt(2, 2, 120_000, late=3_000)]
    account = settle(debts, [(date(2026, 3, 30), 150_000)])
    first, second = account.debts
    assert first.unpaid == 0
    assert second.charges_unpaid == 70_000 and second.late_fee_unpaid == 3_000
    account = settle(
        [_debt(1, 1, 100_000), _debt(2, 2, 120_000, late=3_000)], [(date(2026, 3, 30), 220_000)]
    )
    assert account.debts[1].charges_unpaid == 0 and account.debts[1].late_fee_unpaid == 3_000


def test_overpayment_becomes_credit_used_by_the_next_bill():
    account = settle([_debt(1, 1, 100_000)], [(date(2026, 2, 20), 130_000)])
    assert account.credit == 30_000
    account = settle([_debt(1, 1, 100_000), _debt(2, 2, 50_000)], [(date(2026, 2, 20), 130_000)])
    assert account.credit == 0 and account.debts[1].charges_unpaid == 20_000


def test_arrears_count_payments_up_to_the_issue_date_only():
    debts = [_debt(1, 1, 100_000)]
    assert settle(debts, [(date(2026, 3, 6), 100_000)], until=date(2026, 3, 5)).arrears == 100_000


def test_cumulative_rounding_never_loses_a_won():
    """Precise rule 8: a debt billed across many bills accrues the same as in one step."""
    debt = Debt(1, date(2026, 1, 1), date(2026, 2, 5), date(2026, 2, 25), 300_000, 0)
    account = settle([debt], [])
    until = date(2026, 2, 25) + timedelta(days=160)
    assert account.accrued_numerator(until) // DENOMINATOR == 15_780
