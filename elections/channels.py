"""How invitations reach a household (Art. 48②1: an electronic document — email or SMS code).

Email works now; SMS/KakaoTalk plug in later by adding a class with `send_invitation` and
registering it in CHANNELS (the code is passed in plain text only to the channel, never stored).
"""

from django.urls import reverse

from core.emails import send_templated
from core.links import absolute_url


class EmailChannel:
    name = "email"

    def send_invitation(self, *, entry, vote, code, reminder=False):
        path = reverse("elections:ballot_entry", args=[vote.complex.slug, entry.token])
        link = absolute_url(path)
        send_templated(
            to=[entry.voter_email],
            template="elections/email/invitation",
            context={
                "vote": vote,
                "entry": entry,
                "code": code,
                "path": link,
                "reminder": reminder,
                "complex": vote.complex,
            },
            secrets=[code],  # never printed by the console backend (a log)
        )


CHANNELS = {"email": EmailChannel()}


def get_channel(name: str):
    try:
        return CHANNELS[name]
    except KeyError:
        from core.errors import ApplicationError

        raise ApplicationError(f"지원하지 않는 발송 방법입니다: {name}") from None
