"""Office pages of renewals (Arts. 58–60) and audits (Arts. 91–92) (thin views)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.tenancy import get_scoped

from . import audits, evaluation, forms, pdf, renewals
from .models import (
    AuditFinding,
    AuditReport,
    Contract,
    PerformanceEvaluation,
    Recontract,
)
from .views import MEMBERS, OFFICE_ROLES, complex_view, confirm_page, form_page, posted, url


@complex_view(*OFFICE_ROLES)
def recontract_new(request, ctx, pk):
    c = get_scoped(ctx, Contract, pk=pk)
    form = forms.RecontractForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("주택관리업자 재계약 공고"),
        back=url(ctx, "contract_detail", pk),
        do=lambda d: renewals.recontract_start(
            contract=c,
            resolution=d["resolution"],
            items=form.items(),
            posted_from=d["posted_from"],
            posted_until=d["posted_until"],
            window_from=d["window_from"],
            window_until=d["window_until"],
            place=d["place"],
        ),
        done=lambda r: url(ctx, "recontract_detail", r.pk),
        intro=_(
            "계약만료 60일 전까지 구성원 과반수로 의결하고, 8개 사항을 10일 이상 공고하며 "
            "의견 제출 기간은 5일 이상입니다(제58조①)."
        ),
    )


@complex_view(*MEMBERS)
def recontract_detail(request, ctx, pk):
    r = get_scoped(ctx, Recontract.objects.select_related("contract"), pk=pk)
    return render(
        request,
        "council/contracts/recontract_detail.html",
        {
            "ctx": ctx,
            "r": r,
            "tally": renewals.tally(r),
            "items": [
                (k, renewals.NOTICE_ITEMS[k], r.items.get(k, "")) for k in renewals.NOTICE_ITEMS
            ],
            "can_manage": ctx.is_office,
        },
    )


@complex_view(*OFFICE_ROLES)
def opinion_new(request, ctx, pk):
    r = get_scoped(ctx, Recontract, pk=pk)
    form = forms.OpinionEntryForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("의견서(별지 8) 기록"),
        back=url(ctx, "recontract_detail", pk),
        do=lambda d: renewals.opinion_record(recontract=r, **d),
        done=url(ctx, "recontract_detail", pk),
        intro=_("세대별 마지막 의견서가 반영됩니다. 부동의는 교체요구로 셉니다(제60조①)."),
    )


@complex_view(*OFFICE_ROLES)
def recontract_decide(request, ctx, pk):
    r = get_scoped(ctx, Recontract, pk=pk)
    form = forms.RecontractDecideForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("재계약 결정"),
        back=url(ctx, "recontract_detail", pk),
        do=lambda d: renewals.recontract_decide(recontract=r, **d),
        done=url(ctx, "recontract_detail", pk),
        intro=_(
            "이의 세대가 전체의 10분의 1 미만이고 입주자대표회의 구성원 3분의 2 이상이 "
            "찬성해야 재계약합니다. 교체요구가 과반수면 입찰참가를 제한합니다(제58조②, 제60조①). "
            "결정은 되돌릴 수 없습니다."
        ),
    )


@complex_view(*OFFICE_ROLES)
def evaluation_new(request, ctx, pk):
    c = get_scoped(ctx, Contract, pk=pk)
    template = c.service_category
    if template not in evaluation.TEMPLATES:
        raise PermissionDenied(_("이 용역에는 별지 10 평가표가 없습니다(입주자대표회의가 정함)."))
    form = forms.EvaluationForm(posted(request), template=template)
    return form_page(
        request,
        ctx,
        form,
        title=_("사업수행실적 평가(별지 10)"),
        back=url(ctx, "contract_detail", pk),
        do=lambda d: renewals.evaluation_record(
            contract=c,
            template=template,
            sheets=form.sheets(),
            evaluated_on=d["evaluated_on"],
            sanctioned=d["sanctioned"],
            renewal_term_from=d["renewal_term_from"],
            renewal_term_until=d["renewal_term_until"],
            renewal_amount=d["renewal_amount"],
        ),
        done=url(ctx, "contract_detail", pk),
        intro=_(
            "계약만료 45일 전까지 평가하며 평균 80점 이상이어야 재계약할 수 있습니다(제59조①)."
        ),
    )


@complex_view(*OFFICE_ROLES)
def evaluation_decide(request, ctx, pk):
    ev = get_scoped(ctx, PerformanceEvaluation, pk=pk)
    form = forms.ResolutionOptionalForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("용역사업자 재계약 결정"),
        back=url(ctx, "contract_detail", ev.contract_id),
        do=lambda d: renewals.evaluation_decide(evaluation_obj=ev, **d),
        done=url(ctx, "contract_detail", ev.contract_id),
        intro=_(
            "80점 미만이거나 행정처분이 있으면 경쟁입찰로 선정합니다(제59조). 결정은 되돌릴 수 없습니다."
        ),
    )


@complex_view(*MEMBERS)
def evaluation_pdf(request, ctx, pk):
    ev = get_scoped(ctx, PerformanceEvaluation.objects.select_related("contract"), pk=pk)
    resp = HttpResponse(pdf.evaluation_pdf(ev=ev), content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="form10-{ev.pk}.pdf"'
    return resp


@complex_view(*OFFICE_ROLES)
def restriction_new(request, ctx, pk):
    c = get_scoped(ctx, Contract, pk=pk)
    form = forms.RestrictionForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("용역사업자 입찰참가 제한(제60조②)"),
        back=url(ctx, "contract_detail", pk),
        do=lambda d: renewals.restriction_record(contract=c, **d),
        done=url(ctx, "contract_detail", pk),
    )


@complex_view(*MEMBERS)
def audit_list(request, ctx):
    from django.utils import timezone

    from . import guarantees
    from .models import AuditorAppointment, Guarantee

    return render(
        request,
        "council/contracts/audit_list.html",
        {
            "ctx": ctx,
            "reports": AuditReport.objects.filter(complex=ctx.complex),
            "appointments": AuditorAppointment.objects.filter(complex=ctx.complex),
            "guarantees": Guarantee.objects.filter(complex=ctx.complex),
            "flags": guarantees.flags(complex=ctx.complex, today=timezone.localdate()),
            "can_manage": ctx.is_office,
        },
    )


@complex_view(*OFFICE_ROLES)
def auditor_new(request, ctx):
    form = forms.AuditorForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("회계감사인 선임"),
        back=url(ctx, "audit_list"),
        do=lambda d: audits.auditor_appoint(complex=ctx.complex, **d),
        done=url(ctx, "audit_list"),
        intro=_("징계·권리정지 사실이 없음을 확인해야 선임할 수 있습니다(제91조)."),
    )


@complex_view(*OFFICE_ROLES)
def audit_new(request, ctx):
    form = forms.AuditReportForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("감사보고서 등록"),
        back=url(ctx, "audit_list"),
        do=lambda d: audits.audit_report_create(
            complex=ctx.complex,
            kind=d["kind"],
            appointment=d["appointment"],
            title=d["title"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            submitted_on=d["submitted_on"],
            opinion=d["opinion"],
            sections=form.sections(),
            checklist=form.checklist(),
            findings=d["findings"].splitlines(),
        ),
        done=lambda r: url(ctx, "audit_detail", r.pk),
    )


@complex_view(*MEMBERS)
def audit_detail(request, ctx, pk):
    r = get_scoped(ctx, AuditReport, pk=pk)
    return render(
        request,
        "council/contracts/audit_detail.html",
        {
            "ctx": ctx,
            "r": r,
            "sections": [(k, audits.SECTIONS[k], r.sections.get(k, "")) for k in audits.SECTIONS],
            "checklist": [(audits.CHECKLIST[k], r.checklist.get(k)) for k in audits.CHECKLIST],
            "findings": r.findings.all(),
            "can_manage": ctx.is_office,
        },
    )


@complex_view(*OFFICE_ROLES)
def audit_publish(request, ctx, pk):
    r = get_scoped(ctx, AuditReport, pk=pk)
    return confirm_page(
        request,
        ctx,
        obj=r,
        verb=_("공개"),
        warning=_("감사보고서를 통합정보마당에 공개합니다(제19조⑤, 제64조③9). 되돌릴 수 없습니다."),
        back=url(ctx, "audit_detail", pk),
        do=lambda: audits.audit_report_publish(report=r),
        done=url(ctx, "audit_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
def finding_close(request, ctx, pk):
    f = get_scoped(ctx, AuditFinding, pk=pk)
    form = forms.FindingCloseForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("지적사항 조치 완료"),
        back=url(ctx, "audit_detail", f.report_id),
        do=lambda d: audits.finding_close(finding=f, **d),
        done=url(ctx, "audit_detail", f.report_id),
    )


@complex_view(*OFFICE_ROLES)
def guarantee_new(request, ctx):
    from . import guarantees

    form = forms.GuaranteeForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("보증 등록(제90조)"),
        back=url(ctx, "audit_list"),
        do=lambda d: guarantees.guarantee_record(complex=ctx.complex, **d),
        done=url(ctx, "audit_list"),
    )


@complex_view(*OFFICE_ROLES)
def method_change_new(request, ctx):
    from . import method_change

    form = forms.MethodChangeForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("관리방법 변경 발의(제61조)"),
        back=url(ctx, "contracts_home"),
        do=lambda d: method_change.method_change_propose(complex=ctx.complex, **d),
        done=url(ctx, "contracts_home"),
        intro=_(
            "입주자대표회의 의결로 발의하면 선거관리위원회가 전체 입주자등의 투표(전체 세대 "
            "과반수 찬성)를 준비합니다. 변경은 현재 위탁관리 계약이 끝난 다음 날부터이며, "
            "해지 사유가 있으면 30일 전 서면 통보 후입니다."
        ),
    )
