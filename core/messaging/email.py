from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid

from .base import Outgoing, PermanentFailure, Sent, TemporaryFailure


class EmailChannel:
    """E-mail through Django's mail backend (EMAIL_URL). The Message-ID is the provider id.
    `secrets` ride on the message so the console backend can leave them out of its log
    (core.emails.ConsoleBackend)."""

    name = "email"

    def send(self, message: Outgoing) -> Sent:
        if not message.to or "@" not in message.to:
            raise PermanentFailure(f"이메일 주소가 올바르지 않습니다: '{message.to}'")
        message_id = make_msgid(domain="portal")
        email = EmailMultiAlternatives(
            message.subject,
            message.text,
            settings.DEFAULT_FROM_EMAIL,
            [message.to],
            headers={"Message-ID": message_id},
        )
        if message.html:
            email.attach_alternative(message.html, "text/html")
        email.secrets = list(message.secrets)
        try:
            email.send()
        except OSError as e:  # smtplib.SMTPException, refused/reset connections, timeouts
            raise TemporaryFailure(f"메일 서버 오류: {e}") from e
        return Sent(channel=self.name, provider_id=message_id)
