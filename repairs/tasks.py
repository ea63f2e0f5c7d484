"""Celery tasks of the repairs app: take ids, re-fetch, idempotent."""

from celery import shared_task
from django.utils import timezone

from complexes.models import Complex

from .models import RepairPlan
from .services import annual_status_prepare
from .warnings import send_warnings


@shared_task
def repair_warnings_for_complex(complex_id: int) -> int:
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    return send_warnings(complex=complex_, today=timezone.localdate())


@shared_task
def repair_warnings() -> int:
    """Daily: 90/30 days before the 3-year review and a component's repair year; the annual
    status due by March 31. One task per complex with a plan."""
    ids = list(RepairPlan.objects.values_list("complex_id", flat=True))
    for pk in ids:
        repair_warnings_for_complex.delay(pk)
    return len(ids)


@shared_task
def annual_status_for_complex(complex_id: int, year: int) -> int | None:
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return None
    status = annual_status_prepare(complex=complex_, year=year)
    return status.pk if status else None


@shared_task
def annual_status_january() -> int:
    """January: prepare 별지 6 as of December 31 of last year (Art. 79①), to publish by March 31."""
    year = timezone.localdate().year - 1
    ids = list(RepairPlan.objects.values_list("complex_id", flat=True))
    for pk in ids:
        annual_status_for_complex.delay(pk, year)
    return len(ids)
