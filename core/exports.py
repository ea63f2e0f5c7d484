"""CSV downloads, written one way: every CSV the portal hands out goes through `csv_writer` or
`csv_response`.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return before
one) as a formula, so text a resident or the office typed could run in an official's Excel
(OWASP "CSV Injection"). Following OWASP, such a text cell gets a leading apostrophe, which
spreadsheets show as plain text. Numbers stay usable: a value written as a number (int,
Decimal, float) is never touched — a negative amount of -12000 still sums — and neither is a text
cell that is only a number ("-12000", "-1,234.5"), which no spreadsheet reads as a formula.
Everything else starting with a dangerous character is text and is neutralised, e.g.
"-10.0% 전월 대비" becomes "'-10.0% 전월 대비". Leading spaces do not hide the character.
"""

import csv
import re
from decimal import Decimal

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def safe_cell(value):
    """One cell as it may be written: numbers as they are, None as empty, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):  # bool is an int: True/False are harmless
        return value
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text.strip()):
        return "'" + text
    return text


class SafeWriter:
    """`csv.writer` with every cell passed through `safe_cell`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **kwargs) -> SafeWriter:
    return SafeWriter(stream, **kwargs)


def csv_response(filename: str, header, rows) -> HttpResponse:
    """A CSV download: UTF-8 with a BOM (so Excel reads Korean correctly), header, then rows."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
