"""Issue [4/9] rule defects on the council side.

* Art. 18②: a by-election term under 6 CALENDAR months does not count toward the term limit
  (Art. 18①) — one function (council.terms.counts_as_term) used by council and elections.
* Art. 23⑦: a chair or auditor under a recall vote loses only the officer duties; they still vote
  and sign as ward representatives, and the acting chair presides (Art. 26①).
"""

from datetime import date

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from council import selectors, services, terms
from council.models import Office, SuspensionReason
from elections import thresholds
from tests.council.helpers import held_meeting, make_council

pytestmark = pytest.mark.django_db


def test_six_calendar_months_boundary():
    """Art. 18②: 2022-01-01 → 2022-07-01 is exactly 6 months and counts; one day less does not.
    183 days is not the rule: 2022-01-01 → 2022-07-01 is only 181 days."""
    assert terms.counts_as_term(by_election=True, start=date(2022, 1, 1), end=date(2022, 7, 1))
    assert not terms.counts_as_term(by_election=True, start=date(2022, 1, 1), end=date(2022, 6, 30))
    # Month-end clamping: Aug 31 + 6 months = Feb 28.
    assert terms.counts_as_term(by_election=True, start=date(2022, 8, 31), end=date(2023, 2, 28))
    assert not terms.counts_as_term(
        by_election=True, start=date(2022, 8, 31), end=date(2023, 2, 27)
    )
    # A regular term always counts.
    assert terms.counts_as_term(by_election=False, start=date(2022, 1, 1), end=date(2022, 2, 1))


def test_elections_and_council_use_the_same_rule():
    """Art. 18②: the elections app's eligibility check and the council's seating use one
    function, so they cannot disagree on the same person."""
    assert thresholds.counts_as_term is terms.counts_as_term


def _seat(alpha, ward, start, end=None, by=False):
    return services.representative_seat(
        complex=alpha.complex,
        ward=ward,
        user_or_name="이대표",
        term_start=start,
        term_end=end,
        by_election=by,
    )


def test_exactly_six_month_by_election_counts_toward_the_limit(alpha):
    """Art. 18①②: a by-election term of exactly 6 months (2022-01-01 → 2022-07-01) counts, so
    with two more terms the person has been re-elected once already: a fourth seat is refused."""
    (ward,), _ = make_council(alpha.complex, seats=1, seated=0)
    _seat(alpha, ward, date(2022, 1, 1), date(2022, 7, 1), by=True)
    _seat(alpha, ward, date(2022, 7, 2))
    with pytest.raises(ApplicationError, match="한 번만 중임"):
        _seat(alpha, ward, date(2024, 7, 2))


def test_by_election_one_day_short_of_six_months_does_not_count(alpha):
    """Art. 18②: 2022-01-01 → 2022-06-30 is under 6 months: not counted (the 183-day rule
    counted neither, but refused 2022-01-01 → 2022-07-01 too)."""
    (ward,), _ = make_council(alpha.complex, seats=1, seated=0)
    _seat(alpha, ward, date(2022, 1, 1), date(2022, 6, 30), by=True)
    _seat(alpha, ward, date(2022, 7, 1))
    _seat(alpha, ward, date(2024, 7, 1))  # re-elected once: allowed
    with pytest.raises(ApplicationError, match="한 번만 중임"):
        _seat(alpha, ward, date(2026, 7, 1))


def test_officer_only_suspension_keeps_the_rep_vote_but_not_the_chair(alpha):
    """Art. 23⑦: during a recall vote against the chair only the officer duties are suspended:
    the chair still votes as a ward rep, and the eldest director presides meanwhile."""
    today = timezone.localdate()
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=today)
    services.officer_appoint(representative=reps[2], office=Office.DIRECTOR, starts_on=today)
    services.representative_suspend(
        representative=reps[0], reason=SuspensionReason.OFFICE, starts_on=today
    )
    rep = type(reps[0]).objects.get(pk=reps[0].pk)
    assert not selectors.is_suspended(representative=rep, day=today)
    assert selectors.office_suspended(representative=rep, day=today)
    assert selectors.acting_chair(complex=alpha.complex, day=today).pk == reps[2].pk
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    services.vote_cast(item=item, representative=rep, choice="yes", by=rep.user)  # still votes
    assert item.votes.filter(representative=rep).exists()


def test_full_suspension_still_blocks_the_vote(alpha):
    """Art. 23③ (failure path): a ward rep under recall cannot vote."""
    today = timezone.localdate()
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.representative_suspend(
        representative=reps[1], reason=SuspensionReason.RECALL, starts_on=today
    )
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    rep = type(reps[1]).objects.get(pk=reps[1].pk)
    with pytest.raises(ApplicationError, match="직무정지"):
        services.vote_cast(item=item, representative=rep, choice="yes", by=rep.user)
