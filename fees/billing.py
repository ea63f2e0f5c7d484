"""The billing run's calculation: every unit's bill for one period, in memory (20-fees.md
"Billing runs" and "Precise rules").

`load_inputs` reads what a run needs in a handful of queries — of the ledger, each unit's
balance carried forward from the last issue and what came after it (fees.balances), never the
whole history; `compute` is pure and returns the bills as dicts (or every problem at once as an
ApplicationError); services.py writes them.

`compute` works item by item over all units at once (a column of amounts per line code, one
division per distinct weight in the split) and writes each bill's lines as JSON text for the
COPY, so its time is a small multiple of what the database takes to write the lines.
"""

import json
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
from .ledger import NO_HISTORY, Balance, Debt, carry, settle


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
    # the ledger: each unit's carried-forward balance (fees.balances) and what came after it
    history: list  # [(bill_id, unit_id, period, issued_on, due_date, charges, late_fee)]
    payments: list  # [(unit_id, paid_on, amount)] dated ≤ issued_on
    balances: dict = field(default_factory=dict)  # unit_id -> ledger.Balance
    notes: list = field(default_factory=list)
    fines: list = field(default_factory=list)  # [(unit_id, amount, reason)] Art. 97
    areas: tuple = ()  # worked out by compute: (Σ area, weights, areas) of all units


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


def _areas(inputs: Inputs, units: list):
    """(Σ supply area, integer weights, areas) of a scope; those of the run's whole unit list,
    which most items are split over, are worked out once."""
    whole = units is inputs.units
    if whole and inputs.areas:
        return inputs.areas
    facts = (sum(u.area for u in units), [u.weight for u in units], [u.area for u in units])
    if whole:
        inputs.areas = facts
    return facts


def _item_shares(inputs: Inputs, g: dict, problems: Problems, hot_water_total: int):
    """(units in scope, their shares in won, note) for one cost group — the note one string for
    all of them or a list beside the shares; None after a problem."""
    code = g["item"]
    basis = g["basis"]
    amount = g["amount"]
    units = _scope(inputs, g, problems)
    if not units:
        return None
    utility_unit = UTILITY_UNITS.get(code, "")

    if code == "heating":
        if amount is None:
            problems.add("난방비: 금액이 없습니다.", item=code)
            return None
        # Precise rule 1 (별표 5 item 6): heating = fuel bill − the period's hot-water charges.
        if hot_water_total:
            amount -= hot_water_total
            if amount < 0:
                problems.add(
                    f"난방비 {fmt(g['amount'])}원이 급탕비 합계 {fmt(hot_water_total)}원보다 적습니다.",
                    item=code,
                )
                return None
        if basis == Basis.USAGE and not any((u.id, "heating") in inputs.readings for u in units):
            basis = Basis.AREA
            inputs.notes.append(
                "난방비: 이번 달 난방 검침값이 없어 면적 기준으로 나눴습니다 (별표 5 제6호)."
            )

    if basis in (Basis.AREA, Basis.HOUSEHOLD, Basis.USAGE, Basis.DIRECT) and amount is None:
        problems.add(f"{item_name(code)}: 금액이 없습니다.", item=code)
        return None

    if basis == Basis.AREA:
        total_area, weights, areas = _areas(inputs, units)
        shares = split(amount, weights)
        suffix = f"㎡ / {fmt(total_area)}㎡ × {fmt(amount)}원"
        notes = {a: fmt(a) + suffix for a in set(areas)}
        return units, shares, list(map(notes.__getitem__, areas))
    if basis == Basis.HOUSEHOLD:
        shares = split(amount, [1] * len(units))
        return units, shares, f"1세대 / {len(units)}세대 × {fmt(amount)}원"
    if basis == Basis.DIRECT:
        if not g["unit_ids"] and not g["building_id"]:
            problems.add(f"{item_name(code)}: 부과할 세대(units)를 지정해 주세요.", item=code)
            return None
        shares = split(amount, [1] * len(units))
        return units, shares, f"지정 {len(units)}세대 균등 × {fmt(amount)}원"
    if basis == Basis.FIXED:
        if amount is None:
            problems.add(f"{item_name(code)}: 세대당 금액이 없습니다.", item=code)
            return None
        return units, [amount] * len(units), f"세대당 정액 {fmt(amount)}원"

    # usage-based bases need every unit's reading (Precise rule 2)
    if code not in UTILITY_UNITS:
        problems.add(
            f"{item_name(code)}: 검침 항목이 아니어서 사용량 기준을 쓸 수 없습니다.", item=code
        )
        return None
    missing = [u for u in units if (u.id, code) not in inputs.readings]
    if missing:
        problems.add(
            f"{item_name(code)}: 검침값이 없는 세대 {len(missing)}곳 — 추정치를 기록하거나 면적 기준으로 바꿔 주세요.",
            item=code,
            units=[u.label for u in missing[:50]],
        )
        return None
    readings = [inputs.readings[(u.id, code)] for u in units]

    def est(r):
        return f" (추정: {r[2]})" if r[2] else ""

    if basis == Basis.USAGE:
        total = sum(r[0] for r in readings)
        if total <= 0:
            problems.add(f"{item_name(code)}: 사용량 합계가 0입니다.", item=code)
            return None
        shares = split(amount, [max(r[0], Decimal(0)) for r in readings])
        suffix = f"{utility_unit} / {fmt(total)}{utility_unit} × {fmt(amount)}원"
        return units, shares, [f"{fmt(r[0])}{suffix}{est(r)}" for r in readings]
    if basis == Basis.UNIT_PRICE:
        price = g["unit_price"] or inputs.items.get(code, (None, None, True))[1]
        if not price:
            problems.add(f"{item_name(code)}: 단가가 없습니다.", item=code)
            return None
        suffix = f"{utility_unit} × {fmt(price)}원"
        return (
            units,
            [floor(r[0] * price) for r in readings],
            [f"{fmt(r[0])}{suffix}{est(r)}" for r in readings],
        )
    if basis == Basis.METERED_AMOUNT:
        no_amount = [u for u, r in zip(units, readings, strict=True) if r[1] is None]
        if no_amount:
            problems.add(
                f"{item_name(code)}: 검침 파일에 금액이 없는 세대 {len(no_amount)}곳.",
                item=code,
                units=[u.label for u in no_amount[:50]],
            )
            return None
        total = sum(r[1] for r in readings)
        if amount is not None and amount != total:
            problems.add(
                f"{item_name(code)}: 공급자 청구액 {fmt(amount)}원과 세대별 금액 합계 {fmt(total)}원이 "
                f"{fmt(abs(amount - total))}원 다릅니다.",
                item=code,
            )
            return None
        return (
            units,
            [r[1] for r in readings],
            [f"검침 금액 (사용량 {fmt(r[0])}{utility_unit}){est(r)}" for r in readings],
        )
    problems.add(f"{item_name(code)}: 알 수 없는 부과 기준 '{basis}'.", item=code)
    return None


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


