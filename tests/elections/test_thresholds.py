"""Thresholds at their boundaries (50-elections precise rule 4: 40 households → 21; 1,230 → 123;
ties → the recorded lottery). Pure functions: elections/thresholds.py."""

from datetime import date

from elections.thresholds import (
    at_least_tenth,
    at_least_two_thirds,
    counts_as_term,
    decide_election,
    decide_question,
    more_than_half,
)


def test_majority_and_tenth_arithmetic():
    """00-overview: "과반수" is strictly more than half; "10분의 1 이상" is ⌈N/10⌉."""
    assert more_than_half(40) == 21
    assert more_than_half(41) == 21
    assert at_least_tenth(1230) == 123
    assert at_least_tenth(1231) == 124
    assert at_least_two_thirds(30) == 20 and at_least_two_thirds(31) == 21


def test_ward_two_candidates_exactly_half_turnout_fails():
    """영 11조①: 2+ candidates — MORE than half of the ward's households must vote. 40 households,
    20 voting (exactly half) → nobody elected; 21 → the most-voted wins."""
    out = decide_election(
        rule="ward", households=40, cast=20, seats=1, choice={1: 15, 2: 5}, approvals={}
    )
    assert not out.turnout_ok and out.elected == [] and out.turnout_needed == 21
    out = decide_election(
        rule="ward", households=40, cast=21, seats=1, choice={1: 15, 2: 6}, approvals={}
    )
    assert out.turnout_ok and out.elected == [1]


def test_ward_tie_goes_to_lottery():
    """영 11조① with a tie: the committee's rule (Art. 44⑧) — a recorded lottery."""
    out = decide_election(
        rule="ward", households=40, cast=22, seats=1, choice={1: 10, 2: 10, 3: 2}, approvals={}
    )
    assert out.elected == [] and sorted(out.tied) == [1, 2] and out.tied_seats == 1


def test_ward_single_candidate_needs_more_than_half_yes():
    """영 11조① 1 candidate: more than half vote AND more than half of votes in favour; the
    denominator includes blank/invalid ballots (precise rule 3): 22 cast, 11 yes → rejected."""
    out = decide_election(
        rule="ward", households=40, cast=22, seats=1, choice={}, approvals={7: 11}
    )
    assert out.turnout_ok and out.elected == []
    out = decide_election(
        rule="ward", households=40, cast=22, seats=1, choice={}, approvals={7: 12}
    )
    assert out.elected == [7]


def test_direct_chair_exactly_one_tenth_passes():
    """영 12조②: at least 1/10 of all households vote — 1,230 households, 123 voting passes,
    122 fails."""
    out = decide_election(
        rule="direct", households=1230, cast=123, seats=1, choice={1: 70, 2: 53}, approvals={}
    )
    assert out.turnout_ok and out.elected == [1]
    out = decide_election(
        rule="direct", households=1230, cast=122, seats=1, choice={1: 70, 2: 52}, approvals={}
    )
    assert not out.turnout_ok and out.elected == []


def test_auditors_more_candidates_than_seats_and_tie_at_cutoff():
    """영 12조: auditors, more candidates than seats: the most-voted fill the seats; a tie for the
    last seat goes to the lottery."""
    out = decide_election(
        rule="direct", households=600, cast=100, seats=2, choice={1: 40, 2: 30, 3: 30}, approvals={}
    )
    assert out.elected == [1] and sorted(out.tied) == [2, 3] and out.tied_seats == 1
    out = decide_election(
        rule="direct", households=600, cast=100, seats=2, choice={1: 40, 2: 31, 3: 29}, approvals={}
    )
    assert out.elected == [1, 2]


def test_auditors_candidates_not_more_than_seats_each_needs_majority():
    """영 12조: candidates ≤ seats — each needs more than half of the votes in favour."""
    out = decide_election(
        rule="direct", households=600, cast=60, seats=2, choice={}, approvals={1: 31, 2: 30}
    )
    assert out.elected == [1]


def test_recall_ward_boundaries():
    """Art. 23⑤: more than half of the ward's households vote and more than half of the votes
    are yes. 40 households: 20 voting fails whatever the yes-count; 21 voting with 11 yes passes,
    10 yes fails."""
    assert decide_question(rule="recall_ward", households=40, cast=20, yes=20).passed is False
    assert decide_question(rule="recall_ward", households=40, cast=21, yes=11).passed is True
    assert decide_question(rule="recall_ward", households=40, cast=21, yes=10).passed is False


def test_recall_direct_boundaries():
    """Art. 23⑨: at least 1/10 of all households vote, more than half of them yes (1,230 → 123)."""
    assert decide_question(rule="recall_direct", households=1230, cast=123, yes=62).passed is True
    assert decide_question(rule="recall_direct", households=1230, cast=123, yes=61).passed is False
    assert decide_question(rule="recall_direct", households=1230, cast=122, yes=122).passed is False


def test_bylaw_and_management_method_need_half_of_all_households():
    """Arts. 61, 100: yes-votes exceed half of ALL households — 600 households: 300 yes (exactly
    half) fails even if everyone else abstained; 301 passes."""
    assert decide_question(rule="all_majority", households=600, cast=300, yes=300).passed is False
    assert decide_question(rule="all_majority", households=600, cast=301, yes=301).passed is True


def test_repair_plan_needs_half_of_all_owners():
    """Art. 48①6 / seed 004: more than half of all owners (owners-only roll, one per unit)."""
    assert decide_question(rule="owners_majority", households=120, cast=120, yes=60).passed is False
    assert decide_question(rule="owners_majority", households=120, cast=61, yes=61).passed is True


def test_by_election_term_under_six_months_does_not_count():
    """Art. 18②: a by-election term under 6 months does not count; exactly 6 calendar months
    (start → term end date, issue [4/9]: 2026-01-01 → 2026-07-01) counts."""
    assert counts_as_term(by_election=True, start=date(2026, 1, 1), end=date(2026, 7, 1))
    assert not counts_as_term(by_election=True, start=date(2026, 1, 1), end=date(2026, 6, 30))
    assert not counts_as_term(by_election=True, start=date(2026, 1, 2), end=date(2026, 7, 1))
    assert counts_as_term(by_election=False, start=date(2026, 5, 1), end=date(2026, 6, 30))


def test_term_limit_proviso_needs_two_thirds_of_the_ward_households():
    """Art. 18① proviso: yes-votes from at least ⌈2N/3⌉ of the ward's households — 30
    households: 20 yes passes, 19 fails (even if all 19 voters said yes)."""
    out = decide_election(
        rule="ward_two_thirds", households=30, cast=25, seats=1, choice={}, approvals={5: 20}
    )
    assert out.elected == [5]
    out = decide_election(
        rule="ward_two_thirds", households=30, cast=19, seats=1, choice={}, approvals={5: 19}
    )
    assert out.elected == []
