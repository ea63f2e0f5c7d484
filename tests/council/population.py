"""One object of each council model in a complex, with "ALPHA"-style markers (the walk)."""

from datetime import timedelta

from django.utils import timezone

from complexes.models import Ward
from council import services
from council.models import (
    ConveneRequest,
    ExpenseCategory,
    FilerKind,
    MeetingKind,
    NoticeReceipt,
    Observer,
    Office,
    SuspensionReason,
)
from tests.council.helpers import kst


def populate(tenant):
    c = tenant.complex
    marker = c.name.replace("아파트", "").upper()  # "알파" → marker text below uses slug
    tag = tenant.complex.slug.upper()
    wards = [Ward.objects.create(complex=c, name=f"{tag} 제{i}선거구") for i in (1, 2, 3)]
    term = timezone.localdate() - timedelta(days=200)
    reps = [
        services.representative_seat(
            complex=c, ward=wards[0], user_or_name=tenant.council, term_start=term
        ),
        services.representative_seat(
            complex=c, ward=wards[1], user_or_name=f"{tag} 대표", term_start=term
        ),
    ]
    services.officer_appoint(representative=reps[0], office=Office.CHAIR, starts_on=term)
    today = timezone.localdate()
    starts = kst(today.year, today.month, today.day, 19)
    meeting = services.meeting_create(
        complex=c,
        kind=MeetingKind.REGULAR,
        starts_at=starts,
        place=f"{tag} 회의실",
        now=starts - timedelta(days=7),
    )
    item = services.item_propose(
        complex=c,
        by=tenant.owner,
        proposer_kind="residents",
        proposer_name=f"{tag} 주민",
        title=f"{tag} 안건",
        motion=f"{tag} 의결주문",
        reason=f"{tag} 이유",
        content=tag,
    )
    services.item_submit(item=item, cost_estimate=1000)
    services.item_schedule(item=item, meeting=meeting)
    spare = services.item_propose(
        complex=c,
        by=tenant.owner,
        proposer_kind="residents",
        proposer_name=f"{tag} 주민",
        title=f"{tag} 다음 안건",
        motion=tag,
        reason=tag,
        content=tag,
    )
    services.meeting_send_notice(meeting=meeting, now=starts - timedelta(days=6))
    Observer.objects.create(complex=c, meeting=meeting, name=f"{tag} 방청")
    services.attendance_record(meeting=meeting, present_ids=[reps[0].pk, reps[1].pk], now=starts)
    services.vote_cast(item=item, representative=reps[0], choice="yes", by=tenant.council)
    services.vote_cast(
        item=item, representative=reps[1], choice="yes", by=tenant.manager, is_office=True
    )
    resolution = services.item_decide(item=item)
    services.minutes_sign(meeting=meeting, representative=reps[0], user=tenant.council)
    services.representative_suspend(
        representative=reps[1], reason=SuspensionReason.OTHER, starts_on=today, note=tag
    )
    services.minutes_record_speech(meeting=meeting, speech_record=f"{tag} 발언", item_details="")
    services.reconsideration_file(
        resolution=resolution,
        filer_kind=FilerKind.OFFICE,
        representative_name=f"{tag} 소장",
        violation=tag,
        proposal=tag,
    )
    services.expense_record(
        complex=c,
        spent_on=today,
        category=ExpenseCategory.ATTENDANCE,
        amount=50_000,
        description=f"{tag} 출석수당",
        representative=reps[0],
        meeting=meeting,
    )
    ConveneRequest.objects.create(
        complex=c, requester="office", reason=f"{tag} 소집", received_on=today
    )
    assert NoticeReceipt.objects.filter(complex=c).exists()
    del marker, spare
    _populate_contracts(tenant, tag)


def _populate_contracts(tenant, tag):
    """One object of each contracts model (council/contracts/), with the complex's marker."""
    from datetime import date

    from council.contracts import audits, renewals
    from council.contracts import services as contracts
    from council.contracts.evaluation import TEMPLATES
    from tests.contracts.helpers import resolution

    c = tenant.complex
    today = timezone.localdate()
    p = contracts.procurement_create(
        complex=c, title=f"{tag} 공사", kind="works", funding="fees", estimated_amount=1_000
    )
    contracts.procurement_set_method(
        procurement=p, method="lowest", resolution=resolution(c, on=today, yes=6, title=tag)
    )
    p = contracts.procurement_publish_notice(
        procurement=p,
        bid_deadline=today - timedelta(days=1),
        now=timezone.now() - timedelta(days=12),
    )
    contracts.bid_record(procurement=p, company_name=f"{tag} 건설", business_no=tag, price=900)
    mc = contracts.contract_create(
        complex=c, kind="management_company", title=f"{tag} 위탁관리", counterparty=f"{tag} 관리",
        signed_on=today, start=today, end=today + timedelta(days=400), total_amount=1_000,
    )  # fmt: skip
    rc = renewals.recontract_start(
        contract=mc, resolution=resolution(c, on=today, yes=6, title=tag),
        items={str(k): tag for k in range(1, 9)}, posted_from=today,
        posted_until=today + timedelta(days=9), window_from=today,
        window_until=today + timedelta(days=4), place=tag,
    )  # fmt: skip
    renewals.opinion_record(
        recontract=rc, unit=tenant.unit, choice="agree", signer=tag, signed_on=today
    )
    sc = contracts.contract_create(
        complex=c, kind="service", service_category="cleaning", title=f"{tag} 청소",
        counterparty=f"{tag} 미화", signed_on=today, start=today,
        end=today + timedelta(days=400), total_amount=1_000,
    )  # fmt: skip
    sheet = {code: m for code, _, m in TEMPLATES["cleaning"]}
    renewals.evaluation_record(
        contract=sc,
        template="cleaning",
        evaluated_on=today,
        sheets=[{"name": tag, "scores": sheet}],
    )
    renewals.restriction_record(contract=sc, demanding_units=2)
    from council.contracts import guarantees, method_change

    method_change.method_change_propose(
        complex=c, resolution=resolution(c, on=today, yes=6, title=tag), today=today
    )

    guarantees.guarantee_record(
        complex=c, holder="office_manager", holder_name=tag, kind="deposit", amount=1,
        issuer=tag, valid_from=today, valid_until=today + timedelta(days=90),
    )  # fmt: skip
    a = audits.auditor_appoint(
        complex=c, auditor_name=f"{tag} 회계", fiscal_year=2025, not_disciplined=True,
        not_suspended=True, appointed_on=date(2026, 1, 2),
    )  # fmt: skip
    audits.audit_report_create(
        complex=c, kind="external", appointment=a, title=f"{tag} 감사",
        period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        sections={str(k): tag for k in range(1, 9)}, submitted_on=date(2026, 3, 1),
        findings=[f"{tag} 지적"],
    )  # fmt: skip