class _Lines:
    """One line code over every unit of the run, in unit order: its amount (None where the unit
    has no such line) and its note."""

    def __init__(self, code: str, step: int, n: int, heating_type: str):
        self.code = code
        self.key, name, section = _line_meta(code, heating_type)
        self.step = step  # when the first unit got this line
        self.amounts = [None] * n
        self.notes = [None] * n
        # the line as JSON up to its amount (Bill.lines: [{item, name, section, amount, note}])
        head = json.dumps({"item": code, "name": name, "section": section}, ensure_ascii=False)
        self.head = head[:-1] + ', "amount": '

    def json(self, encoded: dict) -> list:
        """Each unit's line as JSON text (None where it has none)."""
        head = self.head
        return [
            None if a is None else f'{head}{a}, "note": {encoded[n]}}}'
            for a, n in zip(self.amounts, self.notes, strict=True)
        ]


class _LineTable:
    """Every unit's lines, a column per line code. A unit's lines are in the order it first got
    each code: the order the columns were made, except for the few units that got a code after
    a newer code (`reordered`), whose steps are kept to sort their lines by."""

    def __init__(self, n: int, heating_type: str):
        self.n = n
        self.heating_type = heating_type
        self.columns = {}  # code -> _Lines, in the order made
        self.step = 0
        self.first = {}  # (code, unit index) -> step, where later than the column's
        self.reordered = set()

    def next_step(self) -> None:
        self.step += 1

    def column(self, code: str) -> _Lines:
        col = self.columns.get(code)
        if col is None:
            col = self.columns[code] = _Lines(code, self.step, self.n, self.heating_type)
        return col

    def add_all(self, code: str, won: list, notes, indexes=None) -> None:
        """A line for the units at `indexes` (all units when None), in that order."""
        fresh = code not in self.columns
        col = self.column(code)
        if not isinstance(notes, list):
            notes = [notes] * len(won)
        if fresh and indexes is None:
            col.amounts, col.notes = won, notes
            return
        newer = [c for c in self.columns.values() if c.step > col.step]
        for i, w, note in zip(indexes or range(self.n), won, notes, strict=True):
            self._add(col, i, w, note, newer)

    def add(self, index: int, code: str, won: int, note: str) -> None:
        col = self.column(code)
        self._add(col, index, won, note, [c for c in self.columns.values() if c.step > col.step])

    def _add(self, col: _Lines, i: int, won: int, note: str, newer: list) -> None:
        if col.amounts[i] is None:
            col.amounts[i] = won
            col.notes[i] = note
            if self.step != col.step:
                self.first[(col.code, i)] = self.step
                if any(c.amounts[i] is not None for c in newer):
                    self.reordered.add(i)
        else:
            col.amounts[i] += won
            if note:
                col.notes[i] = f"{col.notes[i]} + {note}" if col.notes[i] else note

    def lines_json(self) -> list:
        """Each unit's lines as a list of JSON texts."""
        columns = list(self.columns.values())
        if not columns:
            return [[] for _ in range(self.n)]
        encoded = _JsonStrings()
        texts = [col.json(encoded) for col in columns]
        out = [list(filter(None, row)) for row in zip(*texts, strict=True)]
        for i in self.reordered:
            steps = [
                (self.first.get((c.code, i), c.step), t[i])
                for c, t in zip(columns, texts, strict=True)
            ]
            out[i] = [t for _, t in sorted(steps) if t]
        return out


