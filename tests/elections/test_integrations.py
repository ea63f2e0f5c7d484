"""Cross-app contracts: elected reps are seated on the council (Art. 25②), a rep under recall is
suspended from the vote notice and the suspension is lifted when the recall fails (Art. 23③⑤),
the household's voter comes from the resident register (Art. 12)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from council import selectors as council_selectors
from council import services as council_services
from council.models import Representative
from elections import integrations, services
from tests.elections.helpers import cast_all, end_vote, open_vote, ward_election, ward_of


@pytest.mark.django_db
def test_certified_ward_election_seats_the_winner_on_the_council(
    alpha, django_capture_on_commit_callbacks
):
    ward, _ = ward_of(alpha.complex, 10)
    vote, (c1, c2) = ward_election(alpha.complex, ward)
    cast_all(vote, list(vote.roll.all()[:6]), [{"choice": c1.id}] * 4 + [{"choice": c2.id}] * 2)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    with django_capture_on_commit_callbacks(execute=True):
        vote = services.vote_certify(vote=vote, yes=2)
    # 제64조③5, Art. 25②: the result is posted at once — disclosure's subscriber to the hook
    # elections.vote_certified (core/hooks.py) records it once the certification commits.
    from disclosure.models import Publication

    posted = Publication.objects.get(complex=alpha.complex, duty="election_results")
    assert posted.published_at is not None and f"기호 {c1.number}번" in posted.body
    rep = Representative.objects.get(complex=alpha.complex, ward=ward)
    assert rep.name == c1.name and rep.term_start == vote.term_start
    assert "등록" in vote.result["council_notes"][0]


@pytest.mark.django_db
def test_recall_suspends_the_seated_rep_and_a_failed_recall_lifts_it(alpha):
    ward, units = ward_of(alpha.complex, 40)
    today = timezone.localdate()
    rep = council_services.representative_seat(
        complex=alpha.complex,
        ward=ward,
        user_or_name="오대표",
        term_start=today - timedelta(days=100),
        unit=units[0],
    )
    recall = services.recall_file(
        complex=alpha.complex,
        office="ward_rep",
        subject_name="오대표",
        subject_unit=units[0],
        ward=ward,
        grounds=["absence"],
        grounds_text="불참",
        evidence_summary="회의록",
        initiation="council",
        council_resolution="제3차",
    )
    services.recall_defence_submit(recall=recall, text="소명")
    now = timezone.now()
    vote = services.recall_schedule_vote(
        recall=recall, opens_at=now + timedelta(days=11), closes_at=now + timedelta(days=12)
    )
    rep.refresh_from_db()
    assert council_selectors.is_suspended(representative=rep, day=today)
    vote = open_vote(vote)
    cast_all(vote, list(vote.roll.all()[:21]), [{"answer": "no"}] * 21)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    services.vote_certify(vote=vote, yes=2)
    rep = Representative.objects.get(pk=rep.pk)
    assert not council_selectors.is_suspended(representative=rep, day=today)


@pytest.mark.django_db
def test_designated_voter_comes_from_the_register(alpha):
    """residents.selectors.designated_voter: the lessee's household votes for a leased unit."""
    voter = integrations.designated_voter(alpha.lessee_unit)
    assert voter is not None and voter.user == alpha.lessee
    owner = integrations.designated_voter(alpha.lessee_unit, owners_only=True)
    assert owner is None  # no owner account for the leased unit in the fixtures


@pytest.mark.django_db
def test_arrears_come_from_the_fee_ledger(alpha):
    assert integrations.months_in_arrears(alpha.unit, timezone.localdate()) == 0
