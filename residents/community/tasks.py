"""Reminders of community life. Tasks take ids, re-fetch, and are harmless to run twice: each
reminder is recorded once in CommunityReminder (unique per kind and object)."""

from datetime import timedelta

from celery import shared_task
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from complexes.models import Complex
from complexes.selectors import office_users
from core.links import absolute_url

from ..models import Complaint, ComplaintCategory, ComplaintStatus
from ..notifications.services import notify
from . import leases, selectors
from .groups_models import (
    CommunityGroup,
    FundingStatus,
    GroupExpense,
    GroupFunding,
    GroupStatus,
    ReportKind,
)
from .lease_models import InsurancePolicy
from .models import CommunityReminder, ConsentApplication, ConsentStatus
from .services import groups as group_services


def _claim(complex_id, kind: str, object_id: int) -> bool:
    """True the first time (kind, object) is claimed; False ever after."""
    try:
        with transaction.atomic():
            CommunityReminder.objects.create(complex_id=complex_id, kind=kind, object_id=object_id)
    except IntegrityError:
        return False
    return True


@shared_task
def notify_consent_decided(application_id: int) -> int:
    """Tell the applicant of the office's decision (Art. 65). Sent once."""
    app = (
        ConsentApplication.objects.select_related("complex", "applicant")
        .filter(pk=application_id, status=ConsentStatus.DECIDED)
        .first()
    )
    if app is None or app.applicant is None:
        return 0
    if not _claim(app.complex_id, "consent_decided", app.pk):
        return 0
    link = absolute_url(reverse("residents:consent_detail", args=[app.complex.slug, app.pk]))
    notify(
        kind="community_consent_decided",
        complex=app.complex,
        to=[app.applicant],
        context={"complex": app.complex, "application": app, "link": link},
    )
    ConsentApplication.objects.filter(pk=app.pk).update(notified_at=timezone.now())
    return 1


@shared_task
def notify_neighbours_asked(application_id: int) -> int:
    """Ask the households on an application's neighbour list (Art. 65 table D 3가·6) for their
    answer — without naming the applicant's unit beyond its building. Sent once per application."""
    from complexes.models import Membership, Role

    app = (
        ConsentApplication.objects.select_related("complex", "unit__building")
        .filter(pk=application_id)
        .first()
    )
    if app is None or not _claim(app.complex_id, "consent_neighbours_asked", app.pk):
        return 0
    neighbours = list(
        {
            m.user_id: m.user
            for m in Membership.objects.filter(
                complex_id=app.complex_id,
                role=Role.RESIDENT,
                unit_id__in=app.neighbours.values("unit_id"),
            )
            .select_related("user")
            .order_by("user_id")
        }.values()
    )
    if not neighbours:
        return 0
    link = absolute_url(reverse("residents:consent_detail", args=[app.complex.slug, app.pk]))
    # One delivery each, by each household's own channel: nobody sees another's address.
    notify(
        kind="community_consent_asked",
        complex=app.complex,
        to=neighbours,
        context={"complex": app.complex, "application": app, "link": link},
    )
    return len(neighbours)


def smoking_overdue(*, complex, now=None) -> list[tuple[str, Complaint]]:
    """Indirect-smoking reports past the product deadlines (spec rule 28: the seed sets none —
    defaults acknowledge within 3 days, recommend (Art. 71-3①) or close within 14)."""
    now = now or timezone.now()
    s = selectors.settings_for(complex=complex)
    open_smoking = Complaint.objects.filter(
        complex=complex, category=ComplaintCategory.SMOKING
    ).exclude(status=ComplaintStatus.CLOSED)
    found = [
        ("smoking_ack", c)
        for c in open_smoking.filter(
            status=ComplaintStatus.RECEIVED, filed_at__lt=now - timedelta(days=s.smoking_ack_days)
        )
    ]
    found += [
        ("smoking_resolve", c)
        for c in open_smoking.filter(
            filed_at__lt=now - timedelta(days=s.smoking_resolve_days), dispute_step=""
        )
    ]
    return found


