"""Reading an uploaded spreadsheet (CSV in UTF-8 with or without BOM, or XLSX) into rows.

Every import of the portal (units, residents, costs, meter readings, payments, repair plans)
reads through here, so they all report problems the same way: every bad row with its line
number (the header is line 1) and column, and nothing written unless the whole file is good.
"""

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from django.conf import settings

from core.errors import ApplicationError
from core.text import normalise

# csv's own field limit is 128 KiB (csv.field_size_limit()); XLSX cells get the same.
MAX_CELL_CHARS = 128 * 1024
# The largest integer an import takes by default (money columns are bigint; 1조 원 is plenty).
MAX_AMOUNT = 10**12 - 1
# Columns read from an XLSX (whatever the sheet's declared dimension says).
MAX_COLUMNS = 100
# After this many problems the rest of the file is not read (the list is long enough).
MAX_REPORTED_ERRORS = 1000
# Members of an XLSX larger than 1 MB may not expand more than this (XML compresses ~5-20x).
MAX_ZIP_RATIO = 200


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


Source = bytes | BinaryIO


def _settings_int(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_rows() -> int:
    """Data rows one import may hold (settings.IMPORT_MAX_ROWS)."""
    return _settings_int("IMPORT_MAX_ROWS", 50_000)


def content_sha256(data: Source) -> str:
    """SHA-256 of the file's content, read in chunks (bytes or an uploaded file)."""
    if isinstance(data, bytes | bytearray | memoryview):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    data.seek(0)
    for chunk in iter(lambda: data.read(64 * 1024), b""):
        digest.update(chunk)
    data.seek(0)
    return digest.hexdigest()


def read_table(data: Source, filename: str, required: list[str], optional: list[str]) -> list[Row]:
    """Rows of the file as dicts of stripped strings keyed by lower-case column name.

    `data` is the file's bytes or the uploaded file itself (read as a stream, never whole).
    Unknown or missing columns are reported (line 1) rather than guessed at. A file with more
    than IMPORT_MAX_ROWS data rows, a cell over 128 KiB or a NUL character, or an XLSX whose
    uncompressed size is absurd (a zip bomb) is refused with the row and column named.
    """
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        lines = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        lines = _read_csv(data)
    else:
        raise ImportFailed([RowError(1, "", "CSV 또는 XLSX 파일만 올릴 수 있습니다.")])
    try:
        return list(_rows(lines, required, optional))
    finally:
        lines.close()


def _rows(lines, required: list[str], optional: list[str]):
    first = next(lines, None)
    if first is None:
        raise ImportFailed([RowError(1, "", "빈 파일입니다.")])
    header = first[1]
    problems = ImportProblems()
    columns = [_cell_text(c).lower() for c in header]
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

    limit = max_rows()
    count = 0
    for line, cells in lines:
        texts = [_cell_text(c) for c in cells]
        if all(t == "" for t in texts):
            continue  # blank lines are not rows
        count += 1
        if count > limit:
            problems.add(
                line, "", f"행이 너무 많습니다. 한 파일에 {limit:,}행까지 올릴 수 있습니다."
            )
            break
        values = {}
        for i, col in enumerate(columns):
            if col:
                text = texts[i] if i < len(texts) else ""
                if "\x00" in text:
                    problems.add(line, col, "허용되지 않는 문자(NUL)가 있습니다.")
                    text = text.replace("\x00", "")
                if len(text) > MAX_CELL_CHARS:
                    problems.add(line, col, "값이 너무 깁니다 (128KiB 초과).")
                    text = ""
                values[col] = text
        if len(texts) > len(columns) and any(texts[len(columns) :]):
            problems.add(line, "", "머리글보다 칸이 많습니다.")
        if len(problems.errors) > MAX_REPORTED_ERRORS:
            break
        yield Row(line, values)
    problems.raise_if_any()
    if count == 0:
        raise ImportFailed([RowError(2, "", "데이터 행이 없습니다.")])


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e18:
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell).strip()


def _stream(data: Source) -> BinaryIO:
    if isinstance(data, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(data))
    if hasattr(data, "seek"):
        data.seek(0)
    return data


