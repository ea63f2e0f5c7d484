"""Office pages: settings, convene requests, observers, recording, dashboard card, publications."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from council import services
from council.models import ConveneRequest, CouncilSettings, MeetingKind, Office
from council.reminders import due_reminders
from tests.council.helpers import held_meeting, kst, make_council

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"council:{name}", args=["alpha", *args])


def test_settings_page_caps_the_allowance(alpha, as_user):
    """Art. 37②2: the per-meeting allowance can't be set above 50,000 won."""
    c = as_user(alpha.manager)
    body = {"attendance_allowance": 60000, "attendance_monthly_cap": 100000,
            "chair_allowance": 300000, "auditor_allowance": 100000, "training_yearly": 500000}  # fmt: skip
    assert c.post(url("settings"), body).status_code == 200
    c.post(url("settings"), {**body, "attendance_allowance": 40000, "seats": 10})
    s = CouncilSettings.objects.get(complex=alpha.complex)
    assert (s.attendance_allowance, s.seats) == (40000, 10)
    assert as_user(alpha.council).get(url("settings")).status_code == 403


def test_convene_request_is_answered_by_sending_the_notice(alpha, as_user):
    """Art. 26①③, rule 5: convening means sending the notice within 14 days of the request."""
    as_user(alpha.manager).post(
        url("convene_request_new"),
        {"requester": "auditor", "reason": "감사결과 보고", "received_on": "2026-11-01"},
    )
    req = ConveneRequest.objects.get()
    meeting = services.meeting_create(
        complex=alpha.complex, kind=MeetingKind.EXTRAORDINARY, starts_at=kst(2026, 11, 20),
        place="회의실", convene_request=req, now=kst(2026, 11, 3),
    )  # fmt: skip
    req.refresh_from_db()
    assert req.meeting == meeting
    kinds = [r.kind for r in due_reminders(complex=alpha.complex, today=date(2026, 11, 16))]
    assert "convene_overdue" in kinds  # linked but the notice never went out


def test_observer_registration_closes_10_minutes_before(alpha, as_user):
    """Art. 27①: 회의시작 10분전까지."""
    _, _reps = make_council(alpha.complex, seats=2, seated=2)
    starts = timezone.now() + timedelta(days=6)
    meeting = services.meeting_create(
        complex=alpha.complex, kind="regular", starts_at=starts, place="회의실"
    )
    with pytest.raises(ApplicationError, match="10분 전"):
        services.observer_register(meeting=meeting, name="주민", now=starts - timedelta(minutes=9))
    services.observer_register(meeting=meeting, name="주민", now=starts - timedelta(minutes=10))
    assert meeting.observers.count() == 1


def test_recording_upload_is_office_only(alpha, as_user, settings, tmp_path):
    """Art. 35③: the office keeps the recording."""
    settings.MEDIA_ROOT = tmp_path
    _, reps = make_council(alpha.complex, seats=2, seated=2)
    meeting, _ = held_meeting(alpha.complex, reps)
    f = SimpleUploadedFile("rec.mp3", b"ID3audio", content_type="audio/mpeg")
    assert (
        as_user(reps[0].user)
        .post(url("meeting_recording", meeting.pk), {"recording": f})
        .status_code
        == 403
    )
    f = SimpleUploadedFile("rec.mp3", b"ID3audio", content_type="audio/mpeg")
    as_user(alpha.manager).post(url("meeting_recording", meeting.pk), {"recording": f})
    meeting.refresh_from_db()
    assert meeting.recording.name.endswith(".mp3")


def test_dashboard_shows_the_council_card(alpha, as_user):
    _, reps = make_council(alpha.complex, seats=2, seated=2)
    held_meeting(alpha.complex, reps)
    page = as_user(alpha.owner).get(reverse("complexes:dashboard", args=["alpha"])).content.decode()
    assert 'data-testid="council-card"' in page and "제1차 정기회의" in page


def test_chair_schedules_via_api_a_plain_rep_cannot(alpha, api):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    services.officer_appoint(
        representative=reps[0], office=Office.CHAIR, starts_on=reps[0].term_start
    )
    later = (timezone.now() + timedelta(days=6)).isoformat()
    body = {"kind": "regular", "starts_at": later, "place": "회의실"}
    api.force_authenticate(reps[1].user)
    assert (
        api.post("/api/v1/complexes/alpha/council/meetings/", body, format="json").status_code
        == 403
    )
    api.force_authenticate(reps[0].user)
    assert (
        api.post("/api/v1/complexes/alpha/council/meetings/", body, format="json").status_code
        == 201
    )


def test_excluded_proposal_keeps_its_reason(alpha):
    """Art. 29② (제외한다): a personal attack is excluded with the reason recorded."""
    item = services.item_propose(
        complex=alpha.complex, by=alpha.owner, proposer_kind="residents", proposer_name="주민",
        title="○○○ 대표 비난", motion="m", reason="r", content="",
    )  # fmt: skip
    with pytest.raises(ApplicationError, match="제외 사유"):
        services.item_exclude(item=item, reason=" ")
    services.item_exclude(item=item, reason="인신공격 (제29조②)")
    item.refresh_from_db()
    assert item.status == "excluded"
    with pytest.raises(ApplicationError):
        services.item_submit(item=item)


def test_shortened_notice_is_flagged_for_review(alpha, as_user):
    """Art. 31⑤: the portal flags a likely procedural defect; it does not void anything."""
    _, _reps = make_council(alpha.complex, seats=2, seated=2)
    starts = timezone.now() + timedelta(days=1)
    meeting = services.meeting_create(
        complex=alpha.complex, kind="extraordinary", starts_at=starts, place="회의실",
        notice_exception="emergency", notice_exception_reason="승강기 추락 위험",
    )  # fmt: skip
    page = as_user(alpha.manager).get(url("meeting_detail", meeting.pk)).content.decode()
    assert 'data-testid="flags"' in page and "승강기 추락 위험" in page


def test_attachment_is_served_only_through_the_view(alpha, as_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = services.item_propose(
        complex=alpha.complex, by=alpha.manager, proposer_kind="manager", proposer_name="소장",
        title="견적 첨부 안건", motion="m", reason="r", content="",
        attachment=SimpleUploadedFile("견적서.pdf", b"%PDF-1.4 quote"),
    )  # fmt: skip
    r = as_user(alpha.council).get(url("item_attachment", item.pk))
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 quote"
    # a resident who did not propose it and it is not on a noticed agenda: 404
    assert as_user(alpha.lessee).get(url("item_attachment", item.pk)).status_code == 404
