"""Balances carried forward in the database (fees.ledger "carried forward", models.LedgerClose):
what a draft reads of the ledger, and the closes an issue keeps.

A draft starts each unit from its close of the latest issued period and reads only the bills
and payments after it — whatever the length of the history. A unit whose close a late-recorded,
changed or deleted payment made untrue (the trigger of migration 0009 deleted it) starts from
its latest close still there, or from nothing (its whole history). Closes are kept on
PostgreSQL only (the trigger); elsewhere every draft replays the history.
"""

import json
from collections import defaultdict
from datetime import date

from django.db import connection

from .ledger import Balance, carry
from .models import Bill, BillingRun, LedgerClose, Payment, RunStatus

LOCK = 8605  # advisory lock class (Art. 86⑤), shared with the trigger of migration 0009


def enabled() -> bool:
    return connection.vendor == "postgresql"


def lock_payments(complex) -> None:
    """Taken by an issue before it reads payments, held until it commits: payment writes in
    flight finish first and new ones wait (their trigger takes the lock shared), so no payment
    falls between the bills issued and the closes kept."""
    if enabled():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK, complex.pk])


def _issued_before(complex, period: date, issued_on: date) -> tuple[list, list]:
    """(every issued period before `period`, those whose closes a draft issued on `issued_on`
    can start from), newest first. A close can be a start if every bill after it was issued
    between its day and `issued_on`: the ledger orders bills by issue date, and a bill issued
    after the draft's issue date needs the whole history replayed (ledger.settle)."""
    periods, usable = [], []
    earliest_after = issued_on  # the earliest issue date of the periods after this one
    for p, day in (
        BillingRun.objects.filter(complex=complex, status=RunStatus.ISSUED, period__lt=period)
        .order_by("-period")
        .values_list("period", "issued_on")
    ):
        periods.append(p)
        if day > issued_on:  # neither this close nor an older one can be carried past it
            usable = []
            earliest_after = date.min
        elif day <= earliest_after:
            usable.append(p)
        earliest_after = min(earliest_after, day)
    return periods, usable


def _balance(row) -> Balance:
    as_of, credit, accrued, billed, open_ = row
    return Balance(
        as_of,
        credit,
        accrued,
        billed,
        [[date.fromisoformat(p), date.fromisoformat(d), c, lf] for p, d, c, lf in open_],
    )


CLOSE_FIELDS = ("unit_id", "period", "as_of", "credit", "accrued", "late_fees_billed", "open")
BILL_FIELDS = ("pk", "unit_id", "period", "issued_on", "due_date", "charges", "late_fee")


def load(complex, period: date, issued_on: date, table, unit_ids, carried=True):
    """(balances {unit_id: Balance}, bills [BILL_FIELDS], payments [(unit_id, paid_on, amount)]):
    each unit's close to start from, and the issued bills before `period` and the payments dated
    ≤ `issued_on` that came after it. `carried=False` replays every unit's whole history."""
    periods, usable = _issued_before(complex, period, issued_on)
    if not (carried and enabled()):
        usable = []
    starts = {}  # unit_id -> (period, as_of, Balance)
    if usable:
        closes = LedgerClose.objects.filter(complex=complex, late_fee_table=table.key)
        for unit_id, p, *rest in closes.filter(period=usable[0]).values_list(*CLOSE_FIELDS):
            starts[unit_id] = (p, rest[0], _balance(rest))
        missing = [u for u in unit_ids if u not in starts]
        if missing and len(usable) > 1:
            older = (
                closes.filter(unit_id__in=missing, period__in=usable[1:])
                .order_by("unit_id", "-period")
                .distinct("unit_id")
                .values_list(*CLOSE_FIELDS)
            )
            for unit_id, p, *rest in older:
                starts[unit_id] = (p, rest[0], _balance(rest))
    # a pair of queries per starting point: mostly one (the latest close), plus the few units a
    # late payment sent back to an earlier close, plus those with none (the whole history)
    groups = defaultdict(list)
    for unit_id in unit_ids:
        start = starts.get(unit_id)
        groups[start[:2] if start else None].append(unit_id)
    issued = Bill.objects.filter(complex=complex, status=RunStatus.ISSUED, period__lt=period)
    paid = Payment.objects.filter(complex=complex, paid_on__lte=issued_on)
    bills, payments = [], []
    for start, units in groups.items():
        group_bills, group_paid = issued, paid
        if start is not None:
            group_bills = group_bills.filter(period__gt=start[0])
            group_paid = group_paid.filter(paid_on__gt=start[1])
        if len(groups) > 1:
            group_bills = group_bills.filter(unit_id__in=units)
            group_paid = group_paid.filter(unit_id__in=units)
        if start is None or start[0] != periods[0]:  # else no bill was issued after the close
            bills += group_bills.values_list(*BILL_FIELDS)
        payments += group_paid.values_list("unit_id", "paid_on", "amount")
    return {u: s[2] for u, s in starts.items()}, bills, payments


def write(run, balances: dict, bills: list, table) -> int:
    """Keep each unit's close after the run's bills (issued on `run.issued_on`): its balance on
    the issue date with its new bill added. PostgreSQL COPY, like the bills."""
    if not enabled():
        return 0
    day = run.issued_on
    columns = (
        "complex_id",
        "period",
        "as_of",
        "late_fee_table",
        *CLOSE_FIELDS[:1],
        *CLOSE_FIELDS[3:],
    )
    sql = f"COPY {LedgerClose._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    fixed = (run.complex_id, run.period, day, table.key)
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for b in bills:
            balance = balances.get(b["unit_id"])
            if balance is None:  # replayed the old way (an earlier bill issued after this day)
                continue
            close = carry(
                balance,
                [(run.period, day, b["due_date"], b["charges"], b["late_fee"])],
                [],
                day,
                table,
            )
            open_ = json.dumps(
                [[p.isoformat(), d.isoformat(), c, lf] for p, d, c, lf in close.open]
            )
            copy.write_row(
                (*fixed, b["unit_id"], close.credit, close.accrued, close.late_fees_billed, open_)
            )
            written += 1
    return written
