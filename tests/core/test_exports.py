"""CSV exports neutralise formulas (OWASP "CSV Injection"): a text cell starting with = + - @,
tab or carriage return gets a leading apostrophe; numbers — negative ones too — stay numbers.
Tested on the helper and on every CSV the portal hands out: the public fees.csv and
disclosures.csv, the district export and `export_bills --format csv`."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from core.exports import csv_response, safe_cell
from disclosure import services as disclosure_services
from disclosure.models import FeeSummary

NEUTRALISED = [
    ("=1+1", "'=1+1"),
    ("+1+1", "'+1+1"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ('=HYPERLINK("http://evil.example","클릭")', '\'=HYPERLINK("http://evil.example","클릭")'),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("  =1+1", "'  =1+1"),
    ("-10.0% 전월 대비", "'-10.0% 전월 대비"),
    ("-", "'-"),
]

KEPT = [
    ("관리비 총액", "관리비 총액"),
    ("제목 = 1+1", "제목 = 1+1"),
    ("a@b.kr", "a@b.kr"),
    ("-12000", "-12000"),
    ("+12000", "+12000"),
    ("-1,234,567", "-1,234,567"),
    ("-84.97", "-84.97"),
    ("2026-10-25", "2026-10-25"),
    (-12000, -12000),
    (Decimal("-84.97"), Decimal("-84.97")),
    (-0.5, -0.5),
    (None, ""),
    (True, True),
]


@pytest.mark.parametrize(("value", "written"), NEUTRALISED + KEPT)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads Korean UTF-8 with a BOM
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_response_neutralises_every_text_cell_and_keeps_numbers():
    r = csv_response("x.csv", ["=제목", "금액"], [["=1+1", -12000], ["@a", Decimal("-1.5")]])
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    assert r["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert _rows(r) == [["'=제목", "금액"], ["'=1+1", "-12000"], ["'@a", "-1.5"]]


@pytest.fixture
def hostile(alpha, settings):
    """alpha publishes a disclosure titled like a formula and explains a fee move with one."""
    settings.PUBLIC_API_RATE = "100000/min"
    cache.clear()
    disclosure_services.publication_record(
        complex=alpha.complex,
        duty="bylaw",
        title='=HYPERLINK("http://evil.example","규약")',
        event_on=date(2026, 9, 1),
        published_at=disclosure_services.timezone.now(),
    )
    disclosure_services.fee_summaries_store(
        complex=alpha.complex,
        period=date(2026, 9, 1),
        totals={"cleaning": -12000},
        area=Decimal("100"),
    )
    FeeSummary.objects.filter(complex=alpha.complex).update(reason="@SUM(1+1)*cmd|' /C calc'!A0")
    disclosure_services.fee_month_publish(complex=alpha.complex, period=date(2026, 9, 1))
    return alpha


def test_public_disclosures_csv(hostile, client):
    rows = _rows(client.get("/api/v1/public/complexes/alpha/disclosures.csv"))
    titles = [r[2] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","규약")' in titles
    assert all(not t.startswith(("=", "+", "-", "@")) for t in titles)


def test_public_fees_csv_keeps_negative_amounts_as_numbers(hostile, client):
    rows = _rows(client.get("/api/v1/public/complexes/alpha/fees.csv"))
    assert rows[0] == ["월", "비목코드", "비목", "총액(원)", "㎡당(원)", "변동", "변동 사유"]
    cleaning = next(r for r in rows if r[1] == "cleaning")
    assert cleaning[3] == "-12000" and cleaning[4] == "-120.00"  # numbers stay usable
    assert cleaning[6] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_district_export(hostile, official, as_user):
    r = as_user(official).get(reverse("district_export", args=["11680"]))
    rows = _rows(r)
    assert '\'=HYPERLINK("http://evil.example","규약")' in [row[3] for row in rows]


def test_export_bills_csv(alpha):
    """The office's export: a building named like a formula is neutralised, amounts stay."""
    from tests.fees.helpers import four_units, import_costs, only

    _, units = four_units(alpha.complex, name="=1+1")
    only(alpha.complex, units)
    import_costs(alpha.complex, date(2026, 9, 1), "item,amount\ngeneral_admin,100000")
    call_command(
        "run_billing",
        "alpha",
        "2026-09",
        "--issue",
        "--issued-on",
        "2026-10-10",
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("export_bills", "alpha", "2026-09", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][0] == "building"
    assert {r[0] for r in rows[1:]} == {"'=1+1"}
    assert [r[-1] for r in rows[1:]] == ["17396", "24676", "24676", "33252"]


def test_no_csv_is_written_around_the_helper():
    """One CSV writer: a module writing CSV itself would skip the neutralisation."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    apps = [p for p in root.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    offenders = [
        str(path.relative_to(root))
        for app in apps
        for path in app.rglob("*.py")
        if path != root / "core" / "exports.py"
        and any(w in path.read_text() for w in ("csv.writer(", "csv.DictWriter("))
    ]
    assert offenders == []
