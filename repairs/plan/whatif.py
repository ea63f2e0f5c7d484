"""What-if parameters (change a phase rate, a component's cycle or unit cost) → overrides for
the projection and the per-unit-type monthly amounts. Nothing is written."""

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from core.errors import ApplicationError

from .plan_math import ComponentSpec
from .reserve import PhaseSpec


def parse_whatif(params, revision) -> tuple[dict, list[str]]:
    """From a QueryDict / dict: `rates` (one per phase, in order; "20,30,30,20" or repeated),
    `component` (id in the current revision), `cycle`, `unit_cost`.
    Returns (overrides, notes); a bad value raises ApplicationError naming it."""
    getlist = params.getlist if hasattr(params, "getlist") else lambda k: _as_list(params.get(k))
    overrides, notes = {}, []
    phases = [PhaseSpec.of(p) for p in revision.phases.all()]
    raw_rates = [r.strip() for v in getlist("rates") for r in str(v).split(",")]
    if any(raw_rates):
        if len(raw_rates) == len(phases):  # a blank keeps that phase's current rate
            raw_rates = [r or str(p.rate) for r, p in zip(raw_rates, phases, strict=True)]
        if len(raw_rates) != len(phases):
            raise ApplicationError(
                f"요율은 단계 수({len(phases)})만큼 입력해야 합니다 ({len(raw_rates)}개 입력)."
            )
        rates = [_decimal(r, "요율") if "/" not in r else _fraction(r) for r in raw_rates]
        if any(r < 0 or r > 100 for r in rates):
            raise ApplicationError("요율은 0~100(%) 사이여야 합니다.")
        if sum(rates) != 100:
            notes.append(f"요율의 합이 {sum(rates)}%입니다 (규약상 100%여야 합니다).")
        if [p.rate for p in phases] != [Fraction(r) for r in rates]:
            notes.append("적립요율 변경은 관리규약 개정 사항입니다 (제83조①, 제100조).")
        overrides["phases"] = [
            replace(p, rate=Fraction(r)) for p, r in zip(phases, rates, strict=True)
        ]
    component_id = params.get("component")
    cycle, cost = params.get("cycle"), params.get("unit_cost")
    if component_id and (cycle or cost):
        try:
            component = revision.components.get(pk=int(component_id))
        except (ValueError, revision.components.model.DoesNotExist) as e:
            raise ApplicationError("현재 계획에 없는 공사종별입니다.") from e
        specs = [ComponentSpec.of(c) for c in revision.components.all()]
        key = f"{component.category}:{component.name}"
        new_cycle = int(_decimal(cycle, "수선주기")) if cycle else None
        if new_cycle is not None and new_cycle <= 0:
            raise ApplicationError("수선주기는 1년 이상이어야 합니다.")
        new_cost = Fraction(_decimal(cost, "단가")) if cost else None
        if new_cost is not None and new_cost < 0:
            raise ApplicationError("단가는 0 이상이어야 합니다.")
        overrides["components"] = [
            replace(
                s,
                cycle_years=new_cycle or s.cycle_years,
                unit_cost=s.unit_cost if new_cost is None else new_cost,
            )
            if s.key == key
            else s
            for s in specs
        ]
        notes.append(
            f"'{component.name}' 변경은 장기수선계획 조정 사항입니다 (입주자대표회의 의결)."
        )
    return overrides, notes


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _decimal(text, what) -> Decimal:
    try:
        value = Decimal(str(text).replace(",", "").strip())
    except InvalidOperation as e:
        raise ApplicationError(f"{what}이(가) 숫자가 아닙니다: '{text}'") from e
    if not value.is_finite():
        raise ApplicationError(f"{what}이(가) 숫자가 아닙니다: '{text}'")
    return value


def _fraction(text) -> Decimal:
    f = Fraction(text)
    return Decimal(f.numerator) / Decimal(f.denominator)
