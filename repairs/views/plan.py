"""Pages of the long-term repair plan (repairs/plan): overview, components, import, phases,
revisions and reviews (thin: rules live in services)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.tenancy import complex_view, get_scoped, scoped

from .. import forms, selectors, services
from ..fund.ledger import ledger_totals
from ..models import (
    Component,
    PlanReview,
    PlanRevision,
    UsagePlan,
    UsagePlanStatus,
)
from ..plan.diff import revision_diff
from .access import (
    OFFICE_ROLES,
    _errors,
    _resolutions,
    _today,
    can_see_plan,
    lessee_units,
    require_plan,
)

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
                data=upload,
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
