"""Writes of the fees app: settings, imports, billing runs, payments, settlements."""

import calendar
import json
import re
from datetime import date
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Building, Unit
from core import hooks
from core.errors import ApplicationError
from core.tabular import (
    ImportProblems,
    Source,
    content_sha256,
    parse_decimal,
    parse_int,
    read_table,
)
from core.text import building_key, unit_key
from council.selectors import resolution_is_effective
from repairs.plan.reserve import monthly_reserve_by_unit

from . import balances
from .allocation import split_equal
from .billing import Inputs, UnitRow, compute, natural_key
from .caching import forget_bill_pages
from .due_dates import previous_month
from .items import ITEM_CODES, ITEMS, UTILITIES, Basis
from .models import (
    Adjustment,
    Bill,
    BillingRun,
    ChargeItem,
    ContingencyUse,
    Cost,
    DepositKind,
    FeeDeposit,
    FeeReduction,
    FeeSettings,
    FeeSettingsChange,
    MeterReading,
    MiscIncome,
    MoveOutSettlement,
    Payment,
    PaymentImport,
    RunStatus,
    ViolationFine,
)

SEOUL = ZoneInfo("Asia/Seoul")


def today() -> date:
    return timezone.localdate()


def parse_period(text: str) -> date:
    m = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ApplicationError(
            f"부과 월은 YYYY-MM 형식이어야 합니다: '{text}'", {"field": "period"}
        )
    return date(int(m.group(1)), int(m.group(2)), 1)


# --- settings and charge items -----------------------------------------------------------


def fee_settings(complex) -> FeeSettings:
    """The complex's fee settings, created with the spec's defaults on first use."""
    obj, _ = FeeSettings.objects.get_or_create(complex=complex)
    return obj


def charge_items(complex) -> list[ChargeItem]:
    """The complex's charge items in code order, the missing ones created with defaults."""
    existing = {c.code: c for c in ChargeItem.objects.filter(complex=complex)}
    missing = [
        ChargeItem(complex=complex, code=code, basis=ITEMS[code][1])
        for code in ITEM_CODES
        if code not in existing
    ]
    if missing:
        ChargeItem.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {c.code: c for c in ChargeItem.objects.filter(complex=complex)}
    return [existing[c] for c in ITEM_CODES]


def _record_change(complex, by, what, before, after):
    changed = {k: after[k] for k in after if before.get(k) != after[k]}
    if changed:
        FeeSettingsChange.objects.create(
            complex=complex,
            changed_by=by,
            what=what,
            before={k: before.get(k) for k in changed},
            after=changed,
        )


def _snapshot(obj, fields):
    return {f: str(getattr(obj, f)) for f in fields}


@transaction.atomic
def settings_update(*, complex, by, **values) -> FeeSettings:
    """The complex's fee settings, every change logged. The due day is a day of the month
    (1–31; a short month's last day stands in, fees.due_dates); the draft is made on a day every
    month has (1–28)."""
    obj = FeeSettings.objects.select_for_update().get(pk=fee_settings(complex).pk)
    if "due_day" in values and not 1 <= int(values["due_day"]) <= 31:
        raise ApplicationError("납부기한 일자는 1~31이어야 합니다.", {"field": "due_day"})
    if "draft_day" in values and not 1 <= int(values["draft_day"]) <= 28:
        raise ApplicationError("초안 작성일은 1~28이어야 합니다.", {"field": "draft_day"})
    before = _snapshot(obj, values)
    for k, v in values.items():
        setattr(obj, k, v)
    obj.save()
    _record_change(complex, by, "관리비 설정", before, _snapshot(obj, values))
    return obj


@transaction.atomic
def charge_item_update(*, item: ChargeItem, by, **values) -> ChargeItem:
    if values.get("basis") and values["basis"] not in Basis.values:
        raise ApplicationError("알 수 없는 부과 기준입니다.", {"field": "basis"})
    before = _snapshot(item, values)
    for k, v in values.items():
        setattr(item, k, v)
    item.save()
    _record_change(item.complex, by, f"비목 {item.name}", before, _snapshot(item, values))
    return item


# --- imports -----------------------------------------------------------------------------

COST_REQUIRED = ["item"]
COST_OPTIONAL = ["amount", "unit_price", "basis", "building", "units", "memo"]
READING_REQUIRED = ["building", "unit", "utility", "previous", "current"]
READING_OPTIONAL = ["amount", "replaced", "estimated"]
PAYMENT_REQUIRED = ["building", "unit", "paid_on", "amount"]
PAYMENT_OPTIONAL = ["reference"]


def _norm_building(text):
    return building_key(text)


def _norm_unit(text):
    return unit_key(text)


class _UnitIndex:
    def __init__(self, complex):
        self.units = {
            (b, n): (pk, bid)
            for pk, b, n, bid in Unit.objects.filter(complex=complex).values_list(
                "pk", "building__name", "number", "building_id"
            )
        }
        self.buildings = dict(Building.objects.filter(complex=complex).values_list("name", "pk"))

    def unit(self, building, number):
        hit = self.units.get((_norm_building(building), _norm_unit(number)))
        return hit[0] if hit else None


def _ensure_not_issued(complex, period, problems=None):
    if BillingRun.objects.filter(complex=complex, period=period, status=RunStatus.ISSUED).exists():
        message = (
            f"{period:%Y-%m}은 이미 발행되어 바꿀 수 없습니다. 정정은 다음 달 정정 항목으로 합니다."
        )
        if problems is not None:
            problems.add(2, "", message)
            problems.raise_if_any()
        raise ApplicationError(message, {"field": "period"})


