"""import_repair_plan / set_reserve_phases: all-or-nothing, every problem named (issue 5)."""

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.errors import ApplicationError
from core.tabular import ImportFailed
from repairs.models import Component, PlanRevision, ReservePhase
from repairs.plan.diff import revision_diff
from repairs.selectors import current_revision
from repairs.services import parse_phase_specs, phases_set, plan_import, validate_phases
from tests.repairs.helpers import SEED_PHASES, SEED_PLAN_CSV, seed_complex

HEADER = "component,category,method,cycle_years,first_year,repair_rate,quantity,unit,unit_cost\n"


def _import(c, text, start=date(2001, 1, 1), end=date(2040, 12, 1)):
    return plan_import(
        complex=c, data=text.encode(), filename="p.csv", start_month=start, end_month=end
    )


@pytest.mark.django_db
def test_occurrences_and_cost():
    """Occurrences in first_year, +cycle … up to the end; each quantity × unit cost × rate/100."""
    from repairs.plan.plan_math import ComponentSpec, total_repair_cost

    c = seed_complex()
    r = _import(c, HEADER + "옥상 방수,exterior,full,15,2005,50,1200.5,㎡,33333.33\n").revision
    spec = ComponentSpec.of(r.components.get())
    assert spec.occurrence_years(2001, 2040) == [2005, 2020, 2035]
    # exact: 1200.5 × 33333.33 × 50 / 100 = 20,008,331.3325 per occurrence, no rounding
    assert total_repair_cost([spec], r.start_month, r.end_month) == 3 * Fraction(
        Decimal("20008331.3325")
    )


@pytest.mark.django_db
def test_bad_rows_write_nothing_and_are_each_named():
    c = seed_complex()
    bad = HEADER + (
        "외벽 도장,exterior,full,8,2005,100,10,㎡,1000\n"
        "승강기,electrical,full,0,2010,100,6,대,90000000\n"  # cycle ≤ 0
        "조경,outdoor,partial,5,2045,10,1,식,100\n"  # first year outside the period
        "외벽 도장,exterior,full,8,2006,100,10,㎡,1000\n"  # duplicate
        "급수펌프,plumbing,교체,10,2010,120,2,대,abc\n"  # rate > 100, cost not a number
        "전기,unknown,moved,10,2010,10,1,식,1\n"  # category, method
    )
    with pytest.raises(ImportFailed) as e:
        _import(c, bad)
    where = {(r["line"], r["column"]) for r in e.value.extra["rows"]}
    assert {
        (3, "cycle_years"),
        (4, "first_year"),
        (5, "component"),
        (6, "repair_rate"),
        (6, "unit_cost"),
        (7, "category"),
        (7, "method"),
    } <= where
    assert PlanRevision.objects.filter(complex=c).count() == 0
    assert Component.objects.filter(complex=c).count() == 0


@pytest.mark.django_db
def test_phases_must_cover_the_period_and_sum_to_100():
    """Art. 83① / precise rule 5: no gaps, no overlaps, rates summing to 100 %."""
    c = seed_complex()
    _import(c, SEED_PLAN_CSV)
    start, end = date(2001, 1, 1), date(2040, 12, 1)
    assert validate_phases(parse_phase_specs(SEED_PHASES), start, end) == []
    overlap = parse_phase_specs(["2001-01:2011-06:50", "2011-01:2040-12:50"])
    assert any("겹칩니다" in p for p in validate_phases(overlap, start, end))
    gap = parse_phase_specs(["2001-01:2010-12:50", "2012-01:2040-12:50"])
    assert any("2011-01부터 2011-12까지" in p for p in validate_phases(gap, start, end))
    short = parse_phase_specs(["2001-01:2010-12:20", "2011-01:2040-12:30"])
    problems = validate_phases(short, start, end)
    assert any("100%가 아닙니다 (50%)" in p for p in problems)
    late = parse_phase_specs(["2002-01:2040-12:100"])
    assert any("시작(2001-01)" in p for p in validate_phases(late, start, end))
    with pytest.raises(ApplicationError) as e:
        phases_set(complex=c, specs=overlap)
    assert e.value.extra["problems"]
    assert ReservePhase.objects.filter(complex=c).count() == 0
    with pytest.raises(ApplicationError):
        parse_phase_specs(["2001-13:2010-12:20", "nonsense"])


