"""Unit import: CSV (UTF-8 ± BOM) or XLSX, all-or-nothing, every bad row named, idempotent."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from complexes.models import Building, Unit
from complexes.services import units_import
from core.tabular import ImportFailed

GOOD = "building,unit,floor,supply_area,type\n101,101,1,59.90,59A\n101,1203,12,84.97,84A\n102,1501,15,114.50,114A\n"


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def complex_(db):
    from tests.factories import ComplexFactory

    return ComplexFactory(slug="imp")


def errors_of(exc) -> set[tuple[int, str]]:
    return {(e.line, e.column) for e in exc.value.errors}


def test_csv_import_creates_buildings_and_units(complex_):
    result = units_import(complex=complex_, data=GOOD.encode(), filename="units.csv")
    assert (result.created, result.updated, result.unchanged, result.buildings_created) == (
        3,
        0,
        0,
        2,
    )
    unit = Unit.objects.get(complex=complex_, building__name="101", number="1203")
    assert (unit.floor, unit.supply_area, unit.type_label) == (12, Decimal("84.97"), "84A")
    assert Building.objects.get(complex=complex_, name="102").floors_above == 15


def test_csv_with_bom_and_suffixes_is_read(complex_):
    data = "\ufeffbuilding,unit,floor,supply_area\n101동,1203호,12,84.97\n".encode()
    units_import(complex=complex_, data=data, filename="UNITS.CSV")
    assert Unit.objects.get(complex=complex_).label == "101동 1203호"


def test_reimporting_the_same_file_changes_nothing(complex_):
    units_import(complex=complex_, data=GOOD.encode(), filename="u.csv")
    before = list(Unit.objects.filter(complex=complex_).values())
    result = units_import(complex=complex_, data=GOOD.encode(), filename="u.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert list(Unit.objects.filter(complex=complex_).values()) == before


def test_changed_area_updates_the_unit(complex_):
    units_import(complex=complex_, data=GOOD.encode(), filename="u.csv")
    changed = GOOD.replace("84.97", "84.98")
    result = units_import(complex=complex_, data=changed.encode(), filename="u.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Unit.objects.get(complex=complex_, number="1203").supply_area == Decimal("84.98")


def test_every_bad_row_is_named_and_nothing_is_written(complex_):
    data = (
        "building,unit,floor,supply_area,type\n"
        "101,101,1,59.90,59A\n"  # line 2: good
        "101,102,둘,59.90,59A\n"  # line 3: floor not a number
        "101,103,1,0,59A\n"  # line 4: non-positive area
        "101,101,1,59.90,59A\n"  # line 5: duplicate of line 2
        "101,104,1,-3.5,59A\n"  # line 6: negative area
        ",105,1,59.90,\n"  # line 7: missing building
        "101,106,1,59.901,\n"  # line 8: 3 decimals
    )
    with pytest.raises(ImportFailed) as exc:
        units_import(complex=complex_, data=data.encode(), filename="u.csv")
    assert errors_of(exc) == {
        (3, "floor"),
        (4, "supply_area"),
        (5, "unit"),
        (6, "supply_area"),
        (7, "building"),
        (8, "supply_area"),
    }
    assert "5행 unit 열: 101동 101호가 2행과 중복됩니다." in [str(e) for e in exc.value.errors]
    assert not Unit.objects.filter(complex=complex_).exists()
    assert not Building.objects.filter(complex=complex_).exists()


def test_unknown_and_missing_columns_are_reported(complex_):
    data = "building,unit,storey,supply_area,colour\n101,101,1,59.9,red\n"
    with pytest.raises(ImportFailed) as exc:
        units_import(complex=complex_, data=data.encode(), filename="u.csv")
    assert errors_of(exc) == {(1, "storey"), (1, "colour"), (1, "floor")}


def test_a_bad_file_leaves_earlier_data_untouched(complex_):
    units_import(complex=complex_, data=GOOD.encode(), filename="u.csv")
    before = list(Unit.objects.filter(complex=complex_).values())
    bad = GOOD.replace("84.97", "84.98") + "103,101,x,59.9,59A\n"
    with pytest.raises(ImportFailed):
        units_import(complex=complex_, data=bad.encode(), filename="u.csv")
    assert list(Unit.objects.filter(complex=complex_).values()) == before


def test_xlsx_import(complex_):
    data = xlsx(
        [
            ["building", "unit", "floor", "supply_area", "type"],
            [101, 1203, 12, 84.97, "84A"],
            ["101", "1204", 12, "114.5", None],
        ]
    )
    result = units_import(complex=complex_, data=data, filename="units.xlsx")
    assert result.created == 2
    assert Unit.objects.get(complex=complex_, number="1204").supply_area == Decimal("114.50")


def test_xlsx_bad_rows_named(complex_):
    data = xlsx(
        [
            ["building", "unit", "floor", "supply_area"],
            [101, 1203, "twelve", 84.97],
            [101, 1204, 12, -1],
        ]
    )
    with pytest.raises(ImportFailed) as exc:
        units_import(complex=complex_, data=data, filename="units.xlsx")
    assert errors_of(exc) == {(2, "floor"), (3, "supply_area")}


def test_not_utf8_or_unknown_type(complex_):
    with pytest.raises(ImportFailed) as exc:
        units_import(
            complex=complex_, data="building,unit\n101동,1\n".encode("cp949"), filename="u.csv"
        )
    assert "UTF-8" in str(exc.value.errors[0])
    with pytest.raises(ImportFailed):
        units_import(complex=complex_, data=b"x", filename="u.pdf")


def test_same_unit_number_in_another_complex_is_independent(complex_):
    from tests.factories import ComplexFactory

    other = ComplexFactory(slug="other")
    units_import(complex=other, data=GOOD.encode(), filename="u.csv")
    result = units_import(complex=complex_, data=GOOD.encode(), filename="u.csv")
    assert result.created == 3
    assert Unit.objects.count() == 6


def test_import_units_command(complex_, tmp_path, capsys):
    good = tmp_path / "units.csv"
    good.write_text(GOOD, encoding="utf-8-sig")
    call_command("import_units", "imp", str(good))
    assert "새 세대 3" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "101,9999,x,0,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_units", "imp", str(bad))
    err = capsys.readouterr().err
    assert "bad.csv:5행 floor 열" in err and "bad.csv:5행 supply_area 열" in err
    with pytest.raises(CommandError, match="단지 'nope'"):
        call_command("import_units", "nope", str(good))


def test_create_complex_command(db):
    from complexes.models import Complex

    call_command(
        "create_complex",
        "gaon",
        "--name",
        "가온아파트",
        "--district-code",
        "11650",
        "--district-name",
        "서초구",
        "--approved-on",
        "2015-04-01",
    )
    c = Complex.objects.get(slug="gaon")
    assert (c.name, c.district_code, str(c.approved_on)) == ("가온아파트", "11650", "2015-04-01")
    with pytest.raises(CommandError, match="이미 있습니다"):
        call_command(
            "create_complex",
            "gaon",
            "--name",
            "x",
            "--district-code",
            "11650",
            "--district-name",
            "서초구",
            "--approved-on",
            "2015-04-01",
        )
    with pytest.raises(CommandError, match="5자리"):
        call_command(
            "create_complex",
            "gaon2",
            "--name",
            "x",
            "--district-code",
            "1165",
            "--district-name",
            "서초구",
            "--approved-on",
            "2015-04-01",
        )
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "create_complex",
            "gaon3",
            "--name",
            "x",
            "--district-code",
            "11650",
            "--district-name",
            "서초구",
            "--approved-on",
            "2015/04/01",
        )
