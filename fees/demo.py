"""The fees part of the demo story (../shared/domain/90-demo.md): 13 months of issued bills for
hanbit up to last month, realistic costs and readings with seasonal heating, misc income each
month, a few households in arrears (one over 3 months), partial payments, one move-out
settlement, fee deposits, and budgets for this year and last year."""

import random
from datetime import date, timedelta
from decimal import Decimal
from math import floor

from django.utils import timezone

from complexes.models import Membership, ResidentKind, Role, Unit

from . import services
from .due_dates import due_date, next_month, previous_month
from .models import (
    Cost,
    DepositKind,
    FeeDeposit,
    MeterReading,
    MiscIncome,
    Payment,
)

HOT_WATER_PRICE = 6_500  # won per m³, council resolution
HEATING_SEASON = {
    1: 1.0,
    2: 0.9,
    3: 0.65,
    4: 0.35,
    5: 0.1,
    6: 0,
    7: 0,
    8: 0,
    9: 0.05,
    10: 0.25,
    11: 0.6,
    12: 0.9,
}
MONTHLY = {  # won per month, before a little month-to-month noise
    "general_admin": 23_400_000,
    "cleaning": 9_800_000,
    "security": 14_600_000,
    "disinfection": 620_000,
    "elevator_maintenance": 2_350_000,
    "repair_maintenance": 3_100_000,
    "commission": 1_050_000,
    "home_network": 1_260_000,
    "common_electricity": 6_400_000,
    "common_water": 1_150_000,
    "septic": 420_000,
    "waste": 1_800_000,
    "council_operations": 900_000,
    "insurance": 1_320_000,
}
MISC = [
    ("recycling", 380_000),
    ("advertising", 220_000),
    ("parking", 1_350_000),
    ("repeater_rent", 300_000),
]
ARREARS_UNIT = ("104", "1502")  # stops paying five months ago: over 3 months in arrears
LATE_PAYERS = [("103", "1101"), ("105", "702"), ("106", "1804")]
PARTIAL_PAYERS = [("102", "303"), ("105", "1405")]
MOVE_OUT_UNIT = ("106", "905")
ZERO_WATER_UNIT = ("101", "1506")


def _unit_key(u):
    return (u.building.name, u.number)


