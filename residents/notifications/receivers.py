"""What the notification path subscribes to in apps below it (complexes may not import
residents). Connected in ResidentsConfig.ready()."""

from complexes.notifications import invitation_ready

from .services import notify


def on_invitation_ready(sender, *, invitation, link, **kwargs):
    """An invitation to join (an address without an account yet: e-mail)."""
    return notify(
        kind="account_invitation",
        complex=invitation.complex,
        to=[invitation.email],
        context={"invitation": invitation, "link": link},
        key=f"invitation:{invitation.pk}",
    )


def connect() -> None:
    invitation_ready.connect(on_invitation_ready, dispatch_uid="notifications.invitation")
