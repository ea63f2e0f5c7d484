"""Pages: the personal-data role matrix, the complaint journey, attachments, the report, notices."""

import subprocess
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complexes.models import ResidentKind
from residents import services
from residents.models import Audience, Complaint, ComplaintAttachment, Notice, StatutoryKind

from .helpers import membership_of, move_in

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def url(name, tenant, *args):
    return reverse(f"residents:{name}", args=[tenant.complex.slug, *args])


@pytest.fixture
def entry(alpha):
    return move_in(
        alpha.unit, name="김민준", phone="010-1234-5678", vehicles=[("12가3456", "쏘나타")]
    )


REGISTER_PAGES = ["register_list", "register_create", "register_import", "change_request_list"]


@pytest.mark.parametrize("who", ["council", "committee", "owner", "lessee"])
def test_register_is_office_only_403(alpha, entry, client, who):
    """Personal data (별지 1): council, committee and residents get 403 on the register."""
    client.force_login(getattr(alpha, who))
    for name in REGISTER_PAGES:
        assert client.get(url(name, alpha)).status_code == 403, name
    for name in ("register_detail", "register_edit", "register_move_out", "voter_designate"):
        assert client.get(url(name, alpha, entry.pk)).status_code == 403, name


def test_district_official_gets_403_not_the_register(alpha, entry, official, client):
    client.force_login(official)
    r = client.get(url("register_list", alpha))
    assert r.status_code == 403 and "김민준" not in r.content.decode()
    assert client.get(url("register_detail", alpha, entry.pk)).status_code == 403


def test_office_sees_the_register(alpha, entry, client):
    for user in (alpha.staff, alpha.manager):
        client.force_login(user)
        body = client.get(url("register_list", alpha)).content.decode()
        assert "김민준" in body and "010-1234-5678" in body and "12가3456" in body
        assert "김민준" in client.get(url("register_detail", alpha, entry.pk)).content.decode()


def test_other_complex_office_gets_404(alpha, beta, entry, client):
    client.force_login(beta.manager)
    assert client.get(url("register_detail", alpha, entry.pk)).status_code == 404
    assert (
        client.get(reverse("residents:register_detail", args=["beta", entry.pk])).status_code == 404
    )


def test_resident_sees_own_entry_and_requests_a_correction(alpha, entry, client):
    client.force_login(alpha.owner)
    page = client.get(url("my_register", alpha)).content.decode()
    assert "010-1234-5678" in page
    r = client.post(
        url("my_register", alpha),
        {
            "occupancy": entry.pk,
            f"o{entry.pk}-name": "김민준",
            f"o{entry.pk}-phone": "010-9999-0000",
        },
    )
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.phone == "010-1234-5678"  # not before the office confirms
    # the lessee of another unit cannot touch this entry
    client.force_login(alpha.lessee)
    assert "010-1234-5678" not in client.get(url("my_register", alpha)).content.decode()
    r = client.post(url("my_register", alpha), {"occupancy": entry.pk})
    assert r.status_code == 403
    # council without a unit: no such page
    client.force_login(alpha.council)
    assert client.get(url("my_register", alpha)).status_code == 403


