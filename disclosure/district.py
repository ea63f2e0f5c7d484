"""The district officials' view at /district/<code>/ (60-disclosure.md "Compliance view"):
every complex of the district with each duty's status, late and missing first, drill-down,
charts, CSV export and the fee comparison. No personal data anywhere: publication titles,
dates and complex totals only."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from complexes.models import Complex, DistrictOfficial
from core.exports import csv_response

from . import selectors
from .duties import STATUS_CHOICES
from .services import TOTAL


def _district(request, code):
    """The official's district, or 404 (an official of another district, or anyone else)."""
    official = DistrictOfficial.objects.filter(user=request.user, district_code=code).first()
    if official is None and not request.user.is_superuser:
        raise Http404
    name = (
        official.district_name
        if official
        else (
            Complex.objects.filter(district_code=code)
            .values_list("district_name", flat=True)
            .first()
            or code
        )
    )
    return {"code": code, "name": name}


@require_safe
@login_required
def district_dashboard(request, code):
    district = _district(request, code)
    overview = selectors.district_overview(district_code=code)
    return render(request, "disclosure/district/dashboard.html", {"district": district, **overview})


@require_safe
@login_required
def district_complex(request, code, slug):
    district = _district(request, code)
    complex_ = get_object_or_404(Complex, slug=slug, district_code=code)
    status = request.GET.get("status", "")
    return render(
        request,
        "disclosure/district/complex.html",
        {
            "district": district,
            "c": complex_,
            "entries": selectors.registry(complex=complex_, status=status),
            "status": status,
            "statuses": STATUS_CHOICES,
            "cmp": selectors.comparison_for(complex=complex_, item=TOTAL),
        },
    )


@require_safe
@login_required
def district_comparison(request, code):
    district = _district(request, code)
    item = request.GET.get("item", TOTAL)
    return render(
        request,
        "disclosure/district/comparison.html",
        {
            "district": district,
            "data": selectors.district_comparison(district_code=code, item=item),
            "item": item,
        },
    )


@require_safe
@login_required
def district_export(request, code):
    """Every duty entry of the district's complexes as CSV (UTF-8 with BOM, opens in Excel)."""
    _district(request, code)
    overview = selectors.district_overview(district_code=code)
    from .models import Publication

    problems = {p.pk for p in overview["problems"]}
    entries = Publication.objects.filter(complex__district_code=code).select_related("complex")
    ordered = sorted(entries, key=lambda p: (p.pk not in problems, p.complex.name, p.due_on))
    return csv_response(
        f"district-{code}-disclosures.csv",
        ["단지", "항목", "조항", "제목", "기준일", "공개 기한", "공개 일시", "상태"],
        (
            [
                p.complex.name,
                p.get_duty_display(),
                p.duty_info.article,
                p.title,
                p.event_on,
                p.due_on,
                timezone.localtime(p.published_at).isoformat(timespec="minutes")
                if p.published_at
                else "",
                p.get_status_display(),
            ]
            for p in ordered
        ),
    )
