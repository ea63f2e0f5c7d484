"""Writes of the repairs app: plan revisions (import, adjustment, phases), settings."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from core.tabular import ImportProblems, parse_decimal, parse_int, read_table

from .models import (
    Component,
    ComponentCategory,
    PlanRevision,
    RepairPlan,
    RepairSettings,
    RepairSettingsChange,
    ReservePhase,
    RevisionKind,
)
from .plan_math import add_months, month_index

PLAN_COLUMNS = [
    "component",
    "category",
    "method",
    "cycle_years",
    "first_year",
    "repair_rate",
    "quantity",
    "unit",
    "unit_cost",
]

_CATEGORY_ALIASES = {c.value: c.value for c in ComponentCategory} | {
    c.label: c.value for c in ComponentCategory
}
_CATEGORY_ALIASES.update(
    {
        "건물내부": "interior",
        "건물외부": "exterior",
        "전기": "electrical",
        "전기·소화·승강기": "electrical",
        "승강기": "electrical",
        "소화": "electrical",
        "급수": "plumbing",
        "급수·가스·배수·환기": "plumbing",
        "난방": "heating",
        "급탕": "heating",
        "옥외": "outdoor",
        "옥외부대시설": "outdoor",
    }
)
_METHOD_ALIASES = {
    "full": "full",
    "partial": "partial",
    "전면교체": "full",
    "전면": "full",
    "교체": "full",
    "부분수리": "partial",
    "부분": "partial",
    "부분교체": "partial",
}


def parse_month(text: str, what: str = "월") -> date:
    """'2001-01' → date(2001, 1, 1), or a clear error."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ApplicationError(f"{what}은(는) YYYY-MM 형식이어야 합니다: '{text}'")
    return date(int(m.group(1)), int(m.group(2)), 1)


def settings_for(complex) -> RepairSettings:
    obj, _ = RepairSettings.objects.get_or_create(complex=complex)
    return obj


def settings_update(*, complex, by=None, **values) -> RepairSettings:
    """Change the reserve settings; every change is recorded."""
    with transaction.atomic():
        obj = RepairSettings.objects.select_for_update().get(pk=settings_for(complex).pk)
        for name, value in values.items():
            old = getattr(obj, name)
            if name == "minimum_price_per_m2" and (value is None or Decimal(value) < 0):
                raise ApplicationError("최소 적립단가는 0 이상이어야 합니다.")
            if old != value:
                RepairSettingsChange.objects.create(
                    complex=complex,
                    field=name,
                    old_value="" if old is None else str(old),
                    new_value="" if value is None else str(value),
                    changed_by=by,
                )
                setattr(obj, name, value)
        obj.save()
    return obj


# --- revisions --------------------------------------------------------------------------------


def _new_revision(*, complex, start_month, end_month, kind, reason="", by=None, resolution_ref=""):
    plan = RepairPlan.objects.select_for_update().filter(complex=complex).first()
    if plan is None:
        plan = RepairPlan.objects.create(complex=complex, established_on=timezone.localdate())
        plan = RepairPlan.objects.select_for_update().get(pk=plan.pk)
        kind = RevisionKind.ESTABLISHED if kind != RevisionKind.IMPORT else kind
    last = plan.revisions.order_by("-number").first()
    return PlanRevision.objects.create(
        complex=complex,
        plan=plan,
        number=(last.number + 1) if last else 1,
        kind=kind,
        start_month=start_month,
        end_month=end_month,
        reason=reason,
        resolution_ref=resolution_ref,
        created_by=by,
    )


def _copy_components(src: PlanRevision, dst: PlanRevision, overrides=None):
    overrides = overrides or {}
    rows = []
    for c in src.components.all():
        values = {
            f: getattr(c, f)
            for f in (
                "category",
                "name",
                "method",
                "cycle_years",
                "first_year",
                "repair_rate",
                "quantity",
                "unit",
                "unit_cost",
            )
        }
        values.update(overrides.get(c.pk, {}))
        rows.append(Component(complex=dst.complex, revision=dst, **values))
    Component.objects.bulk_create(rows)


def _copy_phases(src: PlanRevision, dst: PlanRevision) -> bool:
    phases = list(src.phases.all())
    specs = [(p.start_month, p.end_month, p.rate) for p in phases]
    if not phases or validate_phases(specs, dst.start_month, dst.end_month):
        return False
    ReservePhase.objects.bulk_create(
        ReservePhase(complex=dst.complex, revision=dst, start_month=s, end_month=e, rate=r)
        for s, e, r in specs
    )
    return True


@dataclass
class PlanImportResult:
    revision: PlanRevision
    components: int
    phases_kept: bool