class _JsonStrings(dict):
    """str → its JSON text, each distinct note encoded once."""

    def __missing__(self, text):
        value = self[text] = json.dumps(text, ensure_ascii=False)
        return value


LATE_FEE_LINE = (
    '{"item": "late_fee", "name": "연체료", "section": "other", "amount": %d, '
    '"note": "미납 관리비등에 대한 일할 연체료 (제87조, 별표 8)"}'
)
SUM_KEYS = (
    "management_fee",
    "usage_charges",
    "repair_reserve",
    "misc_income_credit",
    "adjustments",
)


def compute(inputs: Inputs) -> dict:
    """Every unit's bill for the period. Returns {"bills": [...], "totals": {...}, "notes": [...],
    "summary": {...}, "balances": {...}}; raises ApplicationError listing every problem.

    Each bill's lines come as JSON text (`lines_json`) ready for Bill.lines; `balances` holds
    each unit's account on the issue date before this bill (ledger.Balance), from which the
    issue keeps the close (fees.balances)."""
    problems = Problems()
    due = due_date(inputs.period, inputs.due_day)
    units = inputs.units
    n = len(units)
    index = {u.id: i for i, u in enumerate(units)}
    table = _LineTable(n, inputs.heating_type)
    totals = defaultdict(int)

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
        table.next_step()
        code = g["item"]
        hw = hot_water_total if (code == "heating" and not heating_netted) else 0
        shares = _item_shares(inputs, g, problems, hw)
        item_total = 0
        if shares is not None:
            scope, won, notes = shares
            if code == "heating":
                heating_netted = True
            item_total = sum(won)
            indexes = None if scope is units else [index[u.id] for u in scope]
            table.add_all(code, won, notes, indexes)
        totals[code] += item_total
        if code == "hot_water":
            hot_water_total += item_total

    # repair reserve (Art. 86②: its own section)
    table.next_step()
    if inputs.reserve is None:
        inputs.notes.append("장기수선계획 없음: 장기수선충당금 0원.")
    else:
        reserve_notes = {
            a: f"{fmt(a)}㎡ × 장기수선계획 단가 (별표 9)" for a in {u.area for u in units}
        }
        won = [inputs.reserve.get(u.id, 0) for u in units]
        table.add_all("repair_reserve", won, [reserve_notes[u.area] for u in units])
        totals["repair_reserve"] += sum(won)

    # misc income credit (Art. 80⑤1, Art. 86③, Precise rule 14)
    table.next_step()
    if inputs.reduction_monthly:
        total_area = sum(u.area for u in units)
        won = split(-inputs.reduction_monthly, [u.weight for u in units])
        suffix = f"㎡ / {fmt(total_area)}㎡ × {fmt(-inputs.reduction_monthly)}원 (제80조⑤)"
        notes = {a: fmt(a) + suffix for a in {u.area for u in units}}
        table.add_all("misc_income_credit", won, [notes[u.area] for u in units])
        totals["misc_income_credit"] += sum(won)

    for unit_id, code, amount, reason in inputs.adjustments:
        table.next_step()
        table.add(index[unit_id], code, amount, reason)
        totals[code] += amount
    for unit_id, amount, reason in inputs.fines:
        table.next_step()
        table.add(index[unit_id], "violation_fine", amount, f"{reason} (제97조)")
        totals["violation_fine"] += amount

    contingency = [0] * n
    for g in contingency_groups:
        if g["amount"]:
            scope = _scope(inputs, g, problems)
            for u, s in zip(scope, split(g["amount"], [u.weight for u in scope]), strict=True):
                contingency[index[u.id]] += s
    problems.raise_if_any()

    # each unit's sums by bill subtotal, and its lines as JSON text
    sums = {key: [0] * n for key in SUM_KEYS}
    for col in table.columns.values():
        acc = sums[col.key]
        sums[col.key] = [a if w is None else a + w for a, w in zip(acc, col.amounts, strict=True)]
    lines_of = table.lines_json()

    ledger = _Ledger(inputs)
    bills = []
    balances = {}
    management, usage_charges, reserve, misc, adjustments = (sums[k] for k in SUM_KEYS)
    for i, u in enumerate(units):
        charges = management[i] + usage_charges[i] + reserve[i] + misc[i] + adjustments[i]
        late_fee, arrears, credit, balance = ledger.account(u.id)
        if balance is not None:
            balances[u.id] = balance
        lines = lines_of[i]
        if late_fee:
            lines.append(LATE_FEE_LINE % late_fee)
            totals["late_fee"] += late_fee
        owed = charges + late_fee + arrears
        prepaid = min(credit, max(owed, 0))
        bills.append(
            {
                "unit_id": u.id,
                "supply_area": u.area,
                "due_date": due,
                "lines_json": f"[{', '.join(lines)}]",
                "management_fee": management[i],
                "usage_charges": usage_charges[i],
                "repair_reserve": reserve[i],
                "misc_income_credit": misc[i],
                "adjustments": adjustments[i],
                "charges": charges,
                "late_fee": late_fee,
                "arrears": arrears,
                "prepaid": prepaid,
                "total_due": max(owed - prepaid, 0),
                "contingency_info": contingency[i],
            }
        )
    return {
        "bills": bills,
        "due_date": due,
        "totals": dict(totals),
        "notes": list(dict.fromkeys(inputs.notes)),
        "balances": balances,
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


class _Ledger:
    """Arrears, credit and the late fee of each unit on the issue date (Precise rules 8–10): its
    carried-forward balance (ledger.Balance) and the bills and payments since, or where that
    cannot be used (an earlier bill issued after this issue date) a replay of its whole history
    (ledger.settle)."""

    def __init__(self, inputs: Inputs):
        self.until = inputs.issued_on
        self.table = inputs.table
        self.balances = inputs.balances
        self.history = defaultdict(list)
        for _, unit_id, period, issued_on, due_on, charges, late_fee in inputs.history:
            self.history[unit_id].append((period, issued_on, due_on, charges, late_fee))
        self.paid = defaultdict(list)
        for unit_id, paid_on, amount in inputs.payments:
            self.paid[unit_id].append((paid_on, amount))

    def account(self, unit_id):
        """(late fee, arrears, credit, balance on the issue date or None)."""
        start = self.balances.get(unit_id)
        bills = self.history.get(unit_id, ())
        payments = self.paid.get(unit_id, ())
        until = self.until
        if start is None:
            if not bills and not payments:
                return 0, 0, 0, Balance(until)
            start = NO_HISTORY
        if not bills or all(b[1] <= until for b in bills):
            balance = carry(start, bills, payments, until, self.table)
            return (
                balance.late_fee_due(until, self.table),
                balance.arrears,
                balance.credit,
                balance,
            )
        debts = [Debt(None, p, i, d, c, lf) for p, i, d, c, lf in bills]
        account = settle(debts, payments, until=until)
        billed = sum(d.late_fee for d in debts)
        late_fee = max(0, account.accrued_numerator(until, self.table) // DENOMINATOR - billed)
        return late_fee, account.arrears, account.credit, None
