"""Bulk paper steps of a vote from a spreadsheet (Arts. 12②, 48①②: the polling station's
paper ballots are recorded by the committee).

* `paper_marks_import`: the households that voted at the polling station (the paper roll),
  during the voting period — one per household, refused if it already voted (precise rule 4).
* `paper_counts_import`: the tally sheet of the paper box after the close, by candidate number
  (기호) or yes/no, with blank and invalid ballots.

All or nothing, like every import (core/tabular.py): every bad row is reported with its line and
column and nothing is recorded unless the whole file is good."""

import re

from django.db import transaction

from complexes.models import Unit
from core.errors import ApplicationError
from core.tabular import ImportFailed, ImportProblems, parse_int, read_table

from . import services
from .models import Candidate, Vote


def _norm(text: str, suffix: str) -> str:
    return re.sub(rf"\s*{suffix}$", "", (text or "").strip())


def paper_marks_import(*, vote: Vote, data: bytes, filename: str) -> int:
    """CSV/XLSX `building,unit`: each household marked as voting on paper (ID checked at the
    polling station). Returns how many were marked."""
    rows = read_table(data, filename, ["building", "unit"], [])
    problems = ImportProblems()
    units = {
        (u.building.name, u.number): u
        for u in Unit.objects.filter(complex_id=vote.complex_id).select_related("building")
    }
    seen, chosen = {}, []
    for row in rows:
        key = (_norm(row.values["building"], "동"), _norm(row.values["unit"], "호"))
        unit = units.get(key)
        if unit is None:
            problems.add(row.line, "unit", f"없는 세대입니다: {key[0]}동 {key[1]}호")
            continue
        if unit.pk in seen:
            problems.add(row.line, "unit", f"{seen[unit.pk]}행과 같은 세대입니다 (1세대 1표).")
            continue
        seen[unit.pk] = row.line
        chosen.append((row, unit))
    problems.raise_if_any()
    with transaction.atomic():
        for row, unit in chosen:
            try:
                services.paper_voter_mark(vote=vote, unit=unit)
            except ApplicationError as e:
                problems.add(row.line, "unit", e.message)
        if problems.errors:
            raise ImportFailed(problems.errors)  # nobody is marked
    return len(chosen)


SPECIAL = {"blank": "blank", "무효": "invalid", "invalid": "invalid", "백지": "blank"}
ANSWERS = {"yes": "yes", "찬성": "yes", "no": "no", "반대": "no", "valid": "valid", "유효": "valid"}


def paper_counts_import(*, vote: Vote, data: bytes, filename: str) -> int:
    """CSV/XLSX `item,count`: item is a candidate's number (기호, e.g. `1`), `yes`/`no` (찬성/
    반대) for a question, `valid` (유효) for approval ballots, `blank` (백지) or `invalid`
    (무효). Entered after the close; the total never exceeds the households marked as voting
    on paper. Returns the number of ballots entered."""
    rows = read_table(data, filename, ["item", "count"], [])
    problems = ImportProblems()
    numbers = {
        str(c.number): c.id
        for c in vote.candidates.filter(status=Candidate.Status.ELIGIBLE).only("id", "number")
    }
    counts, where = {}, {}
    for row in rows:
        item = row.values["item"].strip().lower().removeprefix("기호").strip()
        n = parse_int(problems, row, "count")
        if n is not None and n < 0:
            problems.add(row.line, "count", "0 이상이어야 합니다.")
            continue
        if item in SPECIAL:
            key = SPECIAL[item]
        elif item in ANSWERS:
            key = ANSWERS[item]
        elif item in numbers:
            key = f"c{numbers[item]}"
        else:
            problems.add(
                row.line, "item", f"확정 후보의 기호, 찬성/반대, 백지/무효가 아닙니다: '{item}'"
            )
            continue
        if key in where:
            problems.add(row.line, "item", f"{where[key]}행과 같은 항목입니다.")
            continue
        where[key] = row.line
        if n is not None:
            counts[key] = n
    problems.raise_if_any()
    try:
        ballots = services.paper_ballots_from_counts(vote=vote, counts=counts)
        return services.paper_ballots_enter(vote=vote, ballots=ballots)
    except ApplicationError as e:
        raise ImportFailed([_whole_file(e)]) from e


def _whole_file(error: ApplicationError):
    from core.tabular import RowError

    return RowError(2, "", error.message)