def plan_import(
    *, complex, data: bytes, filename: str, start_month: date, end_month: date, by=None, reason=""
) -> PlanImportResult:
    """Import the plan's components (CSV/XLSX columns `component,category,method,cycle_years,
    first_year,repair_rate,quantity,unit,unit_cost`) as a new revision of the plan.

    All-or-nothing: every bad row is named by line and column (cycle ≤ 0, a first year outside
    the plan period — 30-repairs.md precise rule 4 —, a rate outside 0–100 %, duplicates …).
    The previous revision's phases are kept when they still cover the new period exactly.
    """
    if month_index(end_month) < month_index(start_month):
        raise ApplicationError("계획기간의 종료월이 시작월보다 빠릅니다.")
    rows = read_table(data, filename, PLAN_COLUMNS, [])
    problems = ImportProblems()
    parsed, seen = [], {}
    for row in rows:
        v = row.values
        name = v["component"]
        if not name:
            problems.add(row.line, "component", "공사종별이 비어 있습니다.")
        elif len(name) > 100:
            problems.add(row.line, "component", "공사종별은 100자 이내여야 합니다.")
        category = _CATEGORY_ALIASES.get(v["category"].replace(" ", ""), None)
        if category is None:
            category = _CATEGORY_ALIASES.get(v["category"])
        if category is None:
            problems.add(
                row.line,
                "category",
                f"알 수 없는 구분입니다: '{v['category']}' "
                f"(가능: {', '.join(c.value for c in ComponentCategory)})",
            )
        method = _METHOD_ALIASES.get(v["method"].replace(" ", "").lower())
        if method is None:
            problems.add(
                row.line,
                "method",
                f"수선방법은 full/partial(전면교체/부분수리)입니다: '{v['method']}'",
            )
        cycle = parse_int(problems, row, "cycle_years")
        if cycle is not None and cycle <= 0:
            problems.add(row.line, "cycle_years", f"수선주기는 1년 이상이어야 합니다: {cycle}")
            cycle = None
        elif cycle is not None and cycle > 200:
            problems.add(row.line, "cycle_years", f"수선주기가 너무 깁니다: {cycle}")
            cycle = None
        first_year = parse_int(problems, row, "first_year")
        if first_year is not None and not start_month.year <= first_year <= end_month.year:
            problems.add(
                row.line,
                "first_year",
                f"최초 수선연도 {first_year}년이 계획기간"
                f"({start_month.year}~{end_month.year}년) 밖입니다.",
            )
            first_year = None
        rate = parse_decimal(problems, row, "repair_rate", places=2)
        if rate is not None and not Decimal(0) < rate <= 100:
            problems.add(row.line, "repair_rate", f"수선율은 0 초과 100 이하(%)입니다: {rate}")
            rate = None
        quantity = parse_decimal(problems, row, "quantity", places=3)
        if quantity is not None and quantity <= 0:
            problems.add(row.line, "quantity", f"수량은 0보다 커야 합니다: {quantity}")
            quantity = None
        unit = v["unit"]
        if not unit:
            problems.add(row.line, "unit", "단위가 비어 있습니다.")
        elif len(unit) > 20:
            problems.add(row.line, "unit", "단위는 20자 이내여야 합니다.")
        cost = parse_decimal(problems, row, "unit_cost", places=2)
        if cost is not None and cost < 0:
            problems.add(row.line, "unit_cost", f"단가는 0 이상이어야 합니다: {cost}")
            cost = None
        if quantity is not None and quantity >= Decimal("1e11"):
            problems.add(row.line, "quantity", "수량이 너무 큽니다.")
        if cost is not None and cost >= Decimal("1e14"):
            problems.add(row.line, "unit_cost", "단가가 너무 큽니다.")
        key = (category, name)
        if name and category:
            if key in seen:
                problems.add(row.line, "component", f"'{name}'이(가) {seen[key]}행과 중복됩니다.")
            seen[key] = row.line
        parsed.append(
            dict(
                category=category,
                name=name,
                method=method,
                cycle_years=cycle,
                first_year=first_year,
                repair_rate=rate,
                quantity=quantity,
                unit=unit,
                unit_cost=cost,
            )
        )
    problems.raise_if_any()

    with transaction.atomic():
        from .selectors import current_revision

        previous = current_revision(complex=complex)
        revision = _new_revision(
            complex=complex,
            start_month=start_month,
            end_month=end_month,
            kind=RevisionKind.IMPORT,
            reason=reason or f"파일 가져오기: {filename}",
            by=by,
        )
        Component.objects.bulk_create(
            Component(complex=complex, revision=revision, **values) for values in parsed
        )
        kept = _copy_phases(previous, revision) if previous else False
    return PlanImportResult(revision, len(parsed), kept)


