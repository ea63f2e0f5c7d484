"""Tasks that talk to the outside world. Each has a time limit and retries with exponential
backoff (and jitter) on network and mail-server errors, so a mail server that is down for an
hour delays messages instead of losing them."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

# For every task that talks to a server outside the portal (mail now; SMS and KakaoTalk next):
# OSError covers smtplib.SMTPException, refused and reset connections and socket timeouts.
OUTSIDE_TASK = {
    "autoretry_for": (OSError,),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 8,
    "soft_time_limit": 60,
    "time_limit": 90,
}


@shared_task(**OUTSIDE_TASK)
def deliver_email(*, subject: str, text: str, html: str, to: list[str], secrets=()) -> int:
    """Send one rendered message (core.emails.send_templated renders it); `secrets` are left
    out of anything a console backend prints (core.emails.ConsoleBackend)."""
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.secrets = list(secrets)
    return message.send()
