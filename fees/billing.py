"""The billing run's calculation: every unit's bill for one period, in memory (20-fees.md
"Billing runs" and "Precise rules").

`load_inputs` reads what a run needs in a handful of queries; `compute` is pure and returns the
bills as dicts (or every problem at once as an ApplicationError); services.py writes them.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from math import floor

from core.errors import ApplicationError

from .allocation import split
from .due_dates import due_date
from .items import ITEMS, UTILITY_UNITS, Basis, Section, item_name, section_of
from .late_fees import DENOMINATOR, LateFeeTable
from .ledger import Debt, settle


def natural_key(text: str):
    """Precise rule 4: compared as numbers where numeric ("2" before "10")."""
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p
    )


@dataclass(frozen=True)
class UnitRow:
    id: int
    building_id: int
    building: str
    number: str
    floor: int
    area: Decimal
    weight: int = 0  # supply area in 0.01 m², the integer weight of area splits

    @property
    def label(self):
        return f"{self.building}동 {self.number}호"


@dataclass
class Inputs:
    complex_id: int
    period: date
    issued_on: date
    due_day: int
    heating_type: str
    table: LateFeeTable
    exempt_floors: object  # callable(building name) -> int
    units: list  # [UnitRow] in unit order
    items: dict  # code -> (basis, unit_price, active)
    costs: list  # [dict]
    readings: dict  # (unit_id, utility) -> (usage Decimal, amount int|None, estimated str)
    reserve: dict | None
    reduction_monthly: int
    misc_income_month: int
    contingency: list  # [(item, amount, memo)]
    adjustments: list  # [(unit_id, line code, amount, reason)]
    history: list  # [(bill_id, unit_id, period, issued_on, due_date, charges, late_fee)]
    payments: list  # [(unit_id, paid_on, amount)]
    notes: list = field(default_factory=list)
    fines: list = field(default_factory=list)  # [(unit_id, amount, reason)] Art. 97


@lru_cache(maxsize=4096)
def fmt(n) -> str:
    """84.97 → "84.97", 100000 → "100,000" (cached: the same areas repeat over thousands of units)."""
    if isinstance(n, Decimal):
        return f"{n.normalize():,f}"
    return f"{n:,}"


class Problems:
    def __init__(self):
        self.items = []

    def add(self, message, **extra):
        self.items.append({"message": message, **extra})

    def raise_if_any(self):
        if self.items:
            raise ApplicationError(
                f"부과 계산을 멈췄습니다: 문제 {len(self.items)}건을 먼저 해결해 주세요.",
                {"problems": self.items},
            )


def _scope(inputs: Inputs, cost: dict, problems: Problems):
    units = inputs.units
    if cost["unit_ids"]:
        wanted = set(cost["unit_ids"])
        units = [u for u in units if u.id in wanted]
    elif cost["building_id"]:
        units = [u for u in units if u.building_id == cost["building_id"]]
    if cost["item"] == "elevator_electricity":
        # 별표 6, Precise rule 7: units on floors ≤ N never share elevator electricity.
        units = [u for u in units if u.floor > inputs.exempt_floors(u.building)]
    if not units:
        problems.add(f"{item_name(cost['item'])}: 부과할 세대가 없습니다.", item=cost["item"])
    return units


def _group_costs(costs: list) -> dict:
    """Precise rule 3: rows of one item and one scope add up and split once."""
    groups = {}
    for c in costs:
        key = (
            c["item"],
            c["basis"],
            c["unit_price"],
            c["building_id"],
            tuple(sorted(c["unit_ids"])),
        )
        if key in groups:
            g = groups[key]
            if c["amount"] is not None:
                g["amount"] = (g["amount"] or 0) + c["amount"]
        else:
            groups[key] = dict(c)
    return groups


def _item_shares(inputs: Inputs, g: dict, problems: Problems, hot_water_total: int):
    """{unit_id: (won, note)} for one cost group."""
    code = g["item"]
    basis = g["basis"]
    amount = g["amount"]
    units = _scope(inputs, g, problems)
    if not units:
        return {}
    utility_unit = UTILITY_UNITS.get(code, "")

    if code == "heating":
        if amount is None:
            problems.add("난방비: 금액이 없습니다.", item=code)
            return {}
        # Precise rule 1 (별표 5 item 6): heating = fuel bill − the period's hot-water charges.
        if hot_water_total:
            amount -= hot_water_total
            if amount < 0:
                problems.add(
                    f"난방비 {fmt(g['amount'])}원이 급탕비 합계 {fmt(hot_water_total)}원보다 적습니다.",
                    item=code,
                )
                return {}
        if basis == Basis.USAGE and not any((u.id, "heating") in inputs.readings for u in units):
            basis = Basis.AREA
            inputs.notes.append(
                "난방비: 이번 달 난방 검침값이 없어 면적 기준으로 나눴습니다 (별표 5 제6호)."
            )

    if basis in (Basis.AREA, Basis.HOUSEHOLD, Basis.USAGE, Basis.DIRECT) and amount is None:
        problems.add(f"{item_name(code)}: 금액이 없습니다.", item=code)
        return {}

    if basis == Basis.AREA:
        total_area = sum(u.area for u in units)
        shares = split(amount, [u.weight for u in units])
        suffix = f"㎡ / {fmt(total_area)}㎡ × {fmt(amount)}원"
        notes = {a: fmt(a) + suffix for a in {u.area for u in units}}
        return {u.id: (s, notes[u.area]) for u, s in zip(units, shares, strict=True)}
    if basis == Basis.HOUSEHOLD:
        shares = split(amount, [1] * len(units))
        note = f"1세대 / {len(units)}세대 × {fmt(amount)}원"
        return {u.id: (s, note) for u, s in zip(units, shares, strict=True)}
    if basis == Basis.DIRECT:
        if not g["unit_ids"] and not g["building_id"]:
            problems.add(f"{item_name(code)}: 부과할 세대(units)를 지정해 주세요.", item=code)
            return {}
        shares = split(amount, [1] * len(units))
        return {
            u.id: (s, f"지정 {len(units)}세대 균등 × {fmt(amount)}원")
            for u, s in zip(units, shares, strict=True)
        }
    if basis == Basis.FIXED:
        if amount is None:
            problems.add(f"{item_name(code)}: 세대당 금액이 없습니다.", item=code)
            return {}
        return {u.id: (amount, f"세대당 정액 {fmt(amount)}원") for u in units}

    # usage-based bases need every unit's reading (Precise rule 2)
    if code not in UTILITY_UNITS:
        problems.add(
            f"{item_name(code)}: 검침 항목이 아니어서 사용량 기준을 쓸 수 없습니다.", item=code
        )
        return {}
    missing = [u for u in units if (u.id, code) not in inputs.readings]
    if missing:
        problems.add(
            f"{item_name(code)}: 검침값이 없는 세대 {len(missing)}곳 — 추정치를 기록하거나 면적 기준으로 바꿔 주세요.",
            item=code,
            units=[u.label for u in missing[:50]],
        )
        return {}
    readings = [inputs.readings[(u.id, code)] for u in units]

    def est(r):
        return f" (추정: {r[2]})" if r[2] else ""

    if basis == Basis.USAGE:
        total = sum(r[0] for r in readings)
        if total <= 0:
            problems.add(f"{item_name(code)}: 사용량 합계가 0입니다.", item=code)
            return {}
        shares = split(amount, [max(r[0], Decimal(0)) for r in readings])
        return {
            u.id: (
                s,
                f"{fmt(r[0])}{utility_unit} / {fmt(total)}{utility_unit} × {fmt(amount)}원{est(r)}",
            )
            for u, s, r in zip(units, shares, readings, strict=True)
        }
    if basis == Basis.UNIT_PRICE:
        price = g["unit_price"] or inputs.items.get(code, (None, None, True))[1]
        if not price:
            problems.add(f"{item_name(code)}: 단가가 없습니다.", item=code)
            return {}
        return {
            u.id: (floor(r[0] * price), f"{fmt(r[0])}{utility_unit} × {fmt(price)}원{est(r)}")
            for u, r in zip(units, readings, strict=True)
        }
    if basis == Basis.METERED_AMOUNT:
        no_amount = [u for u, r in zip(units, readings, strict=True) if r[1] is None]
        if no_amount:
            problems.add(
                f"{item_name(code)}: 검침 파일에 금액이 없는 세대 {len(no_amount)}곳.",
                item=code,
                units=[u.label for u in no_amount[:50]],
            )
            return {}
        total = sum(r[1] for r in readings)
        if amount is not None and amount != total:
            problems.add(
                f"{item_name(code)}: 공급자 청구액 {fmt(amount)}원과 세대별 금액 합계 {fmt(total)}원이 "
                f"{fmt(abs(amount - total))}원 다릅니다.",
                item=code,
            )
            return {}
        return {
            u.id: (r[1], f"검침 금액 (사용량 {fmt(r[0])}{utility_unit}){est(r)}")
            for u, r in zip(units, readings, strict=True)
        }
    problems.add(f"{item_name(code)}: 알 수 없는 부과 기준 '{basis}'.", item=code)
    return {}


def _same_area_averages(bills) -> dict:
    """{supply area: [average period charges, units]} for "this unit vs the same area"."""
    groups = defaultdict(list)
    for b in bills:
        groups[str(b["supply_area"])].append(b["charges"])
    return {area: [round(sum(v) / len(v)), len(v)] for area, v in groups.items()}


def _line_meta(code: str, heating_type: str):
    """(bill subtotal, name, section) of a line code."""
    section = section_of(code, heating_type)
    if code == "misc_income_credit":
        key = "misc_income_credit"
    elif code in ("adjustment", "violation_fine"):
        key = "adjustments"
    elif section == Section.RESERVE:
        key = "repair_reserve"
    elif section == Section.USAGE:
        key = "usage_charges"
    else:
        key = "management_fee"
    return key, item_name(code), str(section)


def compute(inputs: Inputs) -> dict:
    """Every unit's bill for the period. Returns {"bills": [...], "totals": {...}, "notes": [...],
    "summary": {...}}; raises ApplicationError listing every problem."""
    problems = Problems()
    due = due_date(inputs.period, inputs.due_day)
    lines = defaultdict(dict)  # unit_id -> code -> [amount, [notes]]
    totals = defaultdict(int)

    def add(unit_id, code, amount, note):
        slot = lines[unit_id].setdefault(code, [0, []])
        slot[0] += amount
        if note:
            slot[1].append(note)
        totals[code] += amount

    contingency_groups = []
    costs = []
    for c in inputs.costs:
        basis = c["basis"] or inputs.items.get(c["item"], (ITEMS[c["item"]][1],))[0]
        c = {**c, "basis": basis}
        if c["item"] == "contingency":
            contingency_groups.append(c)
        else:
            costs.append(c)
    groups = list(_group_costs(costs).values())
    # hot water first: heating is net of it (Precise rule 1)
    groups.sort(key=lambda g: (g["item"] != "hot_water", g["item"] == "heating"))
    hot_water_total = 0
    heating_netted = False
    for g in groups:
        hw = hot_water_total if (g["item"] == "heating" and not heating_netted) else 0
        shares = _item_shares(inputs, g, problems, hw)
        if g["item"] == "heating" and shares:
            heating_netted = True
        code = g["item"]
        for unit_id, (won, note) in shares.items():
            slot = lines[unit_id].get(code)
            if slot is None:
                lines[unit_id][code] = [won, [note]]
            else:
                slot[0] += won
                slot[1].append(note)
        item_total = sum(won for won, _ in shares.values())
        totals[code] += item_total
        if code == "hot_water":
            hot_water_total += item_total

    # repair reserve (Art. 86②: its own section)
    if inputs.reserve is None:
        inputs.notes.append("장기수선계획 없음: 장기수선충당금 0원.")
    else:
        reserve_notes = {
            a: f"{fmt(a)}㎡ × 장기수선계획 단가 (별표 9)" for a in {u.area for u in inputs.units}
        }
        for u in inputs.units:
            won = inputs.reserve.get(u.id, 0)
            add(u.id, "repair_reserve", won, reserve_notes[u.area])

    # misc income credit (Art. 80⑤1, Art. 86③, Precise rule 14)
    if inputs.reduction_monthly:
        total_area = sum(u.area for u in inputs.units)
        shares = split(-inputs.reduction_monthly, [u.weight for u in inputs.units])
        for u, s in zip(inputs.units, shares, strict=True):
            add(
                u.id,
                "misc_income_credit",
                s,
                f"{fmt(u.area)}㎡ / {fmt(total_area)}㎡ × {fmt(-inputs.reduction_monthly)}원 (제80조⑤)",
            )

    for unit_id, code, amount, reason in inputs.adjustments:
        add(unit_id, code, amount, reason)
    for unit_id, amount, reason in inputs.fines:
        add(unit_id, "violation_fine", amount, f"{reason} (제97조)")

    contingency = defaultdict(int)
    for g in contingency_groups:
        if g["amount"]:
            scope = _scope(inputs, g, problems)
            for u, s in zip(scope, split(g["amount"], [u.weight for u in scope]), strict=True):
                contingency[u.id] += s
    problems.raise_if_any()

    # arrears, credit and late fees from the issued history (Precise rules 8–10)
    history = defaultdict(list)
    for bill_id, unit_id, period, issued_on, due_on, charges, late_fee in inputs.history:
        history[unit_id].append(Debt(bill_id, period, issued_on, due_on, charges, late_fee))
    paid = defaultdict(list)
    for unit_id, paid_on, amount in inputs.payments:
        paid[unit_id].append((paid_on, amount))

    bills = []
    line_meta = {}
    for u in inputs.units:
        unit_lines = []
        sums = defaultdict(int)
        for code, (won, notes) in lines[u.id].items():
            meta = line_meta.get(code)
            if meta is None:
                meta = line_meta[code] = _line_meta(code, inputs.heating_type)
            key, name, section = meta
            sums[key] += won
            unit_lines.append(
                {
                    "item": code,
                    "name": name,
                    "section": section,
                    "amount": won,
                    "note": notes[0] if len(notes) == 1 else " + ".join(notes),
                }
            )
        charges = sum(sums.values())
        debts = history.get(u.id, [])
        late_fee = 0
        arrears = 0
        credit = 0
        if debts or u.id in paid:
            account = settle(debts, paid.get(u.id, []), until=inputs.issued_on)
            billed = sum(d.late_fee for d in debts)
            late_fee = max(
                0, account.accrued_numerator(inputs.issued_on, inputs.table) // DENOMINATOR - billed
            )
            arrears = account.arrears
            credit = account.credit
        if late_fee:
            unit_lines.append(
                {
                    "item": "late_fee",
                    "name": "연체료",
                    "section": "other",
                    "amount": late_fee,
                    "note": "미납 관리비등에 대한 일할 연체료 (제87조, 별표 8)",
                }
            )
            totals["late_fee"] += late_fee
        owed = charges + late_fee + arrears
        prepaid = min(credit, max(owed, 0))
        bills.append(
            {
                "unit_id": u.id,
                "supply_area": u.area,
                "due_date": due,
                "lines": unit_lines,
                "management_fee": sums["management_fee"],
                "usage_charges": sums["usage_charges"],
                "repair_reserve": sums["repair_reserve"],
                "misc_income_credit": sums["misc_income_credit"],
                "adjustments": sums["adjustments"],
                "charges": charges,
                "late_fee": late_fee,
                "arrears": arrears,
                "prepaid": prepaid,
                "total_due": max(owed - prepaid, 0),
                "contingency_info": contingency.get(u.id, 0),
            }
        )
    return {
        "bills": bills,
        "due_date": due,
        "totals": dict(totals),
        "notes": list(dict.fromkeys(inputs.notes)),
        "summary": {
            "units": len(bills),
            "misc_income_month": inputs.misc_income_month,
            "misc_income_reduction": inputs.reduction_monthly,
            "contingency": [
                {"item": g["item"], "amount": g["amount"], "memo": g["memo"]}
                for g in contingency_groups
            ],
            "charges": sum(b["charges"] for b in bills),
            "same_area": _same_area_averages(bills),
            "total_due": sum(b["total_due"] for b in bills),
        },
    }