def _read_csv(data: Source):
    """(line, cells) of a UTF-8 CSV read as a stream; CR, LF and CRLF line ends alike."""
    text = io.TextIOWrapper(_stream(data), encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    line = 0  # records, as a spreadsheet numbers them (a quoted line break stays in its row)
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as e:
                raise ImportFailed(
                    [
                        RowError(
                            line + 1,
                            "",
                            "UTF-8로 저장된 CSV가 아닙니다. 엑셀에서 'CSV UTF-8'로 저장해 주세요.",
                        )
                    ]
                ) from e
            except csv.Error as e:
                raise ImportFailed([RowError(line + 1, "", _csv_problem(e))]) from e
            line += 1
            yield line, cells
    finally:
        text.detach()  # the upload stays open for whoever owns it


def _csv_problem(e: csv.Error) -> str:
    message = str(e)
    if "NUL" in message:
        return "허용되지 않는 문자(NUL)가 있습니다."
    if "field larger" in message:
        return "값이 너무 깁니다 (128KiB 초과)."
    return f"CSV 형식이 잘못되었습니다: {message}"


def _check_zip(stream: BinaryIO) -> None:
    """An XLSX is a zip: its members' declared sizes bound what decompressing can produce
    (zipfile stops at the declared size), so absurd totals or ratios are refused before any
    XML is parsed."""
    limit = _settings_int("XLSX_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ImportFailed([RowError(1, "", "XLSX 파일을 읽을 수 없습니다.")]) from e
    total = sum(i.file_size for i in infos)
    too_compressed = any(
        i.file_size > 1024 * 1024 and i.file_size > MAX_ZIP_RATIO * max(i.compress_size, 1)
        for i in infos
    )
    if len(infos) > 1000 or total > limit or too_compressed:
        raise ImportFailed(
            [
                RowError(
                    1,
                    "",
                    "XLSX 파일의 압축을 푼 크기가 비정상적으로 큽니다 "
                    f"({total / 1024 / 1024:,.0f}MB). 내용을 확인하거나 CSV로 올려 주세요.",
                )
            ]
        )
    stream.seek(0)


def _read_xlsx(data: Source):
    from openpyxl import load_workbook

    stream = _stream(data)
    _check_zip(stream)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as e:  # openpyxl raises many kinds on a broken file
        raise ImportFailed([RowError(1, "", "XLSX 파일을 읽을 수 없습니다.")]) from e
    try:
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        line = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except Exception as e:
                raise ImportFailed(
                    [RowError(line + 1, "", "XLSX 파일의 이 행을 읽을 수 없습니다.")]
                ) from e
            line += 1
            yield line, list(cells or ())
    finally:
        book.close()


def parse_int(
    problems: ImportProblems,
    row: Row,
    column: str,
    *,
    required=True,
    min_value: int = -MAX_AMOUNT,
    max_value: int = MAX_AMOUNT,
) -> int | None:
    """An integer within [min_value, max_value] (by default what a money column holds: a huge
    number is a row error, never a database overflow). Full-width digits are read (NFKC)."""
    text = row.values.get(column, "")
    if text == "":
        if required:
            problems.add(row.line, column, "값이 비어 있습니다.")
        return None
    digits = normalise(text).replace(",", "")
    if not re.fullmatch(r"[+-]?[0-9]{1,30}", digits):
        problems.add(row.line, column, f"숫자가 아닙니다: '{text[:50]}'")
        return None
    value = int(digits)
    if not min_value <= value <= max_value:
        problems.add(
            row.line, column, f"{min_value:,}에서 {max_value:,} 사이여야 합니다: '{text[:50]}'"
        )
        return None
    return value


def parse_decimal(
    problems: ImportProblems,
    row: Row,
    column: str,
    *,
    places: int,
    required=True,
    max_digits: int = 16,
) -> Decimal | None:
    """A decimal with at most `places` decimals and `max_digits` digits in all (the column's
    DecimalField), so that no value overflows the database."""
    text = row.values.get(column, "")
    if text == "":
        if required:
            problems.add(row.line, column, "값이 비어 있습니다.")
        return None
    cleaned = normalise(text).replace(",", "")
    if not re.fullmatch(r"[+-]?([0-9]{1,40}(\.[0-9]{0,40})?|\.[0-9]{1,40})", cleaned):
        problems.add(row.line, column, f"숫자가 아닙니다: '{text[:50]}'")
        return None
    value = Decimal(cleaned)
    try:
        exact = value == value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        exact = False
    if not exact and abs(value) < Decimal(10) ** (max_digits - places):
        problems.add(
            row.line, column, f"소수점 이하 {places}자리까지만 쓸 수 있습니다: '{text[:50]}'"
        )
        return None
    if abs(value) >= Decimal(10) ** (max_digits - places):
        problems.add(row.line, column, f"값이 너무 큽니다: '{text[:50]}'")
        return None
    return value
