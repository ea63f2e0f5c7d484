"""Writes of the repair reserve fund (above fees): usage plans (별지 12) — approval, contract,
spending, documents —, manual ledger entries (Art. 80②, 63④), the yearly 별지 6 (Art. 79①)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from core import hooks
from core.errors import ApplicationError
from core.uploads import check_upload
from repairs.plan.plan_math import ComponentSpec
from repairs.plan.services import check_resolution

from .models import (
    AnnualStatus,
    DocumentKind,
    EntryKind,
    ReserveEntry,
    UsagePlan,
    UsagePlanDocument,
    UsagePlanStatus,
)
from .status import annual_status


def usage_plan_create(*, complex, by=None, **values):
    """Draft a usage plan (별지 12). With a component, the plan's cycle and rate and the years
    elapsed since its last scheduled repair are filled in."""
    if not (values.get("title") or "").strip():
        raise ApplicationError("공사명을 적어 주세요.")
    amount = values.get("estimated_amount")
    if amount is None or int(amount) <= 0:
        raise ApplicationError("예정 금액은 0보다 커야 합니다.")
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        raise ApplicationError("공사 종료 예정일이 시작 예정일보다 빠릅니다.")
    component = values.get("component")
    if component is not None:
        if component.complex_id != complex.pk:
            raise ApplicationError("다른 단지의 공사종별입니다.")
        values.setdefault("plan_cycle_years", component.cycle_years)
        values.setdefault("plan_repair_rate", component.repair_rate)
        if values.get("elapsed_years") is None:
            spec = ComponentSpec.of(component)
            year = timezone.localdate().year
            past = [y for y in spec.occurrence_years(complex.approved_on.year, year) if y < year]
            values["elapsed_years"] = year - (past[-1] if past else complex.approved_on.year)
    return UsagePlan.objects.create(complex=complex, created_by=by, **values)


def usage_plan_approve(*, usage_plan, resolution):
    """Art. 79②: the council resolves the usage plan before the bidding notice."""
    with transaction.atomic():
        plan = UsagePlan.objects.select_for_update().get(pk=usage_plan.pk)
        if plan.status != UsagePlanStatus.DRAFT:
            raise ApplicationError("작성 중인 사용계획서만 의결을 반영할 수 있습니다.")
        check_resolution(plan.complex, resolution)
        plan.resolution = resolution
        plan.status = UsagePlanStatus.APPROVED
        plan.approved_at = resolution.decided_at
        plan.save(update_fields=["resolution", "status", "approved_at"])
    return plan


def usage_plan_contract(*, usage_plan, contractor: str, amount: int, contracted_on: date):
    """Record the contract of a usage plan the council approved (Art. 79②: resolved before the
    bidding notice, so signed on or after the resolution). Once committed, the contract's
    publication is recorded in the disclosure registry, due within 1 month (제57조③)."""
    with transaction.atomic():
        plan = UsagePlan.objects.select_for_update().get(pk=usage_plan.pk)
        if plan.status != UsagePlanStatus.APPROVED:
            raise ApplicationError(
                "입주자대표회의 의결을 거친 사용계획서만 계약을 기록할 수 있습니다 (제79조②)."
            )
        check_resolution(plan.complex, plan.resolution)
        if not (contractor or "").strip() or not amount or int(amount) <= 0:
            raise ApplicationError("계약 상대방과 0보다 큰 계약 금액을 적어 주세요.")
        if plan.approved_at and contracted_on < timezone.localtime(plan.approved_at).date():
            raise ApplicationError(
                "계약일이 의결보다 빠를 수 없습니다 (입찰공고 전 의결, 제79조②)."
            )
        plan.contractor = contractor.strip()
        plan.contract_amount = int(amount)
        plan.contracted_on = contracted_on
        plan.status = UsagePlanStatus.CONTRACTED
        plan.save(update_fields=["contractor", "contract_amount", "contracted_on", "status"])
        # 제57조③: the contract is published within 1 month of signing (disclosure registry).
        hooks.fire(
            "repairs.contract_signed",
            complex=plan.complex,
            source_object=plan,
            title=plan.title,
            contractor=plan.contractor,
            amount=plan.contract_amount,
            signed_on=plan.contracted_on,
        )
    return plan


def spending_record(
    *,
    usage_plan,
    entry_date: date,
    amount: int,
    memo: str,
    final=False,
    by=None,
    document=None,
    document_kind: str = "other",
    caption: str = "",
):
    """Record money actually paid from the reserve against a contracted usage plan (Art. 79②:
    only after the council's resolution and the contract); `final` marks the works executed.
    With `document`, the file (photos, drawings … kept permanently, Art. 64①13–15) is stored
    with it — both or neither."""
    with transaction.atomic():
        plan = UsagePlan.objects.select_for_update().get(pk=usage_plan.pk)
        if plan.status != UsagePlanStatus.CONTRACTED:
            raise ApplicationError("계약이 기록된 사용계획서에만 집행을 기록할 수 있습니다.")
        if not amount or int(amount) <= 0:
            raise ApplicationError("집행 금액은 0보다 커야 합니다.")
        entry = ReserveEntry.objects.create(
            complex=plan.complex,
            entry_date=entry_date,
            kind=EntryKind.SPENDING,
            amount=int(amount),
            memo=(memo or plan.title).strip()[:200],
            usage_plan=plan,
            recorded_by=by,
        )
        if document is not None:
            document_add(usage_plan=plan, kind=document_kind, file=document, caption=caption, by=by)
        if final:
            plan.status = UsagePlanStatus.EXECUTED
            plan.save(update_fields=["status"])
    return entry


def entry_record(*, complex, kind: str, entry_date: date, amount: int, memo: str, by=None):
    """A ledger entry that needs no usage plan: credits (opening balance, interest) or meter
    re-verification (Art. 63④). Owners' misc income (Art. 80②) comes from the fees app's misc
    income, not from here. The developer's share for unsold units (seed 004, 시행령 31조⑦) is
    carried by the unsold units' issued bills and enters the ledger from them (kind
    `developer`): entering it by hand as well would count it twice, so it is refused here —
    amounts from before the portal's bills belong in the opening balance."""
    if kind == EntryKind.DEVELOPER:
        raise ApplicationError(
            "사업주체 부담분(미분양 세대)은 해당 세대의 관리비 고지서로 부과되어 원장에 자동으로 "
            "적립됩니다. 중복 적립을 막기 위해 직접 기록할 수 없습니다 (포털 이전 분은 이월 잔액으로)."
        )
    if kind == EntryKind.SPENDING:
        raise ApplicationError("공사 집행은 사용계획서에서 기록합니다 (제79조②).")
    if kind == EntryKind.MISC_INCOME:
        raise ApplicationError(
            "입주자 기여 잡수입(제80조②)은 관리비의 잡수입에 기록하면 충당금에 적립됩니다."
        )
    if kind not in EntryKind.values:
        raise ApplicationError("구분을 골라 주세요.")
    if not amount or int(amount) <= 0:
        raise ApplicationError("금액은 0보다 커야 합니다.")
    if not (memo or "").strip():
        raise ApplicationError("적요를 적어 주세요.")
    return ReserveEntry.objects.create(
        complex=complex,
        kind=kind,
        entry_date=entry_date,
        amount=int(amount),
        memo=memo.strip()[:200],
        recorded_by=by,
    )


