"""The council's rules, each quoting its article and the seed's numbers."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ApplicationError
from council import selectors, services
from council.models import (
    FilerKind,
    ItemStatus,
    MeetingKind,
    NoticeException,
    Office,
    ResolutionStatus,
    SuspensionReason,
)
from tests.council.helpers import TERM_START, held_meeting, kst, make_council, vote_all

pytestmark = pytest.mark.django_db


# --- Art. 28①: 5 days' notice ------------------------------------------------------------------


def test_meeting_less_than_5_days_after_notice_is_refused(alpha):
    """Art. 28①: notice sent on the 10th → meeting on the 15th or later; the 14th is refused."""
    with pytest.raises(ApplicationError, match="5일 전"):
        services.meeting_create(
            complex=alpha.complex,
            kind=MeetingKind.REGULAR,
            starts_at=kst(2026, 12, 14),
            place="회의실",
            now=kst(2026, 12, 10, 9),
        )
    meeting = services.meeting_create(
        complex=alpha.complex,
        kind=MeetingKind.REGULAR,
        starts_at=kst(2026, 12, 15),
        place="회의실",
        now=kst(2026, 12, 10, 23, 50),
    )
    assert meeting.number == 1


def test_short_notice_allowed_only_when_reconvened_or_emergency_with_reason(alpha):
    """Art. 28① 단서: a meeting reconvened for the same purpose or an emergency may shorten it."""
    with pytest.raises(ApplicationError, match="사유"):
        services.meeting_create(
            complex=alpha.complex,
            kind=MeetingKind.EXTRAORDINARY,
            starts_at=kst(2026, 12, 11),
            place="회의실",
            notice_exception=NoticeException.EMERGENCY,
            now=kst(2026, 12, 10),
        )
    meeting = services.meeting_create(
        complex=alpha.complex,
        kind=MeetingKind.EXTRAORDINARY,
        starts_at=kst(2026, 12, 11),
        place="회의실",
        notice_exception=NoticeException.EMERGENCY,
        notice_exception_reason="지하주차장 누수 안전사고",
        now=kst(2026, 12, 10),
    )
    assert meeting.notice_exception_reason == "지하주차장 누수 안전사고"


def test_notice_sent_late_is_refused_even_if_scheduled_in_time(alpha):
    """Art. 28①: the 5 days count from the day the notice actually goes out."""
    _, _reps = make_council(alpha.complex, seats=3, seated=3)
    meeting = services.meeting_create(
        complex=alpha.complex,
        kind=MeetingKind.REGULAR,
        starts_at=kst(2026, 12, 15),
        place="회의실",
        now=kst(2026, 12, 1),
    )
    item = services.item_propose(
        complex=alpha.complex,
        by=None,
        proposer_kind="manager",
        proposer_name="소장",
        title="승강기 교체",
        motion="원안 의결",
        reason="노후",
        content="",
    )
    services.item_submit(item=item)
    services.item_schedule(item=item, meeting=meeting)
    with pytest.raises(ApplicationError, match="5일 전"):
        services.meeting_send_notice(meeting=meeting, now=kst(2026, 12, 11))
    sent = services.meeting_send_notice(meeting=meeting, now=kst(2026, 12, 10))
    assert sent == 3
    assert len(mail.outbox) == 3
    assert "/council/receipt/" in mail.outbox[0].body


# --- Art. 30, 20: majority of the membership -------------------------------------------------


def test_별첨2_9_of_10_seated_5_yes_passes_4_fails(alpha):
    """별첨 2: 정원 10, 9 seated → 구성원 9 → 의결정족수 5 (counted over the membership, not
    those present: 7 present, 5 yes → 가결)."""
    _, reps = make_council(alpha.complex, seats=10, seated=9)
    _meeting, (a, b) = held_meeting(alpha.complex, reps, present=reps[:7], items=2)
    vote_all(a, reps[:7], ["yes"] * 5 + ["no", "abstain"])
    r = services.item_decide(item=a)
    assert (r.passed, r.seats, r.seated, r.membership, r.required_yes, r.present) == (
        True,
        10,
        9,
        9,
        5,
        7,
    )
    assert r.tally_text == "찬성 5, 반대 1, 기권 1 으로 가결됨"
    vote_all(b, reps[:7], ["yes"] * 4 + ["abstain"] * 3)
    r = services.item_decide(item=b)
    assert not r.passed  # abstentions never count as yes
    b.refresh_from_db()
    assert b.status == ItemStatus.REJECTED


def test_6_of_10_seated_needs_6_yes(alpha):
    """Art. 20: 10 seats, 6 seated (< 2/3) → membership 10 → 6 yes needed; 5 yes fails."""
    _, reps = make_council(alpha.complex, seats=10, seated=6)
    _meeting, (a, b) = held_meeting(alpha.complex, reps, items=2)
    vote_all(a, reps, ["yes"] * 5 + ["no"])
    assert not services.item_decide(item=a).passed
    vote_all(b, reps, ["yes"] * 6)
    r = services.item_decide(item=b)
    assert (r.passed, r.membership, r.required_yes) == (True, 10, 6)


def test_too_few_seated_cannot_resolve_and_says_so(alpha):
    """Art. 30: 10 seats, 5 seated → majority 6 > 5 seated: the council cannot resolve; the
    residents decide instead."""
    _, reps = make_council(alpha.complex, seats=10, seated=5)
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 5)
    with pytest.raises(ApplicationError, match="의결할 수 없습니다") as e:
        services.item_decide(item=item)
    assert "전체 입주자등의 과반수" in e.value.message
    assert e.value.extra["quorum"]["required_yes"] == 6


def test_suspended_rep_stays_in_membership_but_cannot_vote(alpha):
    """40-council.md rule 1 (Art. 23⑬): a suspended rep counts in the membership (9 of 10 seated
    → 5 needed) but cannot vote."""
    _, reps = make_council(alpha.complex, seats=10, seated=9)
    services.representative_suspend(
        representative=reps[0], reason=SuspensionReason.ETHICS, starts_on=date(2026, 1, 1)
    )
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    with pytest.raises(ApplicationError, match="직무정지"):
        services.vote_cast(item=item, representative=reps[0], choice="yes", by=reps[0].user)
    q = selectors.quorum_for(complex=alpha.complex, day=timezone.localdate())
    assert (q.membership, q.required_yes) == (9, 5)
    services.representative_unsuspend(representative=reps[0], on=date(2026, 1, 2))
    services.vote_cast(item=item, representative=reps[0], choice="yes", by=reps[0].user)


def test_recall_suspension_from_elections_entry_point(alpha):
    """Art. 23③: a rep under a recall vote is suspended until it is decided."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    s = services.representative_suspend(
        representative=reps[1], reason=SuspensionReason.RECALL, starts_on=date(2026, 1, 1)
    )
    with pytest.raises(ApplicationError, match="이미"):
        services.representative_suspend(
            representative=reps[1], reason=SuspensionReason.RECALL, starts_on=date(2026, 1, 5)
        )
    assert selectors.is_suspended(representative=reps[1], day=date(2026, 3, 1))
    assert (
        services.representative_unsuspend(
            representative=reps[1], on=date(2026, 3, 2), reason=SuspensionReason.RECALL
        )
        == 1
    )
    s.refresh_from_db()
    assert not selectors.is_suspended(representative=reps[1], day=date(2026, 3, 2))


