"""Residents journeys in the real browser: a resident files a complaint with a photo on a
phone; the office assigns and resolves it; the resident sees the result; the office prints the
complaint-handling report for the council meeting (Art. 62①5)."""

import re
import subprocess

from playwright.sync_api import expect

from residents.models import Complaint
from tests.e2e.conftest import login
from tests.e2e.screens import snap

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_complaint_with_photo_from_filing_to_report(alpha, live_server, phone, page, tmp_path):
    photo = tmp_path / "leak.png"
    photo.write_bytes(PNG)

    # 1. the resident files on a phone
    login(phone, live_server, "owner@alpha.test")
    phone.get_by_role("link", name="민원", exact=True).click()
    phone.get_by_role("link", name="민원 접수").click()
    phone.select_option("select[name=category]", "facility")
    phone.fill("input[name=title]", "욕실 천장 누수")
    phone.fill("textarea[name=body]", "윗집 욕실 쪽에서 물이 떨어집니다.")
    phone.set_input_files("input[name=files]", str(photo))
    phone.get_by_role("button", name="접수").click()
    expect(phone.locator(".messages")).to_contain_text("민원을 접수했습니다")
    expect(phone.get_by_test_id("complaint-status")).to_have_text("접수")
    expect(phone.get_by_test_id("complaint-photo")).to_be_visible()
    snap(phone, "resident-complaint-filed-phone")
    complaint = Complaint.objects.get()

    # 2. the office assigns, records an action and closes it
    login(page, live_server, "staff@alpha.test")
    page.get_by_role("link", name="민원", exact=True).click()
    page.get_by_role("link", name="욕실 천장 누수").click()
    expect(page.get_by_test_id("complaint-photo")).to_be_visible()
    page.select_option("select[name=assignee]", str(alpha.staff.pk))
    page.get_by_role("button", name="담당자 배정").click()
    expect(page.get_by_test_id("complaint-status")).to_have_text("처리 중")
    page.fill("textarea[name=text]", "배관 점검 업체 방문 예정")
    page.get_by_role("button", name="조치 기록").click()
    page.fill("textarea[name=text]", "윗집 배관 교체 완료, 천장 도배는 다음 주")
    page.get_by_role("button", name="완료 처리").click()
    expect(page.get_by_test_id("complaint-status")).to_have_text("완료")
    snap(page, "office-complaint-closed")

    # 3. the resident sees the result
    phone.goto(f"{live_server.url}/c/alpha/complaints/{complaint.pk}/")
    expect(phone.get_by_test_id("complaint-status")).to_have_text("완료")
    expect(phone.get_by_test_id("complaint-result")).to_contain_text("윗집 배관 교체 완료")
    expect(phone.locator("ol.timeline")).to_contain_text("배관 점검 업체 방문 예정")
    snap(phone, "resident-complaint-result-phone")

    # 4. the office prints the report for the council meeting
    page.get_by_role("link", name="민원", exact=True).click()
    page.get_by_role("link", name="처리결과 보고서").click()
    expect(page.get_by_test_id("report-total")).to_have_text("1")
    expect(page.locator("main")).to_contain_text("윗집 배관 교체 완료")
    expect(page.locator("main")).not_to_contain_text("1203")
    snap(page, "office-complaint-report")
    href = page.get_by_test_id("report-pdf").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    assert "민원 접수·처리결과 보고" in text and "시설 보수" in text
    assert re.search(r"욕실 천장\s*누수", text)
