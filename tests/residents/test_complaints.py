"""Complaints (Art. 62①5, Art. 64①9) and the dispute paths (Arts. 71, 71-3)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complexes.models import ResidentKind
from core.errors import ApplicationError
from residents import selectors, services
from residents.models import (
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    DisputeStep,
)

from .helpers import ctx_for, membership_of, move_in

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name="leak.png", data=PNG):
    return SimpleUploadedFile(name, data, content_type="image/png")


def file_noise(alpha, **kw):
    return services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category=ComplaintCategory.NOISE,
        title="윗집 소음",
        body="밤 11시 이후 뛰는 소리",
        **kw,
    )


def test_resident_files_with_photo_and_office_is_told(alpha):
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="facility",
        title="누수",
        body="천장에서 물이 샙니다",
        files=[photo()],
    )
    assert c.status == ComplaintStatus.RECEIVED and c.filed_by == alpha.owner
    a = c.attachments.get()
    assert a.content_type == "image/png" and a.file.name.startswith(
        f"residents/{alpha.complex.pk}/"
    )
    assert sorted(t for m in mail.outbox for t in m.to) == [
        "manager@alpha.test",
        "staff@alpha.test",
    ]


def test_only_images_and_pdfs_within_the_size_limit(alpha):
    with pytest.raises(ApplicationError) as e:
        services.complaint_file(
            complex=alpha.complex,
            by=alpha.owner,
            unit=alpha.unit,
            category="facility",
            title="t",
            body="b",
            files=[SimpleUploadedFile("x.png", b"MZ\x90\x00 not an image")],
        )
    assert "PDF만" in e.value.message
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ApplicationError) as e:
        services.complaint_file(
            complex=alpha.complex,
            by=alpha.owner,
            unit=alpha.unit,
            category="facility",
            title="t",
            body="b",
            files=[big],
        )
    assert "10MB" in e.value.message
    assert not Complaint.objects.exists()  # nothing half-written
    ok = SimpleUploadedFile("ok.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 - 5))
    services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="facility",
        title="t",
        body="b",
        files=[ok],
    )


def test_residents_file_online_only_office_logs_phone(alpha):
    with pytest.raises(ApplicationError):
        services.complaint_file(
            complex=alpha.complex,
            by=alpha.owner,
            unit=alpha.unit,
            category="parking",
            title="t",
            body="b",
            channel=ComplaintChannel.PHONE,
        )
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.staff,
        unit=alpha.unit,
        category="parking",
        title="이중주차",
        body="전화 민원",
        channel=ComplaintChannel.PHONE,
        reporter_name="김민준",
        by_office=True,
    )
    assert c.filed_by is None and c.reporter_name == "김민준"


def test_lifecycle_assign_act_close_notifies_resident(alpha):
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="facility",
        title="누수",
        body="b",
    )
    mail.outbox.clear()
    services.complaint_acknowledge(complaint=c, by=alpha.staff)
    services.complaint_assign(complaint=c, assignee=alpha.staff, by=alpha.manager)
    services.complaint_comment(
        complaint=c, by=alpha.staff, text="배관 점검 예정", by_office=True, action=True
    )
    services.complaint_comment(
        complaint=c, by=alpha.staff, text="업체 단가 확인", by_office=True, internal=True
    )
    services.complaint_close(complaint=c, by=alpha.staff, result="배관 교체 완료")
    c.refresh_from_db()
    assert c.status == ComplaintStatus.CLOSED and c.result == "배관 교체 완료"
    # four public events reach the resident; the internal note does not
    assert [m.to for m in mail.outbox] == [["owner@alpha.test"]] * 4
    assert all("업체 단가" not in m.body for m in mail.outbox)
    with pytest.raises(ApplicationError):
        services.complaint_close(complaint=c, by=alpha.staff, result="again")
    with pytest.raises(ApplicationError):
        services.complaint_comment(complaint=c, by=alpha.owner, text="?", by_office=False)


def test_assignee_must_be_office_of_the_complex(alpha, beta):
    c = file_noise(alpha)
    for user in (alpha.council, beta.staff, alpha.owner):
        with pytest.raises(ApplicationError):
            services.complaint_assign(complaint=c, assignee=user, by=alpha.manager)


def test_notification_task_is_idempotent(alpha):
    from residents.tasks import notify_complaint_event

    c = file_noise(alpha)
    event = services.complaint_acknowledge(complaint=c, by=alpha.staff).events.last()
    mail.outbox.clear()
    assert notify_complaint_event(event.pk) == 0  # already sent on commit


def test_noise_path_follows_article_71_in_order(alpha):
    """Art. 71: investigation ① → request to the source ① → committee ③ → meeting ④ →
    guidance to a dispute committee ⑤; no skipping, no repeating."""
    c = file_noise(alpha)
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as e:
        services.dispute_advance(
            complaint=c, step=DisputeStep.COMMITTEE_MEETING, happened_on=today, by=alpha.staff
        )
    assert "다음 단계" in e.value.message
    services.dispute_advance(
        complaint=c, step=DisputeStep.INVESTIGATED, happened_on=today, by=alpha.staff
    )
    with pytest.raises(ApplicationError) as e:  # a stop request needs the source unit
        services.dispute_advance(
            complaint=c, step=DisputeStep.STOP_REQUESTED, happened_on=today, by=alpha.staff
        )
    assert "발생 세대" in e.value.message
    with pytest.raises(ApplicationError):
        services.dispute_advance(
            complaint=c,
            step=DisputeStep.STOP_REQUESTED,
            happened_on=today,
            by=alpha.staff,
            source_unit=alpha.unit,
        )
    mail.outbox.clear()
    services.dispute_advance(
        complaint=c,
        step=DisputeStep.STOP_REQUESTED,
        happened_on=today,
        by=alpha.staff,
        source_unit=alpha.lessee_unit,
    )
    # both households told; the source is not told who complained
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == [("lessee@alpha.test",), ("owner@alpha.test",)]
    source_mail = next(m for m in mail.outbox if m.to == ["lessee@alpha.test"])
    assert "1203" not in source_mail.body and "owner@alpha.test" not in source_mail.body
    assert "804" in source_mail.body  # their own unit
    owner_mail = next(m for m in mail.outbox if m.to == ["owner@alpha.test"])
    assert "804" not in owner_mail.body
    for step in (
        DisputeStep.COMMITTEE_REFERRED,
        DisputeStep.COMMITTEE_MEETING,
        DisputeStep.GUIDED_TO_DISPUTE_BODY,
    ):
        services.dispute_advance(complaint=c, step=step, happened_on=today, by=alpha.staff)
    c.refresh_from_db()
    assert c.dispute_step == DisputeStep.GUIDED_TO_DISPUTE_BODY
    assert services.dispute_next_steps(c) == []
    assert [e.step for e in c.events.filter(kind="dispute_step")] == [
        "investigated",
        "stop_requested",
        "committee_referred",
        "committee_meeting",
        "guided",
    ]


def test_smoking_path_has_no_committee_step(alpha):
    """Art. 71-3: recommendation ① → guidance to the district dispute committee ③."""
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category=ComplaintCategory.SMOKING,
        title="베란다 흡연",
        body="매일 밤 담배 냄새",
    )
    today = timezone.localdate()
    assert services.dispute_next_steps(c) == [DisputeStep.SMOKING_STOP_RECOMMENDED]
    with pytest.raises(ApplicationError):
        services.dispute_advance(
            complaint=c, step=DisputeStep.INVESTIGATED, happened_on=today, by=alpha.staff
        )
    services.dispute_advance(
        complaint=c,
        step=DisputeStep.SMOKING_STOP_RECOMMENDED,
        happened_on=today,
        by=alpha.staff,
        source_unit=alpha.lessee_unit,
    )
    c.refresh_from_db()
    assert services.dispute_next_steps(c) == [DisputeStep.GUIDED_TO_DISPUTE_BODY]


def test_dispute_dates_cannot_be_in_the_future_or_before_filing(alpha):
    c = file_noise(alpha)
    with pytest.raises(ApplicationError):
        services.dispute_advance(
            complaint=c,
            step=DisputeStep.INVESTIGATED,
            happened_on=timezone.localdate() + timedelta(days=1),
            by=alpha.staff,
        )
    with pytest.raises(ApplicationError):
        services.dispute_advance(
            complaint=c, step=DisputeStep.INVESTIGATED, happened_on=date(2000, 1, 1), by=alpha.staff
        )
    with pytest.raises(ApplicationError):
        services.dispute_advance(
            complaint=services.complaint_file(
                complex=alpha.complex,
                by=alpha.owner,
                unit=alpha.unit,
                category="parking",
                title="t",
                body="b",
            ),
            step=DisputeStep.INVESTIGATED,
            happened_on=timezone.localdate(),
            by=alpha.staff,
        )


def test_lessee_sees_complaints_of_their_residency_only(alpha):
    """Issue 3: a lessee's access to the unit's complaints covers only their residency."""
    membership = membership_of(alpha.lessee, alpha.lessee_unit)
    old = services.complaint_file(
        complex=alpha.complex,
        by=alpha.staff,
        unit=alpha.lessee_unit,
        category="facility",
        title="전 임차인 민원",
        body="b",
        channel="phone",
        by_office=True,
    )
    Complaint.objects.filter(pk=old.pk).update(filed_at=timezone.now() - timedelta(days=400))
    move_in(
        alpha.lessee_unit,
        kind=ResidentKind.LESSEE,
        membership=membership,
        moved_in_on=timezone.localdate() - timedelta(days=30),
    )
    mine = services.complaint_file(
        complex=alpha.complex,
        by=alpha.staff,
        unit=alpha.lessee_unit,
        category="facility",
        title="현 임차인 민원",
        body="b",
        channel="phone",
        by_office=True,
    )
    visible = set(selectors.complaints_visible(ctx=ctx_for(alpha.lessee, alpha.complex)))
    assert visible == {mine}
    office = set(selectors.complaints_visible(ctx=ctx_for(alpha.staff, alpha.complex)))
    assert office == {old, mine}
    assert set(selectors.complaints_visible(ctx=ctx_for(alpha.council, alpha.complex))) == set()


def test_report_counts_and_median(alpha):
    """Art. 62①5: counts by category, open/closed, median days to close, each item's action."""
    now = timezone.now()
    made = []
    for days_to_close, category in [
        (2, "facility"),
        (4, "facility"),
        (9, "parking"),
        (None, "noise"),
    ]:
        c = services.complaint_file(
            complex=alpha.complex,
            by=alpha.owner,
            unit=alpha.unit,
            category=category,
            title=category,
            body="b",
        )
        if days_to_close is not None:
            services.complaint_close(complaint=c, by=alpha.staff, result=f"조치 {days_to_close}일")
            Complaint.objects.filter(pk=c.pk).update(
                filed_at=now - timedelta(days=20),
                closed_at=now - timedelta(days=20 - days_to_close),
            )
        made.append(c)
    today = timezone.localdate()
    report = selectors.complaint_report(
        complex=alpha.complex, start=today - timedelta(days=30), end=today
    )
    assert (report.total, report.open, report.closed) == (4, 1, 3)
    assert report.median_days_to_close == 4.0
    assert ("시설 보수", 2, 0, 2) in report.by_category and (
        "층간소음",
        1,
        1,
        0,
    ) in report.by_category
    assert [i.action for i in report.items if i.action] == ["조치 2일", "조치 4일", "조치 9일"]
    empty = selectors.complaint_report(
        complex=alpha.complex, start=date(2000, 1, 1), end=date(2000, 1, 31)
    )
    assert empty.total == 0 and empty.median_days_to_close is None


def test_reminder_task_reminds_once_a_day(alpha):
    from residents.tasks import remind_open_complaints

    c = file_noise(alpha)
    Complaint.objects.filter(pk=c.pk).update(filed_at=timezone.now() - timedelta(days=7, minutes=1))
    fresh = file_noise(alpha)
    Complaint.objects.filter(pk=fresh.pk).update(
        filed_at=timezone.now() - timedelta(days=6, hours=23)
    )
    mail.outbox.clear()
    assert remind_open_complaints(alpha.complex.pk) == 1
    assert "7일" in mail.outbox[0].subject
    assert remind_open_complaints(alpha.complex.pk) == 0
