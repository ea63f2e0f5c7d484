import copy

from django.conf import settings
from django.core.mail.backends import console
from django.core.mail.message import EmailAlternative
from django.template.loader import render_to_string

REDACTED = "[비공개]"


def send_templated(*, to: list[str], template: str, context: dict, secrets=()) -> None:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` and send them. The message
    is rendered here and handed to a task (core.tasks.deliver_email) that talks to the mail
    server, with a time limit and retries with backoff: a mail server that is down for a while
    delays the message instead of losing it or failing the caller. Links inside are absolute
    (core/links.py). `secrets` (a voting code) reach the recipient but never a log
    (ConsoleBackend)."""
    from core.tasks import deliver_email

    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text = render_to_string(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    deliver_email.delay(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        text=text,
        html=html,
        to=to,
        secrets=[str(s) for s in secrets if s],
    )


class ConsoleBackend(console.EmailBackend):
    """Django's console backend (development, the demo) without the secrets a message carries:
    whoever reads the log must not be able to vote in a household's place."""

    def write_message(self, message):
        secrets = getattr(message, "secrets", ())
        if secrets:
            message = copy.copy(message)
            message.subject = _redact(message.subject, secrets)
            message.body = _redact(message.body, secrets)
            message.alternatives = [
                EmailAlternative(_redact(content, secrets), mimetype)
                for content, mimetype in message.alternatives
            ]
        super().write_message(message)


def _redact(text: str, secrets) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text
