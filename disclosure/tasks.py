"""Background work of the disclosure app (Celery; eager without a broker). Tasks take ids,
re-fetch, and are idempotent."""

from datetime import date, timedelta

from celery import shared_task


@shared_task
def fee_summary_refresh(complex_id: int, period: str) -> int:
    """After fees issued a month's bills: fill the month's fee summaries and publish the fee
    breakdown (제64조③2, 제78조③). Re-running rewrites the same rows."""
    from complexes.models import Complex

    from . import services

    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    return len(services.fee_summary_refresh(complex=complex_, period=date.fromisoformat(period)))


@shared_task
def duties_daily() -> dict:
    """Daily (beat): expect each complex's monthly and yearly items (제78조③, 제80조⑦, 제37조③,
    제79조①) and turn pending entries past their due date into missing ones."""
    from complexes.models import Complex

    from . import services

    created = sum(
        services.periodic_duties_expect(complex=c) for c in Complex.objects.all().iterator()
    )
    return {"expected": created, "missing": services.statuses_refresh()}


@shared_task
def reminders_send() -> int:
    """Daily (beat): remind each complex's office of entries due within its reminder window
    (`DisclosureSettings.reminder_days`, default 3 days; any length — the query reaches as far
    as the widest window set, then each complex's own window decides) that are not yet
    published. An entry is reminded once (ReminderSent)."""
    from django.db.models import Max

    from complexes.selectors import office_users
    from residents.notifications.services import notify

    from . import services
    from .duties import Status
    from .models import DisclosureSettings, Publication, ReminderSent

    today = services.today()
    sent = 0
    default = DisclosureSettings._meta.get_field("reminder_days").default
    widest = max(default, DisclosureSettings.objects.aggregate(m=Max("reminder_days"))["m"] or 0)
    due = (
        Publication.objects.filter(
            status=Status.PENDING, due_on__gte=today, due_on__lte=today + timedelta(days=widest)
        )
        .exclude(pk__in=ReminderSent.objects.values("publication_id"))
        .select_related("complex")
    )
    by_complex = {}
    for p in due:
        window = services.settings_for(p.complex).reminder_days
        if (p.due_on - today).days <= window:
            by_complex.setdefault(p.complex, []).append(p)
    for complex_, entries in by_complex.items():
        office = office_users(complex_id=complex_.pk)
        if office:
            notify(
                kind="disclosure_reminder",
                complex=complex_,
                to=office,
                context={"complex": complex_, "entries": entries},
            )
        ReminderSent.objects.bulk_create(
            [ReminderSent(complex=complex_, publication=p) for p in entries], ignore_conflicts=True
        )
        sent += len(entries)
    return sent


@shared_task
def weekly_digest() -> int:
    """Weekly (beat): each district official gets the district's late and missing items and the
    counts per status — titles and dates only, no personal data."""
    from complexes.models import DistrictOfficial
    from residents.notifications.services import notify

    from . import selectors

    sent = 0
    for official in DistrictOfficial.objects.select_related("user"):
        overview = selectors.district_overview(district_code=official.district_code)
        notify(
            kind="district_digest",
            complex=None,  # a district's digest belongs to no one complex
            to=[official.user],
            context={
                "official": official,
                "problems": overview["problems"][:50],
                "totals": overview["totals"],
                "complex_count": len(overview["rows"]),
            },
        )
        sent += 1
    return sent