@transaction.atomic
def costs_import(*, complex, period: date, data: Source, filename: str, replace=True) -> int:
    """Costs of a month from CSV/XLSX `item,amount,unit_price,basis,building,units,memo`.

    All-or-nothing; every bad row named with line and column. Replaces the month's costs
    (re-importing the corrected file is how mistakes are fixed). An issued period is refused.
    """
    rows = read_table(data, filename, COST_REQUIRED, COST_OPTIONAL)
    problems = ImportProblems()
    _ensure_not_issued(complex, period, problems)
    index = _UnitIndex(complex)
    items = {c.code: c for c in charge_items(complex)}
    new = []
    for row in rows:
        v = row.values
        code = v.get("item", "").strip()
        if code not in ITEMS:
            problems.add(row.line, "item", f"알 수 없는 비목입니다: '{code}'")
            continue
        amount = parse_int(problems, row, "amount", required=False)
        price = parse_int(
            problems, row, "unit_price", required=False, min_value=0, max_value=2**31 - 1
        )
        if amount is not None and amount < 0:
            problems.add(row.line, "amount", "금액은 음수일 수 없습니다.")
        if price is not None and price < 0:
            problems.add(row.line, "unit_price", "단가는 음수일 수 없습니다.")
        basis = v.get("basis", "").strip()
        if basis and basis not in Basis.values:
            problems.add(row.line, "basis", f"알 수 없는 부과 기준입니다: '{basis}'")
            continue
        effective = basis or items[code].basis
        building_id = None
        if v.get("building"):
            building_id = index.buildings.get(_norm_building(v["building"]))
            if building_id is None:
                problems.add(row.line, "building", f"없는 동입니다: '{v['building']}'")
        unit_ids = []
        for token in filter(None, (t.strip() for t in v.get("units", "").split(";"))):
            parts = token.split("-")
            pk = index.unit(parts[0], parts[1]) if len(parts) == 2 else None
            if pk is None:
                problems.add(row.line, "units", f"없는 세대입니다: '{token}' (예: 101-1203)")
            else:
                unit_ids.append(pk)
        needs_amount = effective in (
            Basis.AREA,
            Basis.HOUSEHOLD,
            Basis.USAGE,
            Basis.DIRECT,
            Basis.FIXED,
        )
        if (
            needs_amount
            and amount is None
            and "amount" not in {e.column for e in problems.errors if e.line == row.line}
        ):
            problems.add(row.line, "amount", "이 부과 기준에는 금액이 필요합니다.")
        if effective == Basis.UNIT_PRICE and not (price or items[code].unit_price):
            problems.add(row.line, "unit_price", "사용량 × 단가 기준에는 단가가 필요합니다.")
        if (
            effective == Basis.DIRECT
            and not unit_ids
            and building_id is None
            and v.get("units", "") == ""
        ):
            problems.add(row.line, "units", "지정 세대 기준에는 세대(units)가 필요합니다.")
        new.append(
            Cost(
                complex=complex,
                period=period,
                item=code,
                amount=amount,
                unit_price=price,
                basis=basis,
                building_id=building_id,
                unit_ids=unit_ids,
                memo=v.get("memo", "")[:200],
            )
        )
    problems.raise_if_any()
    if replace:
        Cost.objects.filter(complex=complex, period=period).delete()
    Cost.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def readings_import(*, complex, period: date, data: Source, filename: str) -> int:
    """Meter readings `building,unit,utility,previous,current[,amount,replaced,estimated]`
    (Art. 63). usage = current − previous; a negative usage needs `replaced` = 1 (a meter
    replacement or rollover is an explicit event). Replaces the same unit+utility's reading."""
    rows = read_table(data, filename, READING_REQUIRED, READING_OPTIONAL)
    problems = ImportProblems()
    _ensure_not_issued(complex, period, problems)
    index = _UnitIndex(complex)
    new = {}
    for row in rows:
        v = row.values
        if not v["building"]:
            problems.add(row.line, "building", "값이 비어 있습니다.")
        if not v["unit"]:
            problems.add(row.line, "unit", "값이 비어 있습니다.")
        unit_id = index.unit(v["building"], v["unit"]) if v["building"] and v["unit"] else None
        if v["building"] and v["unit"] and unit_id is None:
            problems.add(row.line, "unit", f"없는 세대입니다: {v['building']}동 {v['unit']}호")
        utility = v["utility"].strip()
        if utility not in UTILITIES:
            problems.add(
                row.line,
                "utility",
                f"알 수 없는 검침 구분입니다: '{utility}' ({', '.join(UTILITIES)})",
            )
        prev = parse_decimal(problems, row, "previous", places=3, max_digits=12)
        cur = parse_decimal(problems, row, "current", places=3, max_digits=12)
        amount = parse_int(problems, row, "amount", required=False)
        if amount is not None and amount < 0:
            problems.add(row.line, "amount", "금액은 음수일 수 없습니다.")
        replaced = v.get("replaced", "").strip().lower() in {"1", "y", "yes", "true", "교체"}
        usage = None
        if prev is not None and cur is not None:
            usage = cur - prev
            if usage < 0 and not replaced:
                problems.add(
                    row.line,
                    "current",
                    f"당월 지침({cur})이 전월({prev})보다 작습니다. 계량기 교체면 replaced 열에 1을 적어 주세요.",
                )
            elif usage < 0:
                usage = cur  # replaced meter: counted from zero
        key = (unit_id, utility)
        if unit_id and utility in UTILITIES:
            if key in new:
                problems.add(row.line, "unit", "같은 세대·구분이 파일에 두 번 있습니다.")
            new[key] = MeterReading(
                complex=complex,
                period=period,
                unit_id=unit_id,
                utility=utility,
                previous=prev or 0,
                current=cur or 0,
                usage=usage or 0,
                amount=amount,
                replaced=replaced,
                estimated=v.get("estimated", "")[:60],
            )
    problems.raise_if_any()
    MeterReading.objects.bulk_create(
        new.values(),
        update_conflicts=True,
        unique_fields=["complex", "period", "unit", "utility"],
        update_fields=["previous", "current", "usage", "amount", "replaced", "estimated"],
    )
    return len(new)


# --- payments -----------------------------------------------------------------------------
#
# Payment writes and issues: every write to fees_payment takes a per-complex lock shared (the
# trigger of migration 0009, fees.balances.LOCK) and an issue takes it exclusively while it reads
# the payments, so a payment is either committed before the issue counts (and is on the bill) or
# waits until the issue has committed (and the bill states the cut-off time it counted to:
# BillingRun.payments_counted_at). Imports of one complex run one after another
# (PAYMENTS_IMPORT_LOCK), so two concurrent imports of a file give one result and a clear
# message, never a unique-constraint 500.

