"""The printed bill (Art. 86): one A4 page per unit even with every charge item, arrears, a late
fee and an adjustment on it; the combined file of a period keeps building/unit order when it is
rendered in parts by several processes (core.pdf)."""

import subprocess
from datetime import date

from fees import services
from fees.items import ITEM_CODES
from fees.models import Bill
from fees.pdf import bill_pdf, bills_pdf
from tests.factories import UnitFactory
from tests.fees.helpers import OCT, SEP, import_costs


def pages(data: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(p.split()) for p in text.split("\f") if p.strip()]


def every_item_costs(complex_, period):
    # heating is split net of hot water (Precise rules 1), so it must be the larger amount
    amounts = {code: 100_000 + i * 7_919 for i, code in enumerate(ITEM_CODES)} | {
        "heating": 5_000_000
    }
    rows = "\n".join(f"{code},{amount},,area" for code, amount in amounts.items())
    import_costs(complex_, period, f"item,amount,unit_price,basis\n{rows}")


def test_a_bill_with_every_line_fits_on_one_page(alpha):
    every_item_costs(alpha.complex, SEP)
    services.billing_run_issue(complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 5))
    services.adjustment_create(
        complex=alpha.complex, unit=alpha.unit, period=OCT, amount=-1_230, reason="9월 검침 정정"
    )
    every_item_costs(alpha.complex, OCT)
    services.billing_run_issue(complex=alpha.complex, period=OCT, issued_on=date(2026, 11, 30))
    bill = Bill.objects.get(unit=alpha.unit, period=OCT)
    assert bill.arrears > 0 and bill.late_fee > 0  # September was never paid

    (page,) = pages(bill_pdf(bill))
    assert "납부하실 금액" in page and f"{bill.total_due:,}원" in page
    assert "9월 검침 정정" in page and "연체료" in page


def test_combined_file_in_parts_keeps_unit_order(alpha):
    for number in ["2", "10", "1"]:
        UnitFactory(building=alpha.unit.building, number=number, floor=1)
    every_item_costs(alpha.complex, SEP)
    services.billing_run_issue(complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 5))
    bills = list(Bill.objects.filter(complex=alpha.complex, period=SEP))
    done = []

    data = bills_pdf(alpha.complex, bills, done.append, chunk=2, workers=2)

    headers = [p.split("공급면적")[0] for p in pages(data)]
    numbers = [h.split("동 ")[1].split("호")[0] for h in headers]
    assert numbers == ["1", "2", "10", "804", "1203"]  # numeric order, not "1", "10", "1203"…
    assert done == [2, 4, 5]
