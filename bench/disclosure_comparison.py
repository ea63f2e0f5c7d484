"""Benchmark: the fee comparison for one complex and one charge item over 20,000 complexes ×
24 months (issue 8 "Speed": under 200 ms).

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/disclosure_comparison.py [--complexes 20000] [--keep]

Needs PostgreSQL (data are written with COPY). It migrates the given database, generates the
complexes (slug prefix "bench-"), their comparison profiles and 24 months × 11 items of fee
summaries, then times `disclosure.selectors.comparison_compute` (the uncached computation behind
`comparison_for`) for random complexes and items, and
prints the figures. Without --keep the generated rows are deleted at the end.
"""

import argparse
import os
import random
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
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from complexes.models import Complex  # noqa: E402
from disclosure import comparison, selectors  # noqa: E402
from disclosure.duties import add_months  # noqa: E402

DISTRICTS = [(str(11110 + 30 * i), f"구{i:02d}") for i in range(25)]
HEATING = ["central", "district", "individual"]
ITEMS = {  # item: typical won per m² per month
    "general_admin": 420,
    "cleaning": 210,
    "security": 330,
    "disinfection": 15,
    "elevator_maintenance": 45,
    "repair_maintenance": 60,
    "common_electricity": 95,
    "heating": 380,
    "water": 160,
    "insurance": 12,
}


def generate(n: int, months: int, start: date):
    rng = random.Random(8)
    today = timezone.localdate()
    t0 = time.perf_counter()
    with (
        connection.cursor() as cur,
        cur.copy(
            "COPY complexes_complex (slug, name, address, city, district_code, district_name,"
            " approved_on, heating_type, management_method, created_at) FROM STDIN"
        ) as copy,
    ):
        for i in range(n):
            code, name = DISTRICTS[i % len(DISTRICTS)]
            copy.write_row(
                (
                    f"bench-{i}",
                    f"벤치아파트{i}",
                    "",
                    "서울특별시",
                    code,
                    name,
                    date(rng.randint(1985, 2024), 6, 30),
                    rng.choice(HEATING),
                    "self",
                    "2026-01-01T00:00:00Z",
                )
            )
    rows = list(
        Complex.objects.filter(slug__startswith="bench-").values_list(
            "pk", "city", "district_code", "heating_type", "approved_on"
        )
    )
    areas = {}
    with (
        connection.cursor() as cur,
        cur.copy(
            "COPY disclosure_comparisonprofile (complex_id, city, district_code, heating_type,"
            " households, area, approved_year, size_band, age_band) FROM STDIN"
        ) as copy,
    ):
        for pk, city, code, heating, approved in rows:
            households = rng.randint(150, 3000)
            area = Decimal(households * rng.randint(60, 130))
            areas[pk] = area
            copy.write_row(
                (
                    pk,
                    city,
                    code,
                    heating,
                    households,
                    area,
                    approved.year,
                    comparison.size_band(households),
                    comparison.age_band(approved.year, today.year),
                )
            )
    written = 0
    with (
        connection.cursor() as cur,
        cur.copy(
            "COPY disclosure_feesummary (complex_id, period, item, total, per_m2, flag, reason)"
            " FROM STDIN"
        ) as copy,
    ):
        for pk, *_ in rows:
            level = {item: base * rng.uniform(0.7, 1.3) for item, base in ITEMS.items()}
            for m in range(months):
                period = add_months(start, m)
                winter = 1.6 if period.month in (12, 1, 2) else 1.0
                total_all = 0
                for item, base in level.items():
                    v = base * (winter if item == "heating" else 1.0) * rng.uniform(0.95, 1.05)
                    per = round(Decimal(v), 2)
                    total = int(per * areas[pk])
                    total_all += total
                    copy.write_row((pk, period, item, total, per, "", ""))
                copy.write_row(
                    (pk, period, "total", total_all, round(total_all / areas[pk], 2), "", "")
                )
                written += len(level) + 1
    with connection.cursor() as cur:
        cur.execute("ANALYZE disclosure_feesummary; ANALYZE disclosure_comparisonprofile")
    return rows, written, time.perf_counter() - t0


def cleanup():
    with connection.cursor() as cur:
        cur.execute(
            "DELETE FROM disclosure_feesummary WHERE complex_id IN"
            " (SELECT id FROM complexes_complex WHERE slug LIKE 'bench-%%')"
        )
        cur.execute(
            "DELETE FROM disclosure_comparisonprofile WHERE complex_id IN"
            " (SELECT id FROM complexes_complex WHERE slug LIKE 'bench-%%')"
        )
        cur.execute("DELETE FROM complexes_complex WHERE slug LIKE 'bench-%%'")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--complexes", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL가 필요합니다 (DATABASE_URL).")
    call_command("migrate", verbosity=0)
    cleanup()
    start = date(2024, 12, 1)
    rows, written, took = generate(args.complexes, args.months, start)
    print(f"generated {len(rows):,} complexes, {written:,} fee summary rows in {took:.1f} s")
    rng = random.Random(1)
    latest = add_months(start, args.months - 1)
    times, sizes = [], []
    items = [*ITEMS, "total"]
    complexes = {c.pk: c for c in Complex.objects.filter(slug__startswith="bench-")}
    pks = list(complexes)
    selectors.comparison_compute(complex=complexes[pks[0]], item="total")  # warm up
    for _ in range(args.samples):
        c = complexes[rng.choice(pks)]
        item = rng.choice(items)
        t = time.perf_counter()
        result = selectors.comparison_compute(complex=c, item=item, period=latest)
        times.append((time.perf_counter() - t) * 1000)
        sizes.append(result["group"]["size"] if result["group"] else 0)
    times.sort()
    print(
        f"comparison_compute (uncached) over {len(rows):,} complexes × {args.months} months, {args.samples} samples:"
        f" median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms,"
        f" max {times[-1]:.1f} ms; group size median {statistics.median(sizes):.0f}"
        f" (min {min(sizes)}, max {max(sizes)})"
    )
    # the same without naming the month (looks the latest month up first)
    t = time.perf_counter()
    for pk in pks[:50]:
        selectors.comparison_compute(complex=complexes[pk], item="total")
    print(f"without a given month: mean {(time.perf_counter() - t) * 1000 / 50:.1f} ms")
    if not args.keep:
        cleanup()


if __name__ == "__main__":
    main()
