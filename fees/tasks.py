"""Background work of the fees app (Celery; eager without a broker). Tasks take ids, re-fetch,
and are idempotent."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from complexes.unsold import unsold_units


@shared_task
def run_issued(run_id: int) -> int:
    """Art. 86①: tell residents their bill is out. Marks the run so a re-run sends nothing."""
    from complexes.models import Membership, Role

    from . import notify
    from .models import Bill, BillingRun, RunStatus

    with transaction.atomic():
        run = BillingRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.ISSUED or run.summary.get("notified_at"):
            return 0
        run.summary = {**run.summary, "notified_at": timezone.now().isoformat()}
        run.save(update_fields=["summary"])
    bills = {b.unit_id: b for b in Bill.objects.filter(run=run)}
    # Art. 31⑦: an unsold unit's bill goes to the developer, not to a resident.
    for unit_id in unsold_units(complex=run.complex_id, period=run.period):
        bills.pop(unit_id, None)
    sent = 0
    for m in Membership.objects.filter(
        complex_id=run.complex_id, role=Role.RESIDENT, unit_id__in=bills
    ).select_related("user", "complex"):
        notify.bill_issued(user=m.user, bill=bills[m.unit_id], complex=m.complex)
        sent += 1
    return sent


@shared_task
def prepare_drafts() -> int:
    """Each complex's draft on its configured day, with a reminder to the office (20-fees.md
    "Billing runs"). The draft is for last month; an issued month is left alone."""
    from complexes.models import Complex
    from complexes.selectors import office_users
    from core.errors import ApplicationError

    from . import notify, services
    from .due_dates import previous_month
    from .models import BillingRun, RunStatus

    today = timezone.localdate()
    period = previous_month(today.replace(day=1))
    done = 0
    for complex_ in Complex.objects.filter(fee_settings__draft_day=today.day):
        if BillingRun.objects.filter(
            complex=complex_, period=period, status=RunStatus.ISSUED
        ).exists():
            continue
        try:
            services.billing_run_draft(complex=complex_, period=period)
            result = "초안을 만들었습니다. 검토 후 발행해 주세요."
        except ApplicationError as e:
            result = f"초안을 만들지 못했습니다: {e.message}"
        notify.office(
            kind="billing_draft_ready",
            complex=complex_,
            to=office_users(complex_id=complex_.pk),
            context={"complex": complex_, "period": period, "result": result},
        )
        done += 1
    return done


@shared_task
def render_pdf_batch(batch_id: int) -> None:
    from .pdf import render_batch

    render_batch(batch_id)


@shared_task
def overdue_reminders() -> int:
    """Art. 98①: the day after a run's due date, email the households of units with unpaid,
    past-due bills. Marks the run so a second run of the task sends nothing."""
    from datetime import timedelta

    from complexes.models import Membership, Role

    from . import notify, selectors
    from .models import BillingRun, RunStatus

    today = timezone.localdate()
    sent = 0
    for run in BillingRun.objects.filter(
        status=RunStatus.ISSUED, due_date=today - timedelta(days=1)
    ).select_related("complex"):
        with transaction.atomic():
            locked = BillingRun.objects.select_for_update().get(pk=run.pk)
            if locked.summary.get("reminded_at"):
                continue
            locked.summary = {**locked.summary, "reminded_at": timezone.now().isoformat()}
            locked.save(update_fields=["summary"])
        rows = {r["unit_id"]: r for r in selectors.delinquent_units(complex=run.complex, on=today)}
        for m in Membership.objects.filter(
            complex=run.complex, role=Role.RESIDENT, unit_id__in=rows
        ).select_related("user", "unit__building"):
            notify.payment_overdue(
                user=m.user, complex=run.complex, row=rows[m.unit_id], unit=m.unit, run=run
            )
            sent += 1
    return sent


@shared_task
def meter_verification_reminders() -> int:
    """Art. 63②: tell each complex's office about meters whose verification expires within 90
    days, and again within 30 days. Each meter is marked when told, under a row lock, so running
    the task twice (or on two workers) sends nothing twice; a new expiry date re-arms it."""
    from datetime import timedelta

    from complexes.models import Complex
    from complexes.selectors import office_users

    from . import notify
    from .items import UTILITY_NAMES
    from .models import MeterVerification

    today = timezone.localdate()
    due = MeterVerification.objects.filter(
        expires_on__lte=today + timedelta(days=90), notified_90_on__isnull=True
    ) | MeterVerification.objects.filter(
        expires_on__lte=today + timedelta(days=30), notified_30_on__isnull=True
    )
    sent = 0
    for complex_id in sorted(set(due.values_list("complex_id", flat=True))):
        with transaction.atomic():
            rows = list(
                due.filter(complex_id=complex_id)
                .select_for_update(of=("self",))
                .select_related("unit__building")
                .order_by("expires_on", "id")
            )
            if not rows:
                continue
            for r in rows:
                r.days_left = (r.expires_on - today).days
                r.utility_name = UTILITY_NAMES.get(r.utility, r.utility)
                r.notified_90_on = r.notified_90_on or today
                if r.days_left <= 30:
                    r.notified_30_on = r.notified_30_on or today
            MeterVerification.objects.bulk_update(rows, ["notified_90_on", "notified_30_on"])
            complex_ = Complex.objects.get(pk=complex_id)
            recipients = office_users(complex_id=complex_.pk)
            if recipients:
                notify.office(
                    kind="meter_expiry",
                    complex=complex_,
                    to=recipients,
                    context={"complex": complex_, "rows": rows},
                )
                sent += 1
    return sent
