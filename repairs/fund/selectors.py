"""Reads of the repair reserve fund (above fees): what a developer owes and paid for its
unsold units, from the fees app's bills and payments."""

from datetime import date

from complexes.unsold import developer_bills_q
from fees.billing import natural_key
from fees.models import Bill, RunStatus
from fees.selectors import unit_account

from .ledger import reserve_paid_share


def developer_statement(*, complex, developer: str, start: date, end: date, on: date) -> dict:
    """What a developer owes and paid for its unsold units (seed 004, 시행령 31조⑦): every issued
    bill of a month in [start, end] in which the unit was unsold by `developer`, with its charges
    and reserve line, and what was paid by `on` — period charges first, then late fees, in the
    fees app's payment order (Art. 86⑤); the reserve paid pro rata when a bill is partly paid
    (fees precise rule 13, as on the certificate of reserve paid)."""
    start, end = date(start.year, start.month, 1), date(end.year, end.month, 1)
    bills = list(
        Bill.objects.filter(
            complex=complex, status=RunStatus.ISSUED, period__gte=start, period__lte=end
        )
        .filter(developer_bills_q(complex=complex, developer=developer))
        .select_related("unit__building")
        .order_by("unit_id", "period")
    )
    debts = {}
    for unit in {b.unit_id: b.unit for b in bills}.values():
        for debt in unit_account(unit=unit, on=on).debts:
            debts[debt.bill_id] = debt
    rows = []
    for bill in bills:
        debt = debts.get(bill.pk)
        charges = max(bill.charges, 0)
        charges_paid = (debt.charges - debt.charges_unpaid) if debt else 0
        late_paid = debt.late_fee_paid if debt else 0
        rows.append(
            {
                "bill": bill,
                "unit": bill.unit,
                "period": bill.period,
                "charges": bill.charges,
                "reserve": bill.repair_reserve,
                "late_fee": bill.late_fee,
                "paid": charges_paid + late_paid,
                "reserve_paid": reserve_paid_share(bill.repair_reserve, charges_paid, charges)
                if charges > 0
                else bill.repair_reserve,
                "unpaid": (debt.unpaid if debt else bill.charges + bill.late_fee),
            }
        )
    rows.sort(
        key=lambda r: (
            natural_key(r["unit"].building.name),
            natural_key(r["unit"].number),
            r["period"],
        )
    )
    keys = ("charges", "reserve", "late_fee", "paid", "reserve_paid", "unpaid")
    return {
        "developer": developer,
        "start": start,
        "end": end,
        "on": on,
        "rows": rows,
        "units": len({r["unit"].pk for r in rows}),
        "totals": {k: sum(r[k] for r in rows) for k in keys},
    }
