"""별지 9 (세부배점표) and 별지 10 (사업수행실적 평가표) as PDF (WeasyPrint, core.pdf)."""

from fractions import Fraction

from core.pdf import render_pdf

from . import evaluation, scoring
from .models import Bid


def qualification_pdf(*, procurement) -> bytes:
    """별지 9: per valid bidder every item of table A, the total and the winner."""
    bids = list(Bid.objects.filter(procurement=procurement, valid=True).order_by("-total", "price"))
    rows = [
        {"bid": b, "items": [b.scores.get(code, "") for code, _l, _m in scoring.ITEMS]}
        for b in bids
    ]
    return render_pdf(
        "council/contracts/pdf/form9.html",
        {"p": procurement, "items": scoring.ITEMS, "rows": rows},
    )


def evaluation_pdf(*, ev) -> bytes:
    """별지 10: items with their maximum, each evaluator's points, the mean and the result."""
    items = evaluation.items_of(ev.template)
    rows = [
        {"label": label, "max": maximum, "points": [s["scores"].get(code) for s in ev.sheets]}
        for code, label, maximum in items
    ]
    totals = [sum(int(v) for v in s["scores"].values()) for s in ev.sheets]
    return render_pdf(
        "council/contracts/pdf/form10.html",
        {
            "ev": ev,
            "c": ev.contract,
            "template_label": evaluation.TEMPLATE_LABELS.get(ev.template, ev.template),
            "rows": rows,
            "totals": totals,
            "eligible": evaluation.eligible(Fraction(ev.score_exact)) and not ev.sanctioned,
        },
    )
