"""Community activation groups (Arts. 39–43; 별첨 5; 별지 5-1, 5-2)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError

from .. import selectors
from ..groups_models import (
    CommunityGroup,
    FundingStatus,
    GroupFunding,
    GroupMember,
    GroupStatus,
    MemberKind,
)

MIN_MEMBERS = 10  # Art. 39①: 입주자등 10명 이상
REFUSAL_DAYS = 30  # Art. 39④: reasons within 30 days of the application
APPLY_DAYS = 10  # 별첨 5 §6: 별지 5-2 within 10 days of the council's notice
PUBLISH_DAYS = 10  # 별첨 5 §6⑤: published for 10 days
TRANSFER_DAYS = 5  # 별첨 5 §6: transfer within 5 days after the publication ends


def _member(group, m: dict) -> GroupMember:
    kind = m.get("kind") or MemberKind.RESIDENT
    if kind not in MemberKind.values:
        raise ApplicationError(_("회원 구분이 올바르지 않습니다."), {"field": "members"})
    unit = m.get("unit")
    if kind == MemberKind.RESIDENT and unit is None:
        raise ApplicationError(
            _("입주자등 회원 %(n)s의 동·호를 적어 주세요.") % {"n": m.get("name", "")},
            {"field": "members"},
        )
    if unit is not None and unit.complex_id != group.complex_id:
        raise ApplicationError(_("이 단지의 세대가 아닙니다."), {"field": "members"})
    if not (m.get("name") or "").strip():
        raise ApplicationError(_("회원 성명을 적어 주세요."), {"field": "members"})
    return GroupMember(
        complex_id=group.complex_id,
        group=group,
        name=m["name"].strip(),
        position=m.get("position", ""),
        kind=kind,
        unit=unit,
        phone=m.get("phone", ""),
        is_representative=bool(m.get("is_representative")),
    )


@transaction.atomic
def group_file(
    *, complex, by, name, purpose, formed_on: date, main_activities, rules="", members=()
) -> CommunityGroup:
    """File a group's formation report (별지 5-1, Art. 39②) with its member list; exactly one
    representative. The ten-member requirement is checked when the council decides."""
    if CommunityGroup.objects.filter(complex=complex, name=name).exists():
        raise ApplicationError(_("같은 이름의 단체가 있습니다."), {"field": "name"})
    group = CommunityGroup.objects.create(
        complex=complex,
        name=name,
        purpose=purpose,
        formed_on=formed_on,
        main_activities=main_activities,
        rules=rules,
        filed_by=by,
    )
    rows = [_member(group, m) for m in members]
    if sum(1 for r in rows if r.is_representative) != 1:
        raise ApplicationError(_("대표자 한 명을 정해 주세요."), {"field": "members"})
    GroupMember.objects.bulk_create(rows)
    return group


@transaction.atomic
def group_member_add(*, group, by, **member) -> GroupMember:
    row = _member(group, {**member, "is_representative": False})
    row.save()
    return row


def refusal_due(group) -> date:
    """Art. 39④ (open reading 2): refusal reasons within 30 days of the filing."""
    return timezone.localtime(group.filed_at).date() + timedelta(days=REFUSAL_DAYS)


@transaction.atomic
def group_decide(*, group, approve: bool, resolution: str, by, reasons: str = "", on=None):
    """The council's decision on support (Art. 39①④). Approval needs ≥ 10 members who are
    입주자등 (experts, civic-group members, neighbourhood residents do not count — open reading
    1). The council must support unless the activity does not fit community activation; a
    refusal states its reasons, which go to the group and the board within 30 days."""
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != GroupStatus.FILED:
        raise ApplicationError(_("이미 결정된 단체입니다."))
    if not (resolution or "").strip():
        raise ApplicationError(
            _("입주자대표회의 의결(회차·안건)을 적어 주세요."), {"field": "resolution"}
        )
    if approve:
        n = selectors.counting_members(group=group)
        if n < MIN_MEMBERS:
            raise ApplicationError(
                _(
                    "입주자등 회원이 %(n)s명입니다. 공동체 활성화 단체는 입주자등 10명 이상으로 "
                    "구성해야 합니다 (제39조①; 전문가·시민단체·인근 주민은 세지 않음)."
                )
                % {"n": n},
                {"field": "approve"},
            )
        group.status = GroupStatus.APPROVED
    else:
        if not (reasons or "").strip():
            raise ApplicationError(
                _("지원하지 않는 사유를 적어 주세요 (제39조④)."), {"field": "reasons"}
            )
        group.status = GroupStatus.REFUSED
        group.refusal_reasons = reasons.strip()
    group.resolution = resolution.strip()
    group.decided_on = on or timezone.localdate()
    group.save()
    return group


# --- funding (Art. 41①, 별첨 5 §6) ---------------------------------------------------------------


@transaction.atomic
def funding_request(
    *, group, purpose, requested_amount: int, requested_on=None, period="", cost_basis=""
) -> GroupFunding:
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != GroupStatus.APPROVED:
        raise ApplicationError(_("지원 결정을 받은 단체만 지원금을 신청할 수 있습니다."))
    if requested_amount <= 0:
        raise ApplicationError(_("신청 금액은 1원 이상입니다."), {"field": "requested_amount"})
    return GroupFunding.objects.create(
        complex_id=group.complex_id,
        group=group,
        purpose=purpose,
        period=period,
        cost_basis=cost_basis,
        requested_amount=requested_amount,
        requested_on=requested_on or timezone.localdate(),
    )


def _lock(funding) -> GroupFunding:
    return GroupFunding.objects.select_for_update().get(pk=funding.pk)


@transaction.atomic
def funding_notify(*, funding, amount: int, resolution: str, on=None) -> GroupFunding:
    """The council resolves part or all of the request and notifies the group (별첨 5 §6②)."""
    funding = _lock(funding)
    if funding.status != FundingStatus.REQUESTED:
        raise ApplicationError(_("이미 결정한 신청입니다."))
    if not 0 < amount <= funding.requested_amount:
        raise ApplicationError(
            _("지원 금액은 1원 이상, 신청 금액(%(r)s원) 이하입니다.")
            % {"r": funding.requested_amount},
            {"field": "amount"},
        )
    if not (resolution or "").strip():
        raise ApplicationError(_("입주자대표회의 의결을 적어 주세요."), {"field": "resolution"})
    funding.council_amount = amount
    funding.resolution = resolution.strip()
    funding.notified_on = on or timezone.localdate()
    funding.status = FundingStatus.NOTIFIED
    funding.save()
    return funding


def apply_due(funding) -> date | None:
    return funding.notified_on + timedelta(days=APPLY_DAYS) if funding.notified_on else None


@transaction.atomic
def funding_apply(*, funding, on=None) -> GroupFunding:
    """The group files 별지 5-2 within 10 days of the notice (별첨 5 §6③); later, the support is
    cancelled and the money stays in the misc-income account."""
    funding = _lock(funding)
    on = on or timezone.localdate()
    if funding.status != FundingStatus.NOTIFIED:
        raise ApplicationError(_("지원 결정 통보를 받은 신청만 교부 신청할 수 있습니다."))
    if on > apply_due(funding):
        raise ApplicationError(
            _("결정 통보일(%(d)s)부터 10일이 지나 지원이 취소됩니다 (별첨 5 §6③).")
            % {"d": funding.notified_on.isoformat()}
        )
    funding.applied_on = on
    funding.status = FundingStatus.APPLIED
    funding.save()
    return funding


@transaction.atomic
def funding_cancel_overdue(*, funding, on=None) -> bool:
    """Cancel a notified support whose 별지 5-2 did not come within 10 days. Idempotent."""
    funding = _lock(funding)
    on = on or timezone.localdate()
    if funding.status != FundingStatus.NOTIFIED or on <= apply_due(funding):
        return False
    funding.status = FundingStatus.CANCELLED
    funding.cancelled_reason = _("결정 통보 후 10일 안에 교부 신청서(별지 5-2)가 없어 취소")
    funding.save()
    return True


@transaction.atomic
def funding_publish(*, funding, on=None) -> GroupFunding:
    """The office publishes the amounts for 10 days (별첨 5 §6⑤)."""
    funding = _lock(funding)
    if funding.status != FundingStatus.APPLIED:
        raise ApplicationError(_("교부 신청을 받은 지원금만 공개할 수 있습니다."))
    start = on or timezone.localdate()
    funding.published_from = start
    funding.published_until = start + timedelta(days=PUBLISH_DAYS - 1)
    funding.status = FundingStatus.PUBLISHED
    funding.save()
    return funding


def transfer_due(funding) -> date | None:
    if funding.published_until is None:
        return None
    return funding.published_until + timedelta(days=TRANSFER_DAYS)


@transaction.atomic
def funding_transfer(*, funding, on=None) -> GroupFunding:
    """Transfer to the group's account within 5 days after the publication ends (별첨 5 §6)."""
    funding = _lock(funding)
    on = on or timezone.localdate()
    if funding.status != FundingStatus.PUBLISHED:
        raise ApplicationError(_("공개를 마친 지원금만 이체할 수 있습니다."))
    if on <= funding.published_until:
        raise ApplicationError(
            _("공개 기간(%(d)s까지)이 끝난 뒤에 이체합니다.")
            % {"d": funding.published_until.isoformat()}
        )
    funding.transferred_on = on
    funding.status = FundingStatus.TRANSFERRED
    funding.save()
    return funding


