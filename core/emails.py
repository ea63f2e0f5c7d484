"""Mail helpers. Messages themselves go through the one notification path
(residents/notifications → core/messaging/email.py); what stays here is the console backend
that never prints a message's secrets."""

import copy

from django.core.mail.backends import console
from django.core.mail.message import EmailAlternative

REDACTED = "[비공개]"


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