@pytest.mark.django_db
def test_commands_seed_example_end_to_end(tmp_path):
    """The operators' path: import_repair_plan, set_reserve_phases, reserve_status (별표 9)."""
    c = seed_complex()
    f = tmp_path / "plan.csv"
    f.write_text(SEED_PLAN_CSV, encoding="utf-8-sig")
    out = StringIO()
    call_command(
        "import_repair_plan", c.slug, str(f), "--start", "2001-01", "--end", "2040-12", stdout=out
    )
    assert "1차 계획" in out.getvalue()
    out = StringIO()
    call_command("set_reserve_phases", c.slug, *SEED_PHASES, stdout=out)
    text = out.getvalue()
    assert "166.67원/㎡·월" in text and "250.00원/㎡·월" in text
    out = StringIO()
    call_command("reserve_status", c.slug, "2011", "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())
    # ① through 2011: 120 months of phase 1 (1,000,000,000) + 12 of phase 2 (150,000,000)
    assert figures["required_by_plan"] == 1_150_000_000
    # ② what the bills carry: 120 × (200×8,333 + 400×16,666) + 12 × 12,500,000
    assert figures["per_rate"] == 120 * (200 * 8_333 + 400 * 16_666) + 12 * 12_500_000
    assert figures["balance"] == figures["accumulated"] - figures["used"]
    assert figures["to_accumulate"] == figures["need_rest_of_plan"] - figures["balance"]
    # ⑥ works after 2011: 2021 and 2031 occurrences
    assert figures["need_rest_of_plan"] == 2_500_000_000
    assert figures["monthly"]["price_per_m2"] == "250.00"
    assert figures["monthly"]["monthly_total"] == 12_500_000


@pytest.mark.django_db
def test_command_errors_are_named(tmp_path):
    c = seed_complex()
    f = tmp_path / "plan.csv"
    f.write_text(HEADER + "승강기,electrical,full,-1,2010,100,6,대,1\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_repair_plan",
            c.slug,
            str(f),
            "--start",
            "2001-01",
            "--end",
            "2040-12",
            stderr=err,
        )
    assert "2행 cycle_years 열" in err.getvalue()
    f.write_text(SEED_PLAN_CSV, encoding="utf-8")
    call_command(
        "import_repair_plan",
        c.slug,
        str(f),
        "--start",
        "2001-01",
        "--end",
        "2040-12",
        stdout=StringIO(),
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "set_reserve_phases", c.slug, "2001-01:2020-12:60", "2020-01:2040-12:50", stderr=err
        )
    assert "겹칩니다" in err.getvalue() and "100%가 아닙니다 (110" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("reserve_status", "nope", "2020")


@pytest.mark.django_db
def test_reimport_keeps_phases_and_diff_is_readable():
    c = seed_complex()
    _import(c, SEED_PLAN_CSV)
    phased = phases_set(complex=c, specs=parse_phase_specs(SEED_PHASES))
    result = _import(
        c,
        HEADER
        + "전체 공용부분 수선,exterior,full,10,2001,100,1,식,1500000000\n"
        + "승강기 교체,electrical,full,25,2010,100,6,대,90000000\n",
    )
    assert result.phases_kept
    new = current_revision(complex=c)
    assert new.number == 3 and new.phases.count() == 4
    d = revision_diff(phased, new)
    assert d["added"] and "승강기 교체" in d["added"][0]
    assert d["changed"][0]["changes"] == ["단가(원) 1,250,000,000 → 1,500,000,000"]
    assert (
        d["total"] == "수선비 총액 5,000,000,000원 → 7,080,000,000원"
    )  # 4 × 1.5억×10 + 2 × 5.4억 (2010, 2035)
    assert d["phases"] is None


@pytest.mark.django_db
def test_xlsx_import():
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(["승강기 교체", "electrical", "full", 25, 2010, 100, 6, "대", 90000000])
    ws.append(["외벽 도장", "exterior", "partial", 8, 2005, 50.5, 1200.25, "㎡", 8000.5])
    buf = io.BytesIO()
    wb.save(buf)
    c = seed_complex()
    result = plan_import(
        complex=c,
        data=buf.getvalue(),
        filename="plan.xlsx",
        start_month=date(2001, 1, 1),
        end_month=date(2040, 12, 1),
    )
    assert result.components == 2
    paint = result.revision.components.get(name="외벽 도장")
    assert (paint.repair_rate, paint.quantity, paint.unit_cost) == (
        Decimal("50.5"),
        Decimal("1200.25"),
        Decimal("8000.5"),
    )


@pytest.mark.django_db
def test_phase_change_diff_and_resolution_link(alpha):
    """A change of rates is a new revision whose diff names the phases before and after, linked
    to the resolution it rests on; a rejected resolution cannot be used."""
    from tests.repairs.helpers import plan_alpha, resolution

    old = plan_alpha(alpha.complex)
    specs = parse_phase_specs(
        ["2011-01:2020-12:15", "2021-01:2030-12:35", "2031-01:2040-12:30", "2041-01:2050-12:20"]
    )
    with pytest.raises(ApplicationError, match="효력이 있는 의결"):
        phases_set(
            complex=alpha.complex, specs=specs, resolution=resolution(alpha.complex, passed=False)
        )
    res = resolution(alpha.complex, title="관리규약 개정(적립요율)")
    new = phases_set(complex=alpha.complex, specs=specs, resolution=res)
    d = revision_diff(old, new)
    assert d["phases"]["before"][1] == "2021-01~2030-12 30%"
    assert d["phases"]["after"][1] == "2021-01~2030-12 35%"
    assert new.resolution == res and not d["added"] and not d["changed"]
