"""Splitting an amount of won over units, exactly (20-fees.md "The split is exact").

Each unit's exact share is A·wᵢ/Σw; every share is rounded down to the won and the A − Σ⌊sᵢ⌋
leftover won go one by one to the units with the largest fractional parts, ties broken by the
order the weights are given in (unit order, Precise rule 4). The shares always sum to A.

Integer arithmetic only: Decimal weights (supply areas, usages) are scaled to integers first.
"""

from collections.abc import Sequence
from decimal import Decimal


def _as_integers(weights: Sequence) -> list[int]:
    if set(map(type, weights)) == {int}:
        return weights
    places = 0
    for w in weights:
        if isinstance(w, Decimal):
            exponent = w.normalize().as_tuple().exponent
            if isinstance(exponent, int) and -exponent > places:
                places = -exponent
        elif not isinstance(w, int):
            raise TypeError(f"weights must be int or Decimal, not {type(w).__name__}")
    scale = 10**places
    return [int(Decimal(w) * scale) for w in weights]


def split(amount: int, weights: Sequence) -> list[int]:
    """`amount` won over `weights` (≥ 0, not all 0) by the largest-remainder rule.

    >>> split(100_000, [Decimal("59.9"), Decimal("84.97"), Decimal("84.97"), Decimal("114.5")])
    [17396, 24676, 24676, 33252]
    """
    if amount < 0:
        return [-s for s in split(-amount, weights)]
    ints = _as_integers(weights)
    if ints and min(ints) < 0:
        raise ValueError("weights must not be negative")
    total = sum(ints)
    if total == 0:
        raise ValueError("weights sum to zero")
    # units of one area (or one usage) have the same share: one division per distinct weight
    quotients, remainders = {}, {}
    for w in set(ints):
        quotients[w], remainders[w] = divmod(amount * w, total)
    shares = list(map(quotients.__getitem__, ints))
    leftover = amount - sum(shares)
    if leftover:
        # largest remainder first; sorted() is stable, so ties keep the unit order
        remainder = list(map(remainders.__getitem__, ints))
        for i in sorted(range(len(ints)), key=remainder.__getitem__, reverse=True)[:leftover]:
            shares[i] += 1
    return shares


def split_equal(amount: int, count: int) -> list[int]:
    """`amount` over `count` units equally; the first units (unit order) take the leftover won."""
    return split(amount, [1] * count)
