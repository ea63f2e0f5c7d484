"""Reading an uploaded spreadsheet (CSV in UTF-8 with or without BOM, or XLSX) into rows.

Every import of the portal (units, residents, costs, meter readings, payments, repair plans)
reads through here, so they all report problems the same way: every bad row with its line
number (the header is line 1) and column, and nothing written unless the whole file is good.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core.errors import ApplicationError


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        where = f"{self.line}행" + (f" {self.column} 열" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Row:
    line: int
    values: dict


@dataclass
class ImportProblems:
    """Collects every problem of a file before anything is written."""

    errors: list = field(default_factory=list)

    def add(self, line: int, column: str, message: str) -> None:
        self.errors.append(RowError(line, column, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ImportFailed(self.errors)


class ImportFailed(ApplicationError):
    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors, key=lambda e: (e.line, e.column))
        summary = f"파일에 문제가 있어 아무것도 저장하지 않았습니다 (오류 {len(self.errors)}건)."
        super().__init__(
            summary,
            {
                "rows": [
                    {"line": e.line, "column": e.column, "message": e.message} for e in self.errors
                ]
            },
        )


def read_table(data: bytes, filename: str, required: list[str], optional: list[str]) -> list[Row]:
    """Rows of the file as dicts of stripped strings keyed by lower-case column name.

    Unknown or missing columns are reported (line 1) rather than guessed at.
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        header, body = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        header, body = _read_csv(data)
    else:
        raise ImportFailed([RowError(1, "", "CSV 또는 XLSX 파일만 올릴 수 있습니다.")])

    problems = ImportProblems()
    columns = [str(c or "").strip().lower() for c in header]
    allowed = set(required) | set(optional)
    for col in columns:
        if col and col not in allowed:
            problems.add(
                1, col, f"알 수 없는 열입니다 (가능한 열: {', '.join(required + optional)})."
            )
    for col in required:
        if col not in columns:
            problems.add(1, col, "필수 열이 없습니다.")
    seen = set()
    for col in columns:
        if col and col in seen:
            problems.add(1, col, "같은 이름의 열이 두 번 있습니다.")
        seen.add(col)
    problems.raise_if_any()

    rows = []
    for line, cells in body:
        if all(str(c or "").strip() == "" for c in cells):
            continue  # blank lines are not rows
        values = {}
        for i, col in enumerate(columns):
            if col:
                cell = cells[i] if i < len(cells) else ""
                values[col] = _cell_text(cell)
        if len(cells) > len(columns) and any(str(c or "").strip() for c in cells[len(columns) :]):
            problems.add(line, "", "머리글보다 칸이 많습니다.")
        rows.append(Row(line, values))
    problems.raise_if_any()
    if not rows:
        raise ImportFailed([RowError(2, "", "데이터 행이 없습니다.")])
    return rows


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell).strip()


def _read_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFailed(
            [
                RowError(
                    1, "", "UTF-8로 저장된 CSV가 아닙니다. 엑셀에서 'CSV UTF-8'로 저장해 주세요."
                )
            ]
        ) from e
    reader = csv.reader(io.StringIO(text))
    lines = list(reader)
    if not lines:
        raise ImportFailed([RowError(1, "", "빈 파일입니다.")])
    return lines[0], [(i + 2, cells) for i, cells in enumerate(lines[1:])]


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as e:  # openpyxl raises many kinds on a broken file
        raise ImportFailed([RowError(1, "", "XLSX 파일을 읽을 수 없습니다.")]) from e
    lines = [list(r) for r in sheet.iter_rows(values_only=True)]
    if not lines:
        raise ImportFailed([RowError(1, "", "빈 파일입니다.")])
    return lines[0], [(i + 2, cells) for i, cells in enumerate(lines[1:])]


def parse_int(problems: ImportProblems, row: Row, column: str, *, required=True) -> int | None:
    text = row.values.get(column, "")
    if text == "":
        if required:
            problems.add(row.line, column, "값이 비어 있습니다.")
        return None
    try:
        return int(text.replace(",", ""))
    except ValueError:
        problems.add(row.line, column, f"숫자가 아닙니다: '{text}'")
        return None


def parse_decimal(
    problems: ImportProblems, row: Row, column: str, *, places: int, required=True
) -> Decimal | None:
    text = row.values.get(column, "")
    if text == "":
        if required:
            problems.add(row.line, column, "값이 비어 있습니다.")
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        problems.add(row.line, column, f"숫자가 아닙니다: '{text}'")
        return None
    if not value.is_finite() or value != value.quantize(Decimal(1).scaleb(-places)):
        problems.add(row.line, column, f"소수점 이하 {places}자리까지만 쓸 수 있습니다: '{text}'")
        return None
    return value
