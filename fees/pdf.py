"""PDFs of the fees app, rendered by WeasyPrint from templates/fees/pdf/ with NanumGothic:
one bill, all bills of a period (in the background, with progress), reminder letters,
move-out settlement statements."""

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from core.pdf import combined_pdf, html_to_pdf, render_pdf

from .billing import natural_key


def _bill_context(bill, settings_, counted_at):
    """`counted_at`: the run's cut-off time for payments (BillingRun.payments_counted_at)."""
    from .selectors import bill_sections

    return {
        "bill": bill,
        "sections": bill_sections(bill),
        "settings": settings_,
        "counted_at": counted_at,
    }


def _counted_at(bills) -> dict:
    from .models import BillingRun

    ids = {b.run_id for b in bills}
    return dict(BillingRun.objects.filter(pk__in=ids).values_list("pk", "payments_counted_at"))


def bill_pdf(bill) -> bytes:
    from .services import fee_settings

    settings_ = fee_settings(bill.complex)
    counted = _counted_at([bill])
    html = render_to_string(
        "fees/pdf/bills.html",
        {
            "complex": bill.complex,
            "bills": [_bill_context(bill, settings_, counted.get(bill.run_id))],
        },
    )
    return html_to_pdf(html)


def bills_pdf(complex, bills, progress=None, *, chunk=100, workers=None) -> bytes:
    """One combined A4 file, a page per bill in building and unit order, for printing every
    unit's bill; rendered `chunk` bills at a time on every core (core.pdf.combined_pdf)."""
    from .services import fee_settings

    settings_ = fee_settings(complex)
    counted = _counted_at(bills)
    bills = sorted(
        bills, key=lambda b: (natural_key(b.unit.building.name), natural_key(b.unit.number))
    )

    def parts():
        for start in range(0, len(bills), chunk):
            part = bills[start : start + chunk]
            html = render_to_string(
                "fees/pdf/bills.html",
                {
                    "complex": complex,
                    "bills": [_bill_context(b, settings_, counted.get(b.run_id)) for b in part],
                },
            )
            yield html, len(part)

    return combined_pdf(parts(), workers=workers, progress=progress)


def render_batch(batch_id: int) -> None:
    """Render a PdfBatch's combined file, updating its progress (idempotent: done is done)."""
    from .models import Bill, PdfBatch

    batch = PdfBatch.objects.filter(pk=batch_id).select_related("complex").first()
    if batch is None or batch.status == "done":
        return
    bills = list(
        Bill.objects.filter(complex=batch.complex, period=batch.period).select_related(
            "unit__building", "complex"
        )
    )
    PdfBatch.objects.filter(pk=batch.pk).update(status="running", total=len(bills), done=0)

    def progress(done):
        PdfBatch.objects.filter(pk=batch.pk).update(done=done)

    try:
        data = bills_pdf(batch.complex, bills, progress)
    except Exception as e:
        PdfBatch.objects.filter(pk=batch.pk).update(status="failed", error=str(e)[:300])
        raise
    batch.refresh_from_db()
    batch.file.save(
        f"bills-{batch.complex.slug}-{batch.period:%Y-%m}-{batch.pk}.pdf",
        ContentFile(data),
        save=False,
    )
    batch.status = "done"
    batch.done = len(bills)
    batch.save(update_fields=["file", "status", "done"])


def reminders_pdf(complex, rows, on) -> bytes:
    """독촉장 (Art. 98①): one letter per delinquent unit."""
    from .services import fee_settings

    html = render_to_string(
        "fees/pdf/reminders.html",
        {"complex": complex, "rows": rows, "on": on, "settings": fee_settings(complex)},
    )
    return html_to_pdf(html)


def settlement_pdf(settlement) -> bytes:
    html = render_to_string(
        "fees/pdf/settlement.html", {"s": settlement, "complex": settlement.complex}
    )
    return html_to_pdf(html)


def year_settlement_pdf(complex, figures: dict, settlement=None) -> bytes:
    """결산서 (Art. 78, Art. 80⑤): actuals vs budget per item and the misc-income appropriation;
    `settlement` when the council has approved it (else marked as a draft)."""
    return render_pdf(
        "fees/pdf/year_settlement.html",
        {"complex": complex, "f": figures, "approved": settlement},
    )
