"""The export contract of export_bills: per unit, its bill as plain values."""

from core.errors import ApplicationError

from .billing import natural_key
from .models import Bill

CSV_COLUMNS = [
    "building",
    "unit",
    "supply_area",
    "period",
    "issued_on",
    "due_date",
    "lines",
    "management_fee",
    "usage_charges",
    "repair_reserve",
    "misc_income_credit",
    "arrears",
    "late_fee",
    "total_due",
]


def bill_rows(*, complex, period) -> list[dict]:
    bills = list(
        Bill.objects.filter(complex=complex, period=period).select_related("unit__building")
    )
    if not bills:
        raise ApplicationError(f"{period:%Y-%m} 고지서가 없습니다.")
    bills.sort(key=lambda b: (natural_key(b.unit.building.name), natural_key(b.unit.number)))
    return [
        {
            "building": b.unit.building.name,
            "unit": b.unit.number,
            "supply_area": str(b.supply_area),
            "period": f"{b.period:%Y-%m}",
            "issued_on": b.issued_on.isoformat() if b.issued_on else None,
            "due_date": b.due_date.isoformat(),
            "status": b.status,
            "lines": [{"item": line["item"], "amount": line["amount"]} for line in b.lines],
            "management_fee": b.management_fee,
            "usage_charges": b.usage_charges,
            "repair_reserve": b.repair_reserve,
            "misc_income_credit": b.misc_income_credit,
            "arrears": b.arrears,
            "late_fee": b.late_fee,
            "total_due": b.total_due,
        }
        for b in bills
    ]