def test_office_records_move_in_and_move_out_by_page(alpha, client):
    client.force_login(alpha.staff)
    r = client.post(
        url("register_create", alpha),
        {
            "unit": alpha.lessee_unit.pk,
            "kind": ResidentKind.LESSEE,
            "moved_in_on": "2025-03-01",
            "name": "이서연",
            "vehicles": "34나5678(아반떼)",
            "members": "배우자, 박준호, 1990-01-02, 010-0000-1111",
            "owner_name": "최집주",
            "consent_on": "2025-03-01",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    occ = alpha.lessee_unit.occupancies.get()
    assert occ.membership == membership_of(alpha.lessee, alpha.lessee_unit)
    assert occ.members.get().name == "박준호"
    r = client.post(url("register_move_out", alpha, occ.pk), {"moved_out_on": "2025-02-01"})
    assert "입주일" in r.content.decode()
    r = client.post(url("register_move_out", alpha, occ.pk), {"moved_out_on": "2026-02-28"})
    assert r.status_code == 302
    occ.refresh_from_db()
    assert str(occ.moved_out_on) == "2026-02-28"


def test_register_import_page_reports_rows(alpha, client):
    client.force_login(alpha.staff)
    data = (
        "building,unit,kind,moved_in_on,name,phone,cars\n"
        "101,1203,소유자,2019-04-01,김민준,010-1234-5678,12가3456(쏘나타)\n"
        "101,9999,소유자,2019-04-01,없는세대,,\n"
        "101,804,임차,2024-03-01,이서연,,\n"
    ).encode()
    r = client.post(url("register_import", alpha), {"file": SimpleUploadedFile("r.csv", data)})
    body = r.content.decode()
    assert "101동 9999호가 이 단지에 없습니다" in body and "입주 구분" in body
    assert not alpha.unit.occupancies.exists()


def test_register_import_overlap_and_success(alpha):
    move_in(alpha.unit, moved_in_on=__import__("datetime").date(2015, 1, 1))
    data = "building,unit,kind,moved_in_on,name\n101동,1203호,owner,2019-04-01,김민준\n".encode()
    from core.tabular import ImportFailed

    with pytest.raises(ImportFailed) as e:
        services.register_import(complex=alpha.complex, data=data, filename="r.csv", by=None)
    assert e.value.errors[0].line == 2 and "겹칩니다" in e.value.errors[0].message
    data = "building,unit,kind,moved_in_on,name,cars\n101,804,사용자,2024-03-01,이서연,12가3456; 34나5678(모닝)\n".encode()
    assert (
        services.register_import(complex=alpha.complex, data=data, filename="r.csv", by=None) == 1
    )
    occ = alpha.lessee_unit.occupancies.get()
    assert [(v.plate, v.car_type) for v in occ.vehicles.all()] == [
        ("12가3456", ""),
        ("34나5678", "모닝"),
    ]


def test_complaint_journey_by_pages(alpha, client):
    client.force_login(alpha.owner)
    r = client.post(
        url("complaint_create", alpha),
        {
            "category": "facility",
            "where": str(alpha.unit.pk),
            "title": "욕실 누수",
            "body": "천장에서 물이 샙니다",
            "files": [SimpleUploadedFile("leak.png", PNG, content_type="image/png")],
        },
    )
    assert r.status_code == 302
    c = Complaint.objects.get()
    photo = c.attachments.get()
    photo_url = url("complaint_attachment", alpha, c.pk, photo.pk)
    assert client.get(photo_url).status_code == 200
    # an exe renamed .png is refused with a clear message
    r = client.post(
        url("complaint_create", alpha),
        {
            "category": "facility",
            "where": str(alpha.unit.pk),
            "title": "t",
            "body": "b",
            "files": [SimpleUploadedFile("x.png", b"MZ\x90\x00")],
        },
    )
    assert "PDF만" in r.content.decode()
    client.force_login(alpha.staff)
    act = url("complaint_act", alpha, c.pk)
    client.post(act, {"action": "assign", "assignee": alpha.staff.pk})
    client.post(act, {"action": "internal", "text": "단가 비교 중"})
    client.post(act, {"action": "close", "text": "배관 교체 완료"})
    c.refresh_from_db()
    assert c.status == "closed" and c.assignee == alpha.staff
    client.force_login(alpha.owner)
    page = client.get(url("complaint_detail", alpha, c.pk)).content.decode()
    assert "배관 교체 완료" in page and "단가 비교 중" not in page
    # a resident cannot act as the office
    assert client.post(act, {"action": "close", "text": "x"}).status_code == 403


def test_attachments_only_for_those_who_may_see_the_complaint(alpha, beta, client):
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="facility",
        title="t",
        body="b",
        files=[SimpleUploadedFile("a.png", PNG)],
    )
    a = ComplaintAttachment.objects.get()
    path = url("complaint_attachment", alpha, c.pk, a.pk)
    for user, status in [
        (alpha.owner, 200),
        (alpha.staff, 200),
        (alpha.lessee, 404),
        (alpha.council, 403),
        (beta.manager, 404),
    ]:
        client.force_login(user)
        assert client.get(path).status_code == status, user.email
    client.logout()
    assert client.get(path).status_code == 302
    # stored outside the web root: no route serves MEDIA_ROOT directly
    from django.conf import settings

    client.force_login(alpha.owner)
    assert client.get(settings.MEDIA_URL + a.file.name).status_code == 404
    assert "static" not in a.file.path


def test_dispute_source_is_hidden_from_the_complainant(alpha, client):
    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="noise",
        title="윗집 소음",
        body="b",
    )
    today = timezone.localdate()
    services.dispute_advance(complaint=c, step="investigated", happened_on=today, by=alpha.staff)
    services.dispute_advance(
        complaint=c,
        step="stop_requested",
        happened_on=today,
        by=alpha.staff,
        source_unit=alpha.lessee_unit,
    )
    client.force_login(alpha.owner)
    page = client.get(url("complaint_detail", alpha, c.pk)).content.decode()
    assert "804" not in page and "중단 요청" in page
    client.force_login(alpha.lessee)  # the source household does not see the complaint
    assert client.get(url("complaint_detail", alpha, c.pk)).status_code == 404
    client.force_login(alpha.staff)
    assert "804" in client.get(url("complaint_detail", alpha, c.pk)).content.decode()


