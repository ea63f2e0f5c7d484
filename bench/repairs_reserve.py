"""Benchmark: the repair-reserve figures of a large complex (5,000 units, 30 components,
four phases) — what the billing run calls every month, the plan page, the projection, 별지 6.

    DATABASE_URL=postgres://…/portal_bench_repairs .venv/bin/python bench/repairs_reserve.py [--units 5000]

It migrates the given database, creates a complex "bench-repairs" (deleted at the start of each
run), imports hanbit's demo plan and phases through the services, and prints the time of each
call (median of 5).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from complexes.models import Building, Complex, Unit  # noqa: E402
from repairs import selectors, services  # noqa: E402
from repairs.demo import HANBIT_COMPONENTS, HANBIT_PHASES, _csv  # noqa: E402
from repairs.fund.ledger import ledger_totals  # noqa: E402
from repairs.fund.status import annual_status  # noqa: E402
from repairs.plan.projection import project, schedule_for  # noqa: E402
from repairs.plan.reserve import monthly_reserve_by_unit  # noqa: E402

AREAS = [Decimal("59.90"), Decimal("84.97"), Decimal("114.50"), Decimal("134.12")]


def timed(label, fn, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    print(
        f"{label:<42} median {statistics.median(times) * 1000:8.1f} ms  (max {max(times) * 1000:.1f})"
    )
    return result


def wipe():
    """Delete the bench complex (its units first: Unit.building is PROTECT)."""
    for c in Complex.objects.filter(slug="bench-repairs"):
        Unit.objects.filter(complex=c).delete()
        c.delete()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=5000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    wipe()
    c = Complex.objects.create(
        slug="bench-repairs",
        name="벤치아파트",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2009, 6, 30),
    )
    per_building = 100
    units = []
    for b in range((args.units + per_building - 1) // per_building):
        building = Building.objects.create(complex=c, name=str(101 + b))
        for i in range(min(per_building, args.units - b * per_building)):
            units.append(
                Unit(
                    complex=c,
                    building=building,
                    number=f"{i // 4 + 1}{i % 4 + 1:02d}",
                    floor=i // 4 + 1,
                    supply_area=AREAS[i % len(AREAS)],
                )
            )
    Unit.objects.bulk_create(units, batch_size=2000)
    services.plan_import(
        complex=c,
        data=_csv(HANBIT_COMPONENTS),
        filename="bench.csv",
        start_month=date(2010, 1, 1),
        end_month=date(2049, 12, 1),
    )
    services.phases_set(complex=c, specs=services.parse_phase_specs(HANBIT_PHASES))
    today = timezone.localdate()
    period = date(today.year, today.month, 1)
    print(f"{args.units} units, {len(HANBIT_COMPONENTS)} components, 4 phases")
    amounts = timed(
        "monthly_reserve_by_unit (billing run)",
        lambda: monthly_reserve_by_unit(complex=c, period=period),
    )
    print(f"  complex total this month: {sum(amounts.values()):,} won")
    timed("plan_overview (plan page)", lambda: selectors.plan_overview(complex=c, today=today))
    revision = selectors.current_revision(complex=c)
    balance = ledger_totals(complex=c).balance
    timed(
        "projection (to 2049)",
        lambda: project(
            schedule=schedule_for(complex=c, revision=revision), balance=balance, today=today
        ),
    )
    timed("annual_status (별지 6)", lambda: annual_status(complex=c, year=today.year - 1))
    wipe()


if __name__ == "__main__":
    main()
