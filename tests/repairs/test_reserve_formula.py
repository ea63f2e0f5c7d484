"""별표 9 / 시행령 31조③ / Art. 83: the monthly reserve per unit, with the seed's numbers."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complexes.models import Unit
from repairs.plan.reserve import (
    accrual_start_month,
    monthly_reserve_by_unit,
    phase_price_per_m2,
    reserve_basis,
    unit_amount,
)
from repairs.services import settings_update
from tests.repairs.helpers import seed_complex, seed_plan


def by_area(c, amounts):
    areas = dict(Unit.objects.filter(complex=c).values_list("pk", "supply_area"))
    out = {}
    for pk, won in amounts.items():
        out.setdefault(areas[pk], set()).add(won)
    return out


@pytest.mark.django_db
def test_byeolpyo9_worked_example_through_import_and_phases():
    """별표 9: 5,000,000,000 won, 50,000 m², 10-year phases 20/30/30/20 % →
    166.67 / 250 / 250 / 166.67 won per m² a month; phase 2: 12,500 (50 m²) and 25,000 won
    (100 m²), 12,500,000 won a month for the complex."""
    c = seed_complex()
    seed_plan(c)
    prices = [reserve_basis(complex=c, period=date(y, 6, 1)) for y in (2005, 2015, 2025, 2035)]
    assert [b.total_cost for b in prices] == [5_000_000_000] * 4
    assert [b.total_area for b in prices] == [50_000] * 4
    assert [b.price_display for b in prices] == [
        Decimal("166.67"),
        Decimal("250.00"),
        Decimal("250.00"),
        Decimal("166.67"),
    ]
    assert prices[0].price == Fraction(500, 3)  # exact, not 166.67

    phase2 = monthly_reserve_by_unit(complex=c, period=date(2011, 1, 1))
    assert by_area(c, phase2) == {Decimal("50.00"): {12_500}, Decimal("100.00"): {25_000}}
    assert sum(phase2.values()) == 12_500_000

    # Phase 1 with the exact price: 50 m² → ⌊8,333.33⌋ = 8,333; 100 m² → ⌊16,666.67⌋ = 16,666.
    phase1 = monthly_reserve_by_unit(complex=c, period=date(2010, 12, 1))
    assert by_area(c, phase1) == {Decimal("50.00"): {8_333}, Decimal("100.00"): {16_666}}
    phase4 = monthly_reserve_by_unit(complex=c, period=date(2040, 12, 1))
    assert by_area(c, phase4) == {Decimal("50.00"): {8_333}, Decimal("100.00"): {16_666}}


@pytest.mark.django_db
def test_no_plan_gives_none(alpha):
    assert monthly_reserve_by_unit(complex=alpha.complex, period=date(2026, 10, 1)) is None


@pytest.mark.django_db
def test_zero_before_accrual_start():
    """seed 004: accrual starts in the month containing approval + 1 year (2000-01-01 → 2001-01)."""
    c = seed_complex()
    seed_plan(c)
    settings_update(complex=c, minimum_price_per_m2=Decimal("100"))
    before = monthly_reserve_by_unit(complex=c, period=date(2000, 12, 1))
    assert set(before.values()) == {0} and len(before) == 600
    assert set(monthly_reserve_by_unit(complex=c, period=date(2001, 1, 1)).values()) == {
        8_333,
        16_666,
    }


def test_accrual_start_examples():
    assert accrual_start_month(date(2000, 1, 1)) == date(2001, 1, 1)
    assert accrual_start_month(date(2019, 3, 15)) == date(2020, 3, 1)
    assert accrual_start_month(date(2020, 2, 29)) == date(2021, 2, 1)
    # seed 004: the temporary use approval of all units counts when it came first.
    assert accrual_start_month(date(2019, 3, 15), date(2018, 11, 2)) == date(2019, 11, 1)
    assert accrual_start_month(date(2019, 3, 15), date(2019, 5, 2)) == date(2020, 3, 1)


@pytest.mark.django_db
def test_minimum_price_applies_when_formula_is_lower():
    """Art. 83③: the configured minimum (here 200 won/m²) applies when 별표 9 gives 166.67."""
    c = seed_complex()
    seed_plan(c)
    settings_update(complex=c, minimum_price_per_m2=Decimal("200"))
    phase1 = reserve_basis(complex=c, period=date(2005, 1, 1))
    assert phase1.price == 200 and "제83조③" in phase1.note
    assert by_area(c, phase1.amounts) == {Decimal("50.00"): {10_000}, Decimal("100.00"): {20_000}}
    phase2 = monthly_reserve_by_unit(complex=c, period=date(2015, 1, 1))
    assert by_area(c, phase2) == {Decimal("50.00"): {12_500}, Decimal("100.00"): {25_000}}


@pytest.mark.django_db
def test_plan_without_phases_charges_minimum_or_zero_with_note():
    """30-repairs.md precise rule 6: no phases → minimum if configured, else 0 with a note."""
    from repairs.services import plan_import
    from tests.repairs.helpers import SEED_PLAN_CSV

    c = seed_complex()
    plan_import(
        complex=c,
        data=SEED_PLAN_CSV.encode(),
        filename="p.csv",
        start_month=date(2001, 1, 1),
        end_month=date(2040, 12, 1),
    )
    basis = reserve_basis(complex=c, period=date(2015, 1, 1))
    assert set(basis.amounts.values()) == {0} and "적립 단계가 없어" in basis.note
    settings_update(complex=c, minimum_price_per_m2=Decimal("50"))
    assert by_area(c, monthly_reserve_by_unit(complex=c, period=date(2015, 1, 1))) == {
        Decimal("50.00"): {2_500},
        Decimal("100.00"): {5_000},
    }


@given(
    total=st.integers(min_value=0, max_value=10**13),
    rate=st.integers(min_value=1, max_value=100),
    months=st.integers(min_value=1, max_value=600),
    area_cents=st.integers(min_value=1, max_value=10**7),
)
def test_unit_amount_is_floor_of_exact_product(total, rate, months, area_cents):
    """별표 9: exact price × area, rounded down: never above the exact amount, less than 1 won below."""
    total_area = Fraction(50_000)
    price = phase_price_per_m2(Fraction(total), Fraction(rate), total_area, months)
    area = Decimal(area_cents) / 100
    exact = price * Fraction(area)
    won = unit_amount(price, area)
    assert won <= exact < won + 1


@pytest.mark.django_db
def test_no_plan_with_minimum_charges_the_minimum(alpha):
    """Precise rule 6 / Art. 83③: no plan but a configured minimum (30 won/m²) → the minimum;
    alpha approved 2010-01-15 → from 2011-01."""
    settings_update(complex=alpha.complex, minimum_price_per_m2=Decimal("30"))
    amounts = monthly_reserve_by_unit(complex=alpha.complex, period=date(2026, 10, 1))
    # 84.97 × 30 = 2,549.1 → 2,549; 59.90 × 30 = 1,797
    assert amounts == {alpha.unit.pk: 2_549, alpha.lessee_unit.pk: 1_797}
    assert (
        "장기수선계획이 없어" in reserve_basis(complex=alpha.complex, period=date(2026, 10, 1)).note
    )
    assert set(
        monthly_reserve_by_unit(complex=alpha.complex, period=date(2010, 12, 1)).values()
    ) == {0}
