"""Writes of the repair plan (below fees): plan revisions (import, adjustment, phases), the
3-yearly reviews, the reserve settings (Art. 83③), linking council resolutions."""

import itertools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from core.tabular import ImportProblems, Source, parse_decimal, parse_int, read_table
from council.selectors import resolution_is_effective

from .models import (
    Component,
    ComponentCategory,
    PlanReview,
    PlanRevision,
    RepairMethod,
    RepairPlan,
    RepairSettings,
    RepairSettingsChange,
    ReservePhase,
    RevisionKind,
)
from .plan_math import add_months, month_index
from .selectors import current_revision, review_due_on

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
    *, complex, data: Source, filename: str, start_month: date, end_month: date, by=None, reason=""
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
        cycle = parse_int(problems, row, "cycle_years", min_value=0, max_value=32767)
        if cycle is not None and cycle <= 0:
            problems.add(row.line, "cycle_years", f"수선주기는 1년 이상이어야 합니다: {cycle}")
            cycle = None
        elif cycle is not None and cycle > 200:
            problems.add(row.line, "cycle_years", f"수선주기가 너무 깁니다: {cycle}")
            cycle = None
        first_year = parse_int(problems, row, "first_year", min_value=1900, max_value=2999)
        if first_year is not None and not start_month.year <= first_year <= end_month.year:
            problems.add(
                row.line,
                "first_year",
                f"최초 수선연도 {first_year}년이 계획기간"
                f"({start_month.year}~{end_month.year}년) 밖입니다.",
            )
            first_year = None
        rate = parse_decimal(problems, row, "repair_rate", places=2, max_digits=6)
        if rate is not None and not Decimal(0) < rate <= 100:
            problems.add(row.line, "repair_rate", f"수선율은 0 초과 100 이하(%)입니다: {rate}")
            rate = None
        quantity = parse_decimal(problems, row, "quantity", places=3, max_digits=14)
        if quantity is not None and quantity <= 0:
            problems.add(row.line, "quantity", f"수량은 0보다 커야 합니다: {quantity}")
            quantity = None
        unit = v["unit"]
        if not unit:
            problems.add(row.line, "unit", "단위가 비어 있습니다.")
        elif len(unit) > 20:
            problems.add(row.line, "unit", "단위는 20자 이내여야 합니다.")
        cost = parse_decimal(problems, row, "unit_cost", places=2, max_digits=16)
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
    for _i, (start, end, rate) in enumerate(ordered, 1):
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
    for (s1, e1, _), (s2, e2, _) in itertools.pairwise(ordered):
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


def phases_set(
    *, complex, specs, by=None, reason="", resolution_ref="", resolution=None
) -> PlanRevision:
    """Set the accumulation phases (Art. 83①) as a new revision of the plan (components copied).
    Nothing written unless every rule of `validate_phases` holds."""
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
        if resolution is not None:
            check_resolution(complex, resolution)
            revision.resolution = resolution
            revision.save(update_fields=["resolution"])
        _copy_components(previous, revision)
        ReservePhase.objects.bulk_create(
            ReservePhase(complex=complex, revision=revision, start_month=s, end_month=e, rate=r)
            for s, e, r in sorted(specs, key=lambda s: s[0])
        )
    return revision


# --- adjustments (by hand) ------------------------------------------------------------------

COMPONENT_FIELDS = [
    "category",
    "name",
    "method",
    "cycle_years",
    "first_year",
    "repair_rate",
    "quantity",
    "unit",
    "unit_cost",
]


def _check_component(values: dict, start_month: date, end_month: date) -> list[str]:
    problems = []
    if not values.get("name"):
        problems.append("공사종별이 비어 있습니다.")
    if values.get("category") not in ComponentCategory.values:
        problems.append("구분을 골라 주세요.")
    if values.get("method") not in RepairMethod.values:
        problems.append("수선방법을 골라 주세요.")
    cycle = values.get("cycle_years")
    if cycle is None or int(cycle) <= 0:
        problems.append(f"수선주기는 1년 이상이어야 합니다: {cycle}")
    first = values.get("first_year")
    if first is None or not start_month.year <= int(first) <= end_month.year:
        problems.append(
            f"최초 수선연도 {first}년이 계획기간({start_month.year}~{end_month.year}년) 밖입니다."
        )
    rate = values.get("repair_rate")
    if rate is None or not Decimal(0) < Decimal(rate) <= 100:
        problems.append(f"수선율은 0 초과 100 이하(%)입니다: {rate}")
    if values.get("quantity") is None or Decimal(values["quantity"]) <= 0:
        problems.append("수량은 0보다 커야 합니다.")
    if values.get("unit_cost") is None or Decimal(values["unit_cost"]) < 0:
        problems.append("단가는 0 이상이어야 합니다.")
    return problems


def plan_create(*, complex, start_month: date, end_month: date, by=None) -> PlanRevision:
    """Establish an empty plan to be built by hand (components added one by one)."""
    if RepairPlan.objects.filter(complex=complex).exists():
        raise ApplicationError("이미 장기수선계획이 있습니다. 조정으로 변경하세요.")
    if month_index(end_month) < month_index(start_month):
        raise ApplicationError("계획기간의 종료월이 시작월보다 빠릅니다.")
    with transaction.atomic():
        return _new_revision(
            complex=complex,
            start_month=start_month,
            end_month=end_month,
            kind=RevisionKind.ESTABLISHED,
            reason="계획 수립",
            by=by,
        )


