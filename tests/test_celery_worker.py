"""One integration test with a real Celery worker and Redis (conventions.md): a task sent
through the broker is picked up by a worker process, does its work in the database, and running
it twice changes nothing more (tasks are idempotent).

It runs on the real parts every test run has (PostgreSQL, so a second process sees the test
database, and Redis as the broker: tests/conftest.py)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from disclosure.models import Publication

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(transactional_db):
    """A worker on a queue of its own, so it never takes another run's tasks."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue, proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def worker_output(proc) -> str:
    proc.terminate()
    return proc.communicate(timeout=20)[0][-3000:]


def wait_for(predicate, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


# send_task always goes through the broker: that is the point here.
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_a_worker_runs_a_task_from_redis_once(worker):
    from tests.factories import ComplexFactory

    queue, proc = worker

    def run_and_wait(sentinel_name: str) -> None:
        """Send the task and wait until it has passed every complex: the sentinel complex sorts
        last (complexes are walked by name), so once it has its entries the run is through."""
        sentinel = ComplexFactory(name=sentinel_name)
        app.send_task("disclosure.tasks.duties_daily", queue=queue)
        ran = wait_for(lambda: Publication.objects.filter(complex=sentinel).exists())
        assert ran, f"the worker did not run the task:\n{worker_output(proc)}"

    complex_ = ComplexFactory(slug="worker-test")
    assert not Publication.objects.filter(complex=complex_).exists()
    run_and_wait("힣힣아파트")
    expected = Publication.objects.filter(complex=complex_).count()
    assert expected > 0
    # Idempotent: the same task again (a retry, a second beat) expects nothing new.
    run_and_wait("힣힣힣아파트")
    assert Publication.objects.filter(complex=complex_).count() == expected
