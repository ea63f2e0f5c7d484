"""Celery app. Periodic tasks are declared here, in one place, each with the article it serves."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Council reminders, daily 08:00 KST: notice due 5 days before (Art. 28①), speech record due
    # 5 days after (Art. 35①), convene request unanswered 14 days (Art. 26①), by-election due
    # within 60/30 days of a vacancy (Art. 24).
    "council-reminders": {
        "task": "council.tasks.council_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
}
