"""Issue [4/9] rule defects on the elections side of a recall (Art. 23).

* Art. 23③⑦⑪: a recall vote against the chair or an auditor suspends only the officer duties
  (they still vote as ward reps); after the result the suspension ends — removed from the office
  (keeping the seat) or restored.
* Art. 23③: a ward rep's recall finds the rep by the SEAT (ward and term), not by a unit — a
  rep seated without a unit (as the API does) is suspended all the same.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from council import selectors as council_selectors
from council import services as council_services
from council.models import Office, Representative
from elections import services
from tests.council.helpers import held_meeting, make_council
from tests.elections.helpers import cast_all, end_vote, open_vote, ward_of

pytestmark = pytest.mark.django_db


def _file(alpha, *, office, name, unit, ward=None):
    recall = services.recall_file(
        complex=alpha.complex,
        office=office,
        subject_name=name,
        subject_unit=unit,
        ward=ward,
        grounds=["absence"],
        grounds_text="3회 연속 무단 불참",
        evidence_summary="회의록 3건",
        initiation="council",
        council_resolution="제12차 회의",
    )
    services.recall_defence_submit(recall=recall, text="소명")
    now = timezone.now()
    return recall, services.recall_schedule_vote(
        recall=recall, opens_at=now + timedelta(days=11), closes_at=now + timedelta(days=12)
    )


def _decide(vote, yes, no):
    vote = open_vote(vote)
    entries = list(vote.roll.all())
    cast_all(vote, entries[: yes + no], [{"answer": "yes"}] * yes + [{"answer": "no"}] * no)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    services.vote_certify(vote=vote, yes=2)


def _chair_under_recall(alpha):
    today = timezone.localdate()
    _, units = ward_of(alpha.complex, 30)
    _, reps = make_council(alpha.complex, seats=3, seated=3)  # seated without a unit
    council_services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=today)
    council_services.officer_appoint(
        representative=reps[2], office=Office.DIRECTOR, starts_on=today
    )
    recall, vote = _file(alpha, office="chair", name=reps[0].name, unit=units[0])
    return reps, recall, vote


def _rep(pk):
    return Representative.objects.get(pk=pk)


def test_chair_under_recall_still_votes_as_a_rep_and_loses_only_the_office(alpha):
    """Art. 23⑦: from the vote notice only the chair's officer duties are suspended — the chair
    votes at a council meeting as a ward rep, the eldest director presides. Art. 23⑨⑪: the
    recall passes (≥ 1/10 of all households vote, more than half yes) → the office ends, the
    seat stays, and no suspension remains."""
    today = timezone.localdate()
    reps, recall, vote = _chair_under_recall(alpha)
    chair = _rep(reps[0].pk)
    assert council_selectors.office_suspended(representative=chair, day=today)
    assert not council_selectors.is_suspended(representative=chair, day=today)
    assert council_selectors.acting_chair(complex=alpha.complex, day=today).pk == reps[2].pk
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    council_services.vote_cast(item=item, representative=chair, choice="no", by=chair.user)

    households = vote.roll_size
    turnout = -(-households // 10)
    _decide(vote, yes=turnout, no=0)
    recall.refresh_from_db()
    assert recall.state == "recalled" and not recall.suspended
    chair = _rep(reps[0].pk)
    assert chair.seated_on(today)  # Art. 23⑪: keeps the rep seat
    assert "회장" not in council_selectors.offices_on(representative=chair, day=today)
    assert not chair.suspensions.filter(ends_on__isnull=True).exists()
    assert not council_selectors.office_suspended(representative=chair, day=today)


def test_failed_chair_recall_restores_the_office(alpha):
    """Art. 23⑨ 단서 (failure path): the recall fails → the officer suspension ends and the chair
    presides again."""
    today = timezone.localdate()
    reps, recall, vote = _chair_under_recall(alpha)
    turnout = -(-vote.roll_size // 10)
    _decide(vote, yes=0, no=turnout)
    recall.refresh_from_db()
    assert recall.state == "rejected" and not recall.suspended
    chair = _rep(reps[0].pk)
    assert "회장" in council_selectors.offices_on(representative=chair, day=today)
    assert not council_selectors.office_suspended(representative=chair, day=today)
    assert council_selectors.acting_chair(complex=alpha.complex, day=today).pk == chair.pk


def test_ward_recall_finds_the_rep_by_the_seat_not_the_unit(alpha):
    """Art. 23③: the rep seated for the ward (seated with no unit, as through the API) is
    suspended from the vote notice until the result; a passed recall ends the seat."""
    today = timezone.localdate()
    ward, units = ward_of(alpha.complex, 40)
    rep = council_services.representative_seat(
        complex=alpha.complex,
        ward=ward,
        user_or_name="오대표",
        term_start=today - timedelta(days=100),
    )
    assert rep.unit_id is None
    recall, vote = _file(alpha, office="ward_rep", name="오 대표", unit=units[3], ward=ward)
    assert council_selectors.is_suspended(representative=_rep(rep.pk), day=today)
    _decide(vote, yes=11, no=10)
    recall.refresh_from_db()
    assert recall.state == "recalled"
    rep = _rep(rep.pk)
    assert rep.ended_on == today and not rep.suspensions.filter(ends_on__isnull=True).exists()


def test_ward_recall_for_an_empty_seat_records_that_nobody_sits(alpha):
    """Failure path: no rep sits for the ward → nothing is suspended and the note says so."""
    ward, units = ward_of(alpha.complex, 10)
    recall, _vote = _file(alpha, office="ward_rep", name="없는대표", unit=units[0], ward=ward)
    recall.refresh_from_db()
    assert "찾지 못함" in recall.state_note


def test_term_limit_check_counts_the_councils_record_of_the_person(alpha):
    """Art. 18①②, one rule for both apps: two full terms recorded only on the council (seated
    after paper elections) make the candidate ineligible; a by-election term under 6 calendar
    months (2022-01-01 → 2022-06-30) does not count, exactly 6 months would."""
    from datetime import date

    from elections.models import Candidate
    from tests.elections.helpers import ward_election

    ward, _units = ward_of(alpha.complex, 10)
    _vote, (c1, _c2) = ward_election(alpha.complex, ward)
    for start, end, by in (
        (date(2022, 1, 1), date(2022, 6, 30), True),
        (date(2022, 7, 1), None, False),
    ):
        council_services.representative_seat(
            complex=alpha.complex, ward=ward, user_or_name=c1.user, term_start=start,
            term_end=end, by_election=by,
        )  # fmt: skip
    services.candidate_checks_run(candidate=c1)
    check = Candidate.objects.get(pk=c1.pk).checks.get(item="term_limit")
    assert check.outcome == "pass" and "재임 1회" in check.note
    Representative.objects.filter(complex=alpha.complex, term_start=date(2022, 1, 1)).update(
        term_end=date(2022, 7, 1)
    )
    services.candidate_checks_run(candidate=c1)
    check = Candidate.objects.get(pk=c1.pk).checks.get(item="term_limit")
    assert check.outcome == "fail" and "재임 2회" in check.note
