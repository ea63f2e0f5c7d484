"""The resident's bill page is the portal's most-read page (issue 4 "Speed": ≥ 400 req/s).
An issued bill never changes (Art. 86; corrections are adjustment lines of a later period), and
neither do its history, its run's same-area averages and notes — so the rendered lines and
history are kept in the cache, keyed by bill, and only the payments under them are read live.

What can still change how an issued bill reads is who it is addressed to (a unit marked unsold
afterwards, seed 004): recording that bumps the complex's version, which every key includes.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

BODY_TTL = 24 * 3600  # also bounds how long a deploy's template change takes to show


def _version_key(complex_id) -> str:
    return f"fees:bill-pages:{complex_id}"


def bump_bill_pages(complex_id) -> None:
    """Forget every cached bill page of the complex."""
    try:
        cache.incr(_version_key(complex_id))
    except ValueError:
        cache.set(_version_key(complex_id), 1, None)


def bill_body(bill, slug: str) -> str:
    """The bill's lines with their explanations, totals, misc income, comparisons and trend."""
    from .selectors import bill_page

    def render():
        return render_to_string(
            "fees/_bill_body.html", {"bill": bill, "slug": slug, **bill_page(bill=bill)}
        )

    if bill.status != "issued":
        return render()
    version = cache.get(_version_key(bill.complex_id), 0)
    key = f"fees:bill-body:{bill.pk}:{version}:{get_language()}"
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body, BODY_TTL)
    return mark_safe(body)
