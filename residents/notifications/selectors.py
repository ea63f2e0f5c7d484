"""Reads of the notification path (scoped to one complex)."""

from .models import Delivery, DeliveryStatus, NotificationPreference, SenderSettings


def preference_for(*, complex, user) -> NotificationPreference | None:
    return NotificationPreference.objects.filter(complex=complex, user=user).first()


def sender_settings_for(*, complex) -> SenderSettings | None:
    return SenderSettings.objects.filter(complex=complex).first()


def deliveries_for_complex(*, complex, status: str = "", kind: str = ""):
    qs = Delivery.objects.filter(complex=complex).select_related("user")
    if status in DeliveryStatus.values:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def status_counts(*, complex) -> dict:
    from django.db.models import Count

    rows = Delivery.objects.filter(complex=complex).values("status").annotate(n=Count("pk"))
    return {r["status"]: r["n"] for r in rows}
