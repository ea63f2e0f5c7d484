"""Every deadline rule of the publication registry (60-disclosure.md table; the seed's article
numbers), with its boundary: on the last day is on time, one day later is late."""

from datetime import date

import pytest

from disclosure.duties import DUTIES, Status, add_months, due_on, posting_days, status_of


def st(duty, event_on, published_on, today=date(2027, 6, 1), posted_until=None):
    return status_of(
        duty=duty,
        due=due_on(duty, event_on),
        published_on=published_on,
        posted_until=posted_until,
        today=today,
    )


@pytest.mark.parametrize("duty", ["council_meeting_notice", "election_meeting_notice"])
def test_meeting_notice_at_least_5_days_before_the_meeting(duty):
    """제28조① / 제49조③: 회의 개최일 5일 전까지 공고. Meeting on Nov 20 → notice by Nov 15."""
    meeting = date(2026, 11, 20)
    assert due_on(duty, meeting) == date(2026, 11, 15)
    assert st(duty, meeting, date(2026, 11, 15)) == Status.ON_TIME
    assert st(duty, meeting, date(2026, 11, 16)) == Status.LATE


@pytest.mark.parametrize("duty", ["council_minutes", "election_minutes"])
def test_minutes_the_day_they_are_received(duty):
    """제35조② / 제49조⑤: minutes are published the day the office receives them."""
    received = date(2026, 10, 7)
    assert due_on(duty, received) == received
    assert st(duty, received, received) == Status.ON_TIME
    assert st(duty, received, date(2026, 10, 8)) == Status.LATE


@pytest.mark.parametrize("duty", ["fee_breakdown", "misc_income", "council_operating_costs"])
def test_monthly_items_by_the_end_of_the_next_month(duty):
    """제78조③·제64조③2 (fees), 제80조⑦ (misc income), 제37조③ (operating costs): the items
    of January are due by the last day of February (28 in 2027, 29 in 2028)."""
    assert due_on(duty, date(2027, 1, 15)) == date(2027, 2, 28)
    assert due_on(duty, date(2028, 1, 1)) == date(2028, 2, 29)
    assert due_on(duty, date(2026, 12, 31)) == date(2027, 1, 31)
    assert st(duty, date(2027, 1, 1), date(2027, 2, 28)) == Status.ON_TIME
    assert st(duty, date(2027, 1, 1), date(2027, 3, 1)) == Status.LATE


def test_reserve_status_by_march_31_of_the_next_year():
    """제79①: 장기수선충당금 적립·사용 현황 — 매년 3월 31일까지 전년도분."""
    assert due_on("reserve_status", date(2026, 1, 1)) == date(2027, 3, 31)
    assert st("reserve_status", date(2026, 1, 1), date(2027, 3, 31)) == Status.ON_TIME
    assert st("reserve_status", date(2026, 1, 1), date(2027, 4, 1)) == Status.LATE


def test_contract_within_1_month_of_signing():
    """제57조③: 계약 체결일부터 1개월 이내 공개. Signed Jan 31 → by Feb 28 (shorter month)."""
    assert due_on("contract", date(2026, 3, 10)) == date(2026, 4, 10)
    assert due_on("contract", date(2027, 1, 31)) == date(2027, 2, 28)
    assert st("contract", date(2026, 3, 10), date(2026, 4, 10)) == Status.ON_TIME
    assert st("contract", date(2026, 3, 10), date(2026, 4, 11)) == Status.LATE


def test_sanctions_stay_on_the_board_at_least_5_days():
    """제64조④: 처분내용을 5일 이상 게시판에 공개. Posted Nov 1 to Nov 5 = 5 days: enough;
    taken down after Nov 4 = 4 days: too short."""
    assert posting_days(date(2026, 11, 1), date(2026, 11, 5)) == 5
    ok = st("sanction", date(2026, 11, 1), date(2026, 11, 1), posted_until=date(2026, 11, 5))
    short = st("sanction", date(2026, 11, 1), date(2026, 11, 1), posted_until=date(2026, 11, 4))
    assert (ok, short) == (Status.ON_TIME, Status.SHORT)
    # still on the board: no end yet, on time
    assert st("sanction", date(2026, 11, 1), date(2026, 11, 1)) == Status.ON_TIME


def test_recontract_notice_from_60_days_before_expiry_and_advice_before_the_bid():
    """제58조①: from 60 days before the contract expires; 제32조⑤: before the bid notice."""
    assert due_on("recontract_notice", date(2027, 3, 31)) == date(2027, 1, 30)
    assert due_on("expert_advice", date(2026, 11, 10)) == date(2026, 11, 9)


def test_unpublished_is_pending_until_the_due_day_then_missing():
    due = due_on("council_minutes", date(2026, 10, 7))
    assert (
        status_of(duty="council_minutes", due=due, published_on=None, posted_until=None, today=due)
        == Status.PENDING
    )
    after = date(2026, 10, 8)
    assert (
        status_of(
            duty="council_minutes", due=due, published_on=None, posted_until=None, today=after
        )
        == Status.MISSING
    )


def test_every_duty_has_a_rule_and_an_article():
    for duty in DUTIES.values():
        assert duty.article.startswith("제")
        due_on(duty.code, date(2026, 5, 31))  # every rule computes


def test_add_months_clamps():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
