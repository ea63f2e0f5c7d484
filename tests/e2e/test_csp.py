"""The Content-Security-Policy in the real browser (no inline script or style): the pages, the
confirm prompts and filters that replaced inline handlers (core/static/portal.js), a bill's
trend bars, the API docs (Swagger UI) and the admin work, and the browser reports no
violation."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from complexes.models import JoinCode
from fees import services
from tests.e2e.conftest import login
from tests.e2e.screens import snap
from tests.factories import UserFactory
from tests.fees.helpers import import_costs

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH)
    return page


def no_violations(page):
    assert page.evaluate("window.__csp") == [], page.url


def test_confirm_prompts_filters_and_bill_bars_work_under_the_policy(alpha, live_server, watched):
    page = watched
    login(page, live_server, alpha.manager.email)
    assert page.context.cookies()  # logged in (the policy lets the login form post)
    no_violations(page)

    page.goto(f"{live_server.url}/c/alpha/office/units/join-codes/")
    no_violations(page)
    codes = JoinCode.objects.filter(unit=alpha.unit)
    row = page.locator("tr.unit-code", has_text="101동 1203호")
    page.once("dialog", lambda dialog: dialog.dismiss())
    row.get_by_role("button", name="코드 새로 만들기").click()
    page.wait_for_load_state("networkidle")
    assert not codes.exists()  # "취소": nothing sent
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator("tr.unit-code", has_text="101동 1203호").get_by_role("button").click()
    page.wait_for_load_state("networkidle")
    assert asked and "101동 1203호의 코드를 새로 만들면" in asked[0]
    assert codes.count() == 1 and page.locator(".slip .code").count() == 1
    no_violations(page)

    page.goto(f"{live_server.url}/c/alpha/council/items/")
    page.locator("select[name=status]").select_option(index=1)  # data-autosubmit
    expect(page).to_have_url(re.compile(r"status=\w+"))
    no_violations(page)

    for month, amount in ((8, 50000), (9, 100000)):
        import_costs(alpha.complex, date(2026, month, 1), f"item,amount\ngeneral_admin,{amount}")
        services.billing_run_issue(
            complex=alpha.complex, period=date(2026, month, 1), issued_on=date(2026, month + 1, 10)
        )
    page.context.clear_cookies()
    login(page, live_server, alpha.owner.email)
    page.goto(f"{live_server.url}/c/alpha/bills/")
    page.get_by_test_id("open-latest").click()
    bars = page.locator(".trend .bar svg.fill rect")
    expect(bars).to_have_count(2)
    august, september = (bars.nth(i).bounding_box() for i in range(2))
    # drawn without a style attribute: August half as tall as September, both on the baseline
    assert september["height"] > 50
    assert abs(august["height"] / september["height"] - 0.5) < 0.05
    assert abs((august["y"] + august["height"]) - (september["y"] + september["height"])) < 1
    snap(page, "csp-bill")
    no_violations(page)

    # the policy is enforced, and the watch above sees what it blocks
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<i style="color:red">x</i>')""")
    page.wait_for_function("window.__csp.length > 0")
    assert "style-src" in page.evaluate("window.__csp")[0]


def test_api_docs_work_under_the_policy(alpha, live_server, watched):
    page = watched
    login(page, live_server, alpha.owner.email)
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/auth/token/")).to_be_visible(
        timeout=20_000
    )
    page.locator(".opblock-summary", has_text="/api/v1/auth/token/").first.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    snap(page, "csp-api-docs")
    no_violations(page)


def test_admin_works_under_the_policy_through_the_sites_login(db, live_server, watched):
    page = watched
    admin = UserFactory(email="root@example.test", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.fill("input[name=login]", admin.email)
    page.fill("input[name=password]", "pw-123456!")
    page.click("form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.get_by_role("link", name=re.compile("사용자")).first.click()
    expect(page.locator("#result_list")).to_be_visible()
    snap(page, "csp-admin")
    no_violations(page)


def test_totp_setup_shows_its_qr_code_under_the_policy(alpha, live_server, watched):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=alpha.manager, email=alpha.manager.email, verified=True, primary=True
    )
    page = watched
    login(page, live_server, alpha.manager.email)
    page.goto(f"{live_server.url}/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.fill("input[name=password]", "pw-123456!")
        page.click("form button[type=submit]")
    qr = page.locator("img[src^='data:image/svg+xml']")
    expect(qr).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", qr.element_handle()) > 0
    no_violations(page)
