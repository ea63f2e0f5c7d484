"""Background work of the residents app. Tasks take ids, re-fetch, and are harmless to run
twice (conventions.md)."""

from celery import shared_task
from django.utils import timezone

from complexes.models import Complex

from . import complaint_mail, services


@shared_task
def notify_complaint_event(event_id: int) -> int:
    """Tell those concerned about a complaint event (residents/complaint_mail.py)."""
    return complaint_mail.complaint_event_notify(event_id=event_id)


@shared_task
def remind_open_complaints(complex_id: int) -> int:
    """Remind the office of complaints open too long (Art. 62①5; once a day each)."""
    return complaint_mail.open_complaints_remind(complex_id=complex_id, now=timezone.now())


@shared_task
def remind_open_complaints_all() -> int:
    """Beat entry: fan out one reminder task per complex."""
    ids = list(Complex.objects.values_list("pk", flat=True))
    for pk in ids:
        remind_open_complaints.delay(pk)
    return len(ids)


@shared_task
def purge_register(complex_id: int | None = None) -> int:
    """Erase register entries whose retention ended (별지 1 보유기간: 입주일로부터 관리비등의
    정산을 완료하고 전출한 날까지, plus the complex's grace days). Idempotent."""
    complexes = (
        Complex.objects.all() if complex_id is None else Complex.objects.filter(pk=complex_id)
    )
    done = 0
    for complex_ in complexes:
        for occupancy in services.register_purge_due(complex=complex_):
            done += int(services.occupancy_anonymise(occupancy=occupancy))
    return done
