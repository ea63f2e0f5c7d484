"""The certificate of reserve paid (장기수선충당금 납부 확인서, Art. 79③, 시행령 제31조⑨): what the
reserve lines of a unit's bills came to over a range of months — paid amounts where the ledger
knows them — for the lessee to reclaim from the owner. Reads bills and payments (above fees)."""

from datetime import date

from django.utils import timezone

from complexes.unsold import unsold_lookup
from core.errors import ApplicationError
from core.pdf import render_pdf

from .ledger import paid_by_unit

OFFICE = "office"


def certificate_months(*, start: date, end: date, tenancy) -> tuple[date, date]:
    """The months the certificate covers. The office issues for any months (`tenancy=OFFICE`);
    a lessee gets only the months of their own tenancy of the unit (Art. 79③, 30-repairs.md
    precise rule 7) — `tenancy` is that (first, last) window, a bound None meaning open, or None
    when the asker's tenancy of the unit cannot be found."""
    if end < start:
        raise ApplicationError("종료월이 시작월보다 빠릅니다.")
    if tenancy == OFFICE:
        return start, end
    if tenancy is None:
        raise ApplicationError("이 세대의 거주 기간을 확인할 수 없습니다.")
    first, last = tenancy
    start = max(start, first) if first else start
    end = min(end, last) if last else end
    if end < start:
        raise ApplicationError("요청한 기간이 거주 기간과 겹치지 않습니다.")
    return start, end


def certificate_pdf(*, complex, unit, start: date, end: date, tenancy=OFFICE) -> bytes:
    """The certificate as a PDF (Art. 79③). The months the unit was unsold are left out: they
    were billed to and paid by the developer (seed 004, 시행령 31조⑦), not the lessee."""
    start, end = certificate_months(start=start, end=end, tenancy=tenancy)
    rows = paid_by_unit(complex=complex, unit_id=unit.pk, start=start, end=end)
    developer_of = unsold_lookup(complex=complex)
    rows = [row for row in rows if developer_of(unit.pk, row[0]) is None]
    paid_known = all(paid is not None for _, _, paid in rows)
    total = sum((paid if paid_known else billed) for _, billed, paid in rows)
    return render_pdf(
        "repairs/pdf/certificate.html",
        {
            "complex": complex,
            "unit": unit,
            "start": start,
            "end": end,
            "rows": rows,
            "paid_known": paid_known,
            "total": total,
            "issued_on": timezone.localdate(),
        },
    )