# --- Art. 31: in person, no proxies, no re-moving a rejected item --------------------------


def test_no_proxy_votes(alpha):
    """Art. 31②: 동별 대표자는 대리할 수 없다 — rep 2 cannot record rep 1's vote."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    with pytest.raises(ApplicationError, match="대리"):
        services.vote_cast(item=item, representative=reps[0], choice="yes", by=reps[1].user)


def test_absent_rep_cannot_vote(alpha):
    """Art. 31①: only a rep present in person exercises the vote."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _meeting, (item,) = held_meeting(alpha.complex, reps, present=reps[:2])
    with pytest.raises(ApplicationError, match="직접 출석"):
        services.vote_cast(item=item, representative=reps[2], choice="yes", by=reps[2].user)


def test_rejected_item_cannot_be_moved_again_in_the_same_meeting(alpha):
    """Art. 31④: 일단 부결된 의안은 그 회의 중에는 다시 발의하거나 심의할 수 없다."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["no", "no", "yes"])
    assert not services.item_decide(item=item).passed
    with pytest.raises(ApplicationError, match="제31조④"):
        services.item_schedule(item=item, meeting=meeting)
    with pytest.raises(ApplicationError):
        services.vote_cast(item=item, representative=reps[0], choice="yes", by=reps[0].user)
    with pytest.raises(ApplicationError):
        services.item_decide(item=item)


def test_recontracting_the_management_company_needs_two_thirds(alpha):
    """Art. 58②: 구성원 3분의 2 이상 — membership 9 (9 of 10 seated) needs 6 yes, 5 fails."""
    _, reps = make_council(alpha.complex, seats=10, seated=9)
    _meeting, (a, b) = held_meeting(alpha.complex, reps, items=2, category="recontract")
    for item in (a, b):
        services.item_record_objections(item=item, objecting_units=0)
    vote_all(a, reps, ["yes"] * 5 + ["no"] * 4)
    r = services.item_decide(item=a)
    assert (r.passed, r.required_yes) == (False, 6)
    vote_all(b, reps, ["yes"] * 6 + ["no"] * 3)
    assert services.item_decide(item=b).passed


# --- composition: Art. 17, 18, 19, 36 ---------------------------------------------------------


def test_chair_and_auditor_cannot_be_the_same_person(alpha):
    """Art. 36①: 회장 및 감사는 상호 간의 직을 겸할 수 없다."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=TERM_START)
    with pytest.raises(ApplicationError, match="제36조①"):
        services.officer_appoint(
            representative=reps[0], office=Office.AUDITOR, starts_on=TERM_START
        )
    services.officer_appoint(representative=reps[1], office=Office.AUDITOR, starts_on=TERM_START)
    with pytest.raises(ApplicationError, match="제36조①"):
        services.officer_appoint(representative=reps[1], office=Office.CHAIR, starts_on=TERM_START)
    with pytest.raises(ApplicationError, match="회장은 1명"):
        services.officer_appoint(representative=reps[2], office=Office.CHAIR, starts_on=TERM_START)


