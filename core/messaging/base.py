from dataclasses import dataclass, field
from typing import Protocol


class TemporaryFailure(Exception):
    """The server could not be reached, timed out or answered 5xx: the same message may go
    through later (the delivery task retries with backoff)."""


class PermanentFailure(Exception):
    """The provider refused this message (invalid number, unapproved template, no credit):
    sending it again unchanged will not help."""


@dataclass(frozen=True)
class Outgoing:
    """One message for one address. `to` is an e-mail address or a phone number (digits).
    `text` is the e-mail body / the SMS text; `alimtalk_text` the 알림톡 text (the approved
    template filled in); `sender` the sending phone number (registered with the provider);
    `secrets` (a voting code) reach the recipient but never a log."""

    to: str
    text: str
    subject: str = ""
    html: str = ""
    alimtalk_text: str = ""
    sender: str = ""
    kakao_pf_id: str = ""
    kakao_template_id: str = ""
    secrets: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Sent:
    """What the provider answered: its message id, the channel that finally carried the
    message (`sms` when an 알림톡 fell back) and, on a fallback, why the first channel failed."""

    channel: str
    provider_id: str = ""
    fell_back: bool = False
    note: str = ""


class Channel(Protocol):
    name: str

    def send(self, message: Outgoing) -> Sent: ...
