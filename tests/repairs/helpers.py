"""Builders for the seed's 별표 9 example (seed 004, 30-repairs.md worked example)."""

from datetime import date
from decimal import Decimal

from complexes.models import Building, Complex, Unit
from repairs.services import parse_phase_specs, phases_set, plan_import

# One component repaired fully every 10 years: 4 occurrences in 2001–2040 of 1,250,000,000 won
# → total repair cost of the plan period 5,000,000,000 won (별표 9).
SEED_PLAN_CSV = (
    "component,category,method,cycle_years,first_year,repair_rate,quantity,unit,unit_cost\n"
    "전체 공용부분 수선,exterior,full,10,2001,100,1,식,1250000000\n"
)
SEED_PHASES = [
    "2001-01:2010-12:20",
    "2011-01:2020-12:30",
    "2021-01:2030-12:30",
    "2031-01:2040-12:20",
]


def seed_complex(slug="byeolpyo9") -> Complex:
    """Use approval 2000-01-01; 600 units: 200 of 50 m², 400 of 100 m² → 50,000 m²."""
    c = Complex.objects.create(
        slug=slug,
        name="별표9아파트",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2000, 1, 1),
    )
    units = []
    for b in range(6):
        building = Building.objects.create(complex=c, name=str(101 + b))
        for i in range(100):
            area = Decimal("50.00") if b < 2 else Decimal("100.00")
            units.append(
                Unit(
                    complex=c,
                    building=building,
                    number=f"{i // 4 + 1}{i % 4 + 1:02d}",
                    floor=i // 4 + 1,
                    supply_area=area,
                )
            )
    Unit.objects.bulk_create(units)
    return c


def seed_plan(c: Complex):
    plan_import(
        complex=c,
        data=SEED_PLAN_CSV.encode(),
        filename="plan.csv",
        start_month=date(2001, 1, 1),
        end_month=date(2040, 12, 1),
    )
    return phases_set(complex=c, specs=parse_phase_specs(SEED_PHASES))


ALPHA_PLAN_CSV = (
    "component,category,method,cycle_years,first_year,repair_rate,quantity,unit,unit_cost\n"
    "ALPHA 옥상 방수,exterior,full,15,2025,100,1000,㎡,40000\n"
    "외벽 도장,exterior,full,8,2019,100,5000,㎡,12000\n"
    "승강기 교체,electrical,full,25,2035,100,2,대,90000000\n"
)
ALPHA_PHASES = [
    "2011-01:2020-12:15",
    "2021-01:2030-12:30",
    "2031-01:2040-12:30",
    "2041-01:2050-12:25",
]


def plan_alpha(complex_, tag="ALPHA"):
    """A small plan for a test complex (approved 2010-01-15 → accrual from 2011-01)."""
    plan_import(
        complex=complex_,
        data=ALPHA_PLAN_CSV.replace("ALPHA", tag).encode(),
        filename="alpha.csv",
        start_month=date(2011, 1, 1),
        end_month=date(2050, 12, 1),
    )
    return phases_set(complex=complex_, specs=parse_phase_specs(ALPHA_PHASES))


def resolution(complex_, *, passed=True, title="장기수선충당금 사용계획 승인"):
    """A council resolution (council.models) to approve a usage plan with."""
    from django.utils import timezone

    from council.models import AgendaItem, Meeting, Resolution

    number = Meeting.objects.filter(complex=complex_).count() + 1
    meeting = Meeting.objects.create(
        complex=complex_, number=number, kind="regular", starts_at=timezone.now(), place="관리동"
    )
    item = AgendaItem.objects.create(
        complex=complex_,
        title=title,
        category="usage_plan",
        proposer_kind="manager",
        proposer_name="관리사무소장",
        proposed_on=timezone.localdate(),
        motion="원안 가결",
        reason="장기수선계획",
        content="사용계획서",
        meeting=meeting,
    )
    return Resolution.objects.create(
        complex=complex_,
        item=item,
        meeting=meeting,
        passed=passed,
        yes=5 if passed else 1,
        no=0 if passed else 4,
        abstain=0,
        seats=7,
        seated=6,
        membership=6,
        required_yes=4,
        present=5,
        decided_at=timezone.now(),
    )
