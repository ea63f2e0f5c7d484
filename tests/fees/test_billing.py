"""Billing runs end to end through the services and commands (20-fees.md "Billing runs",
"Precise rules"; bylaw Art. 85①, Art. 86, Art. 87, 별표 5–8)."""

import json
import threading
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from core.errors import ApplicationError
from core.tabular import ImportFailed
from fees import selectors, services
from fees.models import Bill, BillingRun, Cost, MeterReading, Payment
from tests.fees.helpers import OCT, SEP, four_units, import_costs, import_readings, only


@pytest.fixture
def four(alpha):
    building, units = four_units(alpha.complex)
    only(alpha.complex, units)
    return alpha.complex, building, units


def amounts(complex_, period, item):
    out = []
    for b in Bill.objects.filter(complex=complex_, period=period).order_by("unit__floor"):
        out.append(sum(line["amount"] for line in b.lines if line["item"] == item))
    return out


def test_spec_example_split_and_due_date(four):
    """20-fees.md: 100,000 won by area → 17,396 / 24,676 / 24,676 / 33,252; Art. 85①: the
    2026-09 bill is due 2026-10-26."""
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    run = services.billing_run_draft(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    assert amounts(complex_, SEP, "general_admin") == [17_396, 24_676, 24_676, 33_252]
    assert run.due_date == date(2026, 10, 26)
    assert run.totals["general_admin"] == 100_000
    bill = Bill.objects.filter(run=run).order_by("unit__floor").first()
    note = next(line["note"] for line in bill.lines if line["item"] == "general_admin")
    assert note == "59.9㎡ / 344.34㎡ × 100,000원"


def test_no_repair_plan_gives_zero_reserve_and_a_note(four):
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount\ncleaning,4000")
    run = services.billing_run_draft(complex=complex_, period=SEP)
    assert any("장기수선계획 없음" in n for n in run.notes)
    assert all(b.repair_reserve == 0 for b in Bill.objects.filter(run=run))


def test_import_with_bad_rows_writes_nothing_and_names_each(four):
    complex_, _, _ = four
    with pytest.raises(ImportFailed) as e:
        import_costs(
            complex_,
            SEP,
            "item,amount,basis,units\n"
            "general_admin,100000,,\n"
            "teleport,5,,\n"
            "cleaning,-5,,\n"
            "facility_use,30000,direct,999-999\n",
        )
    rows = {(r["line"], r["column"]) for r in e.value.extra["rows"]}
    assert rows == {(3, "item"), (4, "amount"), (5, "units")}
    assert not Cost.objects.filter(complex=complex_).exists()


def test_negative_usage_needs_the_replacement_flag(four):
    complex_, _, _ = four
    with pytest.raises(ImportFailed) as e:
        import_readings(
            complex_,
            SEP,
            "building,unit,utility,previous,current\n301,101,water,100,90\n301,999,water,1,2",
        )
    assert {(r["line"], r["column"]) for r in e.value.extra["rows"]} == {
        (2, "current"),
        (3, "unit"),
    }
    import_readings(
        complex_, SEP, "building,unit,utility,previous,current,replaced\n301,101,water,100,9,1"
    )
    assert MeterReading.objects.get(complex=complex_).usage == 9


def test_heating_is_net_of_hot_water_and_usage_split(four):
    """Precise rule 1 (별표 5 item 6): heating = fuel bill − Σ hot water charges."""
    complex_, _, units = four
    rows = ["building,unit,utility,previous,current"]
    for i, u in enumerate(units):
        rows.append(f"301,{u.number},heating,0,{i + 1}")
        rows.append(f"301,{u.number},hot_water,0,{(i + 1) * 2}.5")
    import_readings(complex_, SEP, "\n".join(rows))
    import_costs(complex_, SEP, "item,amount,unit_price\nhot_water,,3000\nheating,100000,")
    services.billing_run_draft(complex=complex_, period=SEP)
    hot = amounts(complex_, SEP, "hot_water")
    assert hot == [7_500, 13_500, 19_500, 25_500]  # ⌊usage × 3,000⌋
    heat = amounts(complex_, SEP, "heating")
    assert sum(heat) == 100_000 - sum(hot) == 34_000
    assert heat == [3_400, 6_800, 10_200, 13_600]  # by usage 1:2:3:4


def test_usage_basis_needs_every_reading(four):
    """Precise rule 2: the run stops and names the units without a reading."""
    complex_, _, _units = four
    import_readings(complex_, SEP, "building,unit,utility,previous,current\n301,101,heating,0,5")
    import_costs(complex_, SEP, "item,amount\nheating,100000")
    with pytest.raises(ApplicationError) as e:
        services.billing_run_draft(complex=complex_, period=SEP)
    problem = e.value.extra["problems"][0]
    assert "검침값이 없는 세대 3곳" in problem["message"]
    assert problem["units"] == ["301동 201호", "301동 301호", "301동 1001호"]
    assert not Bill.objects.filter(complex=complex_).exists()


def test_heating_without_any_readings_falls_back_to_area(four):
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount\nheating,100000")
    run = services.billing_run_draft(complex=complex_, period=SEP)
    assert amounts(complex_, SEP, "heating") == [17_396, 24_676, 24_676, 33_252]
    assert any("면적 기준" in n for n in run.notes)


def test_elevator_electricity_leaves_out_low_floors(four):
    """별표 6, Precise rule 7: floors ≤ 2 (default) pay no elevator electricity."""
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount,building\nelevator_electricity,10001,301")
    services.billing_run_draft(complex=complex_, period=SEP)
    assert amounts(complex_, SEP, "elevator_electricity") == [0, 0, 5_001, 5_000]


def test_metered_amount_must_reconcile_with_the_invoice(four):
    """Precise rule 5: the row's amount must equal Σ per-unit amounts, or the run says by how much."""
    complex_, _, units = four
    rows = ["building,unit,utility,previous,current,amount"]
    rows += [f"301,{u.number},electricity,0,100,{10_000 + i}" for i, u in enumerate(units)]
    import_readings(complex_, SEP, "\n".join(rows))
    import_costs(complex_, SEP, "item,amount\nelectricity,40000")
    with pytest.raises(ApplicationError) as e:
        services.billing_run_draft(complex=complex_, period=SEP)
    assert "6원 다릅니다" in e.value.extra["problems"][0]["message"]
    import_costs(complex_, SEP, "item,amount\nelectricity,40006\ntv_license,2500")
    services.billing_run_draft(complex=complex_, period=SEP)
    assert amounts(complex_, SEP, "electricity") == [10_000, 10_001, 10_002, 10_003]
    assert amounts(complex_, SEP, "tv_license") == [2_500] * 4


def test_several_rows_of_one_scope_add_up(four):
    """Precise rule 3."""
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount\ncleaning,50000\ncleaning,50000")
    services.billing_run_draft(complex=complex_, period=SEP)
    assert amounts(complex_, SEP, "cleaning") == [17_396, 24_676, 24_676, 33_252]


def test_rerun_replaces_draft_and_issued_period_is_final(four):
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_draft(complex=complex_, period=SEP)
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,200000")
    services.billing_run_draft(complex=complex_, period=SEP)
    assert Bill.objects.filter(complex=complex_).count() == 4
    assert sum(amounts(complex_, SEP, "general_admin")) == 200_000
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    with pytest.raises(ApplicationError):
        services.billing_run_draft(complex=complex_, period=SEP)
    with pytest.raises(ApplicationError):
        services.billing_run_issue(complex=complex_, period=SEP)
    with pytest.raises(ImportFailed) as e:
        import_costs(complex_, SEP, "item,amount\ngeneral_admin,1")
    assert "이미 발행" in e.value.extra["rows"][0]["message"]


def test_late_fee_on_the_next_bill_is_the_seed_example(four):
    """별표 8: 300,000 won unpaid 160 days after the due date → 15,780 won on the next bill,
    together with the 300,000 won arrears (Precise rules 8, 10)."""
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount,units,basis\nfacility_use,300000,301-101,direct")
    run = services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    assert run.due_date == date(2026, 10, 26)
    # the other units pay nothing; unit 101 never pays. Next bill issued 160 days after due.
    later = date(2027, 2, 1)
    import_costs(complex_, later, "item,amount\ngeneral_admin,4")
    issued = run.due_date + timedelta(days=160)
    services.billing_run_issue(complex=complex_, period=later, issued_on=issued)
    bill = Bill.objects.get(complex=complex_, period=later, unit=units[0])
    assert bill.late_fee == 15_780
    assert bill.arrears == 300_000
    assert bill.total_due == bill.charges + 15_780 + 300_000


def test_paid_on_due_date_no_late_fee_and_the_day_after_one_day(four):
    complex_, _, units = four
    import_costs(
        complex_, SEP, "item,amount,units,basis\nfacility_use,3650000,301-101;301-201,direct"
    )
    run = services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    services.payment_record(complex=complex_, unit=units[0], paid_on=run.due_date, amount=1_825_000)
    services.payment_record(
        complex=complex_, unit=units[1], paid_on=run.due_date + timedelta(days=1), amount=1_825_000
    )
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,4")
    services.billing_run_issue(complex=complex_, period=OCT, issued_on=date(2026, 11, 20))
    first, second = (Bill.objects.get(period=OCT, unit=u) for u in units[:2])
    assert (first.late_fee, first.arrears) == (0, 0)
    # 1,825,000 × 12% × 1/365 = 600 won
    assert (second.late_fee, second.arrears) == (600, 0)


def test_overpayment_shows_as_prepaid_on_the_next_bill(four):
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    services.payment_record(
        complex=complex_, unit=units[0], paid_on=date(2026, 10, 20), amount=20_000
    )
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=OCT, issued_on=date(2026, 11, 10))
    bill = Bill.objects.get(period=OCT, unit=units[0])
    assert bill.prepaid == 20_000 - 17_396
    assert bill.total_due == 17_396 - bill.prepaid


