"""PDFs of the residents app (WeasyPrint, NanumGothic)."""

from django.utils import timezone

from core.pdf import render_pdf


def render_complaint_report(*, complex, report) -> bytes:
    """The complaint-handling report for the council meeting (Art. 62①5)."""
    return render_pdf(
        "residents/pdf/complaint_report.html",
        {"complex": complex, "report": report, "printed_at": timezone.localtime()},
    )
