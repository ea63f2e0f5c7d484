"""Foundation journeys in the real browser: a resident sees their unit on a phone; the office
imports a units file with a bad row, sees the row error, fixes the file and imports it."""

import re

from playwright.sync_api import expect

from complexes.models import Unit
from tests.e2e.conftest import login
from tests.e2e.screens import snap


def test_resident_logs_in_on_a_phone_and_sees_their_unit(alpha, live_server, phone):
    login(phone, live_server, "owner@alpha.test")
    expect(phone).to_have_url(re.compile(r"/c/alpha/$"))
    card = phone.get_by_test_id("my-unit")
    expect(card).to_contain_text("101동 1203호")
    expect(card).to_contain_text("입주자(소유자)")
    expect(card).to_contain_text("84.97㎡")
    expect(phone.get_by_role("link", name="세대")).to_have_count(0)  # office menu hidden
    snap(phone, "resident-dashboard-phone")


def test_office_imports_units_fixing_a_bad_row(alpha, live_server, page, tmp_path):
    login(page, live_server, "manager@alpha.test")
    snap(page, "office-dashboard")
    page.get_by_role("link", name="세대", exact=True).click()
    page.get_by_role("link", name="파일로 가져오기").click()

    bad = tmp_path / "units.csv"
    bad.write_text(
        "building,unit,floor,supply_area,type\n"
        "103,101,1,59.90,59A\n"
        "103,102,1,-84.97,84A\n"
        "103,103,일,114.50,114A\n",
        encoding="utf-8-sig",
    )
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="가져오기").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("아무것도 저장하지 않았습니다")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(errors).to_contain_text("supply_area")
    expect(errors).to_contain_text("숫자가 아닙니다")
    snap(page, "office-import-errors")
    assert not Unit.objects.filter(complex=alpha.complex, building__name="103").exists()

    good = tmp_path / "units-fixed.csv"
    good.write_text(
        "building,unit,floor,supply_area,type\n"
        "103,101,1,59.90,59A\n"
        "103,102,1,84.97,84A\n"
        "103,103,1,114.50,114A\n",
        encoding="utf-8-sig",
    )
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="가져오기").click()
    expect(page.locator(".messages")).to_contain_text("새 세대 3개")
    expect(page.locator("table")).to_contain_text("103동 102호")
    snap(page, "office-units")
    assert Unit.objects.filter(complex=alpha.complex, building__name="103").count() == 3
