"""Reads of the disclosure app: public listings, fee tables, comparisons, district compliance.
Nothing here returns personal data: publications carry masked text, fees are complex totals."""

from collections import defaultdict
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q

from complexes.models import Complex
from repairs.fund.ledger import ledger_lines
from repairs.plan.projection import project, schedule_for
from repairs.plan.selectors import current_revision

from . import comparison
from .duties import DUTIES, SECTIONS, STATUS_ORDER, Status, add_months
from .models import ComparisonProfile, FeeSummary, Publication
from .services import TOTAL, _item_name, fees_version


def public_complexes(*, q: str = "", district: str = ""):
    qs = Complex.objects.all().order_by("district_name", "name")
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(address__icontains=q) | Q(district_name__icontains=q)
        )
    if district:
        qs = qs.filter(district_code=district)
    return qs.only(
        "slug", "name", "address", "district_code", "district_name", "heating_type", "approved_on"
    )


def districts():
    return list(
        Complex.objects.values_list("district_code", "district_name")
        .distinct()
        .order_by("district_name")
    )


def published(*, complex):
    """What the public may read of a complex: its published disclosures."""
    return Publication.objects.filter(complex=complex, published_at__isnull=False).order_by(
        "-published_at", "-id"
    )


def published_by_section(*, complex, limit: int = 5) -> list[dict]:
    rows = defaultdict(list)
    for p in published(complex=complex)[:300]:
        rows[DUTIES[p.duty].section].append(p)
    return [
        {"code": code, "name": name, "items": rows[code][:limit], "count": len(rows[code])}
        for code, name in SECTIONS.items()
        if rows[code]
    ]


def published_fee_periods(*, complex) -> list[date]:
    return sorted(
        Publication.objects.filter(
            complex=complex, duty="fee_breakdown", published_at__isnull=False, period__isnull=False
        ).values_list("period", flat=True)
    )


def fee_table(*, complex, months: int = 24, public: bool = True) -> dict:
    """Per-item totals and per-m² over the last `months` months (published months only for the
    public), with the anomaly flags and their reasons."""
    periods = (
        published_fee_periods(complex=complex)
        if public
        else sorted(
            set(FeeSummary.objects.filter(complex=complex).values_list("period", flat=True))
        )
    )
    periods = periods[-months:]
    rows = FeeSummary.objects.filter(complex=complex, period__in=periods)
    by_item = defaultdict(dict)
    for r in rows:
        by_item[r.item][r.period] = r
    items = sorted(
        by_item,
        key=lambda i: (
            i != TOTAL,
            -(by_item[i].get(periods[-1]).total if periods and by_item[i].get(periods[-1]) else 0),
        ),
    )
    return {
        "periods": periods,
        "items": [
            {
                "item": i,
                "name": _item_name(i),
                "cells": [by_item[i].get(p) for p in periods],
                "latest": by_item[i].get(periods[-1]) if periods else None,
            }
            for i in items
        ],
    }


GROUP_LEVELS = [
    (
        "같은 자치구 · 난방방식 · 규모 · 연식",
        ("district_code", "heating_type", "size_band", "age_band"),
    ),
    ("같은 자치구 · 난방방식 · 규모", ("district_code", "heating_type", "size_band")),
    ("같은 자치구 · 난방방식", ("district_code", "heating_type")),
    ("같은 자치구", ("district_code",)),
    ("같은 시 · 난방방식 · 규모", ("city", "heating_type", "size_band")),
    ("같은 시 · 난방방식", ("city", "heating_type")),
]


def comparison_for(
    *, complex, item: str = TOTAL, months: int = 24, period: date | None = None
) -> dict:
    """`comparison_compute`, cached until any fee summary changes (services bump the version)."""
    key = f"disclosure:cmp:{fees_version()}:{complex.pk}:{item}:{months}:{period}"
    result = cache.get(key)
    if result is None:
        result = comparison_compute(complex=complex, item=item, months=months, period=period)
        cache.set(key, result, 3600)
    return result


