"""Imports read the upload as a stream (core/tabular.py), refuse absurd XLSX files before parsing
them and name the row and column of every problem (issue 12, "Hostile and careless input")."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from complexes.models import Unit
from core.tabular import ImportFailed, content_sha256, read_table

BASE = "/api/v1/complexes/alpha"
COLS = (["building", "unit", "floor", "supply_area"], ["type"])


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zip_bomb_xlsx(uncompressed_mb: int = 300) -> bytes:
    """A real XLSX (it opens in openpyxl if one dares) whose sheet XML expands from well under
    a megabyte to `uncompressed_mb` MB of rows."""
    good = xlsx([["building", "unit", "floor", "supply_area"], ["101", "101", 1, 59.9]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
                continue
            xml = src.read(info).decode()
            head, tail = xml.split("</sheetData>")
            row = '<row><c t="inlineStr"><is><t>101</t></is></c></row>'
            with dst.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head.encode())
                chunk = (row * 20_000).encode()
                for _ in range(uncompressed_mb * 1024 * 1024 // len(chunk)):
                    sheet.write(chunk)
                sheet.write(("</sheetData>" + tail).encode())
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb_xlsx()


def test_the_bomb_is_small_compressed_and_huge_uncompressed(bomb):
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        total = sum(i.file_size for i in z.infolist())
    assert len(bomb) < 2 * 1024 * 1024 and total > 250 * 1024 * 1024


def test_zip_bomb_xlsx_is_refused_before_parsing(bomb):
    with pytest.raises(ImportFailed) as exc:
        read_table(bomb, "units.xlsx", *COLS)
    (error,) = exc.value.errors
    assert error.line == 1 and "압축을 푼 크기가 비정상적으로 큽니다" in error.message


def test_zip_bomb_xlsx_upload_answers_400_with_the_message(alpha, api, bomb):
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/units/import/",
        {"file": SimpleUploadedFile("units.xlsx", bomb)},
        format="multipart",
    )
    assert r.status_code == 400
    assert "압축을 푼 크기가 비정상적으로 큽니다" in r.json()["extra"]["rows"][0]["message"]
    assert (
        not Unit.objects.filter(complex=alpha.complex)
        .exclude(pk__in=[alpha.unit.pk, alpha.lessee_unit.pk])
        .exists()
    )


def test_too_many_rows_are_refused_with_the_row_named(settings):
    settings.IMPORT_MAX_ROWS = 3
    body = "building,unit,floor,supply_area\n" + "101,1,1,59.9\n" * 10
    with pytest.raises(ImportFailed) as exc:
        read_table(body.encode(), "u.csv", *COLS)
    assert [(e.line, e.message) for e in exc.value.errors] == [
        (5, "행이 너무 많습니다. 한 파일에 3행까지 올릴 수 있습니다.")
    ]
    with pytest.raises(ImportFailed) as exc:
        read_table(xlsx([COLS[0]] + [[101, 1, 1, 59.9]] * 10), "u.xlsx", *COLS)
    assert exc.value.errors[0].line == 5


class OneWayUpload(io.RawIOBase):
    """An upload that can be read only forward in small pieces: reading it whole at once
    (`read()` with no size) fails the test."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, *args):
        return self._data.seek(*args)

    def readinto(self, buffer):
        assert len(buffer) <= 1024 * 1024, "the whole file was read at once"
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_csv_is_read_as_a_stream_from_the_upload(settings):
    settings.IMPORT_MAX_ROWS = 300_000
    body = ("building,unit,floor,supply_area\n" + "101,1,1,59.9\n" * 200_000).encode()
    upload = io.BufferedReader(OneWayUpload(body), buffer_size=8192)
    rows = read_table(upload, "u.csv", *COLS)
    assert len(rows) == 200_000 and rows[-1].line == 200_001
    assert not upload.closed  # the upload stays its owner's
    assert content_sha256(upload) == content_sha256(body)


def test_cr_only_line_ends_are_read():
    body = b"building,unit,floor,supply_area\r101,1,1,59.9\r101,2,2,60\r"
    rows = read_table(body, "u.csv", *COLS)
    assert [(r.line, r.values["unit"]) for r in rows] == [(2, "1"), (3, "2")]


@pytest.mark.parametrize(
    ("body", "line", "column", "message"),
    [
        (b"building,unit,floor,supply_area\n101,1\x00,1,59.9\n", 2, "unit", "NUL"),
        (b"building,unit,floor,supply_area\n101,1,1," + b"9" * 200_000 + b"\n", 2, "", "128KiB"),
        (b"building,unit,floor,supply_area\n101,1,1,59.9\n\xff\xfe,1,1,1\n", 1, "", "UTF-8"),
    ],
)
def test_bad_csv_cells_name_the_row(body, line, column, message):
    with pytest.raises(ImportFailed) as exc:
        read_table(body, "u.csv", *COLS)
    (error,) = exc.value.errors
    assert (error.line, error.column) == (line, column) and message in error.message


def xlsx_with_sheet_xml(extra_rows: str) -> bytes:
    """An XLSX whose sheet holds the header and then `extra_rows` as raw XML (what openpyxl
    itself would never write, e.g. a cell over Excel's 32,767 characters)."""
    good = xlsx([COLS[0]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", extra_rows.encode() + b"</sheetData>")
                data = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:D2"/>', data)
            dst.writestr(info, data)
    return out.getvalue()


def test_bad_xlsx_cells_name_row_and_column():
    cell = '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    row = (
        '<row r="2">'
        + cell.format(ref="A2", text="101")
        + cell.format(ref="B2", text="1")
        + cell.format(ref="D2", text="9" * (130 * 1024))
        + "</row>"
    )
    data = xlsx_with_sheet_xml(row)
    with pytest.raises(ImportFailed) as exc:
        read_table(data, "u.xlsx", *COLS)
    (error,) = exc.value.errors
    assert (error.line, error.column) == (2, "supply_area") and "128KiB" in error.message


def test_broken_xlsx_is_a_message_not_a_crash():
    for junk in (b"", b"PK\x03\x04garbage", b"not a zip at all"):
        with pytest.raises(ImportFailed) as exc:
            read_table(junk, "u.xlsx", *COLS)
        assert "XLSX 파일을 읽을 수 없습니다" in exc.value.errors[0].message
