"""One object of each residents model in a tenant's complex, marked with the complex's name in
upper case ("ALPHA") so the tenancy walk can spot a leak."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complexes.models import ResidentKind
from residents import selectors, services
from residents.models import Audience, Notice, VoterBasis

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def populate(tenant):
    mark = tenant.complex.slug.upper()
    selectors.settings_for(complex=tenant.complex)
    services.settings_update(complex=tenant.complex, by=tenant.manager, complaint_reminder_days=5)
    owner = services.occupancy_move_in(
        unit=tenant.unit,
        kind=ResidentKind.OWNER,
        moved_in_on=date(2020, 1, 1),
        name=f"{mark} 소유자",
        by=tenant.manager,
        vehicles=[(f"{mark}12가3456", "")],
        members=[("공유자", f"{mark} 공유자", None, "")],
    )
    services.occupancy_move_in(
        unit=tenant.lessee_unit,
        kind=ResidentKind.LESSEE,
        moved_in_on=date(2023, 1, 1),
        name=f"{mark} 임차인",
        owner_name=f"{mark} 집주인",
        by=tenant.manager,
    )
    services.voter_designate(
        occupancy=owner,
        voter_name=f"{mark} 공유자",
        basis=VoterBasis.CO_OWNER,
        by=tenant.manager,
        document=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 " + mark.encode()),
    )
    services.change_request_create(
        occupancy=owner, changes={"phone": "010-0000-0000"}, by=tenant.owner
    )
    complaint = services.complaint_file(
        complex=tenant.complex,
        by=tenant.owner,
        unit=tenant.unit,
        category="noise",
        title=f"{mark} 층간소음",
        body=f"{mark} 민원 내용",
        files=[SimpleUploadedFile("p.png", PNG)],
    )
    services.complaint_comment(
        complaint=complaint, by=tenant.staff, text=f"{mark} 조치", by_office=True, action=True
    )
    services.dispute_advance(
        complaint=complaint,
        step="investigated",
        happened_on=timezone.localdate(),
        by=tenant.staff,
    )
    services.notice_save(
        notice=Notice(
            complex=tenant.complex,
            title=f"{mark} 공지",
            body=f"{mark} 본문",
            audience=Audience.BUILDING,
            building=tenant.building,
            statutory_kind="council_meeting",
            due_on=timezone.localdate(),
        ),
        by=tenant.manager,
        files=[SimpleUploadedFile("n.pdf", b"%PDF-1.4 " + mark.encode())],
    )
    # a residents' petition (an extraordinary meeting, Art. 26③4) with a paper record
    from residents.petitions.services import petition_paper_record, petition_start

    petition = petition_start(
        complex=tenant.complex,
        kind="convene",
        title=f"{mark} 임시회의 소집 요구",
        summary=f"{mark} 소집 이유",
        representative_name=f"{mark} 대표인",
        by=tenant.lessee,
        payload={"reason": f"{mark} 소집 이유"},
    )
    petition_paper_record(
        petition=petition,
        scan=SimpleUploadedFile("petition.png", PNG),
        signers=f"{tenant.building.name},{tenant.lessee_unit.number},{mark} 임차인",
        by=tenant.manager,
    )
    populate_community(tenant, mark)


def populate_community(tenant, mark):
    """One object of each community-life model (residents.community), marked."""
    from datetime import time, timedelta

    from residents.community.models import BuildingLayout, UnitPlacement
    from residents.community.services import cars, consents, facilities, groups

    BuildingLayout.objects.create(complex=tenant.complex, building=tenant.building)
    UnitPlacement.objects.create(complex=tenant.complex, unit=tenant.unit, line=3, entrance=2)
    room = facilities.facility_save(
        complex=tenant.complex, by=tenant.manager, name=f"{mark} 독서실", opens_at=time(6),
        closes_at=time(23), fee_per_slot=1000,
    )  # fmt: skip
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    start += timedelta(days=1)
    facilities.booking_create(
        facility=room, unit=tenant.unit, by=tenant.owner, starts_at=start,
        ends_at=start + timedelta(hours=1),
    )  # fmt: skip
    cars.visitor_register(
        unit=tenant.unit, plate="12가3456", visit_from=timezone.localdate(), purpose=f"{mark} 방문",
        by=tenant.owner,
    )  # fmt: skip
    consents.consent_apply(
        unit=tenant.unit, by=tenant.owner, case="6", description=f"{mark} 공부방"
    )
    group = groups.group_file(
        complex=tenant.complex, by=tenant.owner, name=f"{mark} 텃밭 모임", purpose=f"{mark} 목적",
        formed_on=date(2026, 3, 1), main_activities=f"{mark} 활동",
        members=[{"name": f"{mark}대표", "unit": tenant.unit, "kind": "resident",
                  "is_representative": True}],
    )  # fmt: skip
    group.status = "approved"
    group.save()
    groups.funding_request(group=group, purpose=f"{mark} 사업", requested_amount=100_000)
    groups.expense_record(
        group=group, by=tenant.manager, spent_on=date(2026, 1, 5), amount=10_000,
        item=f"{mark} 모종", receipt_kind="card", reported_before=True,
    )  # fmt: skip
    groups.report_publish(group=group, kind="monthly", period=date(2026, 1, 1), by=tenant.manager)
    from residents.community.services.parking import parking_record

    parking_record(
        complex=tenant.complex, by=tenant.manager, kind="lease", operator=f"{mark} 카셰어링",
        operator_kind="car_sharing", spaces=2, locations=f"{mark} 지하 1층",
        resolution=f"{mark} 제1호", starts_on=date(2026, 12, 1),
    )  # fmt: skip
    from residents.community.services.leases import daycare_lease_record, insurance_policy_record

    daycare_lease_record(
        complex=tenant.complex, by=tenant.manager, method="commission", operator=f"{mark} 어린이집",
        classes=[{"age": "만1세", "capacity": 5, "fee": 400_000}], monthly_rent=50_000,
        starts_on=date(2026, 3, 1), ends_on=date(2029, 2, 28), method_vote=f"{mark} 주민투표",
    )  # fmt: skip
    insurance_policy_record(
        complex=tenant.complex, by=tenant.manager, kind="fire", insurer=f"{mark} 보험",
        policy_no="F-1", insured_objects=f"{mark} 건물", starts_on=date(2026, 1, 1),
        ends_on=date(2027, 1, 1), premium=1_000_000,
    )  # fmt: skip
    from residents.community.models import CommunityReminder, CommunitySettings

    CommunitySettings.objects.get_or_create(complex=tenant.complex)
    CommunityReminder.objects.create(complex=tenant.complex, kind="test", object_id=1)
