"""Background work of the fees app (Celery; eager without a broker). Tasks take ids, re-fetch,
and are idempotent; the work itself is in services (fees/reminders.py, fees/pdf.py)."""

from celery import shared_task
from django.utils import timezone

from . import reminders
from .pdf import render_batch


@shared_task
def run_issued(run_id: int) -> int:
    """Art. 86①: tell residents their bill is out (once per run)."""
    return reminders.bill_issued_notify(run_id=run_id)


@shared_task
def prepare_drafts() -> int:
    """Each complex's draft on its configured day, with a reminder to the office."""
    return reminders.drafts_prepare(today=timezone.localdate())


@shared_task
def render_pdf_batch(batch_id: int) -> None:
    render_batch(batch_id)


@shared_task
def overdue_reminders() -> int:
    """Art. 98①: the day after a run's due date, remind households with unpaid bills (once)."""
    return reminders.overdue_remind(today=timezone.localdate())


@shared_task
def meter_verification_reminders() -> int:
    """Art. 63②: meters whose verification expires within 90 and 30 days (once each)."""
    return reminders.meter_expiry_remind(today=timezone.localdate())
