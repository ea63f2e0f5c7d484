"""Art. 20, 30 and 별첨 2: what "majority of the members" means, in whole numbers."""

from hypothesis import given
from hypothesis import strategies as st

from council import majority


def test_별첨2_10_seats_9_seated_needs_5_yes():
    """별첨 2 form 2-1: 총정원 10, 미선출 1, 구성원 9, 의결정족수 5."""
    q = majority.quorum(seats=10, seated=9)
    assert (q.membership, q.required_yes, q.unfilled, q.can_resolve) == (9, 5, 1, True)


def test_10_seats_6_seated_membership_stays_10_and_needs_6_yes():
    """Art. 20: fewer than 2/3 seated → membership is the full number of seats."""
    q = majority.quorum(seats=10, seated=6)
    assert (q.membership, q.required_yes, q.can_resolve) == (10, 6, True)


def test_two_thirds_boundary_is_integer_arithmetic():
    """3 × seated ≥ 2 × seats: 7 of 10 (21 ≥ 20) counts the seated, 6 of 9 (18 ≥ 18) too."""
    assert majority.membership(seats=10, seated=7) == 7
    assert majority.membership(seats=9, seated=6) == 6
    assert majority.membership(seats=10, seated=6) == 10


def test_too_few_seated_cannot_resolve():
    """Art. 30: 10 seats, 5 seated → membership 10, 6 needed, only 5 can vote → cannot resolve."""
    q = majority.quorum(seats=10, seated=5)
    assert (q.membership, q.required_yes, q.can_resolve) == (10, 6, False)


def test_demo_council_7_seats_6_seated():
    """90-demo: hanbit's 7-seat council with one vacancy → membership 6 (18 ≥ 14), 4 yes."""
    q = majority.quorum(seats=7, seated=6)
    assert (q.membership, q.required_yes) == (6, 4)


def test_two_thirds_of_members_art_58():
    """Art. 58②: 2/3 of the members → membership 10 needs 7 yes, 9 needs 6, 6 needs 4."""
    assert majority.two_thirds_of(10) == 7
    assert majority.two_thirds_of(9) == 6
    assert majority.two_thirds_of(6) == 4
    assert majority.quorum(seats=10, seated=10, two_thirds=True).required_yes == 7


def test_a_tie_fails():
    """40-council.md rule 3: membership 8 → 5 needed; 4 yes (a tie with 4 no) fails."""
    assert majority.majority_of(8) == 5
    assert not majority.passes(yes=4, required_yes=5)


@given(st.integers(min_value=1, max_value=60), st.data())
def test_required_yes_is_more_than_half_and_two_thirds_holds(seats, data):
    seated = data.draw(st.integers(min_value=0, max_value=seats))
    q = majority.quorum(seats=seats, seated=seated)
    assert 2 * q.required_yes > q.membership >= 2 * (q.required_yes - 1)
    t = majority.quorum(seats=seats, seated=seated, two_thirds=True)
    assert 3 * t.required_yes >= 2 * t.membership > 3 * (t.required_yes - 1)
