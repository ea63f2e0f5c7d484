"""What the office and residents are told about complaints (Art. 62①5, 71①, 71-3①), as
services the Celery tasks call (residents/tasks.py only fetches the clock and calls these).
Each is idempotent: what was sent is marked, so a retry sends nothing twice."""

from django.urls import reverse
from django.utils import timezone

from complexes.models import Complex, Membership, Role
from complexes.selectors import office_emails
from core.emails import send_templated
from core.links import absolute_url

from . import selectors
from .models import Complaint, ComplaintEvent, DisputeStep, EventKind


def complaint_event_notify(*, event_id: int) -> int:
    """Tell the complainant about a status change, action or office comment; tell the office
    about a resident's comment. In a dispute step, also tell the source household (Art. 71①,
    71-3①) — without naming the complainant (identities stay with the office). Returns the
    number of emails sent. Sending is recorded on the event, so a retry sends nothing twice."""
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
    sent = 0
    if event.by_office:
        recipient = complaint.filed_by
        if recipient is not None and recipient != event.actor and recipient.email:
            send_templated(
                to=[recipient.email],
                template="residents/email/complaint_update",
                context={"complex": complex_, "complaint": complaint, "event": event, "link": link},
            )
            sent += 1
    elif event.kind in (EventKind.COMMENT, EventKind.FILED):
        to = office_emails(complex_id=complex_.pk)
        if to:
            send_templated(
                to=to,
                template="residents/email/complaint_update",
                context={"complex": complex_, "complaint": complaint, "event": event, "link": link},
            )
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
        to = sorted(
            set(
                Membership.objects.filter(
                    complex_id=complex_.pk, unit_id=complaint.source_unit_id, role=Role.RESIDENT
                ).values_list("user__email", flat=True)
            )
        )
        if to:
            send_templated(
                to=to,
                template="residents/email/dispute_source",
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


def open_complaints_remind(*, complex_id: int, now) -> int:
    """Remind the office of complaints open longer than the complex's threshold (Art. 62①5:
    complaints are handled and reported). Each complaint is reminded at most once a day."""
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    days = selectors.settings_for(complex=complex_).complaint_reminder_days
    today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    due = list(
        selectors.open_complaints_older_than(complex=complex_, days=days, now=now).exclude(
            reminded_at__gte=today_start
        )
    )
    to = office_emails(complex_id=complex_.pk)
    if not due or not to:
        return 0
    send_templated(
        to=to,
        template="residents/email/complaint_reminder",
        context={
            "complex": complex_,
            "complaints": due,
            "days": days,
            "link": absolute_url(reverse("residents:complaint_list", args=[complex_.slug])),
        },
    )
    Complaint.objects.filter(pk__in=[c.pk for c in due]).update(reminded_at=now)
    return len(due)
