"""Sending one delivery: takes its id, re-fetches, does nothing if it is already sent (the
service locks the row), retries with exponential backoff (and jitter) when the server could not
be reached, within a time limit. Secrets (a voting code) come only through the task's
arguments: they are never stored."""

import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from core.messaging import TemporaryFailure

from . import services

MAX_RETRIES = 8
BACKOFF = 30  # seconds: 30, 60, 120, … capped at an hour
BACKOFF_MAX = 3600


def backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: exponential, capped, with full jitter."""
    ceiling = min(BACKOFF_MAX, BACKOFF * 2**retries)
    return random.randint(ceiling // 2, ceiling)


@shared_task(bind=True, max_retries=MAX_RETRIES, soft_time_limit=60, time_limit=90, acks_late=True)
def send_delivery(self, delivery_id: int, secrets=()) -> str:
    final = self.request.retries >= self.max_retries
    try:
        delivery = services.delivery_send(delivery_id=delivery_id, secrets=secrets, final=final)
    except (TemporaryFailure, SoftTimeLimitExceeded) as e:
        raise self.retry(exc=e, countdown=backoff(self.request.retries)) from e
    return delivery.status if delivery else "missing"


def send_now(delivery_id: int, secrets=()) -> None:
    """The task's attempts one after another, in-process (eager mode: no broker). Celery's
    eager mode would propagate the first Retry to the caller instead."""
    for attempt in range(MAX_RETRIES + 1):
        try:
            services.delivery_send(
                delivery_id=delivery_id, secrets=secrets, final=attempt == MAX_RETRIES
            )
            return
        except TemporaryFailure:
            continue
