"""Pages of the repair reserve fund (repairs/fund): ledger, projection, 별지 6 status, usage plans,
the certificate of reserve paid, the developer's statement (thin: rules live in services)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from complexes import unsold as complexes_unsold
from complexes.models import ResidentKind, Role, Unit
from core.errors import ApplicationError
from core.pdf import render_pdf
from core.tenancy import DISTRICT, complex_view, get_scoped, scoped
from fees.selectors import lessee_window

from .. import forms, selectors, services
from ..fund import certificate as reserve_certificate
from ..fund.ledger import ledger_lines, ledger_totals
from ..fund.status import annual_status
from ..models import (
    AnnualStatus,
    UsagePlan,
    UsagePlanDocument,
)
from ..plan.projection import project, schedule_for
from ..plan.whatif import parse_whatif
from .access import (
    OFFICE_ROLES,
    _errors,
    _resolutions,
    _today,
    lessee_units,
    require_plan,
)

# --- the reserve ------------------------------------------------------------------------------


@complex_view()
def ledger(request, ctx):
    require_plan(ctx)
    form = forms.EntryForm(request.POST or None)
    if request.method == "POST":
        ctx.require(*OFFICE_ROLES)
        if form.is_valid():
            try:
                services.entry_record(complex=ctx.complex, by=request.user, **form.cleaned_data)
            except ApplicationError as e:
                _errors(form, e)
            else:
                messages.success(request, "원장에 기록했습니다.")
                return redirect("repairs:ledger", slug=ctx.complex.slug)
    lines = ledger_lines(complex=ctx.complex)
    return render(
        request,
        "repairs/ledger.html",
        {
            "ctx": ctx,
            "form": form,
            "lines": list(reversed(lines))[:300],
            "totals": ledger_totals(complex=ctx.complex),
        },
    )


@complex_view()
def projection(request, ctx):
    """Council and office: year-by-year funding projection, with a what-if."""
    ctx.require(*OFFICE_ROLES, Role.COUNCIL)
    revision = selectors.current_revision(complex=ctx.complex)
    context = {"ctx": ctx, "revision": revision}
    if revision is not None:
        today = _today()
        balance = ledger_totals(complex=ctx.complex).balance
        base = project(
            schedule=schedule_for(complex=ctx.complex, revision=revision),
            balance=balance,
            today=today,
        )
        context["base"] = base
        try:
            overrides, notes = parse_whatif(request.GET, revision)
        except ApplicationError as e:
            overrides, notes = {}, []
            context["error"] = e.message
        if overrides:
            context["whatif"] = project(
                schedule=schedule_for(complex=ctx.complex, revision=revision, overrides=overrides),
                balance=balance,
                today=today,
            )
            context["rows"] = list(zip(base.years, context["whatif"].years, strict=True))
            context["types"] = list(zip(base.unit_types, context["whatif"].unit_types, strict=True))
        context["notes"] = notes
        phases = list(revision.phases.all())
        given = request.GET.getlist("rates")
        given = given if len(given) == len(phases) else [""] * len(phases)
        context["phase_inputs"] = list(zip(phases, given, strict=True))
        context["components"] = list(revision.components.all())
    return render(request, "repairs/projection.html", context)


def _status_figures(ctx, year):
    frozen = AnnualStatus.objects.filter(complex=ctx.complex, year=year).first()
    return frozen.figures if frozen else annual_status(complex=ctx.complex, year=year)


@complex_view()
def status_latest(request, ctx):
    """별지 6 is as of December 31 of the previous year (Art. 79①)."""
    require_plan(ctx)
    return redirect("repairs:status", slug=ctx.complex.slug, year=_today().year - 1)


@complex_view()
def status(request, ctx, year):
    require_plan(ctx)
    figures = _status_figures(ctx, year)
    frozen = AnnualStatus.objects.filter(complex=ctx.complex, year=year).first()
    return render(
        request,
        "repairs/status.html",
        {
            "ctx": ctx,
            "f": figures,
            "year": year,
            "frozen": frozen,
            "years": range(_today().year - 1, 1999, -1)[:10],
        },
    )


@require_POST
@complex_view(*OFFICE_ROLES)
def status_publish(request, ctx, year):
    try:
        services.annual_status_publish(complex=ctx.complex, year=year, by=request.user)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"{year}년 적립 현황을 공개로 표시했습니다 (제79조①).")
    return redirect("repairs:status", slug=ctx.complex.slug, year=year)


@complex_view()
def status_pdf(request, ctx, year):
    require_plan(ctx)
    figures = _status_figures(ctx, year)
    if figures is None:
        return HttpResponse("장기수선계획이 없습니다.", status=404)
    pdf = render_pdf("repairs/pdf/status.html", {"f": figures, "complex": ctx.complex})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="reserve-status-{year}.pdf"'
    return response


# --- usage plans (별지 12) --------------------------------------------------------------------


def _usage_viewer(ctx):
    if not (ctx.is_office or ctx.has(Role.COUNCIL, DISTRICT)):
        raise PermissionDenied("사용계획서는 관리사무소와 입주자대표회의가 봅니다.")


@complex_view()
def usage_plan_list(request, ctx):
    _usage_viewer(ctx)
    plans = scoped(ctx, UsagePlan).select_related("resolution")
    return render(request, "repairs/usage_plans.html", {"ctx": ctx, "plans": plans})


@complex_view(*OFFICE_ROLES)
def usage_plan_create(request, ctx):
    revision = selectors.current_revision(complex=ctx.complex)
    form = forms.UsagePlanForm(request.POST or None, revision=revision)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.usage_plan_create(
                complex=ctx.complex, by=request.user, **form.cleaned_data
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(request, "사용계획서를 작성했습니다. 입주자대표회의 의결을 받으세요.")
            return redirect("repairs:usage_plan_detail", slug=ctx.complex.slug, pk=plan.pk)
    return render(
        request,
        "repairs/form.html",
        {"ctx": ctx, "form": form, "title": "장기수선충당금 사용계획서 작성 (별지 12)"},
    )


@complex_view()
def usage_plan_detail(request, ctx, pk):
    _usage_viewer(ctx)
    plan = get_scoped(ctx, UsagePlan.objects.select_related("component", "resolution"), pk=pk)
    return render(
        request,
        "repairs/usage_plan_detail.html",
        {
            "ctx": ctx,
            "plan": plan,
            "documents": plan.documents.all(),
            "entries": plan.entries.all(),
            "spent": sum(e.amount for e in plan.entries.all()),
            "approve_form": forms.ApproveForm(resolutions=_resolutions(ctx)),
            "contract_form": forms.ContractForm(),
            "spending_form": forms.SpendingForm(),
            "document_form": forms.DocumentForm(),
        },
    )


def _usage_action(request, ctx, pk, form_class, action, **form_kwargs):
    plan = get_scoped(ctx, UsagePlan, pk=pk)
    form = form_class(request.POST, request.FILES, **form_kwargs)
    if form.is_valid():
        try:
            action(plan, form.cleaned_data)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "기록했습니다.")
    else:
        for errs in form.errors.values():
            messages.error(request, " ".join(errs))
    return redirect("repairs:usage_plan_detail", slug=ctx.complex.slug, pk=plan.pk)


@require_POST
@complex_view(*OFFICE_ROLES)
def usage_plan_approve(request, ctx, pk):
    return _usage_action(
        request,
        ctx,
        pk,
        forms.ApproveForm,
        lambda p, d: services.usage_plan_approve(usage_plan=p, resolution=d["resolution"]),
        resolutions=_resolutions(ctx),
    )


@require_POST
@complex_view(*OFFICE_ROLES)
def usage_plan_contract(request, ctx, pk):
    return _usage_action(
        request,
        ctx,
        pk,
        forms.ContractForm,
        lambda p, d: services.usage_plan_contract(usage_plan=p, **d),
    )


@require_POST
@complex_view(*OFFICE_ROLES)
def usage_plan_spend(request, ctx, pk):
    return _usage_action(
        request,
        ctx,
        pk,
        forms.SpendingForm,
        lambda p, d: services.spending_record(usage_plan=p, by=request.user, **d),
    )


@require_POST
@complex_view(*OFFICE_ROLES)
def usage_plan_document(request, ctx, pk):
    return _usage_action(
        request,
        ctx,
        pk,
        forms.DocumentForm,
        lambda p, d: services.document_add(usage_plan=p, by=request.user, **d),
    )


@complex_view()
def usage_plan_document_download(request, ctx, pk, doc_pk):
    _usage_viewer(ctx)
    doc = get_scoped(ctx, UsagePlanDocument.objects.filter(usage_plan_id=pk), pk=doc_pk)
    return FileResponse(doc.file.open("rb"), filename=doc.file.name.rsplit("/", 1)[-1])


@complex_view()
def usage_plan_pdf(request, ctx, pk):
    _usage_viewer(ctx)
    plan = get_scoped(ctx, UsagePlan.objects.select_related("component", "resolution"), pk=pk)
    pdf = render_pdf("repairs/pdf/usage_plan.html", {"plan": plan, "complex": ctx.complex})
    return HttpResponse(pdf, content_type="application/pdf")


# --- certificate of reserve paid (Art. 79③) ---------------------------------------------------


def certificate_units(ctx):
    """The office issues for any unit; a lessee asks only for their own (Art. 79③)."""
    if ctx.is_office:
        return scoped(ctx, Unit).select_related("building")
    units = lessee_units(ctx)
    if not units:
        raise PermissionDenied(
            "납부 확인서는 관리사무소 또는 해당 세대의 사용자가 받을 수 있습니다."
        )
    return scoped(ctx, Unit).filter(pk__in=[u.pk for u in units]).select_related("building")


def tenancy_window(ctx, unit) -> tuple[date | None, date | None] | None:
    """The asking lessee's own tenancy of `unit` (Art. 79③, precise rule 7), in months: the
    same window the lessee's bills are limited to (fees.selectors.lessee_window)."""
    for m in ctx.resident_memberships:
        if m.unit_id == unit.pk and m.resident_kind == ResidentKind.LESSEE:
            return lessee_window(m)
    return None


