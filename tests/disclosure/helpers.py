from datetime import date
from decimal import Decimal

from complexes.models import HeatingType
from disclosure import services
from disclosure.duties import add_months
from tests.factories import ComplexFactory


def summaries(
    complex_, *, per_m2_by_month, area=Decimal("10000"), item="cleaning", start=date(2025, 1, 1)
):
    """Store month after month of one item for a complex (total = per_m2 × area)."""
    for i, value in enumerate(per_m2_by_month):
        services.fee_summaries_store(
            complex=complex_,
            period=add_months(start, i),
            totals={item: int(Decimal(value) * area)},
            area=area,
        )


def group(
    n,
    *,
    district="11680",
    heating=HeatingType.CENTRAL,
    households=600,
    approved=date(2010, 1, 1),
    base=1000,
    months=24,
):
    """n similar complexes, the k-th paying base + 10k won per m² every month."""
    made = []
    for k in range(n):
        c = ComplexFactory(district_code=district, heating_type=heating, approved_on=approved)
        services.profile_refresh(complex=c, households=households, area=Decimal("10000"))
        summaries(c, per_m2_by_month=[base + 10 * k] * months)
        made.append(c)
    return made
