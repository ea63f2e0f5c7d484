"""Funding projection (30-repairs.md "Beyond the seed") on the 별표 9 example."""

from datetime import date
from fractions import Fraction

import pytest

from repairs.plan.plan_math import ComponentSpec
from repairs.plan.projection import project, schedule_for
from repairs.plan.reserve import PhaseSpec
from repairs.selectors import current_revision
from tests.repairs.helpers import seed_complex, seed_plan

pytestmark = pytest.mark.django_db


def test_projection_of_the_seed_example():
    """별표 9: 5,000,000,000 won repaired 2001/2011/2021/2031 (1,250,000,000 each); phase 1
    bills 200 × 8,333 + 400 × 16,666 = 8,333,000 won a month, phase 2 12,500,000 won."""
    c = seed_complex()
    rev = seed_plan(c)
    s = schedule_for(complex=c, revision=rev)
    p = project(schedule=s, balance=0, today=date(2010, 1, 15))
    y2010, y2011 = p.years[0], p.years[1]
    assert (y2010.year, y2010.opening, y2010.accruals, y2010.works) == (2010, 0, 12 * 8_333_000, 0)
    assert y2011.accruals == 12 * 12_500_000 and y2011.works == 1_250_000_000
    assert y2011.closing == 12 * 8_333_000 + 12 * 12_500_000 - 1_250_000_000
    assert p.first_negative_year == 2011  # starting from an empty reserve in 2010
    # should have by now: 108 months of phase 1 (1,000,000,000 / 120 each) − the 2001 works
    assert p.should_have == 900_000_000 - 1_250_000_000
    assert p.percent_funded is None  # nothing should be there (works exceeded accruals)
    assert [t["monthly"] for t in p.unit_types] == [8_333, 16_666]


def test_percent_funded_and_what_if():
    c = seed_complex()
    rev = seed_plan(c)
    today = date(2015, 1, 1)
    s = schedule_for(complex=c, revision=rev)
    # balance 0 in 2015; the plan says 1,000,000,000 + 48 × 12,500,000 − 2,500,000,000 < 0
    assert project(schedule=s, balance=0, today=today).should_have == -900_000_000
    # A what-if with 40 % in phase 1 and 10 % in phase 2 changes the price of both.
    phases = [PhaseSpec.of(p) for p in rev.phases.all()]
    phases[0] = PhaseSpec(phases[0].start_month, phases[0].end_month, Fraction(40))
    phases[1] = PhaseSpec(phases[1].start_month, phases[1].end_month, Fraction(10))
    w = project(
        schedule=schedule_for(complex=c, revision=rev, overrides={"phases": phases}),
        balance=0,
        today=today,
    )
    base = project(schedule=s, balance=0, today=today)
    assert [t["monthly"] for t in base.unit_types] == [12_500, 25_000]
    assert [t["monthly"] for t in w.unit_types] == [4_166, 8_333]  # 83.33… won/m²
    # A component's longer cycle removes an occurrence from the plan (and its total).
    comps = [ComponentSpec.of(x) for x in current_revision(complex=c).components.all()]
    longer = [
        ComponentSpec(**{**x.__dict__, "cycle_years": 20}) for x in comps
    ]  # 2001, 2021 only → total 2,500,000,000
    w2 = schedule_for(complex=c, revision=rev, overrides={"components": longer})
    assert w2.total_cost == 2_500_000_000