def test_term_is_two_years(alpha):
    """Art. 18①: term 2 years — 2025-07-01 → 2027-06-30; a day longer is refused."""
    wards, _ = make_council(alpha.complex, seats=1, seated=0)
    rep = services.representative_seat(
        complex=alpha.complex, ward=wards[0], user_or_name="김대표", term_start=date(2025, 7, 1)
    )
    assert rep.term_end == date(2027, 6, 30)
    rep.delete()
    with pytest.raises(ApplicationError, match="2년"):
        services.representative_seat(
            complex=alpha.complex,
            ward=wards[0],
            user_or_name="김대표",
            term_start=date(2025, 7, 1),
            term_end=date(2027, 7, 1),
        )


def test_one_ward_one_rep(alpha):
    """Art. 17: one representative per ward at a time."""
    wards, _reps = make_council(alpha.complex, seats=1, seated=1)
    with pytest.raises(ApplicationError, match="이미 동별 대표자"):
        services.representative_seat(
            complex=alpha.complex, ward=wards[0], user_or_name="박대표", term_start=date(2026, 1, 1)
        )


def test_re_election_only_once_short_by_election_not_counted(alpha):
    """Art. 18①: 한번만 중임; Art. 18②: a by-election term under 6 months does not count."""
    (ward,), _ = make_council(alpha.complex, seats=1, seated=0)
    seat = lambda start, end=None, by=False: services.representative_seat(  # noqa: E731
        complex=alpha.complex,
        ward=ward,
        user_or_name="이대표",
        term_start=start,
        term_end=end,
        by_election=by,
    )
    seat(date(2019, 3, 1), date(2019, 6, 30), by=True)  # 4 months: not counted
    seat(date(2021, 7, 1))
    seat(date(2023, 7, 1))  # re-elected once
    with pytest.raises(ApplicationError, match="한 번만 중임"):
        seat(date(2025, 7, 1))


