"""Office pages of procurements and contracts under /c/<slug>/contracts/… (thin views)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Role
from core.errors import ApplicationError
from core.tenancy import OFFICE, complex_view, get_scoped

from . import forms, pdf, selectors, services
from .models import Bid, Contract, Procurement, ProcurementStatus

OFFICE_ROLES = tuple(OFFICE)
MEMBERS = (*OFFICE_ROLES, Role.COUNCIL)


def posted(request):
    """The POST data on a POST (even when empty: a form of optional fields), else None."""
    return request.POST if request.method == "POST" else None


def url(ctx, name, *args):
    return reverse(f"council:{name}", args=[ctx.complex.slug, *args])


def form_page(request, ctx, form, *, title, back, do, done, intro=""):
    """GET shows the form; a valid POST runs `do(cleaned_data)` (a service call); a rule
    violation comes back as a form error on its field, never a 500."""
    if request.method == "POST" and form.is_valid():
        try:
            result = do(form.cleaned_data)
        except ApplicationError as e:
            field = e.extra.get("field")
            form.add_error(field if field in form.fields else None, e.message)
        else:
            messages.success(request, _("저장했습니다."))
            return redirect(done(result) if callable(done) else done)
    return render(
        request,
        "council/contracts/form.html",
        {"ctx": ctx, "form": form, "title": title, "back": back, "intro": intro},
    )


def confirm_page(request, ctx, *, obj, verb, warning, back, do, done):
    """Destructive or irreversible steps ask first (GET), then act on POST."""
    if request.method == "POST":
        try:
            do()
        except ApplicationError as e:
            messages.error(request, e.message)
            return redirect(back)
        messages.success(request, _("처리했습니다."))
        return redirect(done)
    return render(
        request,
        "council/contracts/confirm.html",
        {"ctx": ctx, "object": obj, "verb": verb, "warning": warning, "back": back},
    )


@complex_view(*MEMBERS)
def home(request, ctx):
    today = timezone.localdate()
    return render(
        request,
        "council/contracts/home.html",
        {
            "ctx": ctx,
            "procurements": selectors.procurements(complex=ctx.complex)[:50],
            "contracts": selectors.contracts(complex=ctx.complex)[:50],
            "renewals": selectors.renewals_in_progress(complex=ctx.complex),
            "evaluations": selectors.evaluations_pending(complex=ctx.complex),
            "late": selectors.unpublished_overdue(complex=ctx.complex, today=today),
            "due_renewals": selectors.renewals_without_notice(complex=ctx.complex, today=today),
            "can_manage": ctx.is_office,
        },
    )


@complex_view(*OFFICE_ROLES)
def settings_edit(request, ctx):
    s = services.settings_for(ctx.complex)
    initial = {
        f: getattr(s, f)
        for f in (
            "award_vote_threshold_works",
            "award_vote_threshold_services",
            "management_contract_years",
            "chair_seal_registered",
            "chair_guarantee_min",
            "accounting_staff_guarantee_min",
        )
    }
    form = forms.SettingsForm(posted(request), initial=initial)
    return form_page(
        request,
        ctx,
        form,
        title=_("계약 설정"),
        back=url(ctx, "contracts_home"),
        do=lambda d: services.settings_update(complex=ctx.complex, **d),
        done=url(ctx, "contracts_home"),
        intro=_("관리규약에서 ○으로 비워 둔 값입니다(제56조②, 제57조②)."),
    )


@complex_view(*OFFICE_ROLES)
def procurement_new(request, ctx):
    form = forms.ProcurementForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("입찰 사업 등록"),
        back=url(ctx, "contracts_home"),
        do=lambda d: services.procurement_create(complex=ctx.complex, **d),
        done=lambda p: url(ctx, "procurement_detail", p.pk),
    )


@complex_view(*MEMBERS)
def procurement_detail(request, ctx, pk):
    p = get_scoped(ctx, Procurement.objects.select_related("award_bid", "method_resolution"), pk=pk)
    bids = list(Bid.objects.filter(procurement=p).order_by("-total", "price", "pk"))
    return render(
        request,
        "council/contracts/procurement_detail.html",
        {
            "ctx": ctx,
            "p": p,
            "bids": bids,
            "vote_offered": services.vote_offered(procurement=p),
            "can_manage": ctx.is_office,
            "contract": p.contracts.first(),
        },
    )


def _procurement(ctx, pk):
    return get_scoped(ctx, Procurement, pk=pk)


@complex_view(*OFFICE_ROLES)
def procurement_method(request, ctx, pk):
    p = _procurement(ctx, pk)
    form = forms.MethodForm(posted(request), complex=ctx.complex)
    return form_page(
        request,
        ctx,
        form,
        title=_("낙찰방법 결정"),
        back=url(ctx, "procurement_detail", pk),
        do=lambda d: services.procurement_set_method(procurement=p, **form.service_args()),
        done=url(ctx, "procurement_detail", pk),
        intro=_("입주자대표회의가 구성원 과반수 찬성으로 의결한 낙찰방법을 기록합니다(제56조①)."),
    )


@complex_view(*OFFICE_ROLES)
def procurement_notice(request, ctx, pk):
    p = _procurement(ctx, pk)
    form = forms.NoticeForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("입찰 공고"),
        back=url(ctx, "procurement_detail", pk),
        do=lambda d: services.procurement_publish_notice(procurement=p, **d),
        done=url(ctx, "procurement_detail", pk),
        intro=_("공고하면 게시판과 공개 입찰 목록에 실립니다(제64조③8)."),
    )


@complex_view(*OFFICE_ROLES)
def bid_new(request, ctx, pk):
    p = _procurement(ctx, pk)
    form = forms.BidForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("입찰 기록"),
        back=url(ctx, "procurement_detail", pk),
        do=lambda d: services.bid_record(procurement=p, **d),
        done=url(ctx, "procurement_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
def bid_disqualify(request, ctx, pk, bid_pk):
    p = _procurement(ctx, pk)
    bid = get_scoped(ctx, Bid.objects.filter(procurement=p), pk=bid_pk)
    form = forms.ReasonForm(posted(request))
    return form_page(
        request,
        ctx,
        form,
        title=_("입찰 무효 처리: %(name)s") % {"name": bid.company_name},
        back=url(ctx, "procurement_detail", pk),
        do=lambda d: services.bid_disqualify(bid=bid, **d),
        done=url(ctx, "procurement_detail", pk),
        intro=_("무효로 한 입찰은 채점과 낙찰에서 빠집니다. 되돌릴 수 없습니다."),
    )


@complex_view(*OFFICE_ROLES)
def procurement_score(request, ctx, pk):
    p = _procurement(ctx, pk)
    return confirm_page(
        request,
        ctx,
        obj=p,
        verb=_("별지 9 채점"),
        warning=_(
            "유효한 입찰 모두를 별지 9 세부배점표로 채점합니다. 입력값을 고친 뒤 다시 채점할 수 있습니다."
        ),
        back=url(ctx, "procurement_detail", pk),
        do=lambda: services.bids_score(procurement=p),
        done=url(ctx, "procurement_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
def procurement_award(request, ctx, pk):
    p = _procurement(ctx, pk)
    form = forms.AwardForm(posted(request), procurement=p)
    return form_page(
        request,
        ctx,
        form,
        title=_("낙찰 결정"),
        back=url(ctx, "procurement_detail", pk),
        do=lambda d: services.procurement_award(procurement=p, **d),
        done=url(ctx, "procurement_detail", pk),
        intro=_("낙찰자는 정한 낙찰방법에 따라 정해집니다. 낙찰 결과는 공개됩니다(제64조③8)."),
    )


@complex_view(*OFFICE_ROLES)
def procurement_cancel(request, ctx, pk):
    p = _procurement(ctx, pk)
    return confirm_page(
        request,
        ctx,
        obj=p,
        verb=_("취소"),
        warning=_("사업을 취소하면 되돌릴 수 없습니다."),
        back=url(ctx, "procurement_detail", pk),
        do=lambda: services.procurement_cancel(procurement=p),
        done=url(ctx, "contracts_home"),
    )


@complex_view(*MEMBERS)
def procurement_pdf(request, ctx, pk):
    """별지 9 세부배점표 of the tender's bids."""
    p = get_scoped(ctx, Procurement, pk=pk)
    data = pdf.qualification_pdf(procurement=p)
    resp = HttpResponse(data, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="form9-{p.pk}.pdf"'
    return resp


@complex_view(*OFFICE_ROLES)
def contract_new(request, ctx):
    p = None
    initial = {"signed_on": timezone.localdate(), "start": timezone.localdate()}
    if request.GET.get("procurement"):
        p = get_scoped(
            ctx,
            Procurement.objects.filter(status=ProcurementStatus.AWARDED),
            pk=request.GET["procurement"],
        )
        initial.update(
            title=p.title,
            kind=p.kind,
            service_category=p.service_category,
            counterparty=p.award_bid.company_name,
            total_amount=p.award_bid.price,
            signed_by=p.selecting_body,
        )
    form = forms.ContractForm(posted(request), initial=initial)
    return form_page(
        request,
        ctx,
        form,
        title=_("계약 등록"),
        back=url(ctx, "contracts_home"),
        do=lambda d: services.contract_create(
            complex=ctx.complex, procurement=p, by=request.user, **d
        ),
        done=lambda c: url(ctx, "contract_detail", c.pk),
    )


@complex_view(*MEMBERS)
def contract_detail(request, ctx, pk):
    c = get_scoped(ctx, Contract, pk=pk)
    return render(
        request,
        "council/contracts/contract_detail.html",
        {
            "ctx": ctx,
            "c": c,
            "recontracts": c.recontracts.all(),
            "evaluations": c.evaluations.all(),
            "can_manage": ctx.is_office,
            "overdue": c.published_at is None and c.publish_due < timezone.localdate(),
        },
    )


@complex_view(*OFFICE_ROLES)
def contract_publish(request, ctx, pk):
    c = get_scoped(ctx, Contract, pk=pk)
    return confirm_page(
        request,
        ctx,
        obj=c,
        verb=_("공개"),
        warning=_(
            "개인정보(주민등록번호 등)를 가린 공개본을 게시판과 통합정보마당에 공개합니다"
            "(제57조③). 공개는 되돌릴 수 없습니다."
        ),
        back=url(ctx, "contract_detail", pk),
        do=lambda: services.contract_publish(contract=c),
        done=url(ctx, "contract_detail", pk),
    )