def test_report_page_and_pdf(alpha, client):
    for cat in ("facility", "parking"):
        c = services.complaint_file(
            complex=alpha.complex,
            by=alpha.owner,
            unit=alpha.unit,
            category=cat,
            title=f"{cat} 민원",
            body="b",
        )
    services.complaint_close(complaint=c, by=alpha.staff, result="주차 스티커 부착")
    client.force_login(alpha.council)  # the council receives the report (no names, no units)
    page = client.get(url("complaint_report", alpha)).content.decode()
    assert "주차 스티커 부착" in page and "1203" not in page
    client.force_login(alpha.staff)
    r = client.get(url("complaint_report_pdf", alpha))
    assert r["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True
    ).stdout.decode()
    assert "민원 접수·처리결과 보고" in text and "주차 스티커 부착" in text and "시설 보수" in text
    client.force_login(alpha.owner)
    assert client.get(url("complaint_report", alpha)).status_code == 403


def test_notice_audience_and_dates(alpha, client):
    from complexes.models import Building

    other = Building.objects.create(complex=alpha.complex, name="102")
    now = timezone.now()
    mk = lambda title, **kw: services.notice_save(  # noqa: E731
        notice=Notice(complex=alpha.complex, title=title, body="내용", **kw), by=alpha.staff
    )
    mk("전체 공지")
    mk("101동 공지", audience=Audience.BUILDING, building=alpha.building)
    mk("102동 공지", audience=Audience.BUILDING, building=other)
    mk("예약 공지", publish_at=now + timedelta(days=1))
    mk("지난 공지", publish_at=now - timedelta(days=10), expires_at=now - timedelta(days=1))
    mk("회의 공고", statutory_kind=StatutoryKind.COUNCIL_MEETING, due_on=timezone.localdate())
    client.force_login(alpha.owner)
    body = client.get(url("notice_list", alpha)).content.decode()
    assert "전체 공지" in body and "101동 공지" in body and "회의 공고" in body
    assert "102동 공지" not in body and "예약 공지" not in body and "지난 공지" not in body
    client.force_login(alpha.council)  # no unit: only notices to all
    body = client.get(url("notice_list", alpha)).content.decode()
    assert "전체 공지" in body and "101동 공지" not in body
    client.force_login(alpha.staff)
    body = client.get(url("notice_list", alpha)).content.decode()
    assert "예약 공지" in body and "기한 내" in body
    hidden = Notice.objects.get(title="102동 공지")
    client.force_login(alpha.owner)
    assert client.get(url("notice_detail", alpha, hidden.pk)).status_code == 404
    assert client.get(url("notice_create", alpha)).status_code == 403


