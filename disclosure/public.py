"""The public portal at /public/: anyone, without logging in, finds a complex and reads its
disclosures (60-disclosure.md). Only published disclosures and complex-level figures appear;
nothing here reads residents, units or bills."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from complexes.models import Complex
from repairs.plan.overview import plan_overview

from . import selectors
from .caching import public_cache
from .duties import SECTIONS
from .models import ComparisonProfile
from .services import TOTAL


def _complex(slug):
    return get_object_or_404(Complex, slug=slug)


@require_safe
@public_cache
def index(request):
    q = request.GET.get("q", "").strip()
    district = request.GET.get("district", "").strip()
    page = Paginator(selectors.public_complexes(q=q, district=district), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "disclosure/public/index.html",
        {"page": page, "q": q, "district": district, "districts": selectors.districts()},
    )


def _item(request, complex_):
    items = selectors.comparable_items(complex=complex_)
    item = request.GET.get("item", TOTAL)
    if item not in {i for i, _ in items}:
        item = TOTAL
    return item, items


@require_safe
@public_cache
def complex_page(request, slug):
    complex_ = _complex(slug)
    cmp = selectors.comparison_for(complex=complex_, item=TOTAL)
    reserve = selectors.reserve_vs_plan(complex=complex_)
    return render(
        request,
        "disclosure/public/complex.html",
        {
            "c": complex_,
            "profile": ComparisonProfile.objects.filter(complex=complex_).first(),
            "sections": selectors.published_by_section(complex=complex_),
            "cmp": cmp,
            "chart": _cmp_chart(cmp),
            "repair_plan": _repair_plan(complex_),
            "reserve": reserve,
            "reserve_chart": selectors.reserve_chart(reserve),
        },
    )


def _repair_plan(complex_):
    """The repair plan summary (제64조③3): complex-level totals from the repairs app."""
    overview = plan_overview(complex=complex_, today=timezone.localdate())
    if overview is None:
        return None
    return {
        key: overview.get(key)
        for key in (
            "total_cost",
            "component_count",
            "monthly_total",
            "works_this_year",
            "works_next_year",
            "review_due",
        )
    } | {"current_price": next((p["price"] for p in overview["phases"] if p["current"]), None)}


def _cmp_chart(cmp):
    if not cmp.get("group"):
        return None
    return selectors.chart(cmp["periods"], cmp["own_series"], cmp["median_series"])


@require_safe
@public_cache
def fees(request, slug):
    complex_ = _complex(slug)
    item, items = _item(request, complex_)
    table = selectors.fee_table(complex=complex_, months=12)
    cmp = selectors.comparison_for(complex=complex_, item=item)
    return render(
        request,
        "disclosure/public/fees.html",
        {
            "c": complex_,
            "table": table,
            "cmp": cmp,
            "chart": _cmp_chart(cmp),
            "items": items,
            "item": item,
        },
    )


@require_safe
@public_cache
def comparison(request, slug):
    complex_ = _complex(slug)
    item, items = _item(request, complex_)
    cmp = selectors.comparison_for(complex=complex_, item=item)
    return render(
        request,
        "disclosure/public/comparison.html",
        {"c": complex_, "cmp": cmp, "chart": _cmp_chart(cmp), "items": items, "item": item},
    )


@require_safe
@public_cache
def publications(request, slug):
    complex_ = _complex(slug)
    section = request.GET.get("section", "")
    qs = selectors.published(complex=complex_)
    if section in SECTIONS:
        from .duties import DUTIES

        qs = qs.filter(duty__in=[d.code for d in DUTIES.values() if d.section == section])
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosure/public/publications.html",
        {"c": complex_, "page": page, "section": section, "sections": SECTIONS},
    )


@require_safe
@public_cache
def publication(request, slug, pk):
    complex_ = _complex(slug)
    pub = get_object_or_404(selectors.published(complex=complex_), pk=pk)
    return render(request, "disclosure/public/publication.html", {"c": complex_, "p": pub})