PAYMENTS_IMPORT_LOCK = 20_862


def _advisory_lock(kind: int, complex) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [kind, complex.pk])


def _already_imported(previous: PaymentImport) -> ApplicationError:
    when = timezone.localtime(previous.imported_at, SEOUL)
    who = previous.imported_by.email if previous.imported_by else _("명령줄")
    return ApplicationError(
        _(
            "이 파일은 %(when)s에 이미 가져왔습니다 (%(who)s, %(rows)s행, 입금 %(created)s건). "
            "같은 파일을 다시 가져오지 않습니다."
        )
        % {
            "when": f"{when:%Y-%m-%d %H:%M}",
            "who": who,
            "rows": previous.rows,
            "created": previous.created,
        },
        {"field": "file", "imported_at": when.isoformat(), "import": previous.pk},
    )


@transaction.atomic
def payments_import(*, complex, data: Source, filename: str, by=None) -> dict:
    """Bank-transfer payments `building,unit,paid_on,amount[,reference]`. All-or-nothing and
    idempotent:

    * a file already imported into the complex (same content, SHA-256) is refused with a
      message naming when it was imported (Asia/Seoul) — recorded in PaymentImport, unique per
      (complex, hash);
    * a row whose reference was already recorded is skipped;
    * a row without a reference is the same payment as an earlier one with the same unit, date,
      amount and row position in its file, and is skipped too;
    * imports of one complex are serialised (an advisory lock), and the hash's unique constraint
      backs it: two concurrent imports of one file give one import and one clear refusal."""
    digest = content_sha256(data)
    _advisory_lock(PAYMENTS_IMPORT_LOCK, complex)
    previous = (
        PaymentImport.objects.filter(complex=complex, sha256=digest)
        .select_related("imported_by")
        .first()
    )
    if previous is not None:
        raise _already_imported(previous)
    rows = read_table(data, filename, PAYMENT_REQUIRED, PAYMENT_OPTIONAL)
    problems = ImportProblems()
    index = _UnitIndex(complex)
    known = set(
        Payment.objects.filter(complex=complex)
        .exclude(reference="")
        .values_list("reference", flat=True)
    )
    known_rows = set(
        Payment.objects.filter(complex=complex, reference="", row_number__isnull=False).values_list(
            "unit_id", "paid_on", "amount", "row_number"
        )
    )
    new, skipped, skipped_rows, seen = [], 0, 0, set()
    for row in rows:
        v = row.values
        unit_id = index.unit(v["building"], v["unit"])
        if unit_id is None:
            problems.add(row.line, "unit", f"없는 세대입니다: {v['building']}동 {v['unit']}호")
        try:
            paid_on = date.fromisoformat(v["paid_on"].strip())
        except ValueError:
            problems.add(
                row.line, "paid_on", f"날짜는 YYYY-MM-DD 형식이어야 합니다: '{v['paid_on']}'"
            )
            paid_on = None
        amount = parse_int(problems, row, "amount")
        if amount is not None and amount <= 0:
            problems.add(row.line, "amount", "금액은 0보다 커야 합니다.")
        ref = v.get("reference", "").strip()[:100]
        if ref and ref in seen:
            problems.add(row.line, "reference", f"파일 안에 같은 참조가 두 번 있습니다: '{ref}'")
        seen.add(ref)
        if ref and ref in known:
            skipped += 1
            continue
        if not ref and (unit_id, paid_on, amount, row.line) in known_rows:
            skipped_rows += 1
            continue
        if unit_id and paid_on and amount and amount > 0:
            new.append(
                Payment(
                    complex=complex,
                    unit_id=unit_id,
                    paid_on=paid_on,
                    amount=amount,
                    reference=ref,
                    row_number=row.line,
                    created_by=by,
                )
            )
    problems.raise_if_any()
    try:
        with transaction.atomic():
            record = PaymentImport.objects.create(
                complex=complex,
                sha256=digest,
                filename=(filename or "")[-200:],
                imported_at=timezone.now(),
                imported_by=by,
                rows=len(rows),
                created=len(new),
                skipped=skipped + skipped_rows,
            )
            for payment in new:
                payment.source = record
            Payment.objects.bulk_create(new)  # sends no signals: the bill pages are forgotten here
    except IntegrityError:
        # Only without the advisory lock (not PostgreSQL): another import got there first.
        previous = PaymentImport.objects.filter(complex=complex, sha256=digest).first()
        if previous is not None:
            raise _already_imported(previous) from None
        raise ApplicationError(
            _(
                "다른 입금 가져오기와 겹쳤습니다. 잠시 후 다시 가져오세요: 이미 있는 입금은 건너뜁니다."
            ),
            {"field": "file"},
        ) from None
    forget_bill_pages(unit_ids={p.unit_id for p in new})
    return {
        "created": len(new),
        "skipped": skipped,
        "skipped_rows": skipped_rows,
        "import": record.pk,
    }


def payment_record(*, complex, unit, paid_on: date, amount: int, reference="", by=None) -> Payment:
    if unit.complex_id != complex.pk:
        raise ApplicationError("이 단지의 세대가 아닙니다.")
    if amount <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.", {"field": "amount"})
    try:
        with transaction.atomic():
            return Payment.objects.create(
                complex=complex,
                unit=unit,
                paid_on=paid_on,
                amount=amount,
                reference=reference,
                created_by=by,
            )
    except IntegrityError as e:
        raise ApplicationError(
            f"이미 기록된 입금 참조입니다: '{reference}'", {"field": "reference"}
        ) from e


# --- billing runs ------------------------------------------------------------------------


def _reserve_by_unit(complex, period):
    """The one thing fees asks the repair plan (below fees): the month's reserve per unit
    (별표 9; None: no repair plan)."""
    return monthly_reserve_by_unit(complex=complex, period=period)