def test_statutory_notice_needs_kind_and_due_date_and_reports_lateness(alpha):
    from core.errors import ApplicationError

    with pytest.raises(ApplicationError):
        services.notice_save(
            notice=Notice(complex=alpha.complex, title="t", body="b", statutory_kind="minutes"),
            by=None,
        )
    late = services.notice_save(
        notice=Notice(
            complex=alpha.complex,
            title="회의록",
            body="b",
            statutory_kind="minutes",
            due_on=timezone.localdate() - timedelta(days=1),
        ),
        by=None,
    )
    assert late.on_time is False
    with pytest.raises(ApplicationError):
        services.notice_save(
            notice=Notice(complex=alpha.complex, title="t", body="b", audience=Audience.BUILDING),
            by=None,
        )


def test_office_creates_notice_with_attachment_by_page(alpha, client):
    client.force_login(alpha.staff)
    r = client.post(
        url("notice_create", alpha),
        {
            "title": "승강기 점검",
            "body": "101동 승강기 점검",
            "audience": "building",
            "building": alpha.building.pk,
            "publish_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "files": [SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x")],
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    n = Notice.objects.get()
    a = n.attachments.get()
    client.force_login(alpha.owner)
    assert client.get(url("notice_attachment", alpha, n.pk, a.pk)).status_code == 200


def test_dashboard_card(alpha, client):
    services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="other",
        title="t",
        body="b",
    )
    services.notice_save(notice=Notice(complex=alpha.complex, title="단지 소식", body="b"), by=None)
    client.force_login(alpha.owner)
    body = client.get(reverse("complexes:dashboard", args=["alpha"])).content.decode()
    assert "단지 소식" in body and 'data-testid="open-complaints">1<' in body
    client.force_login(alpha.council)
    body = client.get(reverse("complexes:dashboard", args=["alpha"])).content.decode()
    assert "단지 소식" in body and "open-complaints" not in body


def test_moved_out_household_cannot_file_but_reads_its_period(alpha, client, api):
    membership = membership_of(alpha.lessee, alpha.lessee_unit)
    occ = move_in(
        alpha.lessee_unit,
        kind=ResidentKind.LESSEE,
        membership=membership,
        moved_in_on=timezone.localdate() - timedelta(days=100),
    )
    mine = services.complaint_file(
        complex=alpha.complex,
        by=alpha.lessee,
        unit=alpha.lessee_unit,
        category="other",
        title="t",
        body="b",
    )
    services.occupancy_move_out(
        occupancy=occ, moved_out_on=timezone.localdate() - timedelta(days=1), by=alpha.staff
    )
    client.force_login(alpha.lessee)
    assert client.get(url("complaint_create", alpha)).status_code == 403
    assert client.get(url("complaint_detail", alpha, mine.pk)).status_code == 200
    api.force_authenticate(alpha.lessee)
    r = api.post(
        "/api/v1/complexes/alpha/complaints/",
        {"category": "other", "title": "t", "body": "b", "common_area": True},
        format="json",
    )
    assert r.status_code == 403


