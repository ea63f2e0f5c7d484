from django.conf import settings
from django.template.loader import render_to_string


def send_templated(*, to: list[str], template: str, context: dict) -> None:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` and send them. The message
    is rendered here and handed to a task (core.tasks.deliver_email) that talks to the mail
    server, with a time limit and retries with backoff: a mail server that is down for a while
    delays the message instead of losing it or failing the caller. Links inside are absolute
    (core/links.py)."""
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text = render_to_string(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    from core.tasks import deliver_email

    deliver_email.delay(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, text=text, html=html, to=to
    )
