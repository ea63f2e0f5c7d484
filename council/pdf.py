"""The minutes as PDF in the 별첨 2 layout (forms 2-1, 2-2), WeasyPrint with NanumGothic."""

from core.pdf import render_pdf


def minutes_pdf(context: dict) -> bytes:
    return render_pdf("council/pdf/minutes.html", context)
