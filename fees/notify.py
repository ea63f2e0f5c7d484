"""How residents and the office hear from the fees app: every message goes through the one
notification path (residents/notifications), which picks each person's channel (e-mail, SMS,
KakaoTalk) and keeps the delivery log. The calls are here, in one place, to become
core/hooks subscriptions once those land."""

from residents.notifications.services import notify


def bill_issued(*, user, bill, complex) -> None:
    """Art. 86①: the bill reaches the household (mandatory kind: opt-outs do not apply)."""
    notify(
        kind="bill_issued",
        complex=complex,
        to=[user],
        context={"user": user, "bill": bill, "complex": complex},
        key=f"bill:{bill.pk}",
    )


def payment_overdue(*, user, complex, row, unit, run) -> None:
    """Art. 98①: the reminder of an unpaid, past-due bill (optional kind)."""
    notify(
        kind="payment_overdue",
        complex=complex,
        to=[user],
        context={"complex": complex, "row": row, "unit": unit},
        key=f"overdue:{run.pk}:{unit.pk}",
    )


def office(*, kind: str, complex, to, context: dict) -> None:
    """The office's own reminders (draft ready, meter verification)."""
    notify(kind=kind, complex=complex, to=to, context=context)