def document_add(*, usage_plan, kind: str, file, caption="", by=None):
    if kind not in DocumentKind.values:
        raise ApplicationError("문서 종류를 골라 주세요.")
    if file is None:
        raise ApplicationError("파일을 골라 주세요.")
    check_upload(file)  # the one upload limit (core/uploads.py)
    return UsagePlanDocument.objects.create(
        complex=usage_plan.complex,
        usage_plan=usage_plan,
        kind=kind,
        file=file,
        caption=caption,
        uploaded_by=by,
    )


def annual_status_prepare(*, complex, year: int):
    """January: freeze the 별지 6 figures of December 31 of `year`, to publish by March 31
    (Art. 79①). Idempotent: an existing status for the year is returned unchanged."""
    existing = AnnualStatus.objects.filter(complex=complex, year=year).first()
    if existing:
        return existing
    figures = annual_status(complex=complex, year=year)
    if figures is None:
        return None
    return AnnualStatus.objects.create(
        complex=complex, year=year, figures=figures, publish_by=date(year + 1, 3, 31)
    )


def annual_status_publish(*, complex, year: int, by=None):
    """Art. 79①: mark the year's 별지 6 as published (notice board and disclosure portal), freezing
    its figures first if January's task has not."""
    status = annual_status_prepare(complex=complex, year=year)
    if status is None:
        raise ApplicationError("장기수선계획이 없어 적립 현황을 공개할 수 없습니다.")
    if year >= timezone.localdate().year:
        raise ApplicationError("적립 현황은 해가 끝난 뒤(12월 31일 기준) 공개합니다.")
    updated = AnnualStatus.objects.filter(pk=status.pk, published_at__isnull=True).update(
        published_at=timezone.now()
    )
    if not updated:
        raise ApplicationError(f"{year}년 적립 현황은 이미 공개되었습니다.")
    status.refresh_from_db()
    hooks.fire("repairs.reserve_status_published", status=status)  # Art. 79①
    return status
