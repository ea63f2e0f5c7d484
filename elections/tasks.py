"""Background work of the elections app. Each task takes ids (or none), re-fetches, is harmless
to run twice, and calls a service. The beat schedule lives in config/celery.py."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from complexes.models import Complex, Role
from complexes.selectors import office_users
from core.errors import ApplicationError
from residents.notifications.services import notify

from . import selectors, services
from .channels import send_invitation, would_receive
from .models import Recall, Vote, VoteState


@shared_task
def send_invitations(vote_id: int) -> int:
    """Art. 48②1: every household gets its link and one-time code."""
    vote = Vote.objects.filter(pk=vote_id, state=VoteState.ANNOUNCED).first()
    if vote is None:
        return 0
    return services.invitations_send(vote=vote, only_uninvited=True)


@shared_task
def close_due_votes() -> int:
    """Close every vote whose end time has passed (never early, precise rule 6)."""
    closed = 0
    for vote in Vote.objects.filter(state=VoteState.ANNOUNCED, closes_at__lte=timezone.now()):
        try:
            services.vote_close(vote=vote)
            closed += 1
        except ApplicationError:
            continue
    return closed


@shared_task
def remind_non_voters() -> int:
    """Remind households that have not voted, once, within the set days before the close. The
    old code is replaced (codes are stored only as hashes)."""
    now = timezone.now()
    sent = 0
    for vote in Vote.objects.filter(
        state=VoteState.ANNOUNCED, opens_at__lte=now, closes_at__gt=now
    ).select_related("complex"):
        days = services.settings_for(vote.complex).reminder_days_before_close
        if vote.closes_at - now > timedelta(days=days):
            continue
        for entry in (
            vote.roll.filter(voted_channel="", reminded_at__isnull=True)
            .exclude(voter_email="", voter_user__isnull=True)
            .select_related("unit__building", "voter_user")
        ):
            if not would_receive(entry=entry, vote=vote, reminder=True):
                continue  # opted out of reminders: keep their code, send nothing
            code = services.invitation_issue(entry=entry)
            send_invitation(entry=entry, vote=vote, code=code, reminder=True)
            type(entry).objects.filter(pk=entry.pk).update(reminded_at=now)
            sent += 1
    return sent


@shared_task
def lapse_recalls() -> int:
    """A recall vote not held within 30 days of the request lapses (precise rule 5)."""
    return sum(
        services.recall_lapse(recall=r)
        for r in Recall.objects.filter(state__in=[Recall.State.DEFENCE, Recall.State.VOTING])
    )


@shared_task
def notify_duties() -> int:
    """Tell each complex's committee what is due: announcements 60 days before terms end
    (Art. 25①), re-announcements (Art. 25③), by-elections (Art. 24①), recall votes (Art. 23)."""
    today = timezone.localdate()
    sent = 0
    for complex_ in Complex.objects.all():
        items = [
            d
            for d in selectors.duties(complex=complex_, on=today)
            if d["due"] <= today + timedelta(days=30)
        ]
        if not items:
            continue
        committee = office_users(complex_id=complex_.pk, roles=[Role.COMMITTEE])
        if committee:
            notify(
                kind="election_duties",
                complex=complex_,
                to=committee,
                context={"complex": complex_, "items": items},
            )
            sent += 1
    return sent
