"""Disclosure journeys in the real browser, on the demo story (90-demo.md): an anonymous visitor
finds hanbit, reads its minutes (masked) and the fee comparison chart; the district official sees
the late and missing items at the top and exports CSV; a resident files a copy request
(제64조②)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from complexes import demo as complexes_demo
from disclosure import demo
from disclosure.models import RecordRequest
from tests.e2e.conftest import login
from tests.e2e.screens import snap


@pytest.fixture
def story(db):
    base = complexes_demo.seed()
    demo.seed(base)
    return base


def test_anonymous_visitor_reads_minutes_and_the_fee_comparison(story, live_server, phone):
    phone.goto(f"{live_server.url}/public/")
    phone.get_by_label("단지 검색").fill("한빛")
    phone.get_by_role("button", name="찾기").click()
    phone.get_by_role("link", name="한빛아파트").click()
    expect(phone).to_have_url(re.compile(r"/public/hanbit/$"))
    expect(phone.get_by_test_id("group")).to_contain_text("개 단지")
    phone.get_by_role("link", name=re.compile(r"정기회의 회의록")).first.click()
    doc = phone.locator(".doc")
    expect(doc).to_contain_text("강*호")
    expect(doc).not_to_contain_text("강민호")
    snap(phone, "public-minutes-phone")
    phone.get_by_role("link", name="관리비", exact=True).click()
    expect(phone.locator("svg.line-chart").first).to_be_visible()
    expect(phone.locator("body")).to_contain_text("비교 그룹 중앙값")
    expect(phone.get_by_test_id("percentile").first).to_contain_text("%")
    snap(phone, "public-fee-comparison-phone")


def test_district_official_sees_problems_first_and_exports_csv(story, live_server, page):
    login(page, live_server, "official@gangnam.demo", password=complexes_demo.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/district/11680/$"))
    first = page.get_by_test_id("problems").locator("tbody tr").first
    expect(first).to_contain_text(re.compile(r"미공개|지연"))
    expect(page.get_by_test_id("problems")).to_contain_text("한빛아파트")
    expect(page.get_by_test_id("problems")).to_contain_text("지연 공개")
    snap(page, "district-dashboard")
    with page.expect_download() as info:
        page.get_by_test_id("export").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("단지,항목,조항")
    assert "한빛아파트" in text and "미공개" in text


def test_resident_files_a_copy_request(story, live_server, phone):
    login(phone, live_server, "resident@hanbit.demo", password=complexes_demo.DEMO_PASSWORD)
    phone.get_by_role("link", name="자료 열람·복사").click()
    phone.get_by_label("복사", exact=True).check()
    phone.get_by_label("자료 종류 (제64조①)").select_option("minutes")
    phone.get_by_label("요청 자료 (한 건)").fill("2026년 10월 정기회의 녹음 파일")
    phone.get_by_role("button", name="요청하기").click()
    expect(phone.locator(".messages")).to_contain_text("복사 요청을 접수했습니다")
    expect(phone.locator("table")).to_contain_text("2026년 10월 정기회의 녹음 파일")
    snap(phone, "resident-copy-request-phone")
    assert RecordRequest.objects.filter(
        record="2026년 10월 정기회의 녹음 파일", kind="copy"
    ).exists()