def test_losing_the_seat_ends_the_office(alpha):
    """Art. 19②: 동별 대표자의 자격을 상실한 때에는 임원자격도 상실된다."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    officer = services.officer_appoint(
        representative=reps[0], office=Office.CHAIR, starts_on=TERM_START
    )
    services.representative_end(representative=reps[0], on=date(2026, 2, 1), reason="사퇴")
    officer.refresh_from_db()
    assert officer.ends_on == date(2026, 2, 1)
    assert len(selectors.seated_reps(complex=alpha.complex, day=date(2026, 2, 1))) == 2
    assert [w.name for w in selectors.vacancies(complex=alpha.complex, day=date(2026, 2, 1))] == [
        "제1선거구"
    ]


# --- minutes: Art. 35 ---------------------------------------------------------------------------


def test_every_attending_rep_signs_on_the_meeting_day(alpha):
    """Art. 35①: 의결사항은 참석한 동별 대표자 전원의 서명을 회의당일 받은 후 즉시 통보."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps, present=reps[:2])
    vote_all(item, reps[:2], ["yes", "yes"])
    services.item_decide(item=item)
    services.minutes_sign(meeting=meeting, representative=reps[0], user=reps[0].user)
    with pytest.raises(ApplicationError, match="전원의 서명"):
        services.minutes_complete_resolutions(meeting=meeting)
    with pytest.raises(ApplicationError, match="참석한"):
        services.minutes_sign(meeting=meeting, representative=reps[2], user=reps[2].user)
    with pytest.raises(ApplicationError, match="당일"):
        services.minutes_sign(
            meeting=meeting,
            representative=reps[1],
            user=reps[1].user,
            now=timezone.now() + timedelta(days=1),
        )
    with pytest.raises(ApplicationError, match="본인"):
        services.minutes_sign(meeting=meeting, representative=reps[1], user=reps[0].user)
    services.minutes_sign(meeting=meeting, representative=reps[1], user=reps[1].user)
    minutes = services.minutes_complete_resolutions(meeting=meeting)
    assert minutes.resolutions_completed_at
    services.minutes_publish(meeting=meeting, part="resolutions")
    with pytest.raises(ApplicationError, match="받지 않았"):
        services.minutes_publish(meeting=meeting, part="speech")
    services.minutes_record_speech(meeting=meeting, speech_record="대표1: 찬성", item_details="")
    assert services.speech_record_due(meeting=meeting) == timezone.localdate(
        meeting.starts_at
    ) + timedelta(days=5)
    assert services.minutes_publish(meeting=meeting, part="speech").speech_published_at


# --- reconsideration: Art. 34 ------------------------------------------------------------------


def _passed_resolution(complex_, reps):
    _meeting, (item,) = held_meeting(complex_, reps)
    vote_all(item, reps, ["yes"] * len(reps))
    return services.item_decide(item=item)


