"""Balances carried forward in the database (fees.balances, models.LedgerClose): the issue keeps
each unit's close, the next draft reads it and the payments since instead of the history, and a
payment recorded late with an earlier date, changed or deleted — by any code path — sends the
unit back to a close still true, so the bills are what a replay of the whole history gives
(Art. 86⑤, 별표 8, Precise rules 8–10: arrears count every payment dated by the issue date)."""

import threading
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fees import services
from fees.billing import compute
from fees.models import Bill, LedgerClose, Payment
from tests.factories import BuildingFactory, ComplexFactory, UnitFactory
from tests.fees.helpers import OCT, SEP, csv, four_units, import_costs, only

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="closes are kept on PostgreSQL only"
)
NOV = date(2026, 11, 1)
LEDGER = ("late_fee", "arrears", "prepaid", "total_due")


@pytest.fixture
def four(alpha):
    building, units = four_units(alpha.complex)
    only(alpha.complex, units)
    return alpha.complex, building, units


def by_unit(result):
    return {b["unit_id"]: tuple(b[k] for k in LEDGER) for b in result["bills"]}


def assert_same_as_a_full_replay(complex_, period, issued_on):
    """The draft from the closes equals the draft replaying every unit's whole history."""
    carried = compute(services.load_inputs(complex_, period, issued_on))
    replayed = compute(services.load_inputs(complex_, period, issued_on, carried=False))
    assert by_unit(carried) == by_unit(replayed)
    return by_unit(carried)


def closes(unit, period=None):
    qs = LedgerClose.objects.filter(unit=unit)
    return list(qs.filter(period=period) if period else qs.order_by("period"))


def test_the_issue_keeps_a_close_per_unit_and_the_next_draft_reads_no_history(four):
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    services.payment_record(
        complex=complex_, unit=units[0], paid_on=date(2026, 10, 20), amount=10_000
    )
    services.payment_record(
        complex=complex_, unit=units[1], paid_on=date(2026, 10, 5), amount=30_000
    )
    rows = {c.unit_id: c for c in LedgerClose.objects.filter(complex=complex_, period=SEP)}
    # unit 1's payment is dated before the issue, recorded after it: its close is gone
    assert set(rows) == {units[0].pk, units[2].pk, units[3].pk}
    assert rows[units[0].pk].as_of == date(2026, 10, 10)
    assert rows[units[0].pk].open == [["2026-09-01", "2026-10-26", 17_396, 0]]
    inputs = services.load_inputs(complex_, OCT, date(2026, 11, 10))
    assert set(inputs.balances) == {units[0].pk, units[2].pk, units[3].pk}
    # only unit 1 reads its bills again; the others read the payments after their close
    assert [h[1] for h in inputs.history] == [units[1].pk]
    assert sorted(p[:2] for p in inputs.payments) == sorted(
        [(units[0].pk, date(2026, 10, 20)), (units[1].pk, date(2026, 10, 5))]
    )
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,100000")
    ledger = assert_same_as_a_full_replay(complex_, OCT, date(2026, 11, 10))
    assert ledger[units[0].pk][1] == 17_396 - 10_000  # arrears
    assert ledger[units[1].pk][2] == 30_000 - 24_676  # prepaid (선납)


def _sep_unpaid_then_oct(complex_, unit):
    """Sep: 3,650,000 won on unit 101, due 2026-10-26. Oct issued 2026-11-20 while unpaid:
    25 days late → 3,650,000 × 12% × 25/365 = 30,000 won late fee."""
    import_costs(complex_, SEP, "item,amount,units,basis\nfacility_use,3650000,301-101,direct")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,4")
    services.billing_run_issue(complex=complex_, period=OCT, issued_on=date(2026, 11, 20))
    oct_bill = Bill.objects.get(unit=unit, period=OCT)
    assert (oct_bill.late_fee, oct_bill.arrears) == (30_000, 3_650_000)
    assert len(closes(unit)) == 2
    import_costs(complex_, NOV, "item,amount\ngeneral_admin,4")


