"""A readable diff between two revisions of the plan (each adjustment is kept and explained)."""

from .plan_math import ComponentSpec, total_repair_cost
from .reserve import display_price

FIELDS = [
    ("method", "수선방법"),
    ("cycle_years", "수선주기(년)"),
    ("first_year", "최초 수선연도"),
    ("repair_rate", "수선율(%)"),
    ("quantity", "수량"),
    ("unit", "단위"),
    ("unit_cost", "단가(원)"),
]


def _fmt(value) -> str:
    if hasattr(value, "normalize"):
        value = value.normalize()
        return f"{value:,f}"
    return str(value)


def revision_diff(old, new) -> dict:
    """{"period", "total", "components": {"added", "removed", "changed"}, "phases"} in words."""
    result = {
        "period": None,
        "total": None,
        "added": [],
        "removed": [],
        "changed": [],
        "phases": None,
    }
    if old is None:
        return result
    if (old.start_month, old.end_month) != (new.start_month, new.end_month):
        result["period"] = (
            f"{old.start_month:%Y-%m}~{old.end_month:%Y-%m} → "
            f"{new.start_month:%Y-%m}~{new.end_month:%Y-%m}"
        )
    before = {(c.category, c.name): c for c in old.components.all()}
    after = {(c.category, c.name): c for c in new.components.all()}
    for key in sorted(after.keys() - before.keys()):
        c = after[key]
        result["added"].append(
            f"{c.name} ({c.get_category_display()}): {c.cycle_years}년 주기, "
            f"{c.first_year}년부터, 수선율 {_fmt(c.repair_rate)}%, "
            f"{_fmt(c.quantity)}{c.unit} × {_fmt(c.unit_cost)}원"
        )
    for key in sorted(before.keys() - after.keys()):
        c = before[key]
        result["removed"].append(f"{c.name} ({c.get_category_display()})")
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        changes = [
            f"{label} {_fmt(getattr(a, f))} → {_fmt(getattr(b, f))}"
            for f, label in FIELDS
            if getattr(a, f) != getattr(b, f)
        ]
        if changes:
            result["changed"].append({"name": b.name, "changes": changes})
    t_old = total_repair_cost(
        [ComponentSpec.of(c) for c in before.values()], old.start_month, old.end_month
    )
    t_new = total_repair_cost(
        [ComponentSpec.of(c) for c in after.values()], new.start_month, new.end_month
    )
    if t_old != t_new:
        result["total"] = (
            f"수선비 총액 {display_price(t_old):,.0f}원 → {display_price(t_new):,.0f}원"
        )
    p_old = [f"{p.start_month:%Y-%m}~{p.end_month:%Y-%m} {_fmt(p.rate)}%" for p in old.phases.all()]
    p_new = [f"{p.start_month:%Y-%m}~{p.end_month:%Y-%m} {_fmt(p.rate)}%" for p in new.phases.all()]
    if p_old != p_new:
        result["phases"] = {"before": p_old, "after": p_new}
    return result
