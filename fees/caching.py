"""The resident's bill page is the portal's most-read page (issue 4 "Speed": ≥ 400 req/s).
An issued bill never changes (Art. 86; corrections are adjustment lines of a later period), and
neither do its history, its run's same-area averages and notes — so the rendered lines and
history are kept in the cache, keyed by bill, with the unit's latest payments under them.
A payment forgets the pages of its unit's bills (fees.receivers.on_payment_changed, and
fees.services.payments_import for its bulk insert).

What can still change about an issued bill is whom it is addressed to: a unit recorded unsold
for its month makes it the developer's (seed 004, 시행령 31조⑦) — its residents no longer see
it. The cached page carries that answer too, and recording or changing an unsold unit forgets
the pages of that unit's bills (fees.receivers.on_unsold_changed).
"""

from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from complexes.unsold import bill_developer
from core.cache import forget

from .due_dates import previous_month
from .models import Bill, RunStatus

PAGE_TTL = 24 * 3600  # also bounds how long a deploy's template change takes to show
PAGE_FORMAT = 4  # bump when BillPage changes: entries of an older deploy are then not read


@dataclass(frozen=True)
class BillPage:
    body: str  # the bill's lines with their explanations, totals, comparisons and trend
    developer: str | None  # the developer the bill is addressed to, if its unit was unsold
    payments: list  # the unit's latest payments (fees.selectors.recent_payments)
    # the unit's issued bills of the 13 months up to this one, [{period, charges}]: shown only
    # through `windowed`, cut to the visitor's own residency
    history: list
    # whose bill it is — never changes once issued — so a cached page is checked without a query
    complex_id: int
    unit_id: int
    period: date
    title: str


def _key(bill_id, language) -> str:
    return f"fees:bill-page:v{PAGE_FORMAT}:{bill_id}:{language}"


def _render(bill, slug: str) -> BillPage:
    from .selectors import bill_page, recent_payments

    data = bill_page(bill=bill)
    body = render_to_string("fees/_bill_body.html", {"bill": bill, "slug": slug, **data})
    return BillPage(
        body=body,
        history=data["history"],
        developer=bill_developer(bill=bill),
        payments=recent_payments(bill=bill),
        complex_id=bill.complex_id,
        unit_id=bill.unit_id,
        period=bill.period,
        title=bill.period_label,
    )


def cached_bill_page(bill, slug: str) -> BillPage:
    """The bill's page, from the cache once an issued bill has been shown (kept on the bill for
    the rest of the request)."""
    if "_page" in bill.__dict__:
        return bill.__dict__["_page"]
    if bill.status != RunStatus.ISSUED:
        page = _render(bill, slug)
    else:
        key = _key(bill.pk, get_language())
        page = cache.get(key)
        if page is None:
            page = _render(bill, slug)
            cache.set(key, page, PAGE_TTL)
    page = replace(page, body=mark_safe(page.body))  # our own template's output
    bill.__dict__["_page"] = page
    return page


def cached_issued_page(bill_id) -> BillPage | None:
    """An issued bill's page if it is in the cache (whoever showed it first), else None."""
    page = cache.get(_key(bill_id, get_language()))
    return replace(page, body=mark_safe(page.body)) if page is not None else None


def windowed(page: BillPage, window: tuple[date | None, date | None]) -> dict:
    """What the bill page shows of the unit's history, limited to `window` (first month, last
    day; None = unbounded), the visitor's own residency: a resident never sees another
    household's months of the same unit (issue 12 [1/9], Art. 9①②) — not in last month's
    amount, the same month last year, the 12-month trend, nor the unit's latest payments."""
    start, end = window

    def inside(day):
        return (start is None or day >= start) and (end is None or day <= end)

    history = [dict(h) for h in page.history if inside(h["period"])]
    by_period = {h["period"]: h for h in history}
    trend = [h for h in history if h["period"] > previous_month(page.period, 12)]
    peak = max([h["charges"] for h in trend] + [1])
    for h in trend:
        h["height"] = max(2, round(100 * h["charges"] / peak))
    return {
        "last_month": by_period.get(previous_month(page.period, 1)),
        "last_year": by_period.get(previous_month(page.period, 12)),
        "trend": trend,
        "payments": [p for p in page.payments if inside(p["paid_on"])],
    }


def forget_bill_pages(*, unit_ids) -> None:
    """Forget the cached pages of the units' issued bills (all languages)."""
    ids = Bill.objects.filter(unit_id__in=list(unit_ids), status=RunStatus.ISSUED).values_list(
        "pk", flat=True
    )
    forget([_key(pk, code) for pk in ids for code, _ in settings.LANGUAGES])
