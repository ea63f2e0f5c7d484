"""The minutes as PDF in the 별첨 2 layout (forms 2-1, 2-2), WeasyPrint with NanumGothic."""

from django.template.loader import render_to_string


def minutes_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("council/pdf/minutes.html", context)
    return HTML(string=html).write_pdf()
