"""별지 9 세부배점표 (Art. 56②(별지 9); 70-procurement.md rules 4–6, tables A and B).

Pure functions on exact numbers (Decimal / Fraction): no floats, no database. Every score is a
Decimal; the price score is rounded half-up to 2 places, its deviation d kept unrounded.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from core.errors import ApplicationError

TEMPLATES = ("management", "works", "service")

# Table B — credit rating (기업신용: "회사채에 준하는 등급"). Open reading 5: A+, A0, A- score 15;
# "BB" (14.5) is BB-; "B" (14.0) is B-. The seed writes the flat grade "°" (AA° = AA0).
BOND = {
    **dict.fromkeys(
        ["AAA", "AA+", "AA0", "AA-", "A+", "A0", "A-", "BBB+", "BBB0", "BBB-", "BB+", "BB0"],
        Decimal("15.0"),
    ),
    "BB-": Decimal("14.5"),
    **dict.fromkeys(["B+", "B0", "B-"], Decimal("14.0")),
}
COMMERCIAL_PAPER = {
    **dict.fromkeys(
        ["A1", "A2+", "A20", "A2-", "A3+", "A30", "A3-", "B+"],
        Decimal("15.0"),
    ),
    "B0": Decimal("14.5"),
    "B-": Decimal("14.0"),
}
LOWEST_CREDIT = Decimal("11.0")  # CCC+ and below / C and below; no rating (open reading 5)


def normalise_grade(grade: str) -> str:
    g = (grade or "").strip().upper().replace("°", "0").replace("º", "0").replace(" ", "")
    return g


def credit_score(grade: str, *, scale: str = "bond") -> Decimal:
    """Table B: 15.0 / 14.5 / 14.0 / 11.0. An unknown or missing grade scores 11.0 (the
    lowest row: "CCC+ 이하", "C 이하"; open reading 5 for no rating)."""
    table = COMMERCIAL_PAPER if scale == "cp" else BOND
    return table.get(normalise_grade(grade), LOWEST_CREDIT)


def sanctions_score(*, template: str, sanctions: int, households: int | None = None) -> int:
    """별지 9 행정처분 건수 (15). Management company "(세대당)": r = sanctions × 50,000 ÷
    households managed — 15: r ≤ 2 · 12: ≤ 4 · 9: ≤ 6 · 6: ≤ 8 · 3: r > 8. Works and service:
    the count — 15: ≤ 1 · 12: 2–3 · 9: 4–5 · 6: 6–7 · 3: ≥ 8."""
    if sanctions is None or sanctions < 0:
        raise ApplicationError("행정처분 건수는 0 이상입니다.", {"field": "sanctions"})
    if template == "management":
        if not households or households <= 0:
            raise ApplicationError(
                "주택관리업자는 관리 세대수가 있어야 세대당 행정처분을 계산합니다 (별지 9).",
                {"field": "households_managed"},
            )
        r = Fraction(sanctions * 50_000, households)
        for limit, score in ((2, 15), (4, 12), (6, 9), (8, 6)):
            if r <= limit:
                return score
        return 3
    for limit, score in ((1, 15), (3, 12), (5, 9), (7, 6)):
        if sanctions <= limit:
            return score
    return 3


def record_score(cases: int) -> int:
    """별지 9 관리실적/업무실적 (10): 10 ≥ 10 cases · 8: 9–8 · 6: 7–6 · 4: 5–4 · 2: ≤ 3."""
    if cases is None or cases < 0:
        raise ApplicationError("실적 건수는 0 이상입니다.", {"field": "record_cases"})
    for minimum, score in ((10, 10), (8, 8), (6, 6), (4, 4)):
        if cases >= minimum:
            return score
    return 2


# Rule 5: bands as (cumulative share, score), best first.
CAPABILITY_BANDS = [
    (Fraction(20, 100), Decimal(8)),
    (Fraction(60, 100), Decimal(6)),
    (Fraction(80, 100), Decimal(4)),
    (Fraction(100, 100), Decimal(2)),
]
CAPABILITY_ALL_MET = Decimal(10)
PROPOSAL_BANDS = [
    (Fraction(10, 100), Decimal("5.0")),
    (Fraction(30, 100), Decimal("4.5")),
    (Fraction(70, 100), Decimal("4.0")),
    (Fraction(90, 100), Decimal("3.5")),
    (Fraction(100, 100), Decimal("3.0")),
]
# 비고 1, open reading 7: below these counts percentages cannot give every band a bidder.
CAPABILITY_MIN_N = 5
PROPOSAL_MIN_N = 10


def bands(values: dict, band_table, min_n: int) -> dict:
    """Rule 5: sort the bidders concerned, best (highest value) first; ties share the better
    band. Position i of n gets the first band whose cumulative share ≥ i/n (exact fractions).
    With fewer than `min_n` bidders, rank order instead (비고 1): 1st the best band, 2nd the
    next, the last band for the rest. `values`: key → number; returns key → score."""
    n = len(values)
    ordered = sorted(values.items(), key=lambda kv: kv[1], reverse=True)
    out = {}
    position = 0
    previous = object()
    for index, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            position, previous = index, value
        if n < min_n:
            out[key] = band_table[min(position - 1, len(band_table) - 1)][1]
        else:
            share = Fraction(position, n)
            out[key] = next(score for cum, score in band_table if cum >= share)
    return out


def capability_scores(entries: dict) -> dict:
    """별지 9 기술자 보유 / 장비보유 (10) and 비고 2: every requirement of the notice met → 10
    (rank 1); the rest ranked by quantity held, 20/60/80/100 % → 8 / 6 / 4 / 2.
    `entries`: key → (all_met: bool, quantity: int)."""
    met = {k: CAPABILITY_ALL_MET for k, (all_met, _) in entries.items() if all_met}
    rest = {k: q for k, (all_met, q) in entries.items() if not all_met}
    return {**met, **bands(rest, CAPABILITY_BANDS, CAPABILITY_MIN_N)}


def proposal_scores(values: dict) -> dict:
    """별지 9 사업제안서 items (5 each): 우수 top 10% 5.0 · 양호 next 20% 4.5 · 보통 next 40%
    4.0 · 미흡 next 20% 3.5 · 부족 last 10% 3.0. `values`: key → the evaluators' mark."""
    return bands(values, PROPOSAL_BANDS, PROPOSAL_MIN_N)


