"""Art. 24① (walk finding, issue [4/9]): a by-election's term is the remainder of the
predecessor's term, not a new 2-year term — in the council's seating and in the elections'
vote schedule alike."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from council import services
from elections import services as elections
from elections.models import VoteKind
from tests.council.helpers import make_council

pytestmark = pytest.mark.django_db


def test_by_election_seat_runs_to_the_predecessors_term_end(alpha):
    """Art. 24①: the predecessor (2025-07-01 → 2027-06-30) resigns on 2026-03-01; the
    by-elected rep sits from 2026-04-15 to 2027-06-30, not to 2028-04-14."""
    wards, reps = make_council(alpha.complex, seats=2, seated=2, term_start=date(2025, 7, 1))
    services.representative_end(representative=reps[0], on=date(2026, 3, 1), reason="사퇴")
    rep = services.representative_seat(
        complex=alpha.complex,
        ward=wards[0],
        user_or_name="보궐대표",
        term_start=date(2026, 4, 15),
        by_election=True,
    )
    assert rep.term_end == date(2027, 6, 30)


def test_by_election_with_a_full_new_term_is_refused(alpha):
    """Art. 24① (failure path): a by-election term ending elsewhere than the predecessor's end
    is refused with the date it must end."""
    wards, reps = make_council(alpha.complex, seats=2, seated=2, term_start=date(2025, 7, 1))
    services.representative_end(representative=reps[0], on=date(2026, 3, 1), reason="사퇴")
    with pytest.raises(ApplicationError, match="2027-06-30"):
        services.representative_seat(
            complex=alpha.complex,
            ward=wards[0],
            user_or_name="보궐대표",
            term_start=date(2026, 4, 15),
            term_end=date(2028, 4, 14),
            by_election=True,
        )


def test_vacant_ward_by_election_follows_the_councils_common_term(alpha):
    """Art. 24①: a ward with no predecessor on record takes the council's current term end."""
    wards, _ = make_council(alpha.complex, seats=3, seated=2, term_start=date(2025, 7, 1))
    rep = services.representative_seat(
        complex=alpha.complex,
        ward=wards[2],
        user_or_name="보궐대표",
        term_start=date(2026, 1, 10),
        by_election=True,
    )
    assert rep.term_end == date(2027, 6, 30)


def test_by_election_vote_term_is_the_remainder(alpha):
    """Art. 24①: the elections app schedules a by-election vote with the predecessor's end."""
    today = timezone.localdate()
    start = today - timedelta(days=200)
    wards, reps = make_council(alpha.complex, seats=2, seated=2, term_start=start)
    services.representative_end(representative=reps[0], on=today, reason="해임")
    now = timezone.now()
    vote = elections.vote_create(
        complex=alpha.complex,
        kind=VoteKind.WARD_REP,
        title="제1선거구 보궐선거",
        ward=wards[0],
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=11),
        term_start=today + timedelta(days=12),
        by_election=True,
    )
    assert vote.term_end == reps[0].term_end
    with pytest.raises(ApplicationError, match="제24조①"):
        elections.vote_create(
            complex=alpha.complex,
            kind=VoteKind.WARD_REP,
            title="제1선거구 보궐선거",
            ward=wards[0],
            opens_at=now + timedelta(days=10),
            closes_at=now + timedelta(days=11),
            term_start=today + timedelta(days=12),
            term_end=today + timedelta(days=12 + 729),
            by_election=True,
        )
