"""HTTP-level tests of the council pages: the journeys, the errors as messages, roles (403)."""

import subprocess
import tempfile

import pytest
from django.urls import reverse
from django.utils import timezone

from council import services
from council.models import (
    AgendaItem,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Office,
    Resolution,
    ResolutionStatus,
)
from tests.council.helpers import held_meeting, make_council, vote_all

pytestmark = pytest.mark.django_db


def url(name, *args, slug="alpha"):
    return reverse(f"council:{name}", args=[slug, *args])


def test_resident_proposes_an_item_and_office_submits_it(alpha, as_user):
    """Art. 29①②: a resident proposes (별지 7); the office adds the cost estimate and numbers it."""
    c = as_user(alpha.owner)
    r = c.post(
        url("item_new"),
        {
            "title": "놀이터 바닥 교체",
            "category": "project",
            "proposer_kind": "residents",
            "proposer_name": "101동 주민",
            "motion": "놀이터 바닥을 교체한다.",
            "reason": "파손",
            "content": "탄성포장 200㎡",
        },
    )
    item = AgendaItem.objects.get(title="놀이터 바닥 교체")
    assert r.status_code == 302 and item.proposer_kind == "residents" and item.number is None
    assert c.post(url("item_submit", item.pk)).status_code == 403
    c = as_user(alpha.manager)
    c.post(url("item_submit", item.pk), {"cost_estimate": "12000000"})
    item.refresh_from_db()
    assert (item.status, item.number, item.cost_estimate) == (ItemStatus.SUBMITTED, 1, 12_000_000)


def test_resident_cannot_pretend_to_be_the_office(alpha, as_user):
    r = as_user(alpha.owner).post(
        url("item_new"),
        {"title": "x", "category": "general", "proposer_kind": "manager", "proposer_name": "x",
         "motion": "x", "reason": "x", "content": "x"},
    )  # fmt: skip
    assert r.status_code == 200 and not AgendaItem.objects.exists()


def test_meeting_scheduled_too_soon_shows_the_rule(alpha, as_user):
    """Art. 28①: the form answers with the 5-day rule, nothing is created."""
    soon = timezone.localtime() + timezone.timedelta(days=3)
    r = as_user(alpha.manager).post(
        url("meeting_new"),
        {"kind": "regular", "starts_at": soon.strftime("%Y-%m-%dT19:00"), "place": "회의실"},
    )
    assert r.status_code == 200
    assert "5일 전까지 통지" in r.content.decode()
    assert not Meeting.objects.exists()


def test_council_member_votes_in_person_and_signs(alpha, as_user):
    """Art. 31①③, 35①: a present rep votes on the phone page and signs on the day."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps)
    c = as_user(reps[0].user)
    page = c.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "찬성" in page and item.title in page
    c.post(url("item_vote", item.pk), {"choice": "yes"})
    assert item.votes.get(representative=reps[0]).choice == "yes"
    vote_all(item, reps[1:], ["yes", "no"])
    # a rep cannot close the vote unless chair; the office can
    assert c.post(url("item_decide", item.pk)).status_code == 403
    as_user(alpha.manager).post(url("item_decide", item.pk))
    resolution = Resolution.objects.get(item=item)
    assert resolution.passed and resolution.tally_text == "찬성 2, 반대 1, 기권 0 으로 가결됨"
    for rep in reps:
        as_user(rep.user).post(url("minutes_sign", meeting.pk))
    office = as_user(alpha.manager)
    office.post(url("minutes_complete", meeting.pk))
    office.post(url("minutes_publish", meeting.pk), {"part": "resolutions"})
    assert meeting.minutes.__class__.objects.get(meeting=meeting).resolutions_published_at


def test_resident_sees_published_minutes_masked(alpha, as_user):
    """Art. 35②, 64③: published with personal identifiers masked."""
    _, reps = make_council(alpha.complex, seats=3, seated=3, prefix="홍길")
    meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    services.item_decide(item=item)
    resident = as_user(alpha.owner)
    assert resident.get(url("minutes", meeting.pk)).status_code == 404  # not published yet
    for rep in reps:
        services.minutes_sign(meeting=meeting, representative=rep, user=rep.user)
    services.minutes_complete_resolutions(meeting=meeting)
    services.minutes_publish(meeting=meeting, part="resolutions")
    page = resident.get(url("minutes", meeting.pk)).content.decode()
    assert "찬성 3, 반대 0, 기권 0 으로 가결됨" in page
    assert "홍길1" not in page and "홍*1" in page
    office_page = as_user(alpha.manager).get(url("minutes", meeting.pk)).content.decode()
    assert "홍길1" in office_page


def test_published_speech_record_hides_phones_registration_numbers_and_units(
    alpha, as_user, django_capture_on_commit_callbacks
):
    """Art. 35②, 64③ proviso: the speech record is published masked — on the residents' page,
    in its PDF and in the disclosure (issue [1/9]: the minutes kept 010-… and 900101-1234567)."""
    from disclosure.models import Publication

    _, reps = make_council(alpha.complex, seats=3, seated=3, prefix="홍길")
    meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    services.item_decide(item=item)
    for rep in reps:
        services.minutes_sign(meeting=meeting, representative=rep, user=rep.user)
    services.minutes_complete_resolutions(meeting=meeting)
    services.minutes_publish(meeting=meeting, part="resolutions")
    services.minutes_record_speech(
        meeting=meeting,
        speech_record=(
            "홍길1: 102-804 세대 민원인(010-1234-5678, 900101-1234567, hong@example.com)의 "
            "차량 12가3456 관련 건의를 보고함. 2026-10-25 재논의."
        ),
        item_details="102동804호 누수 보수비 1,234,567원",
    )
    with django_capture_on_commit_callbacks(execute=True):  # disclosure records after commit
        services.minutes_publish(meeting=meeting, part="speech")
    page = as_user(alpha.owner).get(url("minutes", meeting.pk)).content.decode()
    body = Publication.objects.get(complex=alpha.complex, duty="council_minutes").body
    for text in (page, body):
        for kept in ("1234-5678", "900101", "hong@", "102-804", "12가3456", "홍길1", "102동804호"):
            assert kept not in text, kept
        assert "010-****-5678" in text and "******-*******" in text
        assert "2026-10-25 재논의" in text
    assert "1,234,567원" in page
    office_page = as_user(alpha.manager).get(url("minutes", meeting.pk)).content.decode()
    assert "900101-1234567" in office_page  # the office keeps the record as received


def test_minutes_pdf_has_the_별첨2_layout(alpha, as_user):
    """별첨 2 forms 2-1/2-2 in Korean: 총 정원, 미 선 출, 구성원, 의결정족수, the tally."""
    _, reps = make_council(alpha.complex, seats=10, seated=9)
    services.officer_appoint(
        representative=reps[0], office=Office.CHAIR, starts_on=reps[0].term_start
    )
    meeting, (item,) = held_meeting(alpha.complex, reps, present=reps[:7])
    vote_all(item, reps[:7], ["yes"] * 5 + ["no", "abstain"])
    services.item_decide(item=item)
    r = as_user(alpha.manager).get(url("minutes_pdf", meeting.pk))
    assert r["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(r.content)
        f.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    squashed = "".join(text.split())
    for needle in [
        "입주자대표회의회의록[2-1]",
        "총정원10명",
        "미선출1명",
        "구성원9명",
        "의결정족수5명",
        "참석7명",
        "불참2명",
        "찬성5,반대1,기권1으로가결됨",
        "회의록[2-2]",
        "참석위원서명",
        "대표1(회장)",
    ]:
        assert needle in squashed, needle


def test_reconsideration_page_suspends_the_resolution(alpha, as_user):
    """Art. 34①: the office files 별지 13; the resolution shows as suspended."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    resolution = services.item_decide(item=item)
    r = as_user(alpha.manager).post(
        url("reconsideration_new", resolution.pk),
        {"filer_kind": "office", "representative_name": "관리소장", "violation": "입찰 누락",
         "proposal": "재입찰"},
    )  # fmt: skip
    assert r.status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.SUSPENDED
    page = as_user(alpha.owner).get(url("reconsideration_list")).content.decode()
    assert "효력 정지" in page