def test_reconsideration_suspends_until_result_posted(alpha):
    """Art. 34①③: 재심의가 요청된 안건은 제3항이 완료되기 전까지 효력을 정지한다 — the
    resolution is not effective until re-deliberated AND the result posted and sent."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    resolution = _passed_resolution(alpha.complex, reps)
    assert selectors.resolution_is_effective(resolution=resolution)
    rec = services.reconsideration_file(
        resolution=resolution,
        filer_kind=FilerKind.AUDITOR,
        representative_name="감사 박감사",
        violation="입찰 없이 수의계약 (제55조 위반)",
        proposal="경쟁입찰로 다시 선정",
        filer_email="auditor@alpha.test",
    )
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.SUSPENDED
    assert not selectors.resolution_is_effective(resolution=resolution)
    item = rec.redeliberation_item
    assert item.status == ItemStatus.SUBMITTED and item.number
    with pytest.raises(ApplicationError, match="아직 다시 심의"):
        services.reconsideration_post_result(reconsideration=rec, result_text="x")
    # re-deliberate at a later meeting: the motion is rejected this time → revoked
    from council.models import MeetingKind as K

    starts = kst(2027, 1, 20)
    m2 = services.meeting_create(
        complex=alpha.complex,
        kind=K.EXTRAORDINARY,
        starts_at=starts,
        place="회의실",
        now=kst(2027, 1, 1),
    )
    services.item_schedule(item=item, meeting=m2)
    services.meeting_send_notice(meeting=m2, now=kst(2027, 1, 10))
    services.attendance_record(meeting=m2, present_ids=[r.pk for r in reps], now=starts)
    for rep in reps:
        services.vote_cast(item=item, representative=rep, choice="no", by=rep.user)
    services.item_decide(item=item)
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.SUSPENDED  # not posted yet
    mail.outbox.clear()
    services.reconsideration_post_result(
        reconsideration=rec, result_text="원 의결 취소", office=["manager@alpha.test"]
    )
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.REVOKED
    assert not selectors.resolution_is_effective(resolution=resolution)
    # Art. 34③: the filer and the office, one message each.
    assert sorted(t for m in mail.outbox for t in m.to) == [
        "auditor@alpha.test",
        "manager@alpha.test",
    ]
    with pytest.raises(ApplicationError, match="제34조④"):
        services.reconsideration_file(
            resolution=resolution,
            filer_kind=FilerKind.OFFICE,
            representative_name="소장",
            violation="v",
            proposal="p",
        )


def test_residents_file_only_through_a_petition_of_10_registered_residents(alpha):
    """Art. 34①: 입주자등(10인 이상으로 대표인을 지정) — residents file only through a petition
    that 10 persons on the register signed (tests/residents/test_petitions.py covers the
    counting and the 9 → 10 boundary); a residents' filing without one is refused."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    resolution = _passed_resolution(alpha.complex, reps)
    with pytest.raises(ApplicationError, match="입주자 서명"):
        services.reconsideration_file(
            resolution=resolution,
            filer_kind=FilerKind.RESIDENTS,
            representative_name="대표인",
            violation="v",
            proposal="p",
        )
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.EFFECTIVE


def test_upheld_reconsideration_makes_it_effective_again(alpha):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    resolution = _passed_resolution(alpha.complex, reps)
    rec = services.reconsideration_file(
        resolution=resolution,
        filer_kind=FilerKind.OFFICE,
        representative_name="소장",
        violation="v",
        proposal="p",
    )
    from council.models import MeetingKind as K

    starts = kst(2027, 1, 20)
    m2 = services.meeting_create(
        complex=alpha.complex,
        kind=K.EXTRAORDINARY,
        starts_at=starts,
        place="회의실",
        now=kst(2027, 1, 1),
    )
    services.item_schedule(item=rec.redeliberation_item, meeting=m2)
    services.meeting_send_notice(meeting=m2, now=kst(2027, 1, 10))
    services.attendance_record(meeting=m2, present_ids=[r.pk for r in reps], now=starts)
    vote_all(rec.redeliberation_item, reps, ["yes"] * 3)
    services.item_decide(item=rec.redeliberation_item)
    services.reconsideration_post_result(reconsideration=rec, result_text="원안 유지")
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.EFFECTIVE and resolution.redeliberated
    assert selectors.resolution_is_effective(resolution=resolution)


# --- operating costs: Art. 37 -----------------------------------------------------------------