def test_office_pages_voter_invite_settled_changes_settings(alpha, client):
    from django.core import mail

    from residents.models import RegisterChangeRequest, VoterDesignation

    occ = move_in(alpha.lessee_unit, kind=ResidentKind.LESSEE, name="이서연")
    occ.membership = None
    occ.save()
    client.force_login(alpha.staff)
    r = client.post(
        url("voter_designate", alpha, occ.pk), {"voter_name": "박준호", "basis": "proxy"}
    )
    assert "위임장" in r.content.decode()
    r = client.post(
        url("voter_designate", alpha, occ.pk),
        {
            "voter_name": "박준호",
            "basis": "proxy",
            "document": SimpleUploadedFile("poa.pdf", b"%PDF-1.4 poa"),
        },
    )
    assert r.status_code == 302
    d = VoterDesignation.objects.get()
    assert client.get(url("voter_document", alpha, d.pk)).status_code == 200
    assert "박준호" in client.get(url("register_detail", alpha, occ.pk)).content.decode()
    client.post(url("register_invite", alpha, occ.pk), {"email": "new@alpha.test"})
    assert mail.outbox[-1].to == ["new@alpha.test"] and "/invite/" in mail.outbox[-1].body
    client.post(url("register_move_out", alpha, occ.pk), {"moved_out_on": "2026-01-31"})
    client.post(url("register_settled", alpha, occ.pk), {"settled_on": "2026-02-20"})
    occ.refresh_from_db()
    assert str(occ.settled_on) == "2026-02-20"
    d.refresh_from_db()
    assert str(d.ended_on) == "2026-01-31"
    owner = move_in(alpha.unit, phone="010-1111-2222")
    change = services.change_request_create(
        occupancy=owner, changes={"phone": "010-5555-6666"}, by=alpha.owner
    )
    assert "010-5555-6666" in client.get(url("change_request_list", alpha)).content.decode()
    client.post(url("change_request_decide", alpha, change.pk), {"decision": "approve"})
    owner.refresh_from_db()
    assert owner.phone == "010-5555-6666"
    assert RegisterChangeRequest.objects.get().status == "approved"
    # settings: manager only, every change recorded
    assert client.get(url("settings_edit", alpha)).status_code == 403
    client.force_login(alpha.manager)
    client.post(
        url("settings_edit", alpha), {"complaint_reminder_days": 3, "register_grace_days": 60}
    )
    from residents.models import ResidentSettingsChange

    assert sorted(
        ResidentSettingsChange.objects.values_list("field", "old_value", "new_value")
    ) == [("complaint_reminder_days", "7", "3"), ("register_grace_days", "30", "60")]


def test_report_is_not_for_district_or_committee(alpha, official, client):
    for user in (official, alpha.committee, alpha.lessee):
        client.force_login(user)
        assert client.get(url("complaint_report", alpha)).status_code == 403
        assert client.get(url("complaint_report_pdf", alpha)).status_code == 403


def test_ward_notice_reaches_the_wards_units_only(alpha, client):
    from complexes.models import Ward

    ward = Ward.objects.create(complex=alpha.complex, name="제1선거구")
    ward.units.set([alpha.unit])
    services.notice_save(
        notice=Notice(
            complex=alpha.complex, title="선거구 공지", body="b", audience=Audience.WARD, ward=ward
        ),
        by=None,
    )
    client.force_login(alpha.owner)
    assert "선거구 공지" in client.get(url("notice_list", alpha)).content.decode()
    client.force_login(alpha.lessee)
    assert "선거구 공지" not in client.get(url("notice_list", alpha)).content.decode()


def test_register_import_from_xlsx(alpha):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["building", "unit", "kind", "moved_in_on", "name", "phone"])
    ws.append(
        [
            "101",
            "1203",
            "소유자",
            __import__("datetime").date(2019, 4, 1),
            "김민준",
            "010-1234-5678",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    assert (
        services.register_import(
            complex=alpha.complex, data=buf.getvalue(), filename="r.xlsx", by=None
        )
        == 1
    )
    assert alpha.unit.occupancies.get().moved_in_on.isoformat() == "2019-04-01"


def test_report_defaults_to_the_period_since_the_last_council_meeting(alpha, client):
    """Art. 62①5: reported at each council meeting — the default period starts the day after
    the last meeting held."""
    from council.models import Meeting

    held = timezone.now() - timedelta(days=45)
    Meeting.objects.create(
        complex=alpha.complex,
        number=1,
        kind="regular",
        starts_at=held,
        place="회의실",
        status="held",
    )
    client.force_login(alpha.staff)
    page = client.get(url("complaint_report", alpha)).content.decode()
    start = (timezone.localtime(held).date() + timedelta(days=1)).isoformat()
    assert f'value="{start}"' in page
