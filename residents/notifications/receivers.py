"""What the notification path subscribes to in apps below it (complexes may not import
residents). Connected in ResidentsConfig.ready()."""

from django.db.models.signals import post_delete

from complexes.models import Membership
from complexes.notifications import invitation_ready

from .services import notify, preference_forget


def on_invitation_ready(sender, *, invitation, link, **kwargs):
    """An invitation to join (an address without an account yet: e-mail)."""
    return notify(
        kind="account_invitation",
        complex=invitation.complex,
        to=[invitation.email],
        context={"invitation": invitation, "link": link},
        key=f"invitation:{invitation.pk}",
    )


def on_membership_deleted(sender, instance, **kwargs):
    """Someone who no longer belongs to the complex: their mobile number and choices go."""
    preference_forget(complex_id=instance.complex_id, user_id=instance.user_id)


def connect() -> None:
    invitation_ready.connect(on_invitation_ready, dispatch_uid="notifications.invitation")
    post_delete.connect(
        on_membership_deleted, sender=Membership, dispatch_uid="notifications.membership"
    )