def test_contracts_for_other_apps(four):
    complex_, _, units = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    assert selectors.months_in_arrears(unit=units[0], on=date(2026, 10, 26)) == 0
    assert selectors.months_in_arrears(unit=units[0], on=date(2026, 10, 27)) == 1
    Payment.objects.create(
        complex=complex_, unit=units[0], paid_on=date(2026, 10, 27), amount=17_396
    )
    assert selectors.months_in_arrears(unit=units[0], on=date(2026, 10, 28)) == 0
    assert selectors.repair_reserve_billed(complex=complex_, start=SEP, end=OCT) == []


def test_commands_run_billing_and_export(four, tmp_path):
    complex_, _, _ = four
    f = tmp_path / "costs.csv"
    f.write_text("item,amount\ngeneral_admin,100000\n", encoding="utf-8-sig")
    call_command("import_costs", complex_.slug, "2026-09", str(f), stdout=StringIO())
    out = StringIO()
    call_command(
        "run_billing", complex_.slug, "2026-09", "--issue", "--issued-on", "2026-10-10", stdout=out
    )
    assert "납부기한 2026-10-26" in out.getvalue()
    out = StringIO()
    call_command("export_bills", complex_.slug, "2026-09", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["total_due"] for r in rows] == [17_396, 24_676, 24_676, 33_252]
    assert rows[0]["lines"] == [{"item": "general_admin", "amount": 17_396}]
    assert rows[0]["due_date"] == "2026-10-26"
    bad = tmp_path / "bad.csv"
    bad.write_text("item,amount\nnope,1\n", encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2행 item 열"):
        call_command("import_costs", complex_.slug, "2026-10", str(bad), stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_make_one_set_of_bills(four):
    complex_, _, _ = four
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    errors = []

    def go():
        try:
            services.billing_run_draft(complex=complex_, period=SEP)
        except Exception as e:
            errors.append(e)
        finally:
            connection.close()

    # SQLite (the embedded default) locks the whole file: there the runs go one after another.
    threads = [
        threading.Thread(target=go) for _ in range(3 if connection.vendor == "postgresql" else 1)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert BillingRun.objects.filter(complex=complex_).count() == 1
    assert Bill.objects.filter(complex=complex_).count() == 4
