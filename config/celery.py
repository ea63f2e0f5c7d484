"""Celery app. Periodic tasks are declared here, in one place, each with the article it serves."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def use_django_logging(**kwargs):
    """Workers and beat log through the settings' LOGGING (JSON lines in production, with the
    task's name and id: core/logs.py), not Celery's own format. Levels come from LOG_LEVEL."""


# Beat stores this schedule in the database at start (django-celery-beat's DatabaseScheduler)
# and runs it from there. An operator pauses a task in the admin (Periodic tasks → disable);
# it stays paused across restarts, while times changed here are applied at the next start.
app.conf.beat_schedule = {
    # Fees, daily 06:30 KST: each complex's draft of last month on its configured day, with a
    # reminder to the office (20-fees.md "Billing runs"; bills out 7 days before the due date,
    # Art. 86①).
    "fees-prepare-drafts": {
        "task": "fees.tasks.prepare_drafts",
        "schedule": crontab(hour=6, minute=30),
    },
    # Fees, daily 09:30 KST: the day after a due date, remind households with unpaid bills
    # (독촉, Art. 98①).
    "fees-overdue-reminders": {
        "task": "fees.tasks.overdue_reminders",
        "schedule": crontab(hour=9, minute=30),
    },
    # Fees, daily 08:50 KST: meters whose verification (검정) expires within 90 and 30 days are
    # reported to the office, once each (Art. 63②).
    "fees-meter-verification-reminders": {
        "task": "fees.tasks.meter_verification_reminders",
        "schedule": crontab(hour=8, minute=50),
    },
    # Community life, daily 08:20 KST: indirect-smoking reports past the product deadlines
    # (Art. 71-3, spec rule 28), group support refusals due within 30 days (Art. 39④), group
    # funding cancelled 10 days after the notice without 별지 5-2 and transfers due (별첨 5 §6).
    "community-reminders": {
        "task": "residents.community.tasks.community_reminders_all",
        "schedule": crontab(hour=8, minute=20),
    },
    # Council reminders, daily 08:00 KST: notice due 5 days before (Art. 28①), speech record due
    # 5 days after (Art. 35①), convene request unanswered 14 days (Art. 26①), by-election due
    # within 60/30 days of a vacancy (Art. 24).
    "council-reminders": {
        "task": "council.tasks.council_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Contracts, daily 08:05 KST: a contract published within 1 month of signing (Art. 57③), a
    # management company's re-contract resolved by E − 60 days (Art. 58①) and decided once the
    # objection window closes (58②), a service contractor evaluated by E − 45 days (Art. 59①),
    # last year's external audit recorded (64③9).
    "contracts-reminders": {
        "task": "council.contracts.tasks.contracts_reminders",
        "schedule": crontab(hour=8, minute=5),
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
    # Elections: close each vote at its end time, never early (Arts. 61, 100; precise rule 6).
    "elections-close-due-votes": {
        "task": "elections.tasks.close_due_votes",
        "schedule": crontab(minute="*/5"),
    },
    # Elections, daily 09:00 KST: remind households that have not voted before the close (Art. 48).
    "elections-remind-non-voters": {
        "task": "elections.tasks.remind_non_voters",
        "schedule": crontab(hour=9, minute=0),
    },
    # Elections, daily 00:20 KST: a recall vote not held within 30 days lapses (Art. 23⑤⑨).
    "elections-lapse-recalls": {
        "task": "elections.tasks.lapse_recalls",
        "schedule": crontab(hour=0, minute=20),
    },
    # Elections, daily 08:20 KST: announcement 60 days before terms end (Art. 25①),
    # re-announcement within 30 days (Art. 25③), by-elections within 60 days (Art. 24①).
    "elections-duties": {
        "task": "elections.tasks.notify_duties",
        "schedule": crontab(hour=8, minute=20),
    },
    # Residents, daily 08:30 KST: remind the office of complaints open longer than the complex's
    # threshold — complaints are handled and reported at each council meeting (Art. 62①5).
    "residents-remind-open-complaints": {
        "task": "residents.tasks.remind_open_complaints_all",
        "schedule": crontab(hour=8, minute=30),
    },
    # Residents, daily 03:00 KST: erase register data whose retention ended — moved out and fees
    # settled, plus the grace days (별지 1 보유기간; Art. 9③ 개인정보 보호법).
    "residents-purge-register": {
        "task": "residents.tasks.purge_register",
        "schedule": crontab(hour=3, minute=0),
    },
}
