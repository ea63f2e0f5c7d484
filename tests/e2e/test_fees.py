"""Fees journeys in the real browser: a resident on a phone opens the current bill, expands a
line's explanation and downloads the PDF; the office imports costs and readings with one bad
row, sees the error, fixes it, runs a draft and issues it (20-fees.md, Art. 85①, Art. 86)."""

from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from fees import services
from fees.models import Bill, BillingRun, Cost
from tests.e2e.conftest import login
from tests.e2e.screens import snap
from tests.fees.helpers import import_costs


def test_resident_opens_bill_expands_line_downloads_pdf(alpha, live_server, phone, tmp_path):
    import_costs(
        alpha.complex, date(2026, 9, 1), "item,amount\ngeneral_admin,100000\ntv_license,2500"
    )
    services.billing_run_issue(
        complex=alpha.complex, period=date(2026, 9, 1), issued_on=date(2026, 10, 10)
    )
    login(phone, live_server, alpha.owner.email)
    phone.goto(f"{live_server.url}/c/alpha/bills/")
    phone.get_by_test_id("open-latest").click()
    expect(phone.get_by_test_id("total-due")).to_have_text("61,153원")  # 58,653 + 2,500
    line = phone.locator("details[data-item=general_admin]")
    explain = line.locator(".explain")
    expect(explain).to_be_hidden()
    line.locator("summary").click()
    expect(explain).to_have_text("84.97㎡ / 144.87㎡ × 100,000원")
    snap(phone, "fees-bill-phone")
    with phone.expect_download() as download:
        phone.get_by_test_id("download-pdf").click()
    path = Path(tmp_path) / "bill.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_office_imports_fixes_drafts_and_issues(alpha, live_server, browser, tmp_path):
    page = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ko-KR").new_page()
    login(page, live_server, alpha.manager.email)
    page.goto(f"{live_server.url}/c/alpha/office/fees/")
    page.fill("input[name=period]", "2026-09")
    page.get_by_role("button", name="월 열기").click()

    bad = tmp_path / "costs.csv"
    bad.write_text("item,amount\ngeneral_admin,100000\ncleening,5000\n", encoding="utf-8")
    page.get_by_test_id("costs-form").locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="비용 가져오기").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("알 수 없는 비목입니다: 'cleening'")
    expect(errors).to_contain_text("3")
    assert not Cost.objects.filter(complex=alpha.complex).exists()

    good = tmp_path / "costs-fixed.csv"
    good.write_text("item,amount\ngeneral_admin,100000\ncleaning,5000\nwater,\n", encoding="utf-8")
    page.get_by_test_id("costs-form").locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="비용 가져오기").click()
    expect(page.locator(".messages")).to_contain_text("비용 3건을 저장했습니다")

    readings = tmp_path / "readings.csv"
    readings.write_text(
        "building,unit,utility,previous,current,amount\n101,1203,water,100,112,13800\n101,804,water,50,40,9000\n",
        encoding="utf-8",
    )
    page.get_by_test_id("readings-form").locator("input[type=file]").set_input_files(str(readings))
    page.get_by_role("button", name="검침값 가져오기").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text(
        "당월 지침(40)이 전월(50)보다 작습니다"
    )
    readings.write_text(
        "building,unit,utility,previous,current,amount\n101,1203,water,100,112,13800\n101,804,water,50,59,10350\n",
        encoding="utf-8",
    )
    page.get_by_test_id("readings-form").locator("input[type=file]").set_input_files(str(readings))
    page.get_by_role("button", name="검침값 가져오기").click()
    expect(page.locator(".messages")).to_contain_text("검침값 2건을 저장했습니다")

    page.get_by_test_id("run-draft").click()
    expect(page.get_by_test_id("run-status")).to_have_text("초안")
    expect(page.get_by_test_id("review")).to_contain_text("100,000")
    snap(page, "fees-draft-review")
    page.get_by_test_id("issue").click()
    page.get_by_test_id("confirm-issue").click()
    expect(page.get_by_test_id("run-status")).to_have_text("발행")
    run = BillingRun.objects.get(complex=alpha.complex)
    assert run.status == "issued" and run.due_date == date(2026, 10, 26)
    assert sorted(b.total_due for b in Bill.objects.filter(run=run)) == [
        41_347 + 2_067 + 10_350,
        58_653 + 2_933 + 13_800,
    ]
    page.context.close()
