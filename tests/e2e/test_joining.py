"""Joining in the real browser (issue 12 [1/9]): the office prints a paper code; a newcomer
enters it on a phone under a name the register does not have and waits, seeing nothing of the
complex; the office approves by choosing the register entry (the lessee's); the newcomer then
sees the bills of the months of that lease only."""

import re

from playwright.sync_api import expect

from fees.models import Bill
from tests.e2e.conftest import login
from tests.e2e.screens import snap
from tests.factories import UserFactory
from tests.residents.joining_helpers import leased_unit
from tests.residents.test_join_attack import LEASE_FROM, issue_months


def test_join_wait_approve_then_own_bills(alpha, live_server, phone, page):
    lease = leased_unit(alpha, lease_from=LEASE_FROM)
    issue_months(alpha.complex)
    UserFactory(email="newcomer@x.test", name="")

    # 1. the office prints a new code for the unit (asked first: the old code stops working)
    login(page, live_server, alpha.staff.email)
    page.goto(f"{live_server.url}/c/alpha/office/units/join-codes/")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.locator("tr.unit-code", has_text="101동 1501호").get_by_role("button").click()
    expect(page.locator(".slip .code")).to_be_visible()
    assert asked and "이전 코드는 쓸 수 없습니다" in asked[0]
    code = page.locator(".slip .code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    snap(page, "office-join-code-printed")

    # 2. the newcomer enters it on a phone, with a name the register does not have: waits
    login(phone, live_server, "newcomer@x.test")
    phone.goto(f"{live_server.url}/join/")
    expect(phone.locator("select[name=resident_kind]")).to_have_count(0)  # nobody chooses
    phone.fill("input[name=code]", code.lower())
    phone.fill("input[name=name]", "이임차씨")
    phone.get_by_role("button", name="세대 연결").click()
    expect(phone.locator(".messages")).to_contain_text("관리사무소가 승인하면 연결됩니다")
    expect(phone.locator(".join-request[data-status=pending]")).to_contain_text("101동 1501호")
    snap(phone, "newcomer-join-pending-phone")
    response = phone.goto(f"{live_server.url}/c/alpha/bills/")
    assert response.status == 404
    # the code was used: a second try says so
    phone.goto(f"{live_server.url}/join/")
    phone.fill("input[name=code]", code)
    phone.fill("input[name=name]", "이임차")
    phone.get_by_role("button", name="세대 연결").click()
    expect(phone.locator(".errorlist")).to_contain_text("이미 사용된 가입 코드입니다")

    # 3. the office approves it as the lessee's entry of the register
    page.goto(f"{live_server.url}/c/alpha/office/join-requests/")
    card = page.locator(".join-request", has_text="101동 1501호")
    expect(card).to_contain_text("이임차씨")
    card.locator("select[name=occupancy]").select_option(str(lease.lessee.pk))
    card.get_by_role("button", name="승인").click()
    expect(page.locator(".messages")).to_contain_text("사용자(임차인)(으)로 승인했습니다")
    snap(page, "office-join-approved")

    # 4. the newcomer now sees the bills of the lease's months, and only those
    phone.goto(f"{live_server.url}/c/alpha/bills/")
    expect(phone.get_by_role("heading", name="관리비", exact=True)).to_be_visible()
    table = phone.locator("table")
    expect(table).to_contain_text("2026년 9월분")
    expect(table).to_contain_text("2026년 8월분")
    expect(table).not_to_contain_text("2026년 7월분")
    expect(table).not_to_contain_text("2026년 6월분")
    phone.get_by_test_id("open-latest").click()
    expect(phone.get_by_test_id("total-due")).to_be_visible()
    expect(phone.locator(".trend .bar")).to_have_count(2)  # Aug and Sep, nothing before
    snap(phone, "newcomer-own-bill-phone")
    july = Bill.objects.get(unit=lease.unit, period=LEASE_FROM.replace(month=7))
    assert phone.goto(f"{live_server.url}/c/alpha/bills/{july.pk}/").status == 404
