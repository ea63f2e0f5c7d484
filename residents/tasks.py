"""Background work of the residents app. Tasks take ids, re-fetch, and are harmless to run
twice (conventions.md)."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from complexes.models import Complex, Role
from complexes.selectors import office_users
from core.links import absolute_url

from . import selectors, services
from .models import Complaint, ComplaintEvent, DisputeStep, EventKind
from .notifications.services import notify
from .notifications.tasks import send_delivery  # noqa: F401 - registered with the worker


@shared_task
def notify_complaint_event(event_id: int) -> int:
    """Tell the complainant about a status change, action or office comment; tell the office
    about a resident's comment. In a dispute step, also tell the source household (Art. 71①,
    71-3①) — without naming the complainant (identities stay with the office). Returns the
    number of messages sent (through residents/notifications, each person by their channel).
    Sending is recorded on the event, so a retry sends nothing twice."""
    event = (
        ComplaintEvent.objects.select_related(
            "complaint__complex", "complaint__unit__building", "actor"
        )
        .filter(pk=event_id, internal=False)
        .first()
    )
    if event is None or event.notified_at is not None:
        return 0
    # Claim the event first: a second run of the same task finds it claimed.
    if not ComplaintEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    ):
        return 0
    complaint = event.complaint
    complex_ = complaint.complex
    link = absolute_url(reverse("residents:complaint_detail", args=[complex_.slug, complaint.pk]))
    context = {"complex": complex_, "complaint": complaint, "event": event, "link": link}
    sent = 0
    if event.by_office:
        recipient = complaint.filed_by
        if recipient is not None and recipient != event.actor:
            notify(kind="complaint_update", complex=complex_, to=[recipient], context=context)
            sent += 1
    elif event.kind in (EventKind.COMMENT, EventKind.FILED):
        to = office_users(complex_id=complex_.pk)
        if to:
            notify(kind="complaint_office", complex=complex_, to=to, context=context)
            sent += 1
    if (
        event.kind == EventKind.DISPUTE_STEP
        and event.step
        in (
            DisputeStep.STOP_REQUESTED,
            DisputeStep.COMMITTEE_MEETING,
            DisputeStep.SMOKING_STOP_RECOMMENDED,
            DisputeStep.GUIDED_TO_DISPUTE_BODY,
        )
        and complaint.source_unit_id
    ):
        to = [
            m.user
            for m in complex_.memberships.filter(
                unit_id=complaint.source_unit_id, role=Role.RESIDENT
            ).select_related("user")
        ]
        if to:
            notify(
                kind="dispute_notice",
                complex=complex_,
                to=to,
                context={
                    "complex": complex_,
                    "unit": complaint.source_unit,
                    "category": complaint.get_category_display(),
                    "event": event,
                    "step_label": DisputeStep(event.step).label,
                },
            )
            sent += 1
    return sent


@shared_task
def remind_open_complaints(complex_id: int) -> int:
    """Remind the office of complaints open longer than the complex's threshold (Art. 62①5:
    complaints are handled and reported). Each complaint is reminded at most once a day."""
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    days = selectors.settings_for(complex=complex_).complaint_reminder_days
    now = timezone.now()
    today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    due = list(
        selectors.open_complaints_older_than(complex=complex_, days=days, now=now).exclude(
            reminded_at__gte=today_start
        )
    )
    to = office_users(complex_id=complex_.pk)
    if not due or not to:
        return 0
    notify(
        kind="complaint_reminder",
        complex=complex_,
        to=to,
        context={
            "complex": complex_,
            "complaints": due,
            "days": days,
            "link": absolute_url(reverse("residents:complaint_list", args=[complex_.slug])),
        },
    )
    Complaint.objects.filter(pk__in=[c.pk for c in due]).update(reminded_at=now)
    return len(due)


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


# Community life's tasks (residents.community.tasks), registered with Celery through this module.
from .community import tasks as community_tasks  # noqa: E402, F401
