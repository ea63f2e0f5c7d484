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
    # Repairs, daily 08:10 KST: 90/30 days before the 3-year plan review (공동주택관리법 29조②)
    # and before a component's repair year (29조②, seed 004 fines); 별지 6 due by March 31
    # (Art. 79①).
    "repair-warnings": {
        "task": "repairs.tasks.repair_warnings",
        "schedule": crontab(hour=8, minute=10),
    },
    # Repairs, January 2 at 06:00: prepare the annual status (별지 6) as of December 31 (Art. 79①).
    "repair-annual-status": {
        "task": "repairs.tasks.annual_status_january",
        "schedule": crontab(hour=6, minute=0, day_of_month=2, month_of_year=1),
    },
    # Disclosure, daily 00:10 KST: expect last month's and last year's statutory items (Arts. 37③,
    # 78③, 79①, 80⑦) and mark entries past their due date as missing (60-disclosure.md).
    "disclosure-duties-daily": {
        "task": "disclosure.tasks.duties_daily",
        "schedule": crontab(hour=0, minute=10),
    },
    # Disclosure, daily 08:40 KST: remind the office of items due within its reminder window.
    "disclosure-reminders": {
        "task": "disclosure.tasks.reminders_send",
        "schedule": crontab(hour=8, minute=40),
    },
    # Disclosure, Mondays 09:00 KST: weekly digest of late and missing items to district officials.
    "disclosure-weekly-digest": {
        "task": "disclosure.tasks.weekly_digest",
        "schedule": crontab(hour=9, minute=0, day_of_week=1),
    },
}
