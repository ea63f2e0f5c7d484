"""Elections in the real browser: a household's voter opens the invitation link on a phone,
enters the one-time code (Art. 48②1), votes and sees the receipt; a second attempt (another
device) is refused (Art. 12①); the committee closes, counts and certifies (Art. 44⑦); the 별지 5
certificate PDF renders."""

import subprocess

from playwright.sync_api import expect

from elections import services
from tests.e2e.conftest import login
from tests.e2e.screens import snap
from tests.elections.helpers import cast_all, end_vote, ward_election, ward_of


def test_voter_on_phone_then_committee_certifies(alpha, live_server, phone, browser, tmp_path):
    ward, _ = ward_of(alpha.complex, 10)
    vote, (c1, c2) = ward_election(alpha.complex, ward)
    entry = vote.roll.order_by("pk").first()
    code = services.invitation_issue(entry=entry)
    link = f"{live_server.url}/c/alpha/vote/{entry.token}/"

    phone.goto(link)
    expect(phone.get_by_role("heading", name=vote.title)).to_be_visible()
    phone.get_by_label("인증번호 (6자리)").fill(code)
    phone.get_by_role("button", name="확인").click()
    expect(phone.get_by_text("후보 한 명을 선택하세요")).to_be_visible()
    expect(phone.get_by_text("김하나의 공약")).to_be_visible()
    snap(phone, "elections-ballot-phone")
    phone.get_by_text(f"기호 {c1.number} {c1.name}").click()
    phone.get_by_role("button", name="투표하기").click()
    receipt = phone.get_by_test_id("receipt")
    expect(receipt).to_contain_text("투표했습니다")
    snap(phone, "elections-receipt-phone")
    code_text = phone.locator(".receipt-code").inner_text().strip()
    assert services.receipt_check(vote=vote, receipt=code_text)
    width = phone.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390, f"the ballot scrolls sideways on a phone ({width}px)"

    # The same household from a second device: refused.
    other = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    other.goto(link)
    expect(other.get_by_role("alert")).to_contain_text("이미 투표했습니다")
    other.get_by_label("확인 코드").fill(code_text)
    other.get_by_role("button", name="확인").click()
    expect(other.get_by_role("status")).to_contain_text("투표함에 있습니다")
    other.context.close()

    # Five more households vote (6 of 10 > half, 영 11조①); the committee closes and certifies.
    entries = list(vote.roll.filter(voted_channel="").order_by("pk")[:5])
    cast_all(vote, entries, [{"choice": c1.id}] * 3 + [{"choice": c2.id}] * 2)
    end_vote(vote)
    desk = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    login(desk, live_server, "committee@alpha.test")
    desk.goto(f"{live_server.url}/c/alpha/elections/votes/{vote.pk}/")
    expect(desk.get_by_test_id("turnout")).to_contain_text("6 / 10")
    desk.get_by_role("button", name="투표 마감").click()
    expect(desk.get_by_test_id("vote-state")).to_have_text("투표 마감")
    desk.get_by_role("button", name="개표").click()
    expect(desk.get_by_test_id("result")).to_contain_text("당선")
    desk.get_by_label("위원 찬성").fill("2")
    desk.get_by_role("button", name="결과 확정 (위원회 의결)").click()
    expect(desk.get_by_test_id("vote-state")).to_have_text("결과 확정")
    snap(desk, "elections-result-desktop")
    href = desk.get_by_role("link", name="당선증 PDF").get_attribute("href")
    response = desk.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.body()[:4] == b"%PDF"
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert c1.name in text and "제9선거구" in text and "선거관리위원회 위원장" in text
    desk.context.close()