def certificate_tenancy(ctx, unit):
    """Whose months the asker may certify: the office any (reserve_certificate.OFFICE), a lessee their
    own tenancy of the unit (None when it cannot be found)."""
    return reserve_certificate.OFFICE if ctx.is_office else tenancy_window(ctx, unit)


@complex_view()
def certificate(request, ctx):
    units = certificate_units(ctx)
    form = forms.CertificateForm(request.GET or None, units=units)
    if request.GET and form.is_valid():
        try:
            start = services.parse_month(form.cleaned_data["start"], "시작")
            end = services.parse_month(form.cleaned_data["end"], "종료")
            unit = form.cleaned_data["unit"]
            pdf = reserve_certificate.certificate_pdf(
                complex=ctx.complex,
                unit=unit,
                start=start,
                end=end,
                tenancy=certificate_tenancy(ctx, unit),
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'inline; filename="reserve-certificate.pdf"'
            return response
    return render(
        request,
        "repairs/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "장기수선충당금 납부 확인서 (시행령 제31조⑨)",
            "method": "get",
            "submit": "확인서 발급 (PDF)",
            "help": "사용자(임차인)가 대신 낸 장기수선충당금은 소유자가 돌려주어야 합니다. "
            "기간을 고르면 실제 납부한 월별 금액이 담긴 확인서가 바로 발급됩니다.",
        },
    )


