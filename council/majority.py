"""What "majority of the members" means (Art. 20, 30; 00-overview.md; 별첨 2).

Pure arithmetic on whole numbers: no floats, no database.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Quorum:
    seats: int  # 정원: the bylaw's full number of seats
    seated: int  # 선출 인원: reps currently in office (suspended ones included)
    membership: int  # 구성원
    required_yes: int  # 의결정족수
    can_resolve: bool

    @property
    def unfilled(self) -> int:
        return max(self.seats - self.seated, 0)


def membership(*, seats: int, seated: int) -> int:
    """Art. 20 (parenthesis): the membership is the full number of seats, but the number seated
    when at least 2/3 of the seats are filled (3 × seated ≥ 2 × seats, in integers).
    별첨 2: 10 seats, 9 seated → 9; 10 seats, 6 seated → 10."""
    if seats <= 0:
        return 0
    return seated if 3 * seated >= 2 * seats else seats


def majority_of(n: int) -> int:
    """Yes-votes needed to exceed half of n (과반수): 9 → 5, 10 → 6."""
    return n // 2 + 1


def two_thirds_of(n: int) -> int:
    """Yes-votes needed for 2/3 of n (3분의 2 이상, Art. 58②): 3 × yes ≥ 2 × n; 10 → 7."""
    return (2 * n + 2) // 3


def quorum(*, seats: int, seated: int, two_thirds: bool = False) -> Quorum:
    """Art. 30: the council resolves with yes-votes over half of its membership (or 2/3 for
    re-contracting the management company, Art. 58②). When fewer reps are seated than that, the
    council cannot resolve at all (the residents decide instead)."""
    m = membership(seats=seats, seated=seated)
    required = two_thirds_of(m) if two_thirds else majority_of(m)
    return Quorum(
        seats=seats,
        seated=seated,
        membership=m,
        required_yes=required,
        can_resolve=m > 0 and seated >= required,
    )


def passes(*, yes: int, required_yes: int) -> bool:
    """Abstentions never count as yes; a tie fails (40-council.md rule 3)."""
    return yes >= required_yes