def seed(base):
    hanbit = base["hanbit"]
    rng = random.Random(2026)
    today = timezone.localdate()
    last = previous_month(today.replace(day=1))
    periods = [previous_month(last, k) for k in range(12, -1, -1)]
    units = list(Unit.objects.filter(complex=hanbit).select_related("building"))
    by_key = {_unit_key(u): u for u in units}
    services.fee_settings(hanbit)
    items = {c.code: c for c in services.charge_items(hanbit)}
    services.charge_item_update(item=items["hot_water"], by=None, unit_price=HOT_WATER_PRICE)
    office = Membership.objects.filter(complex=hanbit, role=Role.MANAGER).first()
    by = office.user if office else None

    # The lessee moved in eight months ago (bills before that are not theirs to see).
    Membership.objects.filter(
        complex=hanbit, role=Role.RESIDENT, resident_kind=ResidentKind.LESSEE
    ).update(created_at=timezone.now() - timedelta(days=240))
    # Fee deposits collected from the owners at move-in (Art. 77①): 1,000 won per m².
    FeeDeposit.objects.bulk_create(
        FeeDeposit(
            complex=hanbit,
            unit=u,
            kind=DepositKind.COLLECTED,
            amount=int(u.supply_area * 1000),
            on=date(2009, 8, 1),
            memo="입주 시 징수",
        )
        for u in units
    )
    # Last year's joint misc income, 80% set aside to reduce this year's fees (Art. 80⑤1).
    services.fee_reduction_set(
        complex=hanbit, year=today.year, amount=15_600_000, memo=f"{today.year - 1}년 잡수입의 80%"
    )

    meter = {
        u.pk: {
            "electricity": Decimal(rng.randint(8000, 30000)),
            "water": Decimal(rng.randint(300, 3000)),
            "heating": Decimal(rng.randint(50, 400)),
            "hot_water": Decimal(rng.randint(100, 900)),
        }
        for u in units
    }
    stop_from = periods[-5]
    for index, period in enumerate(periods):
        season = HEATING_SEASON[period.month]
        readings = []
        hot_water_total = 0
        electricity_total = 0
        for u in units:
            size = float(u.supply_area) / 84.97
            usage = {
                "electricity": Decimal(
                    int(
                        rng.uniform(220, 420)
                        * (0.8 + 0.2 * size)
                        * (1.15 if period.month in (7, 8, 1) else 1)
                    )
                ),
                "water": Decimal(int(rng.uniform(9, 19) * (0.85 + 0.15 * size))),
                "heating": Decimal(round(rng.uniform(0.8, 1.3) * 1.4 * size * season, 3)),
                "hot_water": Decimal(
                    round(rng.uniform(3.5, 7.5) * (1.25 if season > 0.5 else 0.9), 3)
                ),
            }
            if _unit_key(u) == ZERO_WATER_UNIT and index >= len(periods) - 4:
                usage["water"] = usage["hot_water"] = Decimal(0)
            for utility, used in usage.items():
                prev = meter[u.pk][utility]
                cur = prev + used
                meter[u.pk][utility] = cur
                amount = None
                if utility == "electricity":
                    kwh = int(used)
                    amount = 910 + kwh * 120 + max(0, kwh - 300) * 95 if kwh else 0
                    electricity_total += amount
                elif utility == "water":
                    amount = int(used) * 1_150
                elif utility == "hot_water":
                    hot_water_total += floor(used * HOT_WATER_PRICE)
                readings.append(
                    MeterReading(
                        complex=hanbit,
                        period=period,
                        unit=u,
                        utility=utility,
                        previous=prev,
                        current=cur,
                        usage=used,
                        amount=amount,
                    )
                )
        MeterReading.objects.bulk_create(readings, batch_size=2000)

        def noisy(amount):
            return int(amount * rng.uniform(0.97, 1.03)) // 10 * 10

        costs = [
            Cost(complex=hanbit, period=period, item=code, amount=noisy(amount))
            for code, amount in MONTHLY.items()
        ]
        costs.append(
            Cost(
                complex=hanbit,
                period=period,
                item="hot_water",
                memo="급탕 단가 6,500원/㎥ (입대의 의결)",
            )
        )
        fuel = hot_water_total + int(62_000_000 * season) + 1_200_000
        costs.append(
            Cost(
                complex=hanbit,
                period=period,
                item="heating",
                amount=fuel,
                basis="" if season else "area",
                memo="도시가스 요금 (급탕비 차감 후 배분)",
            )
        )
        costs.append(
            Cost(
                complex=hanbit,
                period=period,
                item="electricity",
                amount=electricity_total,
                memo="한전 청구서",
            )
        )
        costs.append(Cost(complex=hanbit, period=period, item="water", memo="상수도 요금"))
        costs.append(Cost(complex=hanbit, period=period, item="tv_license", amount=2_500))
        for b in sorted({u.building for u in units}, key=lambda b: b.name):
            costs.append(
                Cost(
                    complex=hanbit,
                    period=period,
                    item="elevator_electricity",
                    amount=noisy(380_000),
                    building=b,
                    memo=f"{b.name}동 승강기 계량기",
                )
            )
        if period.month in (3, 9):
            costs.append(
                Cost(
                    complex=hanbit,
                    period=period,
                    item="election_operations",
                    amount=450_000,
                    memo="동별 대표자 선거",
                )
            )
        if index == len(periods) - 3:
            a, b2 = by_key[("103", "501")], by_key[("103", "502")]
            costs.append(
                Cost(
                    complex=hanbit,
                    period=period,
                    item="shared_repair",
                    amount=180_000,
                    unit_ids=[a.pk, b2.pk],
                    memo="5층 공용 배관 보수 (2세대)",
                )
            )
        Cost.objects.bulk_create(costs)
        MiscIncome.objects.bulk_create(
            MiscIncome(complex=hanbit, period=period, kind=kind, amount=noisy(amount))
            for kind, amount in MISC
        )
        if index == len(periods) - 2:
            services.contingency_record(
                complex=hanbit,
                period=period,
                item="repair_maintenance",
                amount=2_400_000,
                memo="급수펌프 긴급 교체 (입대의 의결)",
            )

        issued_on = next_month(period).replace(day=5)
        run = services.billing_run_issue(complex=hanbit, period=period, by=by, issued_on=issued_on)
        # history: residents were told at the time; the notification task sees it and skips
        run.summary = {**run.summary, "notified_at": f"{issued_on}T09:00:00+09:00"}
        run.save(update_fields=["summary"])
        due = due_date(period)
        payments = []
        for bill in run.bills.select_related("unit__building"):
            key = _unit_key(bill.unit)
            if key == ARREARS_UNIT and period >= stop_from:
                continue
            if key == MOVE_OUT_UNIT and index == len(periods) - 3:
                continue  # paid through the move-out settlement below
            if bill.total_due <= 0:
                continue
            if key in LATE_PAYERS and index % 3 == 1:
                paid_on = due + timedelta(days=rng.randint(10, 40))
            else:
                paid_on = issued_on + timedelta(days=rng.randint(2, max(2, (due - issued_on).days)))
            if paid_on >= today:
                if rng.random() < 0.35:
                    continue  # this month's bill: not everyone has paid yet
                paid_on = today - timedelta(days=1)
            amount = bill.total_due
            if key in PARTIAL_PAYERS and index >= len(periods) - 2:
                if index == len(periods) - 1:
                    continue  # paid half of last month's bill, nothing of this one yet
                amount = bill.total_due // 2
            payments.append(
                Payment(
                    complex=hanbit,
                    unit=bill.unit,
                    paid_on=paid_on,
                    amount=amount,
                    reference=f"VA-{period:%Y%m}-{bill.unit.pk}",
                )
            )
        Payment.objects.bulk_create(payments)
        if index == len(periods) - 3:
            # one household moved out mid-month and asked for an interim settlement (Art. 85②)
            services.move_out_settle(
                complex=hanbit,
                unit=by_key[MOVE_OUT_UNIT],
                move_out_on=next_month(period).replace(day=18),
                usage_amount=48_300,
                memo="전출 (매도)",
            )

    # Budgets: this year's (approved) and last year's, per item (Art. 78①).
    for year, growth in ((today.year - 1, 1.0), (today.year, 1.03)):
        amounts = {
            code: int(amount * 12 * growth) // 1000 * 1000 for code, amount in MONTHLY.items()
        }
        amounts["heating"] = int(380_000_000 * growth)
        amounts["hot_water"] = int(270_000_000 * growth)
        amounts["misc_income"] = int(27_000_000 * growth)
        services.budget_set(complex=hanbit, year=year, amounts=amounts)