PRICE_MAX = Decimal(30)
TWO_PLACES = Decimal("0.01")


def price_deviation(price: int, lowest: int) -> Fraction:
    """d = (bid − lowest) ÷ lowest × 100, exact (rule 6)."""
    if lowest <= 0:
        raise ApplicationError("최저 입찰가격은 0원보다 커야 합니다.", {"field": "price"})
    return Fraction((price - lowest) * 100, lowest)


def price_score(price: int, lowest: int) -> Decimal:
    """별지 9 입찰가격 (30), 비고 3: the lowest valid bid 30; others 30 − d; d ≥ 30 → 0.
    Rounded half-up to 2 places (rule 6). Seed: 1,000,000 vs 1,022,000 won → 30 and 27.8."""
    d = price_deviation(price, lowest)
    if d >= 30:
        return Decimal(0).quantize(TWO_PLACES)
    exact = Fraction(30) - d
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class BidInput:
    """What one bidder brings to table A."""

    key: object
    price: int
    credit_grade: str = ""
    credit_scale: str = "bond"
    sanctions: int = 0
    households_managed: int | None = None
    technicians_all_met: bool = False
    technicians: int = 0
    equipment_all_met: bool = False
    equipment: int = 0
    record_cases: int = 0
    plan_mark: Decimal = Decimal(0)
    partner_mark: Decimal = Decimal(0)


@dataclass
class Sheet:
    key: object
    items: dict = field(default_factory=dict)  # item code → Decimal
    deviation: Fraction = Fraction(0)

    @property
    def total(self) -> Decimal:
        return sum(self.items.values(), Decimal(0))


ITEMS = [
    ("credit", "신용평가등급", 15),
    ("sanctions", "행정처분 건수", 15),
    ("technicians", "기술자 보유", 10),
    ("equipment", "장비보유", 10),
    ("record", "관리실적·업무실적", 10),
    ("plan", "사업계획의 적합성", 5),
    ("partner", "상생발전지수·지원서비스 능력", 5),
    ("price", "입찰가격", 30),
]


def score_table(template: str, bids: list[BidInput]) -> list[Sheet]:
    """별지 9 table A for every valid bidder of one tender (total 100)."""
    if template not in TEMPLATES:
        raise ApplicationError("별지 9 서식은 주택관리업자·공사·용역 중 하나입니다.")
    if not bids:
        raise ApplicationError("채점할 유효한 입찰이 없습니다.")
    lowest = min(b.price for b in bids)
    tech = capability_scores({b.key: (b.technicians_all_met, b.technicians) for b in bids})
    equip = capability_scores({b.key: (b.equipment_all_met, b.equipment) for b in bids})
    plan = proposal_scores({b.key: b.plan_mark for b in bids})
    partner = proposal_scores({b.key: b.partner_mark for b in bids})
    sheets = []
    for b in bids:
        sheets.append(
            Sheet(
                key=b.key,
                items={
                    "credit": credit_score(b.credit_grade, scale=b.credit_scale),
                    "sanctions": Decimal(
                        sanctions_score(
                            template=template,
                            sanctions=b.sanctions,
                            households=b.households_managed,
                        )
                    ),
                    "technicians": tech[b.key],
                    "equipment": equip[b.key],
                    "record": Decimal(record_score(b.record_cases)),
                    "plan": plan[b.key],
                    "partner": partner[b.key],
                    "price": price_score(b.price, lowest),
                },
                deviation=price_deviation(b.price, lowest),
            )
        )
    return sheets


def qualification_winners(sheets: list[Sheet]) -> list:
    """Rule 4 and open reading 4: the highest total wins; tied totals → the higher price score;
    still tied → the keys left for a recorded lottery (one key = a clear winner)."""
    best = max(s.total for s in sheets)
    tied = [s for s in sheets if s.total == best]
    best_price = max(s.items["price"] for s in tied)
    return [s.key for s in tied if s.items["price"] == best_price]
