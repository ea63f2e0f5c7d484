"""Channels that carry one message to one address: e-mail, SMS, KakaoTalk 알림톡 (with SMS
fallback). Domain-free: a channel knows addresses and texts, never residents or complexes.
Which channel a person gets, the templates and the delivery log live in
residents/notifications/; this package only talks to the outside world.

A channel's `send()` returns a `Sent` or raises:
- `TemporaryFailure` — the server could not be reached or answered 5xx: try again later;
- `PermanentFailure` — the provider refused the message (bad number, no credit...): do not retry.
"""

from .base import Channel, Outgoing, PermanentFailure, Sent, TemporaryFailure

CHANNEL_NAMES = ("email", "sms", "kakao")


def get_channel(name: str) -> Channel:
    """The channel called `name` ("email", "sms", "kakao")."""
    from .email import EmailChannel
    from .solapi import AlimtalkChannel, SmsChannel

    channels = {"email": EmailChannel, "sms": SmsChannel, "kakao": AlimtalkChannel}
    try:
        return channels[name]()
    except KeyError:
        raise PermanentFailure(f"지원하지 않는 발송 방법입니다: {name}") from None


def mobile_configured() -> bool:
    """SMS and 알림톡 need provider credentials (SOLAPI_API_KEY / SOLAPI_API_SECRET)."""
    from django.conf import settings

    return bool(settings.SOLAPI_API_KEY and settings.SOLAPI_API_SECRET)


__all__ = [
    "CHANNEL_NAMES",
    "Channel",
    "Outgoing",
    "PermanentFailure",
    "Sent",
    "TemporaryFailure",
    "get_channel",
    "mobile_configured",
]
