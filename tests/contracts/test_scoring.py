"""별지 9 세부배점표 (Art. 56②(별지 9)) and 별지 10 (Art. 59①): a test per sub-item quoting the
form's points (70-procurement.md tables A–C, rules 4–6, 16)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from core.errors import ApplicationError
from council.contracts import evaluation, scoring


@pytest.mark.parametrize(
    "grade,score",
    [
        ("AAA", "15.0"),
        ("AA°", "15.0"),  # the seed's flat grade
        ("A0", "15.0"),  # open reading 5: A+, A0, A- read as 15
        ("BBB-", "15.0"),
        ("BB0", "15.0"),
        ("BB-", "14.5"),  # "BB"
        ("B+", "14.0"),
        ("B-", "14.0"),  # "B"
        ("CCC+", "11.0"),
        ("", "11.0"),  # no rating: 11.0 by default
    ],
)
def test_credit_rating_bond_table_b(grade, score):
    """Table B (회사채): 15.0 / 14.5 / 14.0 / 11.0."""
    assert scoring.credit_score(grade) == Decimal(score)


@pytest.mark.parametrize(
    "grade,score", [("A1", "15.0"), ("B+", "15.0"), ("B0", "14.5"), ("B-", "14.0"), ("C", "11.0")]
)
def test_credit_rating_commercial_paper(grade, score):
    """Table B (기업어음): B+ is 15 on this scale, 14.0 on the bond scale."""
    assert scoring.credit_score(grade, scale="cp") == Decimal(score)


@pytest.mark.parametrize(
    "sanctions,households,score",
    [
        (0, 1000, 15),
        (40, 1_000_000, 15),  # r = 2 exactly → 15
        (41, 1_000_000, 12),  # r = 2.05
        (80, 1_000_000, 12),  # r = 4
        (120, 1_000_000, 9),  # r = 6
        (160, 1_000_000, 6),  # r = 8
        (161, 1_000_000, 3),  # r > 8
    ],
)
def test_sanctions_per_household_management(sanctions, households, score):
    """별지 9 행정처분 (세대당): r = sanctions × 50,000 ÷ households — 15 ≤ 2, 12 ≤ 4, 9 ≤ 6,
    6 ≤ 8, 3 > 8."""
    assert (
        scoring.sanctions_score(template="management", sanctions=sanctions, households=households)
        == score
    )


@pytest.mark.parametrize(
    "count,score", [(0, 15), (1, 15), (2, 12), (3, 12), (4, 9), (5, 9), (6, 6), (7, 6), (8, 3)]
)
def test_sanctions_count_works_and_service(count, score):
    """별지 9 (공사·용역): 15 ≤ 1 · 12: 2–3 · 9: 4–5 · 6: 6–7 · 3: ≥ 8."""
    assert scoring.sanctions_score(template="works", sanctions=count) == score
    assert scoring.sanctions_score(template="service", sanctions=count) == score


def test_sanctions_management_needs_households():
    with pytest.raises(ApplicationError, match="관리 세대수"):
        scoring.sanctions_score(template="management", sanctions=1, households=0)


@pytest.mark.parametrize(
    "cases,score", [(12, 10), (10, 10), (9, 8), (8, 8), (7, 6), (6, 6), (5, 4), (4, 4), (3, 2)]
)
def test_record(cases, score):
    """별지 9 관리실적/업무실적: 10 ≥ 10 · 8: 9–8 · 6: 7–6 · 4: 5–4 · 2: ≤ 3."""
    assert scoring.record_score(cases) == score


def test_capability_all_met_is_rank_1_and_rest_by_percentage():
    """별지 9 기술자·장비, 비고 2: all requirements met → 10; the rest (n=5) by quantity held:
    top 20% 8 · next 40% 6 · next 20% 4 · last 20% 2."""
    entries = {
        "met": (True, 0),
        **{k: (False, q) for k, q in zip("abcde", [9, 7, 5, 3, 1], strict=True)},
    }
    s = scoring.capability_scores(entries)
    assert s["met"] == 10
    assert [s[k] for k in "abcde"] == [8, 6, 6, 4, 2]


def test_capability_few_bidders_by_rank():
    """비고 1 (rule 5, open reading 7): fewer than 5 → rank order: 8, 6, then the rest 4/2."""
    s = scoring.capability_scores({"a": (False, 5), "b": (False, 3), "c": (False, 3)})
    assert (s["a"], s["b"], s["c"]) == (8, 6, 6)  # ties share the better band
    s = scoring.capability_scores(
        {k: (False, q) for k, q in zip("abcd", [4, 3, 2, 1], strict=True)}
    )
    assert [s[k] for k in "abcd"] == [8, 6, 4, 2]


def test_proposal_bands_ten_bidders():
    """사업제안서: 우수 top 10% 5.0 · 양호 next 20% 4.5 · 보통 next 40% 4.0 · 미흡 next 20% 3.5
    · 부족 last 10% 3.0."""
    s = scoring.proposal_scores({i: 100 - i for i in range(10)})
    assert [s[i] for i in range(10)] == [
        Decimal(x) for x in ["5.0", "4.5", "4.5", "4.0", "4.0", "4.0", "4.0", "3.5", "3.5", "3.0"]
    ]


def test_proposal_few_bidders_rank_order():
    s = scoring.proposal_scores({"a": 90, "b": 80, "c": 70})
    assert (s["a"], s["b"], s["c"]) == (Decimal("5.0"), Decimal("4.5"), Decimal("4.0"))


def test_price_seed_example():
    """비고 3, the seed: 1,000,000 vs 1,022,000 won → 30 and 27.8 (d = 2.2)."""
    assert scoring.price_score(1_000_000, 1_000_000) == Decimal("30.00")
    assert scoring.price_score(1_022_000, 1_000_000) == Decimal("27.80")
    assert scoring.price_deviation(1_022_000, 1_000_000) == Fraction(11, 5)


def test_price_rounding_and_floor():
    """Rule 6: half-up to 2 places; d ≥ 30 → 0."""
    # d = 100/3 % ... use 1,000,003 vs 3: exact fraction rounding
    assert scoring.price_score(1_000_125, 1_000_000) == Decimal("29.99")  # 29.9875 → 29.99
    assert scoring.price_score(1_300_000, 1_000_000) == Decimal("0.00")
    assert scoring.price_score(1_299_999, 1_000_000) == Decimal("0.00")  # 0.0001 → 0.00


def test_table_totals_and_tie_break_by_price():
    """Rule 4 / open reading 4: the highest total wins; tied totals → the higher price score."""
    bids = [
        scoring.BidInput(
            key="a",
            price=1_000_000,
            credit_grade="AAA",
            record_cases=10,
            technicians_all_met=True,
            equipment_all_met=True,
            plan_mark=Decimal(9),
            partner_mark=Decimal(9),
        ),
        scoring.BidInput(
            key="b",
            price=1_022_000,
            credit_grade="AAA",
            record_cases=10,
            technicians_all_met=True,
            equipment_all_met=True,
            plan_mark=Decimal(8),
            partner_mark=Decimal(8),
        ),
    ]
    sheets = scoring.score_table("works", bids)
    by = {s.key: s for s in sheets}
    assert by["a"].total == Decimal("100.00")
    assert by["b"].total == Decimal("15.0") + 15 + 10 + 10 + 10 + Decimal("4.5") * 2 + Decimal(
        "27.80"
    )
    assert scoring.qualification_winners(sheets) == ["a"]


def test_tie_with_equal_price_goes_to_lottery():
    bids = [scoring.BidInput(key=k, price=1_000_000) for k in "ab"]
    assert scoring.qualification_winners(scoring.score_table("service", bids)) == ["a", "b"]


def test_unknown_template_refused():
    with pytest.raises(ApplicationError):
        scoring.score_table("other", [scoring.BidInput(key=1, price=1)])


@pytest.mark.parametrize("template", sorted(evaluation.TEMPLATES))
def test_evaluation_templates_total_100(template):
    """Table C: each 별지 10 template totals 100."""
    assert sum(m for _, _, m in evaluation.TEMPLATES[template]) == 100


def test_evaluation_security_items_quote_the_form():
    """별지 10 경비: 복장 10 · 친절도 10 · 성실도 10 · 사고대처 20 · 교육 10 · 충원 10 · 처우개선
    10 · 용역금액 20."""
    assert [m for _, _, m in evaluation.TEMPLATES["security"]] == [10, 10, 10, 20, 10, 10, 10, 20]
    assert [m for _, _, m in evaluation.TEMPLATES["recycling"]] == [20, 20, 10, 10, 10, 30]
    assert [m for _, _, m in evaluation.TEMPLATES["elevator"]] == [10, 10, 20, 10, 10, 10, 10, 20]


def _sheet(template, total_off=0):
    items = evaluation.TEMPLATES[template]
    scores = {code: m for code, _, m in items}
    for code, _, m in items:  # take the points off item by item
        off = min(total_off, m)
        scores[code] -= off
        total_off -= off
    return scores


def test_evaluation_mean_and_80_boundary():
    """Art. 59①: score = mean of the evaluators' totals; ≥ 80 unrounded. 80, 80, 79 → 79.67
    refused; 80, 80, 80 → eligible."""
    a = evaluation.average(
        "cleaning", [_sheet("cleaning", 20), _sheet("cleaning", 20), _sheet("cleaning", 21)]
    )
    assert a == Fraction(239, 3)
    assert not evaluation.eligible(a)
    assert evaluation.eligible(evaluation.average("cleaning", [_sheet("cleaning", 20)] * 3))


def test_evaluation_item_over_its_maximum_refused():
    s = _sheet("cleaning")
    s["uniform"] = 11
    with pytest.raises(ApplicationError, match="0점부터 10점"):
        evaluation.evaluator_total("cleaning", s)
    s = _sheet("cleaning")
    del s["price"]
    with pytest.raises(ApplicationError, match="점수가 없습니다"):
        evaluation.evaluator_total("cleaning", s)
    with pytest.raises(ApplicationError):
        evaluation.average("cleaning", [])
    with pytest.raises(ApplicationError, match="별지 10"):
        evaluation.items_of("gardening")