def load_inputs(complex, period: date, issued_on: date, carried=True) -> Inputs:
    settings_ = fee_settings(complex)
    buildings = {}
    units = []
    for pk, bid, bname, number, floor, area in Unit.objects.filter(complex=complex).values_list(
        "pk", "building_id", "building__name", "number", "floor", "supply_area"
    ):
        units.append(UnitRow(pk, bid, bname, number, floor, area, int(area * 100)))
        buildings[bid] = bname
    units.sort(key=lambda u: (natural_key(u.building), natural_key(u.number)))
    items = {c.code: (c.basis, c.unit_price, c.active) for c in charge_items(complex)}
    costs = list(
        Cost.objects.filter(complex=complex, period=period).values(
            "item", "amount", "unit_price", "basis", "building_id", "unit_ids", "memo"
        )
    )
    readings = {
        (u, ut): (usage, amount, est)
        for u, ut, usage, amount, est in MeterReading.objects.filter(
            complex=complex, period=period
        ).values_list("unit_id", "utility", "usage", "amount", "estimated")
    }
    reduction = FeeReduction.objects.filter(complex=complex, year=period.year).first()
    monthly = split_equal(reduction.amount, 12)[period.month - 1] if reduction else 0
    misc = (
        MiscIncome.objects.filter(complex=complex, period=period).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    contingency = list(
        ContingencyUse.objects.filter(complex=complex, period=period).values_list(
            "item", "amount", "memo"
        )
    )
    adjustments = list(
        Adjustment.objects.filter(complex=complex, period=period).values_list(
            "unit_id", "line", "amount", "reason"
        )
    )
    fines = list(
        ViolationFine.objects.filter(complex=complex, period=period).values_list(
            "unit_id", "amount", "reason"
        )
    )
    table = settings_.late_fee_table()
    # the ledger from each unit's balance carried forward, not the whole history (fees.balances)
    balances_, history, payments = balances.load(
        complex, period, issued_on, table, [u.id for u in units], carried=carried
    )
    return Inputs(
        complex_id=complex.pk,
        period=period,
        issued_on=issued_on,
        due_day=settings_.due_day,
        heating_type=complex.heating_type,
        table=table,
        exempt_floors=settings_.exempt_floors,
        units=units,
        items=items,
        costs=[{**c, "unit_price": c["unit_price"]} for c in costs]
        + [
            {
                "item": ct[0],
                "amount": ct[1],
                "unit_price": None,
                "basis": "area",
                "building_id": None,
                "unit_ids": [],
                "memo": ct[2],
            }
            for ct in contingency
        ],
        readings=readings,
        reserve=_reserve_by_unit(complex, period),
        reduction_monthly=monthly,
        misc_income_month=misc,
        contingency=contingency,
        adjustments=adjustments,
        fines=fines,
        history=history,
        payments=payments,
        balances=balances_,
    )


def _lock_run(complex, period, by) -> BillingRun:
    """The period's run row, created if missing (a unique constraint makes a concurrent creator
    wait and then find it) and locked FOR UPDATE: runs of one period are serialised."""
    run, _ = BillingRun.objects.get_or_create(
        complex=complex, period=period, defaults={"created_by": by}
    )
    return BillingRun.objects.select_for_update().get(pk=run.pk)


BILL_COLUMNS = [
    "unit_id",
    "supply_area",
    "due_date",
    "lines_json",  # Bill.lines, as the JSON text billing.compute made
    "management_fee",
    "usage_charges",
    "repair_reserve",
    "misc_income_credit",
    "adjustments",
    "charges",
    "late_fee",
    "arrears",
    "prepaid",
    "total_due",
    "contingency_info",
]


def _write_bills(run, result, status, issued_on):
    """Replace the run's bills: one DELETE, then PostgreSQL COPY (the fast path for thousands of
    rows, environment-notes.md) or bulk_create elsewhere."""
    Bill.objects.filter(run=run).delete()
    if connection.vendor == "postgresql":
        columns = ["complex_id", "run_id", "period", "status", "issued_on", *BILL_COLUMNS]
        columns[columns.index("lines_json")] = "lines"
        sql = f"COPY {Bill._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        fixed = (run.complex_id, run.pk, run.period, status, issued_on)
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for b in result["bills"]:
                copy.write_row((*fixed, *(b[c] for c in BILL_COLUMNS)))
    else:
        Bill.objects.bulk_create(
            [
                Bill(
                    complex_id=run.complex_id,
                    run=run,
                    period=run.period,
                    status=status,
                    issued_on=issued_on,
                    lines=json.loads(b["lines_json"]),
                    **{c: b[c] for c in BILL_COLUMNS if c != "lines_json"},
                )
                for b in result["bills"]
            ],
            batch_size=500,
        )
    run.due_date = result["due_date"]
    run.totals = result["totals"]
    run.notes = result["notes"]
    run.summary = result["summary"]
    run.computed_at = timezone.now()


def _check_order(complex, period):
    later = (
        BillingRun.objects.filter(complex=complex, status=RunStatus.ISSUED, period__gt=period)
        .order_by("period")
        .first()
    )
    if later:
        raise ApplicationError(
            f"{later.period:%Y-%m}이 이미 발행되어 그 이전 월은 부과할 수 없습니다."
        )


@transaction.atomic
def billing_run_draft(
    *, complex, period: date, by=None, issued_on: date | None = None
) -> BillingRun:
    """Compute the period's bills as a draft (re-running replaces the draft). An issued period
    cannot be re-run. Concurrent runs of one period are serialised by a row lock: one set of bills."""
    run = _lock_run(complex, period, by)
    if run.status == RunStatus.ISSUED:
        raise ApplicationError(f"{period:%Y-%m}은 이미 발행되었습니다. 다시 계산할 수 없습니다.")
    _check_order(complex, period)
    issued_on = issued_on or today()
    run.payments_counted_at = timezone.now()  # a preview: the issue counts again, locked
    result = compute(load_inputs(complex, period, issued_on))
    _write_bills(run, result, RunStatus.DRAFT, None)
    run.issued_on = issued_on
    run.created_by = by or run.created_by
    run.save()
    return run


@transaction.atomic
def billing_run_issue(
    *, complex, period: date, by=None, issued_on: date | None = None
) -> BillingRun:
    """Issue the period: recompute from the data as it is now (so nothing entered since the draft
    is missed) and mark every bill issued, all in one transaction — all or nothing. Issued bills
    never change (Art. 86; corrections are adjustments on a later period)."""
    run = _lock_run(complex, period, by)
    if run.status == RunStatus.ISSUED:
        raise ApplicationError(f"{period:%Y-%m}은 이미 발행되었습니다.")
    _check_order(complex, period)
    issued_on = issued_on or today()
    if issued_on < period:
        raise ApplicationError("발행일이 부과 월보다 앞설 수 없습니다.", {"field": "issued_on"})
    # Art. 86, 20-fees.md rule 10: arrears count every payment committed before this moment; a
    # payment written meanwhile waits for the issue to commit (fees.balances.lock_payments).
    balances.lock_payments(complex)
    run.payments_counted_at = timezone.now()
    inputs = load_inputs(complex, period, issued_on)
    result = compute(inputs)
    _write_bills(run, result, RunStatus.ISSUED, issued_on)
    run.status = RunStatus.ISSUED
    run.issued_on = issued_on
    balances.write(run, result["balances"], result["bills"], inputs.table)
    run.issued_by = by
    run.save()
    # Art. 86①: residents are told by fees' own subscriber (apps.py); disclosure rebuilds the
    # month's fee summary — both after commit.
    hooks.fire("fees.run_issued", run=run)
    return run


@transaction.atomic
def billing_run_discard(*, complex, period: date) -> None:
    run = BillingRun.objects.select_for_update().filter(complex=complex, period=period).first()
    if run is None:
        return
    if run.status == RunStatus.ISSUED:
        raise ApplicationError("발행된 고지서는 지울 수 없습니다.")
    run.delete()


# --- misc income, budgets, deposits, adjustments ----------------------------------------


def adjustment_create(*, complex, unit, period: date, amount: int, reason: str) -> Adjustment:
    """Art. 86: an issued bill never changes; a correction goes on a later, unissued period."""
    if not reason.strip():
        raise ApplicationError("정정 사유를 적어 주세요.", {"field": "reason"})
    _ensure_not_issued(complex, period)
    return Adjustment.objects.create(
        complex=complex, unit=unit, period=period, amount=amount, reason=reason
    )


def misc_income_record(*, complex, period: date, kind: str, amount: int, memo="") -> MiscIncome:
    if amount <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.", {"field": "amount"})
    obj = MiscIncome.objects.create(
        complex=complex, period=period, kind=kind, amount=amount, memo=memo
    )
    hooks.fire("fees.misc_income_recorded", complex=complex, period=period)  # Art. 80⑦
    return obj


def fee_reduction_set(*, complex, year: int, amount: int, memo="") -> FeeReduction:
    """Art. 80⑤1: of the joint misc income left after Art. 80④ uses, ≥ 80% reduces next year's fees."""
    obj, _ = FeeReduction.objects.update_or_create(
        complex=complex, year=year, defaults={"amount": amount, "memo": memo}
    )
    return obj


def contingency_record(*, complex, period, item, amount, memo, resolution=None) -> ContingencyUse:
    """Art. 80⑥: contingency used for an emergency expense by council resolution; shown on the
    bill separately and not added to the amount due."""
    if item not in ITEMS:
        raise ApplicationError("알 수 없는 비목입니다.", {"field": "item"})
    if amount <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.", {"field": "amount"})
    use = ContingencyUse.objects.create(
        complex=complex,
        period=period,
        item=item,
        amount=amount,
        memo=memo,
        resolution=_checked_resolution(complex, resolution),
    )
    hooks.fire("fees.contingency_used", use=use)  # Art. 80⑥
    return use


@transaction.atomic
def _checked_resolution(complex, resolution):
    """A council resolution approving something must be this complex's and in force
    (council.selectors.resolution_is_effective: passed, not suspended or revoked, Art. 34)."""
    if resolution is None:
        return None
    if resolution.complex_id != complex.pk or not resolution_is_effective(resolution=resolution):
        raise ApplicationError("유효한 입주자대표회의 의결이 아닙니다.", {"field": "resolution"})
    return resolution


def budget_set(*, complex, year: int, amounts: dict, resolution=None) -> int:
    """Art. 78①: the year's budget per charge item (and `misc_income`), approved by a council
    resolution when one is given (it must be in force)."""
    resolution = _checked_resolution(complex, resolution)
    allowed = set(ITEMS) | {"misc_income", "repair_reserve"}
    for item, amount in amounts.items():
        if item not in allowed:
            raise ApplicationError(f"알 수 없는 비목입니다: '{item}'", {"field": item})
        if amount < 0:
            raise ApplicationError("예산은 음수일 수 없습니다.", {"field": item})
    for item, amount in amounts.items():
        from .models import Budget

        Budget.objects.update_or_create(
            complex=complex,
            year=year,
            item=item,
            defaults={"amount": amount, "resolution": resolution},
        )
    hooks.fire("fees.budget_approved", complex=complex, year=year)  # Art. 64③10
    return len(amounts)


def deposit_collect(*, complex, unit, amount: int, on: date, memo="") -> FeeDeposit:
    """Art. 77①: the fee deposit collected from the owner."""
    if amount <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.", {"field": "amount"})
    return FeeDeposit.objects.create(
        complex=complex, unit=unit, kind=DepositKind.COLLECTED, amount=amount, on=on, memo=memo
    )


@transaction.atomic
def deposit_refund(*, complex, unit, on: date, net_arrears: bool, memo="") -> dict:
    """Art. 77②: refund the deposit when the owner loses ownership; the office *may* first settle
    what is unpaid (정산 후 잔액을 반환할 수 있다) — netting is a choice, never automatic."""
    from . import selectors

    rows = FeeDeposit.objects.select_for_update().filter(complex=complex, unit=unit)
    balance = sum(r.amount if r.kind == DepositKind.COLLECTED else -r.amount for r in rows)
    if balance <= 0:
        raise ApplicationError("반환할 예치금이 없습니다.")
    netted = 0
    if net_arrears:
        netted = min(balance, selectors.unit_account(unit=unit, on=on).arrears)
        if netted:
            FeeDeposit.objects.create(
                complex=complex,
                unit=unit,
                kind=DepositKind.NETTED,
                amount=netted,
                on=on,
                memo="체납 관리비 정산 (제77조②)",
            )
            Payment.objects.create(
                complex=complex,
                unit=unit,
                paid_on=on,
                amount=netted,
                reference=f"예치금정산-{unit.pk}-{on}",
            )
    refund = balance - netted
    if refund:
        FeeDeposit.objects.create(
            complex=complex, unit=unit, kind=DepositKind.REFUNDED, amount=refund, on=on, memo=memo
        )
    return {"balance": balance, "netted": netted, "refunded": refund}


@transaction.atomic
def move_out_settle(
    *, complex, unit, move_out_on: date, usage_amount: int = 0, record_payment=True, memo=""
) -> MoveOutSettlement:
    """Art. 85②: interim fee = average management fee of the 3 months before the move ÷ days
    in the month × days lived; metered usage charges by the move-out reading (usage_amount).
    The resident pays up to the move-out day (Art. 85③) plus any arrears; the payment is
    recorded, so the month's regular bill shows it as 선납 and the unit's shares still sum to
    the costs."""
    from . import selectors

    period = move_out_on.replace(day=1)
    months = [previous_month(period, k) for k in (1, 2, 3)]
    fees = list(
        Bill.objects.filter(
            complex=complex, unit=unit, status=RunStatus.ISSUED, period__in=months
        ).values_list("management_fee", flat=True)
    )
    if not fees:
        raise ApplicationError("직전 3개월 발행된 고지서가 없어 중간정산을 할 수 없습니다.")
    average = sum(fees) // len(fees)
    days_in_month = calendar.monthrange(period.year, period.month)[1]
    days_lived = move_out_on.day
    interim = average * days_lived // days_in_month
    arrears = selectors.unit_account(unit=unit, on=move_out_on).arrears
    total = interim + usage_amount + arrears
    settlement = MoveOutSettlement.objects.create(
        complex=complex,
        unit=unit,
        move_out_on=move_out_on,
        period=period,
        average_fee=average,
        days_in_month=days_in_month,
        days_lived=days_lived,
        interim_fee=interim,
        usage_amount=usage_amount,
        arrears=arrears,
        total=total,
        memo=memo,
    )
    if record_payment and total > 0:
        Payment.objects.create(
            complex=complex,
            unit=unit,
            paid_on=move_out_on,
            amount=total,
            reference=f"중간정산-{settlement.pk}",
        )
    return settlement


def violation_fine_create(
    *, complex, unit, period: date, amount: int, reason: str, warned_on: date, response_until: date
) -> ViolationFine:
    """Art. 97: a fine only after a written warning (the first violation is warned, not fined)
    and after the deadline to respond has passed; billed on an unissued period."""
    if amount <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.", {"field": "amount"})
    if not reason.strip():
        raise ApplicationError("위반 내용을 적어 주세요.", {"field": "reason"})
    if response_until <= warned_on:
        raise ApplicationError("소명 기한은 경고일 이후여야 합니다.", {"field": "response_until"})
    if today() <= response_until:
        raise ApplicationError(
            f"소명 기한({response_until:%Y-%m-%d})이 지난 뒤에 부과할 수 있습니다 (제97조).",
            {"field": "response_until"},
        )
    _ensure_not_issued(complex, period)
    return ViolationFine.objects.create(
        complex=complex,
        unit=unit,
        period=period,
        amount=amount,
        reason=reason,
        warned_on=warned_on,
        response_until=response_until,
    )


# --- misc income: Art. 80④ priority uses, year-end settlement (Art. 78, Art. 80⑤) ---------

PRIORITY_SHARE_PERCENT = 40  # Art. 80④: within 40/100 of the budgeted misc income
REDUCTION_MIN_PERCENT = 80  # Art. 80⑤1: at least 80/100 of what remains reduces next year's fees


def priority_limit(budget: int) -> int:
    """Art. 80④: the priority uses of a year may spend up to 40% of its budgeted misc income
    (rounded down to the won)."""
    return budget * PRIORITY_SHARE_PERCENT // 100


def reduction_minimum(remaining: int) -> int:
    """Art. 80⑤1: at least 80% of the joint misc income left after the Art. 80④ uses is set aside
    to reduce next year's fees — rounded up, so the share is never below 80%."""
    return -(-remaining * REDUCTION_MIN_PERCENT // 100)


def misc_use_caps_set(*, complex, by, caps: dict) -> FeeSettings:
    """The annual caps the bylaw fills in for Art. 80④ items 2, 4 and 5 ("연간 ○만원"); a use
    without a cap is limited by the 40% share alone."""
    from .models import CAPPED_USES

    clean = {}
    for use, cap in caps.items():
        if use not in CAPPED_USES:
            raise ApplicationError(f"연간 한도를 두는 용도가 아닙니다: '{use}'", {"field": use})
        if cap is None or cap == "":
            continue
        if int(cap) < 0:
            raise ApplicationError("한도는 음수일 수 없습니다.", {"field": use})
        clean[use] = int(cap)
    return settings_update(complex=complex, by=by, misc_use_caps=clean)


@transaction.atomic
def misc_income_use_record(
    *,
    complex,
    period: date,
    use: str,
    amount: int,
    memo: str,
    resolution,
    notice_on: date | None = None,
    consents: int | None = None,
):
    """Art. 80④: joint misc income spent first on one of the eight priority uses — each use by
    council resolution, all uses of a year together within 40% of that year's budgeted misc
    income, items 2, 4 and 5 within their annual caps; a lawsuit (item 6) only after prior
    notice and the consent of a majority of the residents (counted by household)."""
    from .models import Budget, MiscIncomeUse, PriorityUse

    if use not in PriorityUse.values:
        raise ApplicationError("제80조④의 우선 지출 용도가 아닙니다.", {"field": "use"})
    if amount <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.", {"field": "amount"})
    if not (memo or "").strip():
        raise ApplicationError("지출 내용을 적어 주세요.", {"field": "memo"})
    if resolution is None:
        raise ApplicationError(
            "잡수입을 지출하려면 입주자대표회의 의결을 거쳐야 합니다 (제80조④).",
            {"field": "resolution"},
        )
    resolution = _checked_resolution(complex, resolution)
    if use == PriorityUse.LAWSUIT:
        households = Unit.objects.filter(complex=complex).count()
        if notice_on is None or notice_on > today() or consents is None:
            raise ApplicationError(
                "소송비용은 소송 대상자·목적·비용·손익을 사전 공지하고 입주자등 과반수의 동의를 "
                "받아야 합니다 (제80조④6): 공지일과 동의 세대 수를 적어 주세요.",
                {"field": "consents"},
            )
        if consents * 2 <= households:
            raise ApplicationError(
                f"소송비용은 입주자등 과반수의 동의가 필요합니다 (제80조④6): "
                f"동의 {consents}세대 / 전체 {households}세대.",
                {"field": "consents"},
            )
    # One priority use at a time per complex: the limits below are checked against a stable sum.
    settings_ = FeeSettings.objects.select_for_update().get(pk=fee_settings(complex).pk)
    year = period.year
    budget = (
        Budget.objects.filter(complex=complex, year=year, item="misc_income")
        .values_list("amount", flat=True)
        .first()
    )
    if budget is None:
        raise ApplicationError(
            f"{year}년 잡수입 예산이 없어 우선 지출 한도(잡수입 예산의 40%, 제80조④)를 정할 수 "
            "없습니다. 예산을 먼저 입력해 주세요.",
            {"field": "amount"},
        )
    limit = priority_limit(budget)
    year_uses = MiscIncomeUse.objects.filter(complex=complex, period__year=year)
    used = year_uses.aggregate(s=Sum("amount"))["s"] or 0
    if used + amount > limit:
        raise ApplicationError(
            f"제80조④ 우선 지출 한도를 넘습니다: {year}년 잡수입 예산 {budget:,}원의 40% = "
            f"{limit:,}원, 이미 {used:,}원 지출, 남은 한도 {max(limit - used, 0):,}원.",
            {"field": "amount", "limit": limit, "used": used},
        )
    cap = (settings_.misc_use_caps or {}).get(use)
    if cap is not None:
        used_use = year_uses.filter(use=use).aggregate(s=Sum("amount"))["s"] or 0
        if used_use + amount > cap:
            name = PriorityUse(use).label.split(" (")[0]
            raise ApplicationError(
                f"'{name}'은(는) 연간 {cap:,}원까지 지출할 수 있습니다 (제80조④): "
                f"{year}년 이미 {used_use:,}원, 남은 한도 {max(cap - used_use, 0):,}원.",
                {"field": "amount", "cap": cap, "used": used_use},
            )
    return MiscIncomeUse.objects.create(
        complex=complex,
        period=period,
        use=use,
        amount=amount,
        memo=memo,
        resolution=resolution,
        notice_on=notice_on,
        consents=consents,
    )


@transaction.atomic
def year_settlement_approve(
    *, complex, year: int, resolution, by=None, reduction: int | None = None
):
    """결산 승인 (Art. 78, Art. 80⑤; 시행령 제14조): after the fiscal year ends, the council approves
    the settlement — actuals against the budget per item and the misc-income appropriation: of
    the joint misc income left after the Art. 80④ uses at least 80% is set aside to reduce next
    year's management fees (it becomes next year's FeeReduction, credited 1/12 a month), the rest
    goes to the contingency reserve; owners' misc income went to the repair reserve (Art. 80②).
    The figures approved are kept as a snapshot; a year is approved once."""
    from . import selectors
    from .models import YearSettlement

    if year >= today().year:
        raise ApplicationError(
            f"{year}년 회계연도가 끝난 뒤에 결산을 승인할 수 있습니다.", {"field": "year"}
        )
    if resolution is None:
        raise ApplicationError(
            "결산은 입주자대표회의의 승인을 받아야 합니다 (제80조⑤): 승인 의결을 골라 주세요.",
            {"field": "resolution"},
        )
    resolution = _checked_resolution(complex, resolution)
    FeeSettings.objects.select_for_update().get(pk=fee_settings(complex).pk)
    if YearSettlement.objects.filter(complex=complex, year=year).exists():
        raise ApplicationError(f"{year}년 결산은 이미 승인되었습니다.", {"field": "year"})
    figures = selectors.year_settlement_figures(complex=complex, year=year, reduction=reduction)
    misc = figures["misc_income"]
    if reduction is not None and not misc["reduction_min"] <= reduction <= misc["remaining"]:
        raise ApplicationError(
            f"관리비 차감 적립액은 우선 지출 후 남은 금액 {misc['remaining']:,}원의 80% 이상 "
            f"({misc['reduction_min']:,}원 이상 {misc['remaining']:,}원 이하)이어야 합니다 "
            "(제80조⑤1).",
            {"field": "reduction"},
        )
    settlement = YearSettlement.objects.create(
        complex=complex,
        year=year,
        figures=figures,
        reduction=misc["reduction"],
        contingency=misc["contingency"],
        resolution=resolution,
        approved_at=timezone.now(),
        approved_by=by,
    )
    fee_reduction_set(
        complex=complex,
        year=year + 1,
        amount=misc["reduction"],
        memo=f"{year}년 결산 잡수입 처분 (제80조⑤1)",
    )
    hooks.fire("fees.settlement_approved", settlement=settlement)  # Art. 64③10
    return settlement


# --- usage charges: Art. 82③ reconciliation with the supplier ----------------------------


def usage_items(complex) -> list[str]:
    """Items billed as usage charges (별표 6, 7) under the complex's heating type: what Art. 82③
    reconciles with the supplier."""
    from .items import Section, section_of

    return [c for c in ITEMS if section_of(c, complex.heating_type) == Section.USAGE]


@transaction.atomic
def usage_reconcile(
    *, complex, period: date, item: str, paid: int, action: str = "none", by=None, memo=""
):
    """Art. 82③: collecting usage charges for a supplier must leave no surplus. Per item and
    issued period, what the bills charged is compared with what the office paid the supplier; a
    surplus is refunded at once (`refund`: each unit's share listed for payout) or deducted from
    next month's usage charges (`deduct`: an adjustment line per unit with the reason), the
    shares in proportion to what each unit was billed for the item (exact split)."""
    from .allocation import split
    from .items import item_name
    from .models import SurplusAction, UsageReconciliation

    if item not in usage_items(complex):
        raise ApplicationError(
            f"사용료 비목이 아닙니다: '{item}' (제82조③은 징수 대행 사용료에 적용)",
            {"field": "item"},
        )
    if paid < 0:
        raise ApplicationError("공급자 납부액은 음수일 수 없습니다.", {"field": "paid"})
    if action not in SurplusAction.values:
        raise ApplicationError("잉여금 처리 방법을 골라 주세요.", {"field": "action"})
    run = (
        BillingRun.objects.select_for_update()
        .filter(complex=complex, period=period, status=RunStatus.ISSUED)
        .first()
    )
    if run is None:
        raise ApplicationError(
            f"{period:%Y-%m} 고지서가 발행되지 않아 정산할 수 없습니다.", {"field": "period"}
        )
    if UsageReconciliation.objects.filter(complex=complex, period=period, item=item).exists():
        raise ApplicationError(
            f"{period:%Y-%m} {item_name(item)}은(는) 이미 정산했습니다.", {"field": "item"}
        )
    billed = int(run.totals.get(item, 0))
    surplus = billed - paid
    shares, deducted_in = [], None
    if surplus > 0:
        if action == SurplusAction.NONE:
            raise ApplicationError(
                f"잉여금 {surplus:,}원이 있습니다: 즉시 반환하거나 다음 달 사용료에서 차감해야 "
                "합니다 (제82조③).",
                {"field": "action"},
            )
        rows = sorted(
            Bill.objects.filter(run=run).values_list(
                "unit_id", "unit__building__name", "unit__number", "lines"
            ),
            key=lambda r: (natural_key(r[1]), natural_key(r[2])),
        )
        weights = [
            sum(int(line["amount"]) for line in lines if line["item"] == item)
            for _, _, _, lines in rows
        ]
        amounts = split(surplus, [max(w, 0) for w in weights])
        shares = [[r[0], a] for r, a in zip(rows, amounts, strict=True) if a]
        if action == SurplusAction.DEDUCT:
            from .due_dates import next_month

            deducted_in = next_month(period)
            _ensure_not_issued(complex, deducted_in)
            reason = f"{item_name(item)} 잉여금 차감 ({period:%Y-%m}분, 제82조③)"
            Adjustment.objects.bulk_create(
                Adjustment(
                    complex=complex,
                    unit_id=u,
                    period=deducted_in,
                    amount=-a,
                    reason=reason,
                    line="usage_refund",
                )
                for u, a in shares
            )
    else:
        action = SurplusAction.NONE
    return UsageReconciliation.objects.create(
        complex=complex,
        period=period,
        item=item,
        billed=billed,
        paid=paid,
        surplus=surplus,
        action=action,
        shares=shares,
        deducted_in=deducted_in,
        memo=memo,
        created_by=by,
    )


# --- meters: Art. 63② verification expiry -------------------------------------------------

METER_REQUIRED = ["building", "unit", "utility", "expires_on"]
METER_OPTIONAL = ["serial"]


def meter_verification_set(*, complex, unit, utility: str, expires_on: date, serial=""):
    """Art. 63②: record when a unit's meter verification expires; a new date (re-verified or
    replaced) starts its reminders afresh."""
    from .models import MeterVerification

    if unit.complex_id != complex.pk:
        raise ApplicationError("이 단지의 세대가 아닙니다.")
    if utility not in UTILITIES:
        raise ApplicationError(f"알 수 없는 계량기 구분입니다: '{utility}'", {"field": "utility"})
    obj, created = MeterVerification.objects.get_or_create(
        complex=complex,
        unit=unit,
        utility=utility,
        defaults={"expires_on": expires_on, "serial": serial},
    )
    if not created:
        if obj.expires_on != expires_on:
            obj.notified_90_on = obj.notified_30_on = None
        obj.expires_on = expires_on
        obj.serial = serial or obj.serial
        obj.save()
    return obj


@transaction.atomic
def meter_verifications_import(*, complex, data: Source, filename: str) -> int:
    """Verification expiry dates `building,unit,utility,expires_on[,serial]` (Art. 63②):
    all-or-nothing, every bad row named with line and column."""
    rows = read_table(data, filename, METER_REQUIRED, METER_OPTIONAL)
    problems = ImportProblems()
    index = _UnitIndex(complex)
    good = []
    for row in rows:
        v = row.values
        unit_id = index.unit(v["building"], v["unit"])
        if unit_id is None:
            problems.add(row.line, "unit", f"없는 세대입니다: {v['building']}동 {v['unit']}호")
        utility = v["utility"].strip()
        if utility not in UTILITIES:
            problems.add(
                row.line,
                "utility",
                f"알 수 없는 계량기 구분입니다: '{utility}' ({', '.join(UTILITIES)})",
            )
        try:
            expires_on = date.fromisoformat(v["expires_on"].strip())
        except ValueError:
            problems.add(
                row.line,
                "expires_on",
                f"날짜는 YYYY-MM-DD 형식이어야 합니다: '{v['expires_on']}'",
            )
            expires_on = None
        if unit_id and utility in UTILITIES and expires_on:
            good.append((unit_id, utility, expires_on, v.get("serial", "").strip()[:60]))
    problems.raise_if_any()
    units = {u.pk: u for u in Unit.objects.filter(complex=complex)}
    for unit_id, utility, expires_on, serial in good:
        meter_verification_set(
            complex=complex,
            unit=units[unit_id],
            utility=utility,
            expires_on=expires_on,
            serial=serial,
        )
    return len(good)
