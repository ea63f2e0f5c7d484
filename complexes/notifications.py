"""The invitation to join a complex reaches its address through the one notification path
(residents/notifications), which sits above this app: complexes only announces it, and the
notification package subscribes (residents/notifications/receivers.py). The one place to move
onto core/hooks once that lands."""

from django.dispatch import Signal

from core.links import reverse_absolute

# Sent with `invitation` and `link` (absolute: it is opened from a mail, core/links.py).
invitation_ready = Signal()


def send_invitation(*, invitation) -> None:
    link = reverse_absolute("invitation_accept", invitation.token)
    responses = invitation_ready.send(sender=type(invitation), invitation=invitation, link=link)
    if not responses:
        raise RuntimeError("no notification path is subscribed to invitation_ready")