def parse_phase_specs(texts: list[str]) -> list[tuple[date, date, Decimal]]:
    """'2001-01:2010-12:20' … → [(start, end, rate)], every malformed spec named."""
    specs, errors = [], []
    for i, text in enumerate(texts, 1):
        parts = (text or "").split(":")
        if len(parts) != 3:
            errors.append(f"{i}번째 단계 '{text}': 시작월:종료월:요율 형식이어야 합니다.")
            continue
        try:
            start = parse_month(parts[0], "시작월")
            end = parse_month(parts[1], "종료월")
        except ApplicationError as e:
            errors.append(f"{i}번째 단계 '{text}': {e.message}")
            continue
        try:
            rate = Decimal(parts[2].strip().rstrip("%"))
            if not rate.is_finite():
                raise ValueError
        except (ArithmeticError, ValueError):
            errors.append(f"{i}번째 단계 '{text}': 요율이 숫자가 아닙니다.")
            continue
        specs.append((start, end, rate))
    if errors:
        raise ApplicationError("적립 단계를 읽을 수 없습니다.", {"problems": errors})
    return specs


def validate_phases(specs, plan_start: date, plan_end: date) -> list[str]:
    """Art. 83① / 30-repairs.md precise rule 5: phases cover the plan period exactly, without
    gaps or overlaps, each rate positive, rates summing to 100 %. Returns every problem."""
    problems = []
    if not specs:
        return ["적립 단계가 하나도 없습니다."]
    ordered = sorted(specs, key=lambda s: s[0])
    for i, (start, end, rate) in enumerate(ordered, 1):
        label = f"{start:%Y-%m}~{end:%Y-%m}"
        if month_index(end) < month_index(start):
            problems.append(f"단계 {label}: 종료월이 시작월보다 빠릅니다.")
        if rate <= 0 or rate > 100:
            problems.append(f"단계 {label}: 요율은 0 초과 100 이하(%)여야 합니다 ({rate}%).")
        if rate != rate.quantize(Decimal("0.01")):
            problems.append(f"단계 {label}: 요율은 소수점 둘째 자리까지입니다 ({rate}%).")
    if ordered[0][0] != plan_start:
        problems.append(
            f"첫 단계가 계획기간 시작({plan_start:%Y-%m})이 아닌 {ordered[0][0]:%Y-%m}에 시작합니다."
        )
    if ordered[-1][1] != plan_end and month_index(ordered[-1][1]) >= month_index(ordered[-1][0]):
        last_end = max(s[1] for s in ordered)
        if last_end != plan_end:
            problems.append(
                f"마지막 단계가 계획기간 종료({plan_end:%Y-%m})가 아닌 {last_end:%Y-%m}에 끝납니다."
            )
    for (s1, e1, _), (s2, e2, _) in zip(ordered, ordered[1:], strict=False):
        expected = add_months(e1, 1)
        if month_index(s2) < month_index(expected):
            problems.append(f"단계 {s1:%Y-%m}~{e1:%Y-%m}와 {s2:%Y-%m}~{e2:%Y-%m}가 겹칩니다.")
        elif s2 != expected:
            problems.append(
                f"{expected:%Y-%m}부터 {add_months(s2, -1):%Y-%m}까지 적립 단계가 없습니다 (공백)."
            )
    total = sum((s[2] for s in ordered), Decimal(0))
    if total != 100:
        problems.append(f"요율의 합이 100%가 아닙니다 ({total}%).")
    return problems


def phases_set(*, complex, specs, by=None, reason="", resolution_ref="") -> PlanRevision:
    """Set the accumulation phases (Art. 83①) as a new revision of the plan (components copied).
    Nothing written unless every rule of `validate_phases` holds."""
    from .selectors import current_revision

    with transaction.atomic():
        RepairPlan.objects.select_for_update().filter(complex=complex).first()
        previous = current_revision(complex=complex)
        if previous is None:
            raise ApplicationError("장기수선계획이 없습니다. 먼저 계획을 가져오거나 만드세요.")
        problems = validate_phases(specs, previous.start_month, previous.end_month)
        if problems:
            raise ApplicationError(
                "적립 단계가 올바르지 않아 저장하지 않았습니다.", {"problems": problems}
            )
        revision = _new_revision(
            complex=complex,
            start_month=previous.start_month,
            end_month=previous.end_month,
            kind=RevisionKind.PHASES,
            reason=reason or "적립요율 단계 설정",
            by=by,
            resolution_ref=resolution_ref,
        )
        _copy_components(previous, revision)
        ReservePhase.objects.bulk_create(
            ReservePhase(complex=complex, revision=revision, start_month=s, end_month=e, rate=r)
            for s, e, r in sorted(specs, key=lambda s: s[0])
        )
    return revision
