"""Repairs journeys in the real browser: the office imports a plan file with a bad row, fixes
it and sees the new revision's diff; a council member runs a what-if; a resident sees the
reserve line of their bill explained (별표 9)."""

import re
from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from fees.models import Bill
from fees.services import billing_run_issue
from repairs.models import PlanRevision
from repairs.services import entry_record
from tests.e2e.conftest import login
from tests.e2e.screens import snap
from tests.repairs.helpers import ALPHA_PLAN_CSV, plan_alpha


def test_office_imports_bad_file_fixes_it_and_sees_the_diff(alpha, live_server, page, tmp_path):
    plan_alpha(alpha.complex)
    bad = tmp_path / "plan.csv"
    bad.write_text(ALPHA_PLAN_CSV + "급수펌프,plumbing,full,0,2030,100,2,대,5000000\n", "utf-8")
    login(page, live_server, "manager@alpha.test")
    page.goto(f"{live_server.url}/c/alpha/repairs/plan/import/")
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="가져오기").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text("5행 cycle_years 열")
    assert PlanRevision.objects.filter(complex=alpha.complex).count() == 2
    snap(page, "repairs-import-error")
    good = tmp_path / "plan-fixed.csv"
    good.write_text(ALPHA_PLAN_CSV + "급수펌프,plumbing,full,10,2030,100,2,대,5000000\n", "utf-8")
    page.set_input_files("input[name=file]", str(good))
    page.get_by_role("button", name="가져오기").click()
    expect(page.locator("h1")).to_contain_text("3차")
    expect(page.get_by_test_id("revision-diff")).to_contain_text("추가: 급수펌프")
    expect(page.get_by_test_id("revision-diff")).to_contain_text("수선비 총액")
    snap(page, "repairs-revision-diff")


def test_council_member_runs_a_what_if_on_a_phone(alpha, live_server, phone):
    plan_alpha(alpha.complex)
    entry_record(
        complex=alpha.complex,
        kind="opening",
        entry_date=date(2024, 12, 31),
        amount=5_000_000,
        memo="이월",
    )
    login(phone, live_server, "council@alpha.test")
    phone.goto(f"{live_server.url}/c/alpha/repairs/projection/")
    expect(phone.get_by_test_id("percent-funded")).to_be_visible()
    phone.get_by_label("2단계 요율").fill("40")
    phone.get_by_label("3단계 요율").fill("20")
    phone.get_by_role("button", name="계산").click()
    result = phone.get_by_test_id("whatif-result")
    expect(result).to_be_visible()
    expect(result).to_contain_text("가정 월 금액")
    expect(phone.locator(".alert.warning").first).to_contain_text("관리규약 개정")
    snap(phone, "repairs-whatif-phone")


def test_resident_sees_the_reserve_line_explained(alpha, live_server, phone):
    """The bill's reserve line = ㎡ price × the unit's supply area, rounded down (별표 9)."""
    plan_alpha(alpha.complex)
    today = timezone.localdate()
    period = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    billing_run_issue(complex=alpha.complex, period=period, issued_on=today)
    bill = Bill.objects.get(complex=alpha.complex, unit=alpha.unit)
    assert bill.repair_reserve > 0
    amount = f"{bill.repair_reserve:,}원"
    login(phone, live_server, "owner@alpha.test")
    phone.goto(f"{live_server.url}/c/alpha/bills/{bill.pk}/")
    expect(phone.locator("[data-item=repair_reserve]")).to_contain_text(amount)
    phone.get_by_role("link", name="장기수선").click()
    card = phone.get_by_test_id("my-reserve")
    expect(card).to_contain_text(amount)
    expect(card).to_contain_text("공급면적 84.97㎡")
    expect(card).to_contain_text("원 미만 버림")
    snap(phone, "repairs-resident-explained")


def test_office_records_a_usage_plan_from_draft_to_spending(alpha, live_server, page, tmp_path):
    """별지 12 → council resolution (Art. 79②) → contract → spending with a photo; the ledger
    balance drops by what was paid."""
    from repairs.models import UsagePlan, UsagePlanStatus
    from tests.repairs.helpers import resolution

    plan_alpha(alpha.complex)
    entry_record(
        complex=alpha.complex,
        kind="opening",
        entry_date=date(2024, 12, 31),
        amount=50_000_000,
        memo="이월",
    )
    res = resolution(alpha.complex)
    login(page, live_server, "manager@alpha.test")
    page.goto(f"{live_server.url}/c/alpha/repairs/usage-plans/new/")
    page.get_by_label("공사명").fill("외벽 도장 공사")
    page.get_by_label("예정 금액(원)").fill("30000000")
    page.get_by_role("button", name="저장").click()
    expect(page.locator("h1")).to_contain_text("작성 중")
    page.get_by_label("입주자대표회의 의결").select_option(str(res.pk))
    page.get_by_role("button", name="의결 반영").click()
    expect(page.locator("h1")).to_contain_text("의결됨")
    today = timezone.localdate().isoformat()
    page.get_by_label("계약 상대방").fill("한빛도장")
    page.get_by_label("계약 금액(원)").fill("28000000")
    page.get_by_label("계약일").fill(today)
    page.get_by_role("button", name="계약 기록").click()
    expect(page.locator("h1")).to_contain_text("계약 체결")
    page.get_by_label("집행일").fill(today)
    page.get_by_label("집행 금액(원)").fill("28000000")
    page.get_by_label("공사 완료 (집행 완료로 표시)").check()
    page.get_by_role("button", name="집행 기록").click()
    expect(page.locator("h1")).to_contain_text("집행 완료")
    photo = tmp_path / "after.jpg"
    photo.write_bytes(b"JPEG")
    page.get_by_label("종류").select_option("photo_after")
    page.set_input_files("input[name=file]", str(photo))
    page.get_by_role("button", name="올리기").click()
    # stored under its own name, or with a suffix when another after.jpg was kept already
    expect(page.get_by_role("link", name=re.compile(r"^after(_\w+)?\.jpg$"))).to_be_visible()
    assert UsagePlan.objects.get(complex=alpha.complex).status == UsagePlanStatus.EXECUTED
    page.goto(f"{live_server.url}/c/alpha/repairs/ledger/")
    expect(page.get_by_test_id("ledger-balance")).to_have_text("22,000,000원")
    snap(page, "repairs-ledger")
