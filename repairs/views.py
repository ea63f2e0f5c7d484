"""Pages of the long-term repair plan and the repair reserve (thin: rules live in services)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from complexes import services as complexes_services
from complexes import unsold as complexes_unsold
from complexes.models import ResidentKind, Role, Unit, UnsoldUnit
from core.errors import ApplicationError
from core.pdf import render_pdf
from core.tenancy import DISTRICT, OFFICE, complex_view, get_scoped, scoped
from council.models import Resolution, ResolutionStatus
from fees.selectors import lessee_window

from . import forms, selectors, services
from .fund import certificate as reserve_certificate
from .fund.ledger import ledger_lines, ledger_totals
from .fund.status import annual_status
from .models import (
    AnnualStatus,
    Component,
    PlanReview,
    PlanRevision,
    UsagePlan,
    UsagePlanDocument,
    UsagePlanStatus,
)
from .plan.diff import revision_diff
from .plan.projection import project, schedule_for
from .plan.reserve import monthly_reserve_by_unit
from .plan.whatif import parse_whatif

OFFICE_ROLES = tuple(OFFICE)


# --- who sees what ----------------------------------------------------------------------------


def is_owner(ctx) -> bool:
    return any(m.resident_kind == ResidentKind.OWNER for m in ctx.resident_memberships)


def can_see_plan(ctx) -> bool:
    """Office, council, the district, and owners (plan summary and reserve balance)."""
    return ctx.is_office or ctx.has(Role.COUNCIL, DISTRICT) or is_owner(ctx)


def require_plan(ctx):
    if not can_see_plan(ctx):
        raise PermissionDenied(
            "장기수선계획은 관리사무소, 입주자대표회의, 소유자만 볼 수 있습니다."
        )


def lessee_units(ctx) -> list:
    return [m.unit for m in ctx.resident_memberships if m.resident_kind == ResidentKind.LESSEE]


def _errors(form, error: ApplicationError):
    form.add_error(None, error.message)
    for problem in error.extra.get("problems", []):
        form.add_error(None, problem)
    for row in error.extra.get("rows", []):
        where = f"{row['line']}행" + (f" {row['column']} 열" if row.get("column") else "")
        form.add_error(None, f"{where}: {row['message']}")


def _today():
    return timezone.localdate()


# --- the plan ---------------------------------------------------------------------------------


@complex_view()
def overview(request, ctx):
    """Everyone in the complex: their unit's reserve and how it is computed; owners, council,
    office and district also the plan summary."""
    today = _today()
    mine = []
    for m in ctx.resident_memberships:
        info = selectors.unit_reserve(complex=ctx.complex, unit=m.unit, today=today)
        if info:
            mine.append(info)
    context = {"ctx": ctx, "mine": mine, "can_see_plan": can_see_plan(ctx)}
    if can_see_plan(ctx):
        context["o"] = selectors.plan_overview(complex=ctx.complex, today=today)
        context["totals"] = ledger_totals(complex=ctx.complex)
        context["pending_plans"] = scoped(ctx, UsagePlan).filter(status=UsagePlanStatus.DRAFT)
    context["lessee_units"] = lessee_units(ctx)
    return render(request, "repairs/overview.html", context)


@complex_view()
def components(request, ctx):
    require_plan(ctx)
    revision = selectors.current_revision(complex=ctx.complex)
    rows = selectors.component_rows(revision=revision) if revision else []
    return render(
        request,
        "repairs/components.html",
        {"ctx": ctx, "revision": revision, "rows": rows, "total": sum(r["total"] for r in rows)},
    )


@complex_view(*OFFICE_ROLES)
def plan_import(request, ctx):
    form = forms.PlanImportForm(request.POST or None, request.FILES or None)
    current = selectors.current_revision(complex=ctx.complex)
    if current and not request.POST:
        form.initial = {
            "start": f"{current.start_month:%Y-%m}",
            "end": f"{current.end_month:%Y-%m}",
        }
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            result = services.plan_import(
                complex=ctx.complex,
                data=upload.read(),
                filename=upload.name,
                start_month=services.parse_month(form.cleaned_data["start"], "계획기간 시작"),
                end_month=services.parse_month(form.cleaned_data["end"], "계획기간 종료"),
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(
                request,
                f"{result.revision.number}차 계획을 만들었습니다 (공사종별 {result.components}개).",
            )
            return redirect("repairs:revision_detail", slug=ctx.complex.slug, pk=result.revision.pk)
    return render(request, "repairs/import.html", {"ctx": ctx, "form": form})


@complex_view(*OFFICE_ROLES)
def plan_create(request, ctx):
    form = forms.PlanImportForm(request.POST or None)
    form.fields.pop("file")
    form.fields.pop("reason")
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_create(
                complex=ctx.complex,
                start_month=services.parse_month(form.cleaned_data["start"], "계획기간 시작"),
                end_month=services.parse_month(form.cleaned_data["end"], "계획기간 종료"),
                by=request.user,
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(request, "계획을 만들었습니다. 공사종별을 추가하세요.")
            return redirect("repairs:components", slug=ctx.complex.slug)
    return render(
        request, "repairs/form.html", {"ctx": ctx, "form": form, "title": "장기수선계획 수립"}
    )


@complex_view(*OFFICE_ROLES)
def phases_edit(request, ctx):
    revision = selectors.current_revision(complex=ctx.complex)
    initial = {}
    if revision:
        initial["phases"] = "\n".join(
            f"{p.start_month:%Y-%m}:{p.end_month:%Y-%m}:{p.rate.normalize()}"
            for p in revision.phases.all()
        )
    form = forms.PhasesForm(request.POST or None, initial=initial)
    form.add_resolution(_resolutions(ctx))
    if request.method == "POST" and form.is_valid():
        lines = [x.strip() for x in form.cleaned_data["phases"].splitlines() if x.strip()]
        try:
            new = services.phases_set(
                complex=ctx.complex,
                specs=services.parse_phase_specs(lines),
                by=request.user,
                reason=form.cleaned_data["reason"],
                resolution=form.cleaned_data["resolution"],
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(request, f"{new.number}차: 적립 단계를 설정했습니다.")
            return redirect("repairs:revision_detail", slug=ctx.complex.slug, pk=new.pk)
    return render(
        request,
        "repairs/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "연차별 적립요율 (제83조①)",
            "help": "단계는 계획기간을 빈틈·겹침 없이 덮고 요율의 합이 100%여야 합니다. "
            "요율 변경은 관리규약 개정 사항입니다.",
        },
    )


@complex_view(*OFFICE_ROLES)
def component_edit(request, ctx, pk=None):
    revision = selectors.current_revision(complex=ctx.complex)
    if revision is None:
        messages.error(request, "먼저 장기수선계획을 만드세요.")
        return redirect("repairs:overview", slug=ctx.complex.slug)
    component = get_scoped(ctx, Component.objects.filter(revision=revision), pk=pk) if pk else None
    form = forms.ComponentForm(request.POST or None, instance=component)
    form.add_resolution(_resolutions(ctx))
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in services.COMPONENT_FIELDS}
        try:
            new = services.plan_adjust(
                complex=ctx.complex,
                by=request.user,
                reason=form.cleaned_data["reason"],
                change={component.pk: values} if component else None,
                add=None if component else [values],
                owners_consent=form.cleaned_data["owners_consent"],
                resolution=form.cleaned_data["resolution"],
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(request, f"{new.number}차 계획으로 조정했습니다.")
            return redirect("repairs:revision_detail", slug=ctx.complex.slug, pk=new.pk)
    title = f"공사종별 수정: {component.name}" if component else "공사종별 추가"
    return render(request, "repairs/form.html", {"ctx": ctx, "form": form, "title": title})


@complex_view(*OFFICE_ROLES)
def component_remove(request, ctx, pk):
    revision = selectors.current_revision(complex=ctx.complex)
    component = get_scoped(ctx, Component.objects.filter(revision=revision), pk=pk)
    form = forms.RemoveComponentForm(request.POST or None)
    form.add_resolution(_resolutions(ctx))
    if request.method == "POST" and form.is_valid():
        try:
            new = services.plan_adjust(
                complex=ctx.complex,
                by=request.user,
                reason=form.cleaned_data["reason"],
                remove=[component.pk],
                owners_consent=form.cleaned_data["owners_consent"],
                resolution=form.cleaned_data["resolution"],
            )
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(request, f"{new.number}차 계획으로 조정했습니다.")
            return redirect("repairs:revision_detail", slug=ctx.complex.slug, pk=new.pk)
    return render(
        request,
        "repairs/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": f"공사종별 삭제: {component.name}",
            "help": "삭제하면 새 차수의 계획이 만들어집니다. 이전 차수는 그대로 보관됩니다.",
            "danger": True,
        },
    )


@complex_view()
def revision_list(request, ctx):
    require_plan(ctx)
    revisions = scoped(ctx, PlanRevision).select_related("created_by")
    return render(request, "repairs/revisions.html", {"ctx": ctx, "revisions": revisions})


@complex_view()
def revision_detail(request, ctx, pk):
    require_plan(ctx)
    revision = get_scoped(ctx, PlanRevision, pk=pk)
    previous = selectors.previous_revision(revision)
    return render(
        request,
        "repairs/revision_detail.html",
        {
            "ctx": ctx,
            "revision": revision,
            "previous": previous,
            "diff": revision_diff(previous, revision),
            "rows": selectors.component_rows(revision=revision),
            "link_form": forms.ApproveForm(resolutions=_resolutions(ctx))
            if ctx.is_office and not revision.resolution_id
            else None,
        },
    )


@complex_view()
def reviews(request, ctx):
    require_plan(ctx)
    form = forms.ReviewForm(request.POST or None)
    form.add_resolution(_resolutions(ctx))
    if request.method == "POST":
        ctx.require(*OFFICE_ROLES)
        if form.is_valid():
            try:
                services.review_record(complex=ctx.complex, by=request.user, **form.cleaned_data)
            except ApplicationError as e:
                _errors(form, e)
            else:
                messages.success(request, "검토를 기록했습니다.")
                return redirect("repairs:reviews", slug=ctx.complex.slug)
    return render(
        request,
        "repairs/reviews.html",
        {
            "ctx": ctx,
            "form": form,
            "reviews": scoped(ctx, PlanReview).select_related(
                "resolution__item", "resolution__meeting"
            ),
            "due": services.review_due_on(complex=ctx.complex),
            "link_form": forms.ApproveForm(resolutions=_resolutions(ctx)),
        },
    )


def _link_resolution(request, ctx, obj, link):
    form = forms.ApproveForm(request.POST, resolutions=_resolutions(ctx))
    if form.is_valid():
        try:
            link(obj, form.cleaned_data["resolution"])
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "입주자대표회의 의결을 연결했습니다.")
    else:
        messages.error(
            request, "이 단지에서 가결되어 효력이 있는 입주자대표회의 의결을 골라 주세요."
        )


@require_POST
@complex_view(*OFFICE_ROLES)
def review_resolution(request, ctx, pk):
    """Link the council's resolution to a recorded review (29조②, 시행규칙 7조②)."""
    review = get_scoped(ctx, PlanReview, pk=pk)
    _link_resolution(
        request,
        ctx,
        review,
        lambda r, res: services.review_link_resolution(review=r, resolution=res),
    )
    return redirect("repairs:reviews", slug=ctx.complex.slug)


