"""Fee comparison statistics (60-disclosure.md "Comparison"): pure functions over numbers.

A group is shown only when it has at least MIN_GROUP complexes (the issue's rule: a comparison
never exposes a group smaller than 5 complexes)."""

from decimal import ROUND_HALF_UP, Decimal

MIN_GROUP = 5


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return None
    mid = n // 2
    if n % 2:
        return Decimal(values[mid])
    return ((Decimal(values[mid - 1]) + Decimal(values[mid])) / 2).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )


def percentile_rank(value, values) -> int:
    """Share of the group (itself included) paying less, counting ties as half, in whole
    percent: 0 = cheapest, 100 = dearest. (2.0 in [1, 2, 3, 4] → (1 + 0.5) / 4 = 38%)."""
    below = sum(1 for v in values if v < value)
    equal = sum(1 for v in values if v == value)
    return int((Decimal(below) + Decimal(equal) / 2) * 100 / len(values) + Decimal("0.5"))


def trend(series) -> dict:
    """The direction of a monthly series: the mean of its last 3 months against the mean of the
    same 3 months a year earlier (or the first 3 when shorter). ±2% is 보합."""
    values = [v for v in series if v is not None]
    if len(values) < 6:
        return {"pct": None, "label": "자료 부족"}
    recent = sum(values[-3:]) / 3
    earlier_slice = values[-15:-12] if len(values) >= 15 else values[:3]
    earlier = sum(earlier_slice) / 3
    if not earlier:
        return {"pct": None, "label": "자료 부족"}
    pct = (Decimal(recent) - Decimal(earlier)) * 100 / Decimal(earlier)
    pct = pct.quantize(Decimal("0.1"), ROUND_HALF_UP)
    label = "상승" if pct > 2 else "하락" if pct < -2 else "보합"
    return {"pct": pct, "label": label}


def size_band(households: int) -> str:
    if households < 300:
        return "s"
    if households < 1000:
        return "m"
    return "l"


SIZE_BANDS = {"s": "300세대 미만", "m": "300~999세대", "l": "1,000세대 이상"}


def age_band(approved_year: int, this_year: int) -> str:
    age = this_year - approved_year
    if age < 10:
        return "new"
    if age < 20:
        return "mid"
    return "old"


AGE_BANDS = {"new": "10년 미만", "mid": "10~19년", "old": "20년 이상"}
