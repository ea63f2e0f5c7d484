"""Reads of the elections app. Nothing here joins ballots to the roll (models.py docstring)."""

from django.db.models import Count, Q

from complexes.models import Role
from core.tenancy import ADMIN

from .models import RollEntry, Vote, VoteState

COMMITTEE = (Role.COMMITTEE, ADMIN)


def is_committee(ctx) -> bool:
    return ctx.has(*COMMITTEE)


def turnout(*, vote: Vote) -> dict:
    """Who voted, counted — never what (the committee's running view, Art. 48①)."""
    counts = vote.roll.aggregate(
        voted=Count("pk", filter=~Q(voted_channel="")),
        electronic=Count("pk", filter=Q(voted_channel=RollEntry.Channel.ELECTRONIC)),
        paper=Count("pk", filter=Q(voted_channel=RollEntry.Channel.PAPER)),
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
    )
    size = vote.roll_size
    pct = round(100 * counts["voted"] / size, 1) if size else 0.0
    return {"roll_size": size, **counts, "percent": pct}


def result_visible(*, vote: Vote, ctx) -> bool:
    """Results after certification for everyone (Art. 25②); after counting for the committee;
    never while voting."""
    if vote.state == VoteState.CERTIFIED:
        return True
    return vote.state == VoteState.COUNTED and is_committee(ctx)


def my_invitations(*, ctx, votes) -> dict:
    """The user's own roll entries (their household's voting link) per vote id."""
    entries = RollEntry.objects.filter(
        complex=ctx.complex, vote__in=votes, voter_user=ctx.user, unit_id__in=ctx.unit_ids
    )
    return {e.vote_id: e for e in entries}
