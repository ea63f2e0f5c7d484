"""The residents tasks through a real Celery worker (conventions.md: one integration test with
a real worker): the worker consumes from Redis when REDIS_URL is set (memory transport without
it), runs in a thread of this process on the test database, and this test commits its data."""

import os
import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from config.celery import app
from residents import services
from residents.models import Complaint, ComplaintCategory
from residents.tasks import remind_open_complaints
from tests.conftest import make_tenant


@pytest.fixture
def worker(transactional_db):
    broker = os.environ.get("REDIS_URL") or "memory://"
    old = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.broker_url = False, broker
    try:
        with start_worker(
            app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=20
        ):
            yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = old


def test_reminder_runs_on_a_real_worker(worker):
    """Art. 62①5: the office is reminded of complaints open past the threshold; the worker
    records the reminder on the complaint, so a second run the same day reminds nobody."""
    alpha = make_tenant("alpha", "알파아파트")
    app.conf.task_always_eager = True  # the filing's own notification runs here
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category=ComplaintCategory.OTHER,
        title="오래된 민원",
        body="b",
    )
    app.conf.task_always_eager = False
    Complaint.objects.filter(pk=c.pk).update(filed_at=timezone.now() - timedelta(days=8))
    result = remind_open_complaints.delay(alpha.complex.pk)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        c.refresh_from_db()
        if c.reminded_at is not None:
            break
        time.sleep(0.3)
    assert c.reminded_at is not None
    assert result.id and remind_open_complaints(alpha.complex.pk) == 0