@shared_task
def community_reminders(complex_id: int) -> int:
    """One complex's daily community reminders to its office (each sent once):

    * indirect-smoking reports past the product deadlines (Art. 71-3; spec rule 28);
    * group support undecided 7 days before Art. 39④'s 30-day deadline for a refusal's reasons;
    * group funding: 별지 5-2 not filed within 10 days of the notice → the support is cancelled
      (별첨 5 §6③); a published amount whose 5-day transfer window has started (§6);
    * insurance (Art. 72): a policy ending within 30 days; no active fire or facility-accident
      policy (once a month while the gap lasts);
    * a group's monthly expense statement not yet published by the 3rd (due the 5th, 별첨 5 §11④).
    """
    complex_ = Complex.objects.filter(pk=complex_id).first()
    if complex_ is None:
        return 0
    today = timezone.localdate()
    items = []
    for kind, c in smoking_overdue(complex=complex_):
        if _claim(complex_.pk, kind, c.pk):
            items.append(
                f"[간접흡연] {c.title} — "
                + ("확인 기한 경과" if kind == "smoking_ack" else "권고·종결 기한 경과 (제품 설정)")
            )
    for g in CommunityGroup.objects.filter(complex=complex_, status=GroupStatus.FILED):
        due = group_services.refusal_due(g)
        if today >= due - timedelta(days=7) and _claim(complex_.pk, "group_refusal_due", g.pk):
            items.append(f"[공동체 단체] {g.name} — 지원 여부 결정 기한 {due} (제39조④)")
    for f in GroupFunding.objects.filter(complex=complex_, status=FundingStatus.NOTIFIED):
        if group_services.funding_cancel_overdue(funding=f, on=today):
            items.append(
                f"[단체 지원금] {f.group.name} — 교부 신청 없이 10일 경과, 취소 (별첨 5 §6)"
            )
    for f in GroupFunding.objects.filter(
        complex=complex_, status=FundingStatus.PUBLISHED, published_until__lt=today
    ):
        if _claim(complex_.pk, "funding_transfer_due", f.pk):
            items.append(
                f"[단체 지원금] {f.group.name} — {group_services.transfer_due(f)}까지 이체 (별첨 5 §6)"
            )
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    spent = GroupExpense.objects.filter(
        complex=complex_, spent_on__gte=last_month, spent_on__lt=today.replace(day=1)
    ).values_list("group_id", flat=True)
    for g in CommunityGroup.objects.filter(pk__in=spent).exclude(
        reports__kind=ReportKind.MONTHLY, reports__period=last_month
    ):
        if today.day >= 3 and _claim(
            complex_.pk,
            "group_monthly_due",
            g.pk * 1_000_000 + last_month.year * 100 + last_month.month,
        ):
            items.append(
                f"[공동체 단체] {g.name} — {last_month:%Y-%m} 사용내역 공개 기한 "
                f"{group_services.monthly_due(last_month)} (별첨 5 §11④)"
            )
    policies = list(InsurancePolicy.objects.filter(complex=complex_))
    for p in leases.expiring(policies, on=today):
        if _claim(complex_.pk, "insurance_expiring", p.pk):
            items.append(f"[보험] {p.get_kind_display()} {p.insurer} — {p.ends_on} 만료 (제72조)")
    for kind in leases.insurance_gaps(policies, on=today):
        # once per kind and month while the gap lasts
        if _claim(complex_.pk, f"insurance_gap_{kind}", today.year * 100 + today.month):
            label = dict(InsurancePolicy._meta.get_field("kind").choices)[kind]
            items.append(f"[보험] {label} 가입 기록이 없습니다 (제72조)")
    to = office_users(complex_id=complex_.pk)
    if items and to:
        notify(
            kind="community_reminders",
            complex=complex_,
            to=to,
            context={
                "complex": complex_,
                "items": items,
                "link": absolute_url(reverse("residents:community_home", args=[complex_.slug])),
            },
        )
    return len(items)


@shared_task
def community_reminders_all() -> int:
    """Beat entry: every complex's community reminders (Arts. 39④, 41①, 71-3)."""
    total = 0
    for pk in Complex.objects.values_list("pk", flat=True):
        total += community_reminders(pk)
    return total