def plan_adjust(
    *,
    complex,
    by=None,
    reason: str,
    change: dict | None = None,
    add: list | None = None,
    remove: list | None = None,
    owners_consent: bool = False,
    resolution=None,
    resolution_ref: str = "",
) -> PlanRevision:
    """Adjust the plan as a new revision (시행규칙 7조②: the office drafts, the council resolves).

    `change` = {component_pk: {field: value}}, `add` = [component values], `remove` = [pk].
    Adjusting before 3 years have passed since the last review needs the written consent of a
    majority of all owners (공동주택관리법 29조③, seed 004) — `owners_consent` attests it — unless
    a review recorded in the last 90 days called for the adjustment, or the plan is still being
    built (no phases yet, so no bill depends on it).
    """
    if not (reason or "").strip():
        raise ApplicationError("조정 사유를 적어 주세요.")
    change, add, remove = change or {}, add or [], set(remove or [])
    with transaction.atomic():
        RepairPlan.objects.select_for_update().filter(complex=complex).first()
        previous = current_revision(complex=complex)
        if previous is None:
            raise ApplicationError("장기수선계획이 없습니다.")
        building = not previous.phases.exists()
        today = timezone.localdate()
        recent_review = PlanReview.objects.filter(
            complex=complex,
            adjusted=True,
            reviewed_on__gte=date.fromordinal(today.toordinal() - 90),
        ).exists()
        due = review_due_on(complex=complex)
        if not (building or recent_review or owners_consent) and due and today < due:
            raise ApplicationError(
                f"정기 검토일({due:%Y-%m-%d}) 전의 조정에는 전체 입주자 과반수의 서면동의가 "
                "필요합니다 (공동주택관리법 제29조③). 동의를 받았으면 확인란에 표시하세요."
            )
        existing = {c.pk: c for c in previous.components.all()}
        unknown = (set(change) | remove) - set(existing)
        if unknown:
            raise ApplicationError("현재 계획에 없는 공사종별입니다.")
        rows, problems, keys = [], [], set()
        for pk, c in existing.items():
            if pk in remove:
                continue
            values = {f: getattr(c, f) for f in COMPONENT_FIELDS}
            values.update(change.get(pk, {}))
            rows.append(values)
        rows.extend(dict(v) for v in add)
        for values in rows:
            for p in _check_component(values, previous.start_month, previous.end_month):
                problems.append(f"{values.get('name') or '(이름 없음)'}: {p}")
            key = (values.get("category"), values.get("name"))
            if key in keys:
                problems.append(f"{values.get('name')}: 같은 구분에 같은 이름이 두 번 있습니다.")
            keys.add(key)
        if problems:
            raise ApplicationError(
                "조정안에 문제가 있어 저장하지 않았습니다.", {"problems": problems}
            )
        revision = _new_revision(
            complex=complex,
            start_month=previous.start_month,
            end_month=previous.end_month,
            kind=RevisionKind.ADJUSTMENT,
            reason=reason.strip(),
            by=by,
            resolution_ref=resolution_ref,
        )
        if resolution is not None:
            check_resolution(complex, resolution)
            revision.resolution = resolution
            revision.save(update_fields=["resolution"])
        Component.objects.bulk_create(
            Component(complex=complex, revision=revision, **values) for values in rows
        )
        _copy_phases(previous, revision)
    return revision


def review_record(
    *, complex, reviewed_on: date, findings: str, adjusted=False, by=None, resolution=None
):
    """Record the 3-yearly review with its findings (29조②: 검토사항을 기록하고 보관)."""
    plan = RepairPlan.objects.filter(complex=complex).first()
    if plan is None:
        raise ApplicationError("장기수선계획이 없습니다.")
    if not (findings or "").strip():
        raise ApplicationError("검토사항을 적어 주세요.")
    if reviewed_on > timezone.localdate():
        raise ApplicationError("검토일은 오늘 이후일 수 없습니다.")
    if resolution is not None:
        check_resolution(complex, resolution)
    return PlanReview.objects.create(
        complex=complex,
        plan=plan,
        reviewed_on=reviewed_on,
        findings=findings.strip(),
        adjusted=adjusted,
        recorded_by=by,
        resolution=resolution,
    )


def review_link_resolution(*, review, resolution):
    """Link the council's resolution to a recorded 3-yearly review (공동주택관리법 29조②: the
    council and office review the plan; 시행규칙 7조②: the council resolves). The resolution
    must be this complex's, passed and in force; a review keeps the first one linked (permanent
    record, Art. 64①2)."""
    with transaction.atomic():
        obj = PlanReview.objects.select_for_update().get(pk=review.pk)
        if obj.resolution_id:
            raise ApplicationError("이 검토에는 이미 의결이 연결되어 있습니다.")
        check_resolution(obj.complex, resolution)
        obj.resolution = resolution
        obj.save(update_fields=["resolution"])
    return obj


def revision_link_resolution(*, revision, resolution):
    """Link the council's resolution to a plan revision (an adjustment, 시행규칙 7조②: the office
    drafts, the council resolves), when it was not given at the time of the change. Same checks
    as `review_link_resolution`."""
    with transaction.atomic():
        obj = PlanRevision.objects.select_for_update().get(pk=revision.pk)
        if obj.resolution_id:
            raise ApplicationError("이 차수에는 이미 의결이 연결되어 있습니다.")
        check_resolution(obj.complex, resolution)
        obj.resolution = resolution
        obj.save(update_fields=["resolution"])
    return obj


def check_resolution(complex, resolution):
    """A council resolution linked to a plan revision, review or usage plan must be this
    complex's and in force (Art. 34: passed, not suspended or revoked)."""
    if resolution.complex_id != complex.pk:
        raise ApplicationError("다른 단지의 의결입니다.")
    if not resolution_is_effective(resolution=resolution):
        raise ApplicationError(
            "가결되어 효력이 있는 의결이 아닙니다 (부결, 재심의로 효력 정지 또는 취소)."
        )