def comparison_compute(
    *, complex, item: str = TOTAL, months: int = 24, period: date | None = None
) -> dict:
    """The complex's fee per m² for `item` against its group of similar complexes: the group's
    median, the complex's percentile rank, both trends over `months` months, and who is in the
    group. The narrowest group with at least MIN_GROUP (5) complexes having data for the month is
    used; with no such group, no comparison is shown."""
    profile = ComparisonProfile.objects.filter(complex=complex).first()
    if period is None:
        period = (
            FeeSummary.objects.filter(complex=complex, item=item)
            .order_by("-period")
            .values_list("period", flat=True)
            .first()
        )
    result = {"item": item, "item_name": _item_name(item), "period": period, "group": None}
    if profile is None or period is None:
        return result
    own = (
        FeeSummary.objects.filter(complex=complex, item=item, period=period)
        .values_list("per_m2", flat=True)
        .first()
    )
    if own is None:
        return result
    for level in GROUP_LEVELS:
        label, fields = level
        members = ComparisonProfile.objects.filter(**{f: getattr(profile, f) for f in fields})
        latest = dict(
            FeeSummary.objects.filter(
                item=item, period=period, complex_id__in=members.values("complex_id")
            ).values_list("complex_id", "per_m2")
        )
        if len(latest) >= comparison.MIN_GROUP:
            break
    else:
        result["too_small"] = True
        return result
    start = add_months(period, -(months - 1))
    series = defaultdict(list)
    own_series = {}
    for complex_id, p, value in FeeSummary.objects.filter(
        item=item, period__gte=start, period__lte=period, complex_id__in=list(latest)
    ).values_list("complex_id", "period", "per_m2"):
        series[p].append(value)
        if complex_id == complex.pk:
            own_series[p] = value
    periods = []
    p = start
    while p <= period:
        periods.append(p)
        p = add_months(p, 1)
    medians = [
        comparison.median(series[p]) if len(series[p]) >= comparison.MIN_GROUP else None
        for p in periods
    ]
    own_values = [own_series.get(p) for p in periods]
    values = list(latest.values())
    names = list(
        Complex.objects.filter(pk__in=list(latest)).order_by("name").values_list("name", flat=True)
    )
    result.update(
        group={"label": label, "size": len(values), "names": names},
        value=own,
        median=comparison.median(values),
        low=min(values),
        high=max(values),
        percentile=comparison.percentile_rank(own, values),
        periods=periods,
        own_series=own_values,
        median_series=medians,
        trend=comparison.trend(own_values),
        group_trend=comparison.trend(medians),
    )
    return result


def chart(periods, *series, width=640, height=220):
    """Points for a small inline SVG line chart: [{"points": "x,y …", "last": (x, y)}] + axis."""
    values = [v for s in series for v in s if v is not None]
    if not values or len(periods) < 2:
        return None
    lo, hi = float(min(values)), float(max(values))
    if hi == lo:
        hi = lo + 1
    pad = 24
    step = (width - 2 * pad) / (len(periods) - 1)

    def y(v):
        return round(height - pad - (float(v) - lo) * (height - 2 * pad) / (hi - lo), 1)

    lines = []
    for s in series:
        pts = [f"{round(pad + i * step, 1)},{y(v)}" for i, v in enumerate(s) if v is not None]
        lines.append(" ".join(pts))
    return {
        "width": width,
        "height": height,
        "lines": lines,
        "lo": round(lo, 1),
        "hi": round(hi, 1),
        "first": periods[0],
        "last": periods[-1],
    }


# --- district compliance --------------------------------------------------------------------


def district_overview(*, district_code: str) -> dict:
    """Every complex of the district with its duty counts per status, problems first; the late
    and missing entries themselves at the top. Titles and dates only: no personal data."""
    complexes = list(Complex.objects.filter(district_code=district_code).order_by("name"))
    counts = defaultdict(lambda: defaultdict(int))
    for cid, status, n in (
        Publication.objects.filter(complex__district_code=district_code)
        .values_list("complex_id", "status")
        .annotate(n=Count("id"))
    ):
        counts[cid][status] = n
    rows = []
    for c in complexes:
        cc = counts[c.pk]
        total = sum(cc.values())
        ok = cc[Status.ON_TIME]
        done = total - cc[Status.PENDING]
        rows.append(
            {
                "complex": c,
                "missing": cc[Status.MISSING],
                "late": cc[Status.LATE] + cc[Status.SHORT],
                "pending": cc[Status.PENDING],
                "on_time": ok,
                "total": total,
                "rate": round(100 * ok / done) if done else None,
            }
        )
    rows.sort(key=lambda r: (-r["missing"], -r["late"], r["complex"].name))
    problems = sorted(
        Publication.objects.filter(
            complex__district_code=district_code,
            status__in=[Status.MISSING, Status.LATE, Status.SHORT],
        ).select_related("complex"),
        key=lambda p: (STATUS_ORDER[p.status], p.due_on),
    )
    totals = defaultdict(int)
    for r in rows:
        for k in ("missing", "late", "pending", "on_time"):
            totals[k] += r[k]
    return {"rows": rows, "problems": problems, "totals": dict(totals)}


