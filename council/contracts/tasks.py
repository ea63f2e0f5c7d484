"""Celery tasks of the contracts package: take ids, re-fetch, idempotent (ReminderLog)."""

from celery import shared_task

from complexes.models import Complex

from .reminders import send_due_reminders


@shared_task
def contracts_reminders_for_complex(complex_id: int) -> int:
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    return send_due_reminders(complex=complex_)


@shared_task
def contracts_reminders() -> int:
    """Daily: Art. 57③ publication, Art. 58① re-contract resolution (E − 60), Art. 58② window
    closed, Art. 59① 별지 10 evaluation (E − 45), the external audit (64③9). One task per
    complex."""
    ids = list(Complex.objects.values_list("pk", flat=True))
    for pk in ids:
        contracts_reminders_for_complex.delay(pk)
    return len(ids)
