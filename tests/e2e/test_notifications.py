"""Notification journeys in the real browser: a resident on a phone chooses KakaoTalk and opts
out of overdue reminders; the office finds a failed delivery in its log and sends it again after
confirming."""

from playwright.sync_api import expect

from residents.notifications.models import Delivery, NotificationPreference
from tests.e2e.conftest import login
from tests.e2e.screens import snap


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_resident_chooses_kakao_and_office_retries_a_failed_delivery(
    alpha, live_server, phone, page
):
    login(phone, live_server, "owner@alpha.test")
    phone.get_by_role("link", name="알림 설정", exact=True).click()
    phone.get_by_label("카카오톡 알림톡").check()
    phone.fill("input[name=phone]", "010-1234-5678")
    phone.get_by_label("관리비 미납 안내").check()
    expect(phone.get_by_text("관리비 고지서 발행")).to_be_visible()  # mandatory: listed, no box
    _no_sideways_scroll(phone)
    snap(phone, "resident-notification-settings-phone")
    phone.get_by_role("button", name="저장").click()
    expect(phone.locator(".messages")).to_contain_text("알림 설정을 저장했습니다")
    pref = NotificationPreference.objects.get(user=alpha.owner)
    assert (pref.channel, pref.phone, pref.opt_outs) == (
        "kakao",
        "01012345678",
        ["payment_overdue"],
    )

    failed = Delivery.objects.create(
        complex=alpha.complex,
        kind="complaint_reminder",
        user=alpha.manager,
        channel="email",
        address="manager@alpha.test",
        subject="[알파아파트] 미처리 민원",
        text="미처리 민원이 있습니다.",
        status="failed",
        error="메일 서버 오류",
        attempts=9,
    )
    login(page, live_server, "staff@alpha.test")
    page.get_by_role("link", name="알림 발송", exact=True).click()
    row = page.get_by_test_id("delivery-row").filter(has_text="메일 서버 오류")
    row.get_by_role("link", name="다시 보내기").click()
    expect(page.get_by_text("다시 보낼까요?")).to_be_visible()
    page.get_by_role("button", name="다시 보내기").click()
    expect(page.locator(".messages")).to_contain_text("다시 보내도록 했습니다")
    failed.refresh_from_db()
    assert failed.status == "sent"
