"""Benchmark: casting ballots through the API (issue 7: ≥ 200 ballots/s on this machine).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_elections \
        .venv/bin/python bench/elections_casting.py [--households 3000] [--clients 32]

Needs PostgreSQL. It migrates the given database, creates a complex "bench-elections" with one
open bylaw vote over `--households` households (each with its token and one-time code), starts
gunicorn (`-k gthread -w 2 --threads 4`, persistent connections) on a free port, and POSTs one
ballot per household to /api/v1/complexes/bench-elections/elections/votes/<id>/ballots/ from
`--clients` concurrent keep-alive clients. It prints ballots/s and latency percentiles, then
fires a second ballot for 200 households — from two clients at once — and checks that every one
is refused and that the box holds exactly one ballot per household. The bench complex is deleted
at the start of each run.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from datetime import date, timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from knox.models import AuthToken  # noqa: E402

from complexes.models import Building, Complex, Membership, ResidentKind, Role, Unit  # noqa: E402
from core.models import User  # noqa: E402
from elections import services  # noqa: E402
from elections.models import RollEntry, SealedBallot, Vote  # noqa: E402

SLUG = "bench-elections"


def cleanup():
    """Delete the bench complex (units are protected, so children first)."""
    for c in Complex.objects.filter(slug=SLUG):
        Vote.objects.filter(complex=c).delete()
        Membership.objects.filter(complex=c).delete()
        Unit.objects.filter(complex=c).delete()
        Building.objects.filter(complex=c).delete()
        c.delete()


def setup(households: int):
    cleanup()
    c = Complex.objects.create(
        slug=SLUG,
        name="벤치아파트",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2010, 1, 1),
    )
    per_building = 200
    units = []
    for b in range((households + per_building - 1) // per_building):
        building = Building.objects.create(complex=c, name=str(901 + b))
        n = min(per_building, households - b * per_building)
        units += [
            Unit(
                complex=c,
                building=building,
                number=f"{i // 4 + 1}{i % 4 + 1:02d}",
                floor=i // 4 + 1,
                supply_area=Decimal("84.97"),
            )
            for i in range(n)
        ]
    Unit.objects.bulk_create(units, batch_size=2000)
    user, _ = User.objects.get_or_create(email="bench-voter@bench.test", defaults={"name": "벤치"})
    Membership.objects.get_or_create(
        complex=c,
        user=user,
        role=Role.RESIDENT,
        unit=Unit.objects.filter(complex=c).first(),
        resident_kind=ResidentKind.OWNER,
    )
    _, token = AuthToken.objects.create(user=user)
    now = timezone.now()
    vote = services.vote_create(
        complex=c,
        kind="bylaw",
        title="벤치 규약 개정",
        requested_on=timezone.localdate(),
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=2),
    )
    vote = services.vote_announce(vote=vote)
    Vote.objects.filter(pk=vote.pk).update(
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=3)
    )
    codes = {}
    entries = list(RollEntry.objects.filter(vote=vote))
    for e in entries:
        code = services.new_code()
        e.code_hash = services._hash(e.token, code)
        codes[e.token] = code
    RollEntry.objects.bulk_update(entries, ["code_hash"], batch_size=2000)
    return c, vote, token, codes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int):
    env = {
        **os.environ,
        "CONN_MAX_AGE": "60",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
    }
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-k",
            "gthread",
            "-w",
            "2",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


_local = threading.local()
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids) -> float:
    """User+system CPU time of the given processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def server_pids(master_pid: int) -> list[int]:
    """gunicorn's workers and the PostgreSQL backends connected to the bench database."""
    from django.db import connection

    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        backends = [r[0] for r in cur.fetchall()]
    return [master_pid, *map(int, children), *backends]


def post(port, path, token, body):
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t0 = time.perf_counter()
    conn.request(
        "POST",
        path,
        body=json.dumps(body),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Token {token}",
            "Host": "127.0.0.1",
        },
    )
    r = conn.getresponse()
    data = r.read()
    return r.status, data, time.perf_counter() - t0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--households", type=int, default=3000)
    p.add_argument("--clients", type=int, default=32)
    args = p.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit("DATABASE_URL must point to PostgreSQL")
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    _c, vote, token, codes = setup(args.households)
    print(
        f"setup: {args.households} households, roll frozen and codes issued in {time.perf_counter() - t0:.1f} s"
    )
    port = free_port()
    server = start_server(port)
    path = f"/api/v1/complexes/{SLUG}/elections/votes/{vote.pk}/ballots/"
    try:
        tokens = list(codes)
        # warm-up: one request per client connection
        with ThreadPoolExecutor(args.clients) as pool:
            list(
                pool.map(
                    lambda t: post(port, path, token, {"token": t, "code": "x"}),
                    tokens[: args.clients],
                )
            )
        RollEntry.objects.filter(vote=vote).update(code_attempts=0)
        pids = server_pids(server.pid)
        cpu0 = cpu_seconds(pids)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(
                pool.map(
                    lambda t: post(
                        port,
                        path,
                        token,
                        {"token": t, "code": codes[t], "answer": "yes" if hash(t) % 3 else "no"},
                    ),
                    tokens,
                )
            )
        elapsed = time.perf_counter() - t0
        cpu = cpu_seconds(pids) - cpu0
        ok = sum(1 for s, _, _ in results if s == 201)
        lat = sorted(x for _, _, x in results)
        print(
            f"cast: {ok}/{len(tokens)} ballots accepted in {elapsed:.2f} s → {ok / elapsed:.0f} ballots/s "
            f"({args.clients} clients, gunicorn gthread 2×4)"
        )
        print(
            f"latency: median {statistics.median(lat) * 1000:.0f} ms, p95 {lat[int(len(lat) * 0.95)] * 1000:.0f} ms, "
            f"max {lat[-1] * 1000:.0f} ms"
        )
        per = cpu / max(ok, 1)
        cores = os.cpu_count() or 1
        print(
            f"server CPU: {cpu:.1f} s for {ok} ballots = {per * 1000:.1f} ms per ballot "
            f"(gunicorn workers + their PostgreSQL backends) → capacity of {cores} idle cores "
            f"≈ {cores / per:.0f} ballots/s; load average now {os.getloadavg()[0]:.1f}"
        )
        bad = [(s, d[:200]) for s, d, _ in results if s != 201][:3]
        if bad:
            print("first refusals:", bad)
        # Second attempts for 200 households, each twice at the same moment: all refused.
        again = tokens[:200] * 2
        with ThreadPoolExecutor(args.clients) as pool:
            second = list(
                pool.map(
                    lambda t: post(
                        port, path, token, {"token": t, "code": codes[t], "answer": "no"}
                    ),
                    again,
                )
            )
        refused = sum(1 for s, _, _ in second if s == 400)
        print(f"second attempts: {refused}/{len(again)} refused")
        ballots = SealedBallot.objects.filter(vote=vote).count()  # sealed until counting
        voted = RollEntry.objects.filter(vote=vote).exclude(voted_channel="").count()
        print(
            f"box: {ballots} ballots for {voted} households marked as voted "
            f"({'one each' if ballots == voted == ok else 'MISMATCH'})"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        cleanup()


if __name__ == "__main__":
    main()
