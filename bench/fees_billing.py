"""Benchmark: one billing period of a 5,000-unit complex (issue 4 "Speed", issue 5).

    DATABASE_URL=postgres://…/portal_bench_fees .venv/bin/python bench/fees_billing.py [--units 5000] [--keep]

Needs PostgreSQL. Migrates the database, creates complex "bench-fees" (10 buildings, ~25 charge
lines a bill: 15 area/household items, elevator electricity per building, electricity and water
from the readings file, heating by usage, hot water by unit price, TV licence, repair reserve when
a plan exists), issues one earlier month with payments (so arrears and late fees are computed),
then times and prints:
- the draft run and the issue of the next period, each beside its ceiling measured in the same
  run: the draft's lines (~105k) written by COPY as narrow rows into a table of their own — the
  database's write speed, which the Python around it is measured against (ratio = ceiling ÷
  figure; 1 would be as fast as the COPY alone);
- how the draft's time grows with the complex's history: 600 units after 1, 24 and 120 issued
  months with payments (some late, some never, some recorded after the next issue with an
  earlier date), each draft beside its own COPY ceiling (`--no-history` skips it);
- the resident's bill page through Django's test client (queries per page; requests/s of
  one process — run gunicorn + wrk for the 32-client figure, see the printout);
- one bill as PDF (target ≤ 0.2 s) and a combined PDF of 600 bills (target ≤ 45 s).

The machine's load average is printed with the figures: on a busy machine every wall time is
longer, the ratios much less so.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from complexes.models import Building, Complex, Membership, ResidentKind, Role, Unit  # noqa: E402
from core.models import User  # noqa: E402
from fees import pdf, services  # noqa: E402
from fees.due_dates import next_month  # noqa: E402
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


def build(n_units: int, slug: str = SLUG):
    complex_ = Complex.objects.create(
        slug=slug,
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
    email = f"{slug}-resident@example.test"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, "bench-pw-1234"
    )
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


def copy_ceiling(run) -> tuple[int, float]:
    """(lines, seconds): the run's bill lines as narrow rows (bill, item, amount, note) written
    by COPY into a table of their own and committed — what the database takes to write them."""
    rows = [
        (pk, line["item"], line["amount"], line["note"])
        for pk, lines in Bill.objects.filter(run=run).values_list("pk", "lines")
        for line in lines
    ]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_lines")
        cursor.execute(
            "CREATE TABLE bench_lines (bill_id bigint, item varchar(30), amount bigint, note text)"
        )
    t = time.perf_counter()
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.cursor.copy("COPY bench_lines FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
    elapsed = time.perf_counter() - t
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_lines")
    return len(rows), elapsed


def against_ceiling(label, fn, repeat=1, **kwargs):
    """Run `fn` `repeat` times, each followed by the COPY ceiling of its run's lines; print the
    best of each and the ratio ceiling ÷ figure (the median of the pairs). Returns (run, best)."""
    pairs = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        run = fn(**kwargs)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - c
        lines, ceiling = copy_ceiling(run)
        pairs.append((elapsed, cpu, ceiling))
    best = min(p[0] for p in pairs)
    ratio = statistics.median(p[2] / p[0] for p in pairs)
    print(
        f"{label}: {best:.3f} s wall (best of {repeat}), {min(p[1] for p in pairs):.3f} s CPU in "
        f"Python | ceiling COPY of its {lines:,} lines {min(p[2] for p in pairs):.3f} s | "
        f"ratio {ratio:.2f}"
    )
    return run, best, ratio


def history_month(complex_, period, rng, units, buildings):
    """A light month for the history figure: area and household items, elevator electricity
    per building, the TV licence (8 lines a bill)."""
    costs = [
        Cost(complex=complex_, period=period, item=k, amount=v // 8)
        for k, v in list(AREA_ITEMS.items())[:5]
    ]
    costs += [
        Cost(
            complex=complex_, period=period, item="elevator_electricity", amount=90_000, building=b
        )
        for b in buildings
    ]
    costs.append(Cost(complex=complex_, period=period, item="tv_license", amount=2500))
    Cost.objects.bulk_create(costs)


def history_payments(complex_, run, rng, habits, recorded_late):
    """Each unit pays its bill as it usually does: on time (most), a few weeks late, some months
    not at all, or never; about 1% of the payments are recorded only after the next issue,
    dated before it (a bank file imported late)."""
    payments, late = [], []
    for unit_id, total in Bill.objects.filter(run=run).values_list("unit_id", "total_due"):
        habit = habits[unit_id]
        if total <= 0 or habit == "never" or (habit == "sometimes" and rng.random() < 0.5):
            continue
        days = rng.randint(1, 19) if habit == "on time" else rng.randint(21, 29)
        p = Payment(
            complex=complex_,
            unit_id=unit_id,
            paid_on=run.issued_on + timedelta(days=days),
            amount=total,
        )
        (late if rng.random() < 0.01 else payments).append(p)
    Payment.objects.bulk_create(recorded_late + payments)
    return late


def history_scaling(n_units=600, checkpoints=(1, 24, 120)):
    """The draft of a 600-unit complex after 1, 24 and 120 issued months: flat in the history
    when each unit is carried forward from its last close (fees.balances)."""
    rng = random.Random(9)
    complex_, _ = build(n_units, slug=f"{SLUG}-history")
    units = list(Unit.objects.filter(complex=complex_).values_list("pk", flat=True))
    buildings = list(Building.objects.filter(complex=complex_))
    kinds = ["on time"] * 88 + ["late"] * 7 + ["sometimes"] * 3 + ["never"] * 2
    habits = {u: rng.choice(kinds) for u in units}
    late = []
    period = date(2016, 1, 1)
    t = time.perf_counter()
    figures = []
    for month in range(1, max(checkpoints) + 1):
        if not Cost.objects.filter(complex=complex_, period=period).exists():
            history_month(complex_, period, rng, units, buildings)
        issued_on = next_month(period).replace(day=5)
        run = services.billing_run_issue(complex=complex_, period=period, issued_on=issued_on)
        late = history_payments(complex_, run, rng, habits, late)
        period = next_month(period)
        if month in checkpoints:
            history_month(complex_, period, rng, units, buildings)
            Payment.objects.bulk_create(late)
            late = []
            issue_day = next_month(period).replace(day=5)
            _, draft, ratio = against_ceiling(
                f"  draft after {month} months of history",
                services.billing_run_draft,
                repeat=3,
                complex=complex_,
                period=period,
                issued_on=issue_day,
            )
            figures.append((month, draft, ratio))
            services.billing_run_discard(complex=complex_, period=period)
    print(f"  (history built in {time.perf_counter() - t:.0f} s)")
    return figures


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
    parser.add_argument("--no-history", action="store_true", help="skip the history figure")
    parser.add_argument("--no-pdf", action="store_true", help="skip the bill page and PDFs")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    load = os.getloadavg()[0]
    rng = random.Random(4)
    t = time.perf_counter()
    clean()
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

        profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be busy
        profiler.enable()
        services.billing_run_draft(complex=complex_, period=P2, issued_on=date(2026, 11, 5))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    print(
        f"setup ({args.units} units, one issued month with payments): {time.perf_counter() - t:.1f} s"
    )

    draft_kwargs = {"complex": complex_, "period": P2, "issued_on": date(2026, 11, 5)}
    _, draft, draft_ratio = against_ceiling("draft run", services.billing_run_draft, **draft_kwargs)
    _, draft2, draft2_ratio = against_ceiling(
        "draft re-run (replaces the draft)", services.billing_run_draft, repeat=3, **draft_kwargs
    )
    # issue = recompute + mark issued + keep each unit's close; its on_commit hooks
    # (notifications, disclosure's fee summaries) run eagerly here without a broker and are
    # included in the figure.
    run, issue, issue_ratio = against_ceiling("issue", services.billing_run_issue, **draft_kwargs)
    lines = Bill.objects.filter(run=run).first().lines
    print(
        f"  bills: {run.summary['units']}, lines per bill: {len(lines)}, charges {run.summary['charges']:,} won"
    )
    history = [] if args.no_history else history_scaling()
    summary = [
        f"draft {draft:.2f} s (ratio {draft_ratio:.2f}; re-run {draft2:.2f} s, {draft2_ratio:.2f})",
        f"issue {issue:.2f} s ({issue_ratio:.2f})",
    ]
    if history:
        summary.append(
            "600-unit draft by months of history "
            + ", ".join(f"{m}: {d:.2f} s ({r:.2f})" for m, d, r in history)
        )
    if not args.no_pdf:
        summary += pages_and_pdfs(complex_, run, user, args)
    load = max(load, os.getloadavg()[0])
    print()
    print(f"SUMMARY (load average up to {load:.1f}) " + " | ".join(summary))
    if not args.keep:
        clean()


def pages_and_pdfs(complex_, run, user, args) -> list[str]:
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
    return [
        f"bill page {queries} queries {page * 1000:.1f} ms"
        + (f" ({http_rate:.0f} req/s @32)" if http_rate else ""),
        f"PDF {statistics.median(samples):.3f} s",
        f"{len(six)} PDFs {combined:.1f} s",
    ]


if __name__ == "__main__":
    main()