# --- the developer's statement for unsold units (seed 004, 시행령 31조⑦) -------------------------


def _developer_statement_from(request, ctx):
    """(form, statement or None) from the GET parameters developer, start, end."""
    today = _today()
    initial = {"start": f"{today.year}-01", "end": f"{today:%Y-%m}"}
    names = complexes_unsold.developers(complex=ctx.complex)
    form = forms.DeveloperStatementForm(request.GET or None, developers=names, initial=initial)
    if not (request.GET and form.is_valid()):
        return form, None
    try:
        start = services.parse_month(form.cleaned_data["start"], "시작")
        end = services.parse_month(form.cleaned_data["end"], "종료")
        if end < start:
            raise ApplicationError("종료월이 시작월보다 빠릅니다.")
    except ApplicationError as e:
        _errors(form, e)
        return form, None
    statement = selectors.developer_statement(
        complex=ctx.complex,
        developer=form.cleaned_data["developer"],
        start=start,
        end=end,
        on=today,
    )
    return form, statement


@complex_view(*OFFICE_ROLES)
def developer_statement(request, ctx):
    """The office: a developer's bills for its unsold units over a range of months — reserve,
    totals and what was paid (seed 004, 시행령 31조⑦)."""
    form, statement = _developer_statement_from(request, ctx)
    return render(
        request,
        "repairs/developer_statement.html",
        {"ctx": ctx, "form": form, "s": statement, "query": request.GET.urlencode()},
    )


@complex_view(*OFFICE_ROLES)
def developer_statement_pdf(request, ctx):
    form, statement = _developer_statement_from(request, ctx)
    if statement is None:
        return render(
            request,
            "repairs/developer_statement.html",
            {"ctx": ctx, "form": form, "s": None, "query": ""},
            status=400,
        )
    pdf = render_pdf(
        "repairs/pdf/developer_statement.html",
        {"s": statement, "complex": ctx.complex, "issued_on": _today()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="developer-statement-{statement["start"]:%Y-%m}'
        f'-{statement["end"]:%Y-%m}.pdf"'
    )
    return response
