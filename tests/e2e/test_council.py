"""Council journeys in the real browser on a phone-sized viewport: a rep opens the agenda, votes
at the meeting and signs the minutes; the office publishes them; a resident proposes an item."""

import re

from playwright.sync_api import expect

from council import services
from council.models import AgendaItem, Minutes, Resolution
from tests.council.helpers import held_meeting, make_council
from tests.e2e.conftest import login
from tests.e2e.screens import snap


def test_rep_votes_and_signs_office_publishes(alpha, live_server, phone, browser):
    """Art. 31①③ (in person, own vote), Art. 35① (signed on the day), Art. 35② (published)."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps)

    login(phone, live_server, reps[0].user.email)
    phone.goto(f"{live_server.url}/c/alpha/council/meetings/")
    phone.get_by_role("link", name=meeting.title).click()
    expect(phone.get_by_test_id("agenda-item")).to_contain_text(item.title)
    snap(phone, "council-agenda-phone")
    phone.get_by_role("button", name="찬성").click()
    expect(phone.get_by_test_id("my-vote")).to_have_text("찬성")
    for rep in reps[1:]:
        services.vote_cast(item=item, representative=rep, choice="yes", by=rep.user)
    services.item_decide(item=item)

    phone.reload()
    expect(phone.get_by_test_id("resolution")).to_contain_text("찬성 3, 반대 0, 기권 0 으로 가결됨")
    phone.get_by_test_id("minutes-link").click()
    phone.get_by_test_id("sign").click()
    expect(phone.get_by_test_id("signed")).to_be_visible()
    snap(phone, "council-minutes-signed-phone")
    for rep in reps[1:]:
        services.minutes_sign(meeting=meeting, representative=rep, user=rep.user)

    office = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    login(office, live_server, "manager@alpha.test")
    office.goto(f"{live_server.url}/c/alpha/council/meetings/{meeting.pk}/minutes/")
    office.get_by_role("button", name="의결사항 확정·통보").click()
    office.get_by_test_id("publish").click()
    expect(office.get_by_test_id("published")).to_be_visible()
    assert Minutes.objects.get(meeting=meeting).resolutions_published_at
    assert Resolution.objects.get(item=item).passed
    office.context.close()


def test_resident_proposes_an_item_on_a_phone(alpha, live_server, phone):
    """Art. 29① (별지 7): a resident proposes; it waits for the office's cost estimate."""
    login(phone, live_server, "owner@alpha.test")
    phone.goto(f"{live_server.url}/c/alpha/council/items/")
    phone.get_by_test_id("propose").click()
    phone.get_by_label("안건명").fill("경로당 냉난방기 교체")
    phone.get_by_label("의결주문").fill("경로당 냉난방기 2대를 교체한다.")
    phone.get_by_label("제안이유").fill("노후로 고장이 잦음")
    phone.get_by_label("주요내용").fill("경로당 1층 냉난방기 2대")
    snap(phone, "council-propose-phone")
    phone.get_by_role("button", name="저장").click()
    expect(phone).to_have_url(re.compile(r"/council/items/\d+/$"))
    expect(phone.get_by_test_id("item-status")).to_have_text("제안됨")
    item = AgendaItem.objects.get(title="경로당 냉난방기 교체")
    assert item.proposer_kind == "residents" and item.proposed_by.email == "owner@alpha.test"


def test_closing_a_vote_names_who_has_not_voted_on_a_phone(alpha, live_server, phone):
    """Art. 30, 31③ (walk finding): the chair taps 표결 종료·의결 while two present reps have not
    voted: the phone shows who, and only the confirmed close records the (rejected) result."""
    from council.models import Office

    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.officer_appoint(
        representative=reps[0], office=Office.CHAIR, starts_on=reps[0].term_start
    )
    meeting, (item,) = held_meeting(alpha.complex, reps)
    services.vote_cast(item=item, representative=reps[0], choice="yes", by=reps[0].user)

    login(phone, live_server, reps[0].user.email)
    phone.goto(f"{live_server.url}/c/alpha/council/meetings/{meeting.pk}/")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="표결 종료·의결").click()
    expect(phone.get_by_test_id("not-voted")).to_contain_text(reps[1].name)
    expect(phone.get_by_test_id("not-voted")).to_contain_text(reps[2].name)
    snap(phone, "council-close-vote-confirm-phone")
    assert not Resolution.objects.filter(item=item).exists()
    phone.get_by_test_id("confirm-decide").click()
    expect(phone.get_by_test_id("resolution")).to_contain_text("부결")
    assert Resolution.objects.get(item=item).passed is False
