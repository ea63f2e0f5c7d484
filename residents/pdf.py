"""PDFs of the residents app (WeasyPrint, NanumGothic)."""

from django.template.loader import render_to_string
from django.utils import timezone


def render_complaint_report(*, complex, report) -> bytes:
    """The complaint-handling report for the council meeting (Art. 62①5)."""
    from weasyprint import HTML

    html = render_to_string(
        "residents/pdf/complaint_report.html",
        {"complex": complex, "report": report, "printed_at": timezone.localtime()},
    )
    return HTML(string=html).write_pdf()