def registry(*, complex, status: str = ""):
    qs = Publication.objects.filter(complex=complex)
    if status:
        qs = qs.filter(status=status)
    return sorted(qs, key=lambda p: (STATUS_ORDER[p.status], -p.due_on.toordinal()))


def district_comparison(*, district_code: str, item: str = TOTAL) -> dict:
    """Each complex of the district: its latest fee per m² for `item`, against the district
    median (officials compare their complexes; complex totals only)."""
    latest = (
        FeeSummary.objects.filter(complex__district_code=district_code, item=item)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    if latest is None:
        return {"period": None, "rows": []}
    rows = list(
        FeeSummary.objects.filter(complex__district_code=district_code, item=item, period=latest)
        .select_related("complex")
        .order_by("per_m2")
    )
    values = [r.per_m2 for r in rows]
    med = comparison.median(values)
    return {
        "period": latest,
        "median": med,
        "rows": [
            {
                "complex": r.complex,
                "per_m2": r.per_m2,
                "percentile": comparison.percentile_rank(r.per_m2, values),
            }
            for r in rows
        ],
        "enough": len(values) >= comparison.MIN_GROUP,
        "max": max(values) if values else None,
    }


def comparable_items(*, complex) -> list[tuple[str, str]]:
    items = FeeSummary.objects.filter(complex=complex).values_list("item", flat=True).distinct()
    return sorted(((i, _item_name(i)) for i in items), key=lambda t: (t[0] != TOTAL, t[1]))


# --- reserve balance against the plan (public chart) -----------------------------------------

RESERVE_CACHE_SECONDS = 300  # as long as the public pages' Cache-Control max-age


def reserve_vs_plan(*, complex, today: date | None = None) -> dict:
    """Year by year, the repair reserve's actual balance against what the long-term repair plan
    says should have been accumulated by then (제79조①, 별지 6; 60-disclosure.md "reserve balance
    vs. plan"). Both figures come from the repairs app's own public functions — the balance from
    `repairs.fund.ledger.ledger_lines` (the reserve ledger), the target from
    `repairs.plan.projection.project(...).should_have` (scheduled accruals − planned works to date) —
    so they equal what the repairs pages show: a past year as of December 31, the current year as
    of today. The years start when both the plan and the ledger have begun. Complex totals only.
    Cached for as long as the public pages are (`RESERVE_CACHE_SECONDS`)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    key = f"disclosure:reserve-plan:{complex.pk}:{today}"
    result = cache.get(key)
    if result is None:
        result = _reserve_vs_plan(complex, today)
        cache.set(key, result, RESERVE_CACHE_SECONDS)
    return result


def _reserve_vs_plan(complex, today: date) -> dict:
    revision = current_revision(complex=complex)
    if revision is None:
        return {"has_plan": False, "years": []}
    schedule = schedule_for(complex=complex, revision=revision)
    lines = ledger_lines(complex=complex)
    first_year = max(
        schedule.start_month.year,
        schedule.accrual_start.year,
        lines[0].day.year if lines else today.year,
    )
    years = []
    for year in range(first_year, today.year + 1):
        current = year == today.year
        as_of = today if current else date(year, 12, 31)
        # the ledger balance as the repairs pages compute it: the whole ledger for today
        # (ledger_totals(complex=…)), up to December 31 for a past year
        upto = lines if current else [line for line in lines if line.day <= as_of]
        balance = upto[-1].balance if upto else 0
        p = project(
            schedule=schedule,
            balance=balance,
            today=today if current else date(year + 1, 1, 1),
        )
        years.append(
            {
                "year": year,
                "as_of": as_of,
                "balance": balance,
                "should_have": p.should_have,
                "percent_funded": p.percent_funded,
            }
        )
    return {"has_plan": True, "years": years}


def reserve_chart(data: dict):
    """The balance and the plan's target per year, in millions of won, for `_chart.html`."""
    years = data.get("years") or []
    if len(years) < 2:
        return None
    return chart(
        [y["year"] for y in years],
        [round(y["balance"] / 1_000_000, 1) for y in years],
        [round(y["should_have"] / 1_000_000, 1) for y in years],
    )
