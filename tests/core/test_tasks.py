"""Background work infrastructure: beat keeps its schedule in the database (an operator can
pause a periodic task, and it stays paused), and mail goes out through a task with a time limit
and retries with backoff."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from config.celery import app
from residents.notifications.services import notify
from residents.notifications.tasks import MAX_RETRIES, send_delivery


@pytest.fixture(autouse=True)
def _keep_the_test_transaction(monkeypatch):
    """Beat closes stale connections between ticks; inside a test's transaction that would
    close the test's connection."""
    monkeypatch.setattr("django_celery_beat.schedulers.close_old_connections", lambda: None)


@pytest.mark.django_db
def test_beat_keeps_the_declared_schedule_in_the_database():
    DatabaseScheduler(app=app, lazy=True).setup_schedule()
    declared = app.conf.beat_schedule
    stored = {t.name: t for t in PeriodicTask.objects.exclude(name__startswith="celery.")}
    assert set(stored) == set(declared)
    close = stored["elections-close-due-votes"]
    assert close.task == "elections.tasks.close_due_votes" and close.enabled
    assert close.crontab.minute == "*/5"
    drafts = stored["fees-prepare-drafts"].crontab
    assert (drafts.hour, drafts.minute, str(drafts.timezone)) == ("6", "30", "Asia/Seoul")


@pytest.mark.django_db
def test_a_task_paused_in_the_admin_stays_paused_when_beat_restarts(admin_client):
    DatabaseScheduler(app=app, lazy=True).setup_schedule()
    task = PeriodicTask.objects.get(name="elections-remind-non-voters")
    r = admin_client.post(
        "/admin/django_celery_beat/periodictask/",
        {"action": "disable_tasks", "_selected_action": [task.pk]},
    )
    assert r.status_code == 302
    task.refresh_from_db()
    assert not task.enabled
    scheduler = DatabaseScheduler(app=app, lazy=True)
    scheduler.setup_schedule()  # beat starting again installs the declared schedule...
    task.refresh_from_db()
    assert not task.enabled  # ...without resuming what the operator paused
    assert "elections-remind-non-voters" not in scheduler.all_as_schedule()
    assert "elections-close-due-votes" in scheduler.all_as_schedule()


def test_mail_goes_through_a_bounded_task_that_retries_with_backoff():
    assert send_delivery.max_retries == MAX_RETRIES > 0
    assert 0 < send_delivery.soft_time_limit < send_delivery.time_limit
    assert issubclass(smtplib.SMTPException, OSError)  # so a mail-server error is retried


@pytest.mark.django_db
def test_a_mail_server_error_is_retried_and_the_message_goes(alpha, monkeypatch):
    """The message is rendered once (notify) and its delivery retried. Run here in-process; a
    worker waits 30 s, 60 s, … between tries (exponential backoff with jitter)."""
    calls = []
    real_send = EmailMultiAlternatives.send

    def flaky_send(self, fail_silently=False):
        calls.append(self.to)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky_send)
    [delivery] = notify(
        kind="complaint_reminder",
        complex=alpha.complex,
        to=[alpha.manager],
        context={"complex": alpha.complex, "complaints": [], "days": 7, "link": "https://x/"},
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2) and len(calls) == 2
    [message] = mail.outbox
    assert message.to == ["manager@alpha.test"] and message.subject.startswith(
        "[공동주택 관리 포털]"
    )
    assert message.alternatives[0][1] == "text/html"


@pytest.mark.django_db
def test_a_mail_server_that_stays_down_fails_the_delivery_in_the_end(alpha, monkeypatch):
    def down(self, fail_silently=False):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(EmailMultiAlternatives, "send", down)
    [delivery] = notify(
        kind="complaint_reminder",
        complex=alpha.complex,
        to=[alpha.manager],
        context={"complex": alpha.complex, "complaints": [], "days": 7, "link": "https://x/"},
    )
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == MAX_RETRIES + 1
    assert "no mail server" in delivery.error
    assert mail.outbox == []
