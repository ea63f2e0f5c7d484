"""Builders for election tests: households, wards, votes opened for casting."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from complexes.models import Building, ResidentKind, Unit, Ward
from elections import services
from elections.models import Candidate, Vote, VoteKind
from tests.factories import UserFactory, resident


def add_units(complex_, n, building_name="301"):
    building, _ = Building.objects.get_or_create(complex=complex_, name=building_name)
    existing = Unit.objects.filter(building=building).count()
    Unit.objects.bulk_create(
        Unit(
            complex=complex_,
            building=building,
            number=f"{(existing + i) // 4 + 1}{(existing + i) % 4 + 1:02d}",
            floor=(existing + i) // 4 + 1,
            supply_area=Decimal("84.97"),
        )
        for i in range(n)
    )
    return list(Unit.objects.filter(building=building).order_by("pk"))


def ward_of(complex_, n, name="제9선거구", building_name="301"):
    units = add_units(complex_, n, building_name)
    ward = Ward.objects.create(complex=complex_, name=name)
    ward.buildings.add(units[0].building)
    return ward, units


def open_vote(vote):
    """Move the voting period around now (registration happened before)."""
    now = timezone.now()
    Vote.objects.filter(pk=vote.pk).update(
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=1)
    )
    vote.refresh_from_db()
    return vote


def end_vote(vote):
    now = timezone.now()
    Vote.objects.filter(pk=vote.pk).update(
        opens_at=now - timedelta(hours=2), closes_at=now - timedelta(minutes=1)
    )
    vote.refresh_from_db()
    return vote


def future_window(days=3):
    now = timezone.now()
    return now + timedelta(days=days), now + timedelta(days=days + 1)


def question_vote(complex_, kind=VoteKind.BYLAW, **kw):
    opens, closes = future_window()
    vote = services.vote_create(
        complex=complex_,
        kind=kind,
        title=kw.pop("title", "관리규약 개정 ALPHA"),
        question="개정안에 찬성하십니까?",
        opens_at=opens,
        closes_at=closes,
        **kw,
    )
    services.vote_announce(vote=vote)
    return open_vote(vote)


def ward_election(complex_, ward, names=("김하나", "이두리"), units=None, **kw):
    opens, closes = future_window()
    today = timezone.localdate()
    vote = services.vote_create(
        complex=complex_,
        kind=VoteKind.WARD_REP,
        title=kw.pop("title", "제9선거구 동별 대표자 선거"),
        ward=ward,
        opens_at=opens,
        closes_at=closes,
        term_start=today + timedelta(days=90),
        generation=5,
        **kw,
    )
    services.vote_announce(vote=vote)
    units = units or list(ward.unit_queryset().order_by("pk"))
    candidates = []
    for i, name in enumerate(names):
        owner = UserFactory(name=name)
        resident(units[i], ResidentKind.OWNER, owner)
        c = services.candidate_register(
            vote=vote,
            unit=units[i],
            name=name,
            birth_date=today.replace(year=1970),
            user=owner,
            statement=f"{name}의 공약",
        )
        candidates.append(c)
    Candidate.objects.filter(vote=vote).update(status=Candidate.Status.ELIGIBLE)
    return open_vote(vote), candidates


def cast_all(vote, entries, marks_list, status="valid"):
    receipts = []
    for entry, marks in zip(entries, marks_list, strict=False):
        code = services.invitation_issue(entry=entry)
        receipts.append(services.ballot_cast(entry=entry, code=code, status=status, marks=marks))
    return receipts
