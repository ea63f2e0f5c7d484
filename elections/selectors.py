"""Reads of the elections app. Nothing here joins ballots to the roll (models.py docstring)."""

from django.db.models import Count, Q
from django.utils import timezone

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


def duties(*, complex, on) -> list[dict]:
    """What the committee must do soon, each with its article:
    * announce a ward election 60 days before the sitting rep's term ends (Art. 25①);
    * re-announce a ward left vacant within 30 days (Art. 25③);
    * a by-election within 60 days of a recall (Art. 24①);
    * a recall vote within 30 days of the request (Art. 23⑤⑨)."""
    from datetime import timedelta

    from council.selectors import seated_reps

    from .models import Recall, VoteKind

    out = []
    ward_votes = Vote.objects.filter(complex=complex, kind=VoteKind.WARD_REP)
    for rep in seated_reps(complex=complex, day=on):
        due = rep.term_end - timedelta(days=60)
        if (
            due - timedelta(days=14) <= on
            and rep.ward_id
            and not ward_votes.filter(
                ward_id=rep.ward_id, term_start__gt=rep.term_end - timedelta(days=1)
            ).exists()
        ):
            out.append(
                {
                    "what": f"{rep.ward.name} 동별 대표자 선출공고 ({rep.name} 임기 {rep.term_end:%Y-%m-%d} 만료)",
                    "due": due,
                    "basis": "Art. 25①",
                }
            )
    for v in ward_votes.filter(
        reannounce_by__isnull=False, state__in=[VoteState.COUNTED, VoteState.CERTIFIED]
    ):
        if not ward_votes.filter(ward_id=v.ward_id, created_at__gt=v.created_at).exists():
            out.append(
                {
                    "what": f"{v.ward_name} 재선출공고 (당선인 없음)",
                    "due": v.reannounce_by,
                    "basis": "Art. 25③",
                }
            )
    for r in Recall.objects.filter(complex=complex, state=Recall.State.RECALLED, office="ward_rep"):
        if (
            r.vote
            and r.vote.certified_at
            and not ward_votes.filter(
                ward_id=r.ward_id, created_at__gt=r.vote.certified_at
            ).exists()
        ):
            out.append(
                {
                    "what": f"{r.ward.name if r.ward else ''} 보궐선거 ({r.subject_name} 해임)",
                    "due": timezone.localdate(r.vote.certified_at) + timedelta(days=60),
                    "basis": "Art. 24①",
                }
            )
    for r in Recall.objects.filter(
        complex=complex, state=Recall.State.DEFENCE, requested_on__isnull=False
    ):
        out.append(
            {
                "what": f"{r} 투표 실시",
                "due": r.requested_on + timedelta(days=30),
                "basis": "Art. 23⑤⑨",
            }
        )
    return sorted(out, key=lambda d: d["due"])