def test_residents_cannot_file_as_office_or_auditor(alpha, as_user):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    resolution = services.item_decide(item=item)
    as_user(alpha.owner).post(
        url("reconsideration_new", resolution.pk),
        {"filer_kind": "office", "representative_name": "x", "violation": "x", "proposal": "x"},
    )
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.EFFECTIVE


def test_expense_over_the_cap_is_a_form_error(alpha, as_user):
    """Art. 37②2: 50,001 won for one meeting is refused with the rule in the form."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, _ = held_meeting(alpha.complex, reps)
    r = as_user(alpha.manager).post(
        url("expense_new"),
        {"spent_on": timezone.localdate().isoformat(), "category": "attendance",
         "amount": "50001", "description": "출석수당", "representative": reps[0].pk,
         "meeting": meeting.pk},
    )  # fmt: skip
    assert r.status_code == 200 and "50,000원 이내" in r.content.decode()


@pytest.mark.parametrize(
    "name,who",
    [
        ("rep_new", "owner"),
        ("rep_new", "council"),
        ("meeting_new", "owner"),
        ("meeting_new", "council"),  # a rep who is not the chair
        ("expense_new", "council"),
        ("expense_new", "owner"),
    ],
)
def test_wrong_role_gets_403(alpha, as_user, name, who):
    assert as_user(getattr(alpha, who)).get(url(name)).status_code == 403


def test_chair_can_schedule_a_meeting(alpha, as_user):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.officer_appoint(
        representative=reps[0], office=Office.CHAIR, starts_on=reps[0].term_start
    )
    assert as_user(reps[0].user).get(url("meeting_new")).status_code == 200


def test_office_sends_notice_and_rep_confirms_receipt(alpha, as_user):
    """Art. 28①: emailed notice with a read-receipt link."""
    from django.core import mail

    _, reps = make_council(alpha.complex, seats=2, seated=2)
    starts = timezone.localtime() + timezone.timedelta(days=7)
    meeting = services.meeting_create(
        complex=alpha.complex, kind="regular", starts_at=starts, place="회의실"
    )
    item = services.item_propose(
        complex=alpha.complex, by=None, proposer_kind="manager", proposer_name="소장",
        title="경비용역 재계약", motion="재계약한다", reason="만료", content="",
    )  # fmt: skip
    services.item_submit(item=item)
    office = as_user(alpha.manager)
    office.post(url("item_schedule", item.pk), {"meeting": meeting.pk})
    office.post(url("meeting_notice", meeting.pk))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTICED and len(mail.outbox) == 2
    link = next(line for line in mail.outbox[0].body.splitlines() if "/receipt/" in line)
    path = link[link.index("/c/alpha/") :]
    rep_user = next(r.user for r in reps if r.user.email == mail.outbox[0].to[0])
    assert as_user(rep_user).get(path).status_code == 302
    assert meeting.receipts.filter(read_at__isnull=False).count() == 1


def test_committee_member_sees_the_council_page_outsider_404(alpha, as_user, outsider):
    assert as_user(alpha.committee).get(url("home")).status_code == 200
    assert as_user(outsider).get(url("home")).status_code == 404
