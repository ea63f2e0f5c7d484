"""Benchmark: one billing period of a 5,000-unit complex (issue 4 "Speed").

    DATABASE_URL=postgres://…/portal_bench_fees .venv/bin/python bench/fees_billing.py [--units 5000] [--keep]

Needs PostgreSQL. Migrates the database, creates complex "bench-fees" (10 buildings, ~25 charge
lines a bill: 15 area/household items, elevator electricity per building, electricity and water
from the readings file, heating by usage, hot water by unit price, TV licence, repair reserve when
a plan exists), issues one earlier month with payments (so arrears and late fees are computed),
then times and prints:
- the draft run and the issue of the next period (targets: under 2 s each);
- the resident's bill page through Django's test client (queries per page; requests/s of
  one process — run gunicorn + wrk for the 32-client figure, see the printout);
- one bill as PDF (target ≤ 0.2 s) and a combined PDF of 600 bills (target ≤ 45 s).
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

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from complexes.models import Building, Complex, Membership, ResidentKind, Role, Unit  # noqa: E402
from core.models import User  # noqa: E402
from fees import pdf, services  # noqa: E402
from fees.models import Bill, Cost, MeterReading, Payment  # noqa: E402

SLUG = "bench-fees"
AREA_ITEMS = {
    "general_admin": 195_000_000,
    "cleaning": 82_000_000,
    "security": 121_000_000,
    "disinfection": 5_100_000,
    "elevator_maintenance": 19_600_000,
    "repair_maintenance": 25_800_000,
    "commission": 8_700_000,
    "home_network": 10_500_000,
    "common_electricity": 53_000_000,
    "common_water": 9_600_000,
    "septic": 3_500_000,
    "waste": 15_000_000,
    "council_operations": 900_000,
    "insurance": 11_000_000,
    "election_operations": 300_000,
}
P1, P2 = date(2026, 9, 1), date(2026, 10, 1)


def clean():
    """Empty the bench database: fee history is kept (RESTRICT/PROTECT) against deleting units,
    so the bench, which owns its database, truncates it instead."""
    if "bench" not in str(connection.settings_dict["NAME"]):
        sys.exit("Use a database of its own for the bench (its name must contain 'bench').")
    if Complex.objects.filter(slug=SLUG).exists():
        call_command("flush", interactive=False, verbosity=0)


def build(n_units: int):
    clean()
    complex_ = Complex.objects.create(
        slug=SLUG,
        name="벤치아파트",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2010, 1, 1),
        heating_type="central",
    )
    per_building = n_units // 10
    units = []
    for b in range(10):
        building = Building.objects.create(complex=complex_, name=str(101 + b), floors_above=25)
        for i in range(per_building):
            floor, line = i // 20 + 1, i % 20 + 1
            area = [Decimal("59.90"), Decimal("84.97"), Decimal("114.50")][line % 3]
            units.append(
                Unit(
                    complex=complex_,
                    building=building,
                    number=f"{floor}{line:02d}",
                    floor=floor,
                    supply_area=area,
                )
            )
    Unit.objects.bulk_create(units, batch_size=2000)
    services.fee_settings(complex_)
    items = {c.code: c for c in services.charge_items(complex_)}
    services.charge_item_update(item=items["hot_water"], by=None, unit_price=6500)
    user = User.objects.filter(
        email="bench-resident@example.test"
    ).first() or User.objects.create_user("bench-resident@example.test", "bench-pw-1234")
    unit = Unit.objects.filter(complex=complex_).order_by("pk").first()
    Membership.objects.create(
        complex=complex_, user=user, role=Role.RESIDENT, unit=unit, resident_kind=ResidentKind.OWNER
    )
    return complex_, user


def month_data(complex_, period, rng):
    units = list(Unit.objects.filter(complex=complex_).values_list("pk", "supply_area"))
    buildings = list(Building.objects.filter(complex=complex_))
    costs = [Cost(complex=complex_, period=period, item=k, amount=v) for k, v in AREA_ITEMS.items()]
    costs += [
        Cost(
            complex=complex_, period=period, item="elevator_electricity", amount=900_000, building=b
        )
        for b in buildings
    ]
    costs += [
        Cost(complex=complex_, period=period, item="tv_license", amount=2500),
        Cost(complex=complex_, period=period, item="hot_water"),
        Cost(complex=complex_, period=period, item="electricity"),
        Cost(complex=complex_, period=period, item="water"),
    ]
    readings, hot = [], 0
    for pk, _area in units:
        kwh = rng.randint(200, 450)
        hw = Decimal(rng.randint(30, 90)) / 10
        hot += int(hw * 6500)
        for utility, used, amount in (
            ("electricity", Decimal(kwh), 910 + kwh * 120),
            ("water", Decimal(rng.randint(8, 20)), None),
            ("heating", Decimal(rng.randint(5, 30)) / 10, None),
            ("hot_water", hw, None),
        ):
            if utility == "water":
                amount = int(used) * 1150
            readings.append(
                MeterReading(
                    complex=complex_,
                    period=period,
                    unit_id=pk,
                    utility=utility,
                    previous=0,
                    current=used,
                    usage=used,
                    amount=amount,
                )
            )
    costs.append(Cost(complex=complex_, period=period, item="heating", amount=hot + 250_000_000))
    Cost.objects.bulk_create(costs)
    MeterReading.objects.bulk_create(readings, batch_size=5000)


def session_cookie(user) -> str:
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def http_bench(user, url, clients=32, seconds=10, port=8765):
    """The bill page under gunicorn (gthread, 2 workers × 4 threads, persistent DB connections,
    sessions and the cache in Redis when REDIS_URL is set, as in production), loaded by wrk with
    `clients` keep-alive connections (`make bench-tools` installs wrk). wrk shares the machine's
    2 cores with gunicorn and PostgreSQL, so the figure is a lower bound."""
    import http.client
    import re
    import shutil
    import subprocess

    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run `make bench-tools` first.")
    cookie = session_cookie(user)
    env = {
        **os.environ,
        "CONN_MAX_AGE": "60",
        "DEBUG": "False",  # cached templates, no debug bookkeeping: as served in production
        "REQUIRE_MFA_FOR_MANAGERS": "True",  # as in production: every request asks
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi"),
            *("-k", "gthread", "-w", "2", "--threads", "4"),
            *("-b", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        cwd=str(Path(__file__).resolve().parent.parent),
        env=env,
    )
    target = f"http://127.0.0.1:{port}{url}"
    try:
        for _ in range(100):  # wait until it answers, and warm both workers
            probe = subprocess.run(
                ["wrk", "-t1", "-c2", "-d1s", "-H", f"Cookie: {cookie}", target],
                capture_output=True,
                text=True,
            )
            if "Requests/sec" in probe.stdout and "Non-2xx" not in probe.stdout:
                break
            time.sleep(0.5)
        check = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        check.request("GET", url, headers={"Cookie": cookie})
        status = check.getresponse().status
        if status != 200:  # wrk counts a redirect to the login page as a success
            sys.exit(f"the bill page answered {status}, not 200")
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "-H", f"Cookie: {cookie}", target],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors = int(bad.group(1)) if bad else 0
        print(
            f"bill page under gunicorn, {clients} clients (wrk): {rate:.0f} req/s ({errors} errors)"
        )
        return rate
    finally:
        server.terminate()
        server.wait()


def timed(label, fn, *args, **kwargs):
    """Wall time, and this process's CPU time (the part not spent waiting for PostgreSQL or for
    the CPU while other processes share the machine)."""
    t, c = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"{label}: {elapsed:.3f} s wall, {cpu:.3f} s CPU in Python")
    return result, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--pdf-bills", type=int, default=600, help="bills in the combined PDF")
    parser.add_argument(
        "--http", action="store_true", help="also load the bill page under gunicorn"
    )
    parser.add_argument("--profile", action="store_true", help="profile one draft run and stop")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    rng = random.Random(4)
    t = time.perf_counter()
    complex_, user = build(args.units)
    month_data(complex_, P1, rng)
    services.billing_run_issue(complex=complex_, period=P1, issued_on=date(2026, 10, 5))
    bills = Bill.objects.filter(complex=complex_, period=P1).values_list("unit_id", "total_due")
    Payment.objects.bulk_create(
        Payment(
            complex=complex_, unit_id=u, paid_on=date(2026, 10, rng.randint(6, 30)), amount=total
        )
        for u, total in bills
        if rng.random() < 0.93
    )
    month_data(complex_, P2, rng)
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        services.billing_run_draft(complex=complex_, period=P2, issued_on=date(2026, 11, 5))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    print(
        f"setup ({args.units} units, one issued month with payments): {time.perf_counter() - t:.1f} s"
    )

    run, draft = timed(
        "draft run",
        services.billing_run_draft,
        complex=complex_,
        period=P2,
        issued_on=date(2026, 11, 5),
    )
    _, draft2 = timed(
        "draft re-run (replaces the draft)",
        services.billing_run_draft,
        complex=complex_,
        period=P2,
        issued_on=date(2026, 11, 5),
    )
    # issue = recompute + mark issued; its on_commit hooks (notifications, disclosure's fee
    # summaries) run eagerly here without a broker and are included in the figure.
    run, issue = timed(
        "issue",
        services.billing_run_issue,
        complex=complex_,
        period=P2,
        issued_on=date(2026, 11, 5),
    )
    lines = Bill.objects.filter(run=run).first().lines
    print(
        f"  bills: {run.summary['units']}, lines per bill: {len(lines)}, charges {run.summary['charges']:,} won"
    )

    bill = Bill.objects.filter(run=run, unit__memberships__user=user).first()
    client = Client()
    client.force_login(user)
    url = f"/c/{SLUG}/bills/{bill.pk}/"
    client.get(url)
    settings.DEBUG = True
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    n = 200
    t = time.perf_counter()
    for _ in range(n):
        assert client.get(url).status_code == 200
    page = (time.perf_counter() - t) / n
    print(
        f"bill page: {queries} queries, {page * 1000:.1f} ms/request in-process ({1 / page:.0f} req/s, one thread)"
    )
    http_rate = http_bench(user, url) if args.http else None

    samples = []
    for b in Bill.objects.filter(run=run).select_related("unit__building", "complex")[:10]:
        t = time.perf_counter()
        pdf.bill_pdf(b)
        samples.append(time.perf_counter() - t)
    print(f"single bill PDF: median {statistics.median(samples):.3f} s (10 bills)")
    six = list(
        Bill.objects.filter(run=run).select_related("unit__building", "complex")[: args.pdf_bills]
    )
    data, combined = timed(f"combined PDF of {len(six)} bills", pdf.bills_pdf, complex_, six)
    print(f"  {len(data) / 1e6:.1f} MB, {combined / len(six) * 1000:.0f} ms per bill")
    print()
    print(
        f"SUMMARY draft {draft:.2f} s (re-run {draft2:.2f} s) | issue {issue:.2f} s | bill page {queries} queries "
        f"{page * 1000:.1f} ms{f' ({http_rate:.0f} req/s @32)' if http_rate else ''} | PDF {statistics.median(samples):.3f} s | {len(six)} PDFs {combined:.1f} s"
    )
    if not args.keep:
        clean()


if __name__ == "__main__":
    main()