def test_a_bank_file_imported_after_the_issue_counts_on_the_next_bill(four):
    """Rule 10: the Sep bill paid on its due date, in a bank file imported after the Oct issue.
    The Oct close (as of 11-20) is untrue and goes; the Sep close (10-10) stays and the Nov draft
    carries the unit on from it. The Oct bill's 30,000 won late fee stays billed (issued bills
    never change; rule 8 bills only what exceeds what was billed)."""
    complex_, _, units = four
    _sep_unpaid_then_oct(complex_, units[0])
    services.payments_import(
        complex=complex_,
        data=csv("building,unit,paid_on,amount,reference\n301,101,2026-10-26,3650000,BANK-1"),
        filename="bank.csv",
    )
    assert [c.period for c in closes(units[0])] == [SEP]
    assert len(closes(units[1])) == 2  # other units keep theirs
    inputs = services.load_inputs(complex_, NOV, date(2026, 12, 20))
    assert inputs.balances[units[0].pk].as_of == date(2026, 10, 10)
    ledger = assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))
    assert ledger[units[0].pk][:2] == (0, 1 + 30_000)  # the Oct bill: 1 won and its late fee
    run = services.billing_run_issue(complex=complex_, period=NOV, issued_on=date(2026, 12, 20))
    assert LedgerClose.objects.filter(complex=complex_, period=NOV).count() == 4
    assert Bill.objects.get(run=run, unit=units[0]).arrears == 30_001


def test_a_backdated_entry_a_correction_and_a_void(four):
    """payment_record with an earlier date, an amount corrected, a date corrected, a payment
    deleted: each sends its unit back to the closes before the payment's date."""
    complex_, _, units = four
    _sep_unpaid_then_oct(complex_, units[0])
    p = services.payment_record(
        complex=complex_, unit=units[0], paid_on=date(2026, 11, 1), amount=1_000_000
    )
    assert [c.period for c in closes(units[0])] == [SEP]
    assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))
    services.billing_run_draft(complex=complex_, period=NOV, issued_on=date(2026, 12, 20))
    assert [c.period for c in closes(units[0])] == [SEP]  # a draft keeps no close
    # a correction of the amount, then of the date to before Sep's issue, then a void
    Payment.objects.filter(pk=p.pk).update(amount=2_000_000)
    assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))
    Payment.objects.filter(pk=p.pk).update(paid_on=date(2026, 10, 1))
    assert closes(units[0]) == []
    assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))
    Payment.objects.filter(pk=p.pk).delete()
    ledger = assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))
    assert ledger[units[0].pk][1] == 3_650_000 + 1 + 30_000
    # a payment dated after every close leaves them alone
    services.payment_record(complex=complex_, unit=units[1], paid_on=date(2026, 12, 1), amount=5)
    assert len(closes(units[1])) == 2


def test_a_move_out_settlement_dated_before_the_issue(four):
    """Art. 85②③: the settlement's payment is dated the move-out day, which can be before the
    last issue: the unit's later close goes."""
    complex_, _, units = four
    _sep_unpaid_then_oct(complex_, units[0])
    s = services.move_out_settle(complex=complex_, unit=units[0], move_out_on=date(2026, 11, 12))
    assert s.arrears == 3_650_000
    assert [c.period for c in closes(units[0])] == [SEP]
    ledger = assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))
    # the settlement paid Sep's bill on 11-12 and the interim fee (its average management fee
    # is 0 here) waited as credit; the Oct bill (1 won and its 30,000 won late fee) is owed
    assert s.total == s.interim_fee + 3_650_000 and s.interim_fee <= 30_001
    assert ledger[units[0].pk][1] == 30_001 - s.interim_fee


def test_a_changed_late_fee_table_replays_the_history(four):
    """The closes hold late fees accrued under one 별표 8 table: under another, the draft
    replays (as before the closes existed)."""
    complex_, _, units = four
    _sep_unpaid_then_oct(complex_, units[0])
    services.settings_update(complex=complex_, by=None, late_rate_first_year=10)
    inputs = services.load_inputs(complex_, NOV, date(2026, 12, 20))
    assert inputs.balances == {}
    assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 20))


def test_an_issue_date_before_the_previous_issue_replays(four):
    """Oct issued on 11-20; Nov issued on 11-10 (allowed): the Oct closes say nothing of
    2026-11-10, so the draft replays the history the way settle orders it."""
    complex_, _, units = four
    _sep_unpaid_then_oct(complex_, units[0])
    inputs = services.load_inputs(complex_, NOV, date(2026, 11, 10))
    assert inputs.balances == {}
    assert_same_as_a_full_replay(complex_, NOV, date(2026, 11, 10))
    services.billing_run_issue(complex=complex_, period=NOV, issued_on=date(2026, 11, 10))
    assert Bill.objects.get(unit=units[0], period=NOV).arrears == 3_650_000 + 1 + 30_000
    dec = date(2026, 12, 1)
    import_costs(complex_, dec, "item,amount\ngeneral_admin,4")
    assert_same_as_a_full_replay(complex_, dec, date(2027, 1, 10))


# --- concurrency: a payment and an issue in two transactions ---------------------------------


