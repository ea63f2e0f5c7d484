"""Celery tasks of the council app: take ids, re-fetch, idempotent (ReminderLog)."""

from celery import shared_task

from complexes.models import Complex

from .reminders import send_due_reminders


@shared_task
def council_reminders_for_complex(complex_id: int) -> int:
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    return send_due_reminders(complex=complex_)


@shared_task
def council_reminders() -> int:
    """Daily: Art. 28① notice due, Art. 35① speech record due, Art. 26① convene overdue,
    Art. 24 by-elections due. One task per complex."""
    ids = list(Complex.objects.values_list("pk", flat=True))
    for pk in ids:
        council_reminders_for_complex.delay(pk)
    return len(ids)


# Procurement and contract deadlines (council/contracts/tasks.py), registered with the worker.
from .contracts.tasks import contracts_reminders, contracts_reminders_for_complex  # noqa: E402, F401
