"""Benchmark: the residents app on a 2,000-unit complex.

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/residents_register.py [--units 2000] [--keep]

Migrates the given database, creates a complex (slug "bench-residents") with `--units` units,
then times and prints: the all-or-nothing register import of one row per unit, the voter roll
(`designated_voters`) against asking unit by unit, the office's complaint list API with 5,000
complaints, and the complaint report (Art. 62①5) over a year. Without --keep the complex is
deleted at the end.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from complexes.models import Building, Complex, Membership, Role, Unit  # noqa: E402
from core.models import User  # noqa: E402
from residents import selectors, services  # noqa: E402
from residents.models import Complaint, ComplaintCategory  # noqa: E402

SLUG = "bench-residents"


def timed(label, func, repeat=1):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    shown = f"{statistics.median(times) * 1000:,.0f} ms" + (
        f" (median of {repeat})" if repeat > 1 else ""
    )
    print(f"{label:<55} {shown}")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    Complex.objects.filter(slug=SLUG).delete()
    complex_ = Complex.objects.create(
        slug=SLUG,
        name="벤치아파트",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2010, 1, 1),
    )
    per_building = 200
    units = []
    for b in range((args.units + per_building - 1) // per_building):
        building = Building.objects.create(complex=complex_, name=str(101 + b))
        units += Unit.objects.bulk_create(
            Unit(
                complex=complex_,
                building=building,
                number=f"{n // 4 + 1}{n % 4 + 1:02d}",
                floor=n // 4 + 1,
                supply_area="84.97",
            )
            for n in range(min(per_building, args.units - b * per_building))
        )
    units = list(Unit.objects.filter(complex=complex_).select_related("building"))
    office, _ = User.objects.get_or_create(email="bench-office@bench.test")
    Membership.objects.get_or_create(complex=complex_, user=office, role=Role.MANAGER)
    rows = ["building,unit,kind,moved_in_on,name,phone,cars"]
    for i, u in enumerate(units):
        rows.append(
            f"{u.building.name},{u.number},소유자,2015-03-01,입주자{i},010-1234-{i % 10000:04d},12가{i % 10000:04d}"
        )
    data = "\n".join(rows).encode()
    print(f"complex with {len(units):,} units")
    timed(
        f"register import, {len(units):,} rows (all-or-nothing)",
        lambda: services.register_import(complex=complex_, data=data, filename="r.csv", by=office),
    )
    timed(
        "voter roll: designated_voters(units=all)",
        lambda: selectors.designated_voters(units=units),
        3,
    )
    timed(
        "voter roll: designated_voter() unit by unit",
        lambda: [selectors.designated_voter(unit=u) for u in units],
    )
    now = timezone.now()
    Complaint.objects.bulk_create(
        Complaint(
            complex=complex_,
            unit=units[i % len(units)],
            category=ComplaintCategory.values[i % 8],
            title=f"민원 {i}",
            body="b",
            filed_at=now - timedelta(hours=i * 1.7),
            status="closed" if i % 3 else "received",
            closed_at=(now - timedelta(hours=i * 1.7) + timedelta(days=i % 9)) if i % 3 else None,
        )
        for i in range(5000)
    )
    api = APIClient()
    api.force_authenticate(office)
    timed(
        "API GET complaints/ (office, page of 50 of 5,000)",
        lambda: api.get(f"/api/v1/complexes/{SLUG}/complaints/"),
        10,
    )
    timed(
        "API GET residents/ (office, page of 50)",
        lambda: api.get(f"/api/v1/complexes/{SLUG}/residents/"),
        10,
    )
    today = timezone.localdate()
    report = timed(
        "complaint report over a year (Art. 62①5)",
        lambda: selectors.complaint_report(
            complex=complex_, start=today - timedelta(days=365), end=today
        ),
        3,
    )
    print(
        f"  report: {report.total:,} complaints, median {report.median_days_to_close} days to close"
    )
    if not args.keep:
        Complaint.objects.filter(complex=complex_).delete()
        from residents.models import Occupancy

        Occupancy.objects.filter(complex=complex_).delete()
        Unit.objects.filter(complex=complex_).delete()
        complex_.delete()
    _ = datetime


if __name__ == "__main__":
    main()
