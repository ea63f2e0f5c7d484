from core.emails import send_templated
from core.links import reverse_absolute


def send_invitation(*, invitation) -> None:
    """E-mail the invitation; its link starts with SITE_URL (core/links.py), not the request's host."""
    link = reverse_absolute("invitation_accept", invitation.token)
    send_templated(
        to=[invitation.email],
        template="complexes/email/invitation",
        context={"invitation": invitation, "link": link},
    )