# --- spending and reports (Art. 39③, 41②; 별첨 5 §11–12) ---------------------------------------


def _month_after(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def monthly_due(month_first: date) -> date:
    """별첨 5 §11④: the month's statement by the 5th of the next month."""
    return _month_after(month_first).replace(day=5)


def yearly_due(fy_end: date) -> date:
    """별첨 5 §12: the audit within one month of the fiscal year's end."""
    nxt = _month_after(fy_end)
    from calendar import monthrange

    return nxt.replace(day=min(fy_end.day, monthrange(nxt.year, nxt.month)[1]))


@transaction.atomic
def expense_record(*, group, by, spent_on: date, amount: int, item: str, receipt_kind: str,
                   receipt=None, reported_before: bool = False):  # fmt: skip
    """Record a group's spending with its receipt (Art. 39③). Only an approved group spends
    support, and only after reporting to the council (§11②): `reported_before` must be set."""
    from ..groups_models import GroupExpense, ReceiptKind

    group = CommunityGroup.objects.get(pk=group.pk)
    if group.status != GroupStatus.APPROVED:
        raise ApplicationError(_("지원 결정을 받은 단체의 지출만 기록합니다."))
    if amount <= 0:
        raise ApplicationError(_("금액은 1원 이상입니다."), {"field": "amount"})
    if receipt_kind not in ReceiptKind.values:
        raise ApplicationError(
            _("증빙은 신용카드매출전표·현금영수증·세금계산서 중 하나입니다 (별첨 5 §11)."),
            {"field": "receipt_kind"},
        )
    if not reported_before:
        raise ApplicationError(
            _("단체는 지출 전에 입주자대표회의에 보고해야 합니다 (별첨 5 §11②)."),
            {"field": "reported_before"},
        )
    return GroupExpense.objects.create(
        complex_id=group.complex_id, group=group, spent_on=spent_on, amount=amount, item=item,
        receipt_kind=receipt_kind, receipt=receipt or "", reported_before=True,
    )  # fmt: skip


@transaction.atomic
def report_publish(*, group, kind: str, period: date, by, audit_opinion: str = "", on=None):
    """Publish a monthly statement (the month of `period`, by the 5th of the next, §11④) or the
    yearly settlement (FY ending `period`, with the council's audit opinion, within a month,
    §12). The total is summed from the recorded expenses (integer won); late publication is
    recorded as such, never refused."""
    from django.db.models import Sum

    from ..groups_models import GroupReport, ReportKind

    on = on or timezone.localdate()
    expenses = group.expenses.all()
    if kind == ReportKind.MONTHLY:
        period = period.replace(day=1)
        expenses = expenses.filter(spent_on__gte=period, spent_on__lt=_month_after(period))
        due = monthly_due(period)
    elif kind == ReportKind.YEARLY:
        if not (audit_opinion or "").strip():
            raise ApplicationError(
                _("연간 정산에는 입주자대표회의의 감사 의견이 필요합니다 (별첨 5 §12)."),
                {"field": "audit_opinion"},
            )
        try:  # the fiscal year: the day after the same date a year earlier … `period`
            start = period.replace(year=period.year - 1) + timedelta(days=1)
        except ValueError:  # a FY ending on 29 February
            start = date(period.year - 1, 3, 1)
        expenses = expenses.filter(spent_on__gte=start, spent_on__lte=period)
        due = yearly_due(period)
    else:
        raise ApplicationError(_("구분을 골라 주세요."), {"field": "kind"})
    if on < (period if kind == ReportKind.YEARLY else _month_after(period)):
        raise ApplicationError(_("기간이 끝난 뒤에 공개합니다."), {"field": "period"})
    if GroupReport.objects.filter(group=group, kind=kind, period=period).exists():
        raise ApplicationError(_("이 기간의 보고는 이미 공개했습니다."), {"field": "period"})
    total = expenses.aggregate(t=Sum("amount"))["t"] or 0
    return GroupReport.objects.create(
        complex_id=group.complex_id, group=group, kind=kind, period=period, total=total,
        audit_opinion=(audit_opinion or "").strip(), published_on=on, due_on=due,
    )  # fmt: skip