def test_attendance_allowance_within_50000_and_monthly_cap(alpha):
    """Art. 37②2: 1회당 최대 5만원 이내로 하되, 월 ○만원(default 100,000)을 초과할 수 없다."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    m1, _ = held_meeting(alpha.complex, reps)
    day = timezone.localdate()
    record = lambda meeting, amount: services.expense_record(  # noqa: E731
        complex=alpha.complex,
        spent_on=day,
        category="attendance",
        amount=amount,
        description="출석수당",
        representative=reps[0],
        meeting=meeting,
    )
    with pytest.raises(ApplicationError, match="50,000원 이내"):
        record(m1, 50_001)
    record(m1, 50_000)
    with pytest.raises(ApplicationError, match="이미 기록"):
        record(m1, 10_000)
    # two more meetings in the same month: the third allowance would pass 100,000
    m2, _ = held_meeting(alpha.complex, reps)
    record(m2, 50_000)
    m3, _ = held_meeting(alpha.complex, reps)
    with pytest.raises(ApplicationError, match="월 100,000원"):
        record(m3, 1)
    with pytest.raises(ApplicationError, match="5만원"):
        services.settings_update(complex=alpha.complex, attendance_allowance=60_000)
    services.expense_record(
        complex=alpha.complex,
        spent_on=day,
        category="insurance",
        amount=120_000,
        description="회장 보증보험",
    )
    assert selectors.operating_costs_for_month(complex=alpha.complex, period=day) == 220_000
    assert (
        selectors.operating_costs_for_month(complex=alpha.complex, period=f"{day:%Y-%m}") == 220_000
    )
    assert selectors.operating_costs_for_month(complex=alpha.complex, period="2001-01") == 0


def test_eldest_director_acts_when_the_chair_is_suspended(alpha):
    """Art. 19, 26①: a director (eldest first) acts for a chair who cannot — e.g. suspended
    for missing the ethics training (Art. 23⑬)."""
    _, reps = make_council(alpha.complex, seats=4, seated=4)
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=TERM_START)
    for rep, year in ((reps[1], 1970), (reps[2], 1958)):
        rep.birth_year = year
        rep.save()
        services.officer_appoint(representative=rep, office=Office.DIRECTOR, starts_on=TERM_START)
    day = date(2026, 3, 1)
    assert selectors.acting_chair(complex=alpha.complex, day=day) == reps[0]
    services.representative_suspend(
        representative=reps[0], reason=SuspensionReason.ETHICS, starts_on=date(2026, 1, 1)
    )
    assert selectors.acting_chair(complex=alpha.complex, day=day) == reps[2]


def test_suspended_rep_cannot_sign_the_minutes(alpha):
    """40-council.md rule 1: a suspended rep cannot vote or sign."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    services.item_decide(item=item)
    services.representative_suspend(
        representative=reps[2], reason=SuspensionReason.RECALL, starts_on=date(2026, 1, 1)
    )
    with pytest.raises(ApplicationError, match="직무정지"):
        services.minutes_sign(meeting=meeting, representative=reps[2], user=reps[2].user)


def test_recontract_blocked_when_a_tenth_of_households_object(alpha):
    """Art. 58②: 10분의 1 이상이 이의제기 → no re-contract. 20 units: 2 objecting blocks (≥ ⌈20/10⌉),
    1 does not; nothing is decided before the hearing's result is recorded."""
    from tests.factories import UnitFactory

    for n in range(18):
        UnitFactory(building=alpha.building, number=f"{n + 1}01", floor=n + 1)
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _, (item,) = held_meeting(alpha.complex, reps, category="recontract")
    vote_all(item, reps, ["yes"] * 3)
    with pytest.raises(ApplicationError, match="의견청취"):
        services.item_decide(item=item)
    services.item_record_objections(item=item, objecting_units=2)
    with pytest.raises(ApplicationError, match="10분의 1 이상"):
        services.item_decide(item=item)
    services.item_record_objections(item=item, objecting_units=1)
    assert services.item_decide(item=item).passed
