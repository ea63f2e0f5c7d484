"""How invitations reach a household (Art. 48②1: an electronic document — e-mail or SMS with
the code). Through the one notification path (residents/notifications): each household gets it
by the channel its voter chose (e-mail, SMS, KakaoTalk), logged per delivery. The code is handed
to the sending only (a secret: never stored, never printed by the console backend)."""

from core.links import reverse_absolute
from residents.notifications.services import Recipient, notify, wants


def invitation_recipient(entry):
    """The roll entry's voter: their account (whose channel choice applies) or the e-mail
    address on the roll."""
    if entry.voter_user_id:
        return entry.voter_user
    return Recipient(email=entry.voter_email)


def would_receive(*, entry, vote, reminder: bool) -> bool:
    """False when the voter opted out of reminders (vote_reminder is optional; an invitation
    is mandatory, Art. 48②1): then no new code is issued for them."""
    if not reminder or not entry.voter_user_id:
        return True
    return wants(kind="vote_reminder", complex=vote.complex, user=entry.voter_user)


def send_invitation(*, entry, vote, code, reminder=False) -> None:
    link = reverse_absolute("elections:ballot_entry", vote.complex.slug, entry.token)
    notify(
        kind="vote_reminder" if reminder else "vote_invitation",
        complex=vote.complex,
        to=[invitation_recipient(entry)],
        context={
            "vote": vote,
            "entry": entry,
            "code": code,
            "path": link,
            "reminder": reminder,
            "complex": vote.complex,
        },
        secrets=[code],
    )