def _in_thread(fn, *args):
    errors = []

    def run():
        try:
            fn(*args)
        except Exception as e:  # reported by the test
            errors.append(e)
        finally:
            connection.close()

    t = threading.Thread(target=run)
    t.start()
    return t, errors


@pytest.mark.django_db(transaction=True)
def test_an_issue_waits_for_a_payment_in_flight(four):
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,100000")
    inserted, commit = threading.Event(), threading.Event()

    def pay():
        with transaction.atomic():
            Payment.objects.create(
                complex=complex_, unit=units[0], paid_on=date(2026, 10, 5), amount=17_396
            )
            inserted.set()
            commit.wait(10)

    payer, errors = _in_thread(pay)
    assert inserted.wait(10)
    issuer, issue_errors = _in_thread(
        lambda: services.billing_run_issue(
            complex=complex_, period=OCT, issued_on=date(2026, 11, 10)
        )
    )
    time.sleep(0.5)
    assert issuer.is_alive()  # waiting for the payment's transaction
    commit.set()
    payer.join(10)
    issuer.join(30)
    assert errors == issue_errors == []
    assert Bill.objects.get(unit=units[0], period=OCT).arrears == 0  # the payment counted
    assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 10))


@pytest.mark.django_db(transaction=True)
def test_a_payment_waits_for_an_issue_in_flight_then_its_close_goes(four):
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,100000")
    issued, commit = threading.Event(), threading.Event()

    def issue():
        with transaction.atomic():
            services.billing_run_issue(complex=complex_, period=OCT, issued_on=date(2026, 11, 10))
            issued.set()
            commit.wait(10)

    issuer, errors = _in_thread(issue)
    assert issued.wait(30)
    payer, pay_errors = _in_thread(
        lambda: Payment.objects.create(
            complex=complex_, unit=units[0], paid_on=date(2026, 11, 1), amount=17_396
        )
    )
    time.sleep(0.5)
    assert payer.is_alive()  # its trigger waits for the issue
    commit.set()
    issuer.join(10)
    payer.join(10)
    assert errors == pay_errors == []
    assert Bill.objects.get(unit=units[0], period=OCT).arrears == 17_396  # not counted: too late
    assert [c.period for c in closes(units[0])] == [SEP]  # the Oct close went
    import_costs(complex_, NOV, "item,amount\ngeneral_admin,100000")
    ledger = assert_same_as_a_full_replay(complex_, NOV, date(2026, 12, 10))
    # Oct's charges and its late fee (Sep unpaid 15 days on 11-10: 17,396 × 12% × 15/365)
    assert ledger[units[0].pk][1] == 17_396 + 85


# --- random histories through the services -----------------------------------------------------

operations = st.lists(
    st.tuples(
        st.integers(0, 1),  # unit
        st.integers(-40, 60),  # days from this month's issue date (negative: backdated)
        st.sampled_from([10_000, 60_000, 100_000, 250_000]),
        st.sampled_from(["record", "record", "import", "void"]),
    ),
    max_size=4,
)
# days from the first of the month to its issue: mostly in order, sometimes before the previous
# month's issue date (allowed; the ledger then orders bills by issue date)
issue_days = st.sampled_from([9, 9, 9, 20, 45, 70])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(issue_days, operations), min_size=2, max_size=5))
def test_random_histories_give_the_full_replays_bills(db, months):
    complex_ = ComplexFactory()
    building = BuildingFactory(complex=complex_, name="101")
    units = [
        UnitFactory(building=building, number=f"{i}01", floor=i + 3, supply_area=a)
        for i, a in enumerate([Decimal("59.90"), Decimal("84.97")])
    ]
    made = []
    for k, (issue_day, ops) in enumerate(months):
        period = date(2026, k + 1, 1)
        issued_on = period + timedelta(days=issue_day)
        import_costs(complex_, period, "item,amount\ngeneral_admin,200000")
        for unit, days, amount, how in ops:
            paid_on = issued_on + timedelta(days=days)
            if how == "void" and made:
                made.pop(0).delete()
            elif how == "import":
                services.payments_import(
                    complex=complex_,
                    data=csv(f"building,unit,paid_on,amount\n101,{unit}01,{paid_on},{amount}"),
                    filename="bank.csv",
                )
            else:
                made.append(
                    services.payment_record(
                        complex=complex_, unit=units[unit], paid_on=paid_on, amount=amount
                    )
                )
        assert_same_as_a_full_replay(complex_, period, issued_on)
        services.billing_run_issue(complex=complex_, period=period, issued_on=issued_on)