@require_POST
@complex_view(*OFFICE_ROLES)
def revision_resolution(request, ctx, pk):
    """Link the council's resolution to an adjustment (시행규칙 7조②)."""
    revision = get_scoped(ctx, PlanRevision, pk=pk)
    _link_resolution(
        request,
        ctx,
        revision,
        lambda r, res: services.revision_link_resolution(revision=r, resolution=res),
    )
    return redirect("repairs:revision_detail", slug=ctx.complex.slug, pk=revision.pk)


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


def _resolutions(ctx):
    return (
        scoped(ctx, Resolution)
        .filter(passed=True, status=ResolutionStatus.EFFECTIVE)
        .select_related("item", "meeting")
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


# --- settings ---------------------------------------------------------------------------------


@complex_view(*OFFICE_ROLES)
def settings_edit(request, ctx):
    current = services.settings_for(ctx.complex)
    form = forms.SettingsForm(
        request.POST or None,
        initial={
            "minimum_price_per_m2": current.minimum_price_per_m2,
            "temporary_approval_on": current.temporary_approval_on,
        },
    )
    units = scoped(ctx, Unit).select_related("building")
    unsold_form = forms.UnsoldForm(units=units)
    if request.method == "POST" and request.POST.get("form") == "unsold":
        unsold_form = forms.UnsoldForm(request.POST, units=units)
        if unsold_form.is_valid():
            try:
                complexes_services.unsold_mark(**unsold_form.cleaned_data)
            except ApplicationError as e:
                _errors(unsold_form, e)
            else:
                messages.success(request, "미분양 세대를 기록했습니다.")
                return redirect("repairs:settings", slug=ctx.complex.slug)
    elif request.method == "POST" and request.POST.get("form") == "sold":
        pk = request.POST.get("unsold", "")
        if not pk.isdigit():
            raise Http404
        unsold = get_scoped(ctx, UnsoldUnit, pk=pk)
        sold_form = forms.SoldForm(request.POST)
        try:
            if not sold_form.is_valid():
                raise ApplicationError("분양일을 YYYY-MM-DD 형식으로 적어 주세요.")
            complexes_services.unsold_sold(unsold=unsold, sold_on=sold_form.cleaned_data["sold_on"])
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"{unsold.unit.label}의 분양일을 기록했습니다.")
        return redirect("repairs:settings", slug=ctx.complex.slug)
    elif request.method == "POST" and form.is_valid():
        try:
            services.settings_update(complex=ctx.complex, by=request.user, **form.cleaned_data)
        except ApplicationError as e:
            _errors(form, e)
        else:
            messages.success(request, "설정을 저장했습니다.")
            return redirect("repairs:settings", slug=ctx.complex.slug)
    return render(
        request,
        "repairs/settings.html",
        {
            "ctx": ctx,
            "form": form,
            "unsold_form": unsold_form,
            "unsold": scoped(ctx, UnsoldUnit).select_related("unit__building"),
            "developer_rows": _developer_statement(ctx),
        },
    )


def _developer_statement(ctx):
    """This month's reserve of the units still unsold, billed to the developer (seed 004)."""
    today = _today()
    period = date(today.year, today.month, 1)
    unsold = complexes_unsold.unsold_units(complex=ctx.complex, period=period)
    if not unsold:
        return []
    amounts = monthly_reserve_by_unit(complex=ctx.complex, period=period) or {}
    units = scoped(ctx, Unit).filter(pk__in=unsold).select_related("building")
    return [{"unit": u, "developer": unsold[u.pk], "amount": amounts.get(u.pk, 0)} for u in units]
