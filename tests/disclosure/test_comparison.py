"""The comparison of fee per m² per charge item against similar complexes (60-disclosure.md
"Comparison"): median, percentile rank, trend, and never a group under 5 complexes."""

from datetime import date
from decimal import Decimal

import pytest

from complexes.models import HeatingType
from disclosure import selectors, services
from tests.disclosure.helpers import group, summaries
from tests.factories import ComplexFactory

pytestmark = pytest.mark.django_db


def test_median_percentile_and_group_of_five():
    cs = group(5)  # 1000, 1010, 1020, 1030, 1040 won/m²
    cmp = selectors.comparison_for(complex=cs[4], item="cleaning")
    assert cmp["group"]["size"] == 5
    assert cmp["group"]["label"].startswith("같은 자치구 · 난방방식 · 규모 · 연식")
    assert cmp["median"] == Decimal("1020")
    assert cmp["value"] == Decimal("1040.00")
    assert cmp["percentile"] == 90
    assert len(cmp["periods"]) == 24 and cmp["median_series"][-1] == Decimal("1020")
    assert sorted(cmp["group"]["names"]) == sorted(c.name for c in cs)


def test_never_a_group_smaller_than_five():
    """4 complexes in the whole city: no comparison is shown at all."""
    cs = group(4)
    cmp = selectors.comparison_for(complex=cs[0], item="cleaning")
    assert cmp["group"] is None and cmp.get("too_small")
    assert "median" not in cmp


def test_group_widens_until_it_has_five():
    """3 central-heating + 2 district-heating complexes in 강남구: the heating-type group is too
    small, so the group is the whole district (5)."""
    central = group(3, heating=HeatingType.CENTRAL)
    group(2, heating=HeatingType.DISTRICT, base=2000)
    cmp = selectors.comparison_for(complex=central[0], item="cleaning")
    assert cmp["group"]["label"] == "같은 자치구" and cmp["group"]["size"] == 5
    # another district's complexes are not in a district group
    group(5, district="11650", base=5000)
    assert selectors.comparison_for(complex=central[0], item="cleaning")["group"]["size"] == 5


def test_trend_over_24_months():
    cs = group(5)
    own = ComplexFactory(approved_on=date(2010, 1, 1), heating_type=HeatingType.CENTRAL)
    services.profile_refresh(complex=own, households=600, area=Decimal("10000"))
    summaries(own, per_m2_by_month=[1000] * 12 + [1100] * 12)
    cmp = selectors.comparison_for(complex=own, item="cleaning")
    assert cmp["trend"]["label"] == "상승" and cmp["trend"]["pct"] == Decimal("10.0")
    assert cmp["group_trend"]["label"] == "보합"
    assert cmp["group"]["size"] == 6 and cs


def test_total_item_sums_every_item():
    c = ComplexFactory()
    rows = services.fee_summaries_store(
        complex=c,
        period=date(2026, 9, 1),
        totals={"cleaning": 300, "security": 700},
        area=Decimal("10"),
    )
    total = next(r for r in rows if r.item == services.TOTAL)
    assert (total.total, total.per_m2) == (1000, Decimal("100.00"))


def test_anomaly_flag_keeps_a_given_reason_and_blocks_publishing_without_one():
    """An item moving ≥ 10% against last month needs a reason before the month is published."""
    from core.errors import ApplicationError

    c = ComplexFactory()
    services.fee_summaries_store(
        complex=c, period=date(2026, 8, 1), totals={"cleaning": 1_000_000}, area=Decimal("100")
    )
    services.fee_summaries_store(
        complex=c, period=date(2026, 9, 1), totals={"cleaning": 1_100_000}, area=Decimal("100")
    )
    with pytest.raises(ApplicationError) as e:
        services.fee_month_publish(complex=c, period=date(2026, 9, 1))
    assert "청소비: 전월 대비 +10.0%" in e.value.extra["items"]
    services.fee_reason_set(
        complex=c,
        period=date(2026, 9, 1),
        item="cleaning",
        reason="용역 단가 인상 (입주자대표회의 의결)",
    )
    services.fee_reason_set(complex=c, period=date(2026, 9, 1), item="total", reason="청소비 인상")
    pub = services.fee_month_publish(complex=c, period=date(2026, 9, 1))
    assert pub.is_published and pub.due_on == date(2026, 10, 31)
