from django.urls import reverse

from core.emails import send_templated


def send_invitation(*, invitation, request) -> None:
    link = request.build_absolute_uri(reverse("invitation_accept", args=[invitation.token]))
    send_templated(
        to=[invitation.email],
        template="complexes/email/invitation",
        context={"invitation": invitation, "link": link},
    )
