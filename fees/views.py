"""Pages of the fees app: residents' bills; the office's monthly billing workspace, payments,
arrears, misc income, deposits and move-out settlements; budgets and the monthly breakdown for
the council. Views stay thin: rules live in services, reads in selectors."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from complexes.models import Role, Unit
from core.errors import ApplicationError
from core.inputs import parse_year
from core.tabular import ImportFailed
from core.tenancy import OFFICE, complex_view, get_scoped, scoped

from . import pdf, selectors, services
from .billing import natural_key
from .caching import cached_bill_page, cached_issued_page, windowed
from .forms import (
    AdjustmentForm,
    BudgetForm,
    ChargeItemForm,
    ContingencyForm,
    DepositForm,
    FeeReductionForm,
    FeeSettingsForm,
    MiscIncomeForm,
    MoveOutForm,
    PaymentForm,
    PeriodForm,
    UploadForm,
)
from .items import ITEMS, UTILITY_NAMES
from .models import (
    Bill,
    BillingRun,
    Budget,
    ContingencyUse,
    Cost,
    DepositKind,
    FeeDeposit,
    FeeReduction,
    FeeSettingsChange,
    MeterReading,
    MiscIncome,
    MoveOutSettlement,
    Payment,
    PdfBatch,
)

OFFICE_ROLES = tuple(OFFICE)
READERS = (*OFFICE_ROLES, Role.COUNCIL)


def _period(text) -> date:
    try:
        return services.parse_period(text)
    except ApplicationError as e:
        raise Http404 from e


def _pdf_response(data: bytes, filename: str, inline=False):
    response = HttpResponse(data, content_type="application/pdf")
    kind = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return response


# --- residents ---------------------------------------------------------------------------


def _get_bill(ctx, pk):
    if ctx.is_office:
        return get_scoped(
            ctx, Bill.objects.select_related("unit__building", "complex", "run"), pk=pk
        )
    if not ctx.resident_memberships:
        get_scoped(ctx, Bill, pk=pk)  # 404 for another complex's bill
        raise PermissionDenied("본인 세대의 고지서만 볼 수 있습니다.")
    # The resident's bill page is the most-read page: one plain query (the lines are read only
    # when the cached page must be rendered), the unit and complex from the context, and the
    # unsold months of `resident_bills` answered by the bill's cached page.
    bill = scoped(ctx, Bill).filter(selectors.resident_q(ctx), pk=pk).defer("lines").first()
    if bill is None:
        raise Http404
    bill.complex = ctx.complex
    bill.unit = next(m.unit for m in ctx.resident_memberships if m.unit_id == bill.unit_id)
    if cached_bill_page(bill, ctx.complex.slug).developer:
        raise Http404
    return bill


@complex_view()
def bill_list(request, ctx):
    if not ctx.resident_memberships:
        if ctx.is_office:
            return redirect("fees:office_home", slug=ctx.complex.slug)
        raise PermissionDenied("세대에 등록된 입주자등만 볼 수 있습니다.")
    bills = list(
        selectors.resident_bills(ctx)
        .select_related("unit__building")
        .order_by("-period", "unit_id")
    )
    return render(
        request,
        "fees/bill_list.html",
        {"ctx": ctx, "bills": bills, "latest": bills[0] if bills else None},
    )


def _bill_page(ctx, pk):
    """The bill's page as `ctx` may see it, and the window of the unit's history shown with it
    (the visitor's own residency, fees.caching.windowed). A resident's look at an issued bill
    already shown is answered from the cache without a query for the bill: whose bill it is
    never changes once issued, and the same rules as `_get_bill` are applied to what the page
    records."""
    if ctx.resident_memberships and not ctx.is_office:
        page = cached_issued_page(pk)
        if page is not None:
            if (
                page.complex_id != ctx.complex.pk
                or page.developer
                or not selectors.resident_may_see(ctx, unit_id=page.unit_id, period=page.period)
            ):
                raise Http404
            return page
    return cached_bill_page(_get_bill(ctx, pk), ctx.complex.slug)


@complex_view()
def bill_detail(request, ctx, pk):
    page = _bill_page(ctx, pk)
    window = selectors.resident_window_for(ctx, unit_id=page.unit_id, period=page.period)
    return render(
        request,
        "fees/bill_detail.html",
        {"ctx": ctx, "page": page, "history": windowed(page, window)},
    )


@complex_view()
def bill_pdf(request, ctx, pk):
    bill = _get_bill(ctx, pk)
    name = f"bill-{bill.period:%Y-%m}-{bill.unit.building.name}-{bill.unit.number}.pdf"
    return _pdf_response(pdf.bill_pdf(bill), name)


# --- council and office: read-only overviews ----------------------------------------------


@complex_view(*READERS)
def breakdown(request, ctx):
    return render(
        request,
        "fees/breakdown.html",
        {
            "ctx": ctx,
            "runs": selectors.monthly_breakdown(complex=ctx.complex),
            "year": services.today().year,
        },
    )


@complex_view(*READERS)
def budget(request, ctx, year):
    codes = [*ITEMS, "repair_reserve", "misc_income"]
    current = dict(scoped(ctx, Budget).filter(year=year).values_list("item", "amount"))
    approved = selectors.budget_resolution(complex=ctx.complex, year=year)
    form = BudgetForm(
        request.POST or None,
        codes=codes,
        initial_amounts=current,
        resolutions=selectors.passed_resolutions(complex=ctx.complex),
        resolution=approved,
    )
    if request.method == "POST":
        ctx.require(*OFFICE_ROLES)
        if form.is_valid():
            resolution = form.cleaned_data.pop("resolution", None)
            amounts = {k: v for k, v in form.cleaned_data.items() if v is not None}
            try:
                services.budget_set(
                    complex=ctx.complex, year=year, amounts=amounts, resolution=resolution
                )
            except ApplicationError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, f"{year}년 예산을 저장했습니다.")
                return redirect("fees:budget", slug=ctx.complex.slug, year=year)
    return render(
        request,
        "fees/budget.html",
        {
            "ctx": ctx,
            "year": year,
            "data": selectors.budget_vs_actual(complex=ctx.complex, year=year),
            "approved": approved,
            "form": form if ctx.is_office else None,
        },
    )


# --- office: billing workspace -----------------------------------------------------------


@complex_view(*OFFICE_ROLES)
def office_home(request, ctx):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.parse_period(form.cleaned_data["period"])
        except ApplicationError as e:
            form.add_error("period", e.message)
        else:
            return redirect("fees:period", slug=ctx.complex.slug, period=f"{period:%Y-%m}")
    runs = scoped(ctx, BillingRun).order_by("-period")[:24]
    return render(request, "fees/office_home.html", {"ctx": ctx, "runs": runs, "form": form})


@complex_view(*OFFICE_ROLES)
def fee_settings(request, ctx):
    settings_ = services.fee_settings(ctx.complex)
    items = services.charge_items(ctx.complex)
    form = FeeSettingsForm(request.POST or None, instance=settings_, prefix="s")
    if request.method == "POST":
        if "code" in request.POST:
            item_form = ChargeItemForm(request.POST)
            if item_form.is_valid():
                item = next(i for i in items if i.code == item_form.cleaned_data["code"])
                services.charge_item_update(
                    item=item,
                    by=request.user,
                    basis=item_form.cleaned_data["basis"],
                    unit_price=item_form.cleaned_data["unit_price"],
                )
                messages.success(request, f"{item.name} 설정을 저장했습니다.")
                return redirect("fees:settings", slug=ctx.complex.slug)
        elif form.is_valid():
            values = {f: form.cleaned_data[f] for f in form.Meta.fields}
            try:
                services.settings_update(complex=ctx.complex, by=request.user, **values)
            except ApplicationError as e:
                form.add_error(e.extra.get("field"), e.message)
            else:
                messages.success(request, "관리비 설정을 저장했습니다.")
                return redirect("fees:settings", slug=ctx.complex.slug)
    return render(
        request,
        "fees/settings.html",
        {
            "ctx": ctx,
            "form": form,
            "items": [
                (
                    i,
                    ChargeItemForm(
                        initial={"code": i.code, "basis": i.basis, "unit_price": i.unit_price}
                    ),
                )
                for i in items
            ],
            "changes": scoped(ctx, FeeSettingsChange).select_related("changed_by")[:20],
        },
    )


@complex_view(*OFFICE_ROLES)
def period_page(request, ctx, period):
    p = _period(period)
    run = scoped(ctx, BillingRun).filter(period=p).first()
    errors = []
    costs_form = UploadForm(prefix="costs")
    readings_form = UploadForm(prefix="readings")
    if request.method == "POST":
        which = request.POST.get("which")
        form = (
            UploadForm(request.POST, request.FILES, prefix=which)
            if which in ("costs", "readings")
            else None
        )
        if form is not None and form.is_valid():
            upload = form.cleaned_data["file"]
            importer = services.costs_import if which == "costs" else services.readings_import
            try:
                n = importer(complex=ctx.complex, period=p, data=upload, filename=upload.name)
            except ImportFailed as e:
                errors = e.errors
                form.add_error(None, e.message)
            except ApplicationError as e:
                form.add_error(None, e.message)
            else:
                label = "비용" if which == "costs" else "검침값"
                messages.success(request, f"{label} {n}건을 저장했습니다.")
                return redirect("fees:period", slug=ctx.complex.slug, period=period)
            if which == "costs":
                costs_form = form
            else:
                readings_form = form
    costs = list(scoped(ctx, Cost).filter(period=p).select_related("building"))
    from django.db.models import Count

    reading_counts = [
        (UTILITY_NAMES[r["utility"]], r["n"])
        for r in scoped(ctx, MeterReading)
        .filter(period=p)
        .values("utility")
        .annotate(n=Count("pk"))
    ]
    review = selectors.run_review(run=run) if run and run.computed_at else None
    return render(
        request,
        "fees/period.html",
        {
            "ctx": ctx,
            "period": p,
            "period_text": period,
            "run": run,
            "costs": [(c, ITEMS[c.item][0]) for c in costs],
            "reading_counts": reading_counts,
            "unit_count": scoped(ctx, Unit).count(),
            "anomalies": selectors.anomalies(complex=ctx.complex, period=p),
            "costs_form": costs_form,
            "readings_form": readings_form,
            "errors": errors,
            "review": review,
            "preview": (
                Bill.objects.filter(run=run)
                .select_related("unit__building")
                .order_by("unit__building__name", "unit__floor", "unit__number")[:20]
                if run
                else []
            ),
        },
    )


@require_POST
@complex_view(*OFFICE_ROLES)
def run_draft(request, ctx, period):
    p = _period(period)
    try:
        services.billing_run_draft(complex=ctx.complex, period=p, by=request.user)
    except ApplicationError as e:
        return _run_failed(request, ctx, period, e)
    messages.success(request, "초안을 만들었습니다. 검토 후 발행해 주세요.")
    return redirect("fees:period", slug=ctx.complex.slug, period=period)


def _run_failed(request, ctx, period, e):
    messages.error(request, e.message)
    for p in e.extra.get("problems", []):
        units = (
            f" ({', '.join(p['units'][:10])}{' …' if len(p['units']) > 10 else ''})"
            if p.get("units")
            else ""
        )
        messages.error(request, p["message"] + units)
    return redirect("fees:period", slug=ctx.complex.slug, period=period)


@complex_view(*OFFICE_ROLES)
def run_issue(request, ctx, period):
    p = _period(period)
    run = get_scoped(ctx, BillingRun, period=p)
    if request.method == "POST":
        try:
            services.billing_run_issue(complex=ctx.complex, period=p, by=request.user)
        except ApplicationError as e:
            return _run_failed(request, ctx, period, e)
        messages.success(
            request, f"{run.label} 고지서를 발행했습니다. 입주자등에게 알림을 보냅니다."
        )
        return redirect("fees:period", slug=ctx.complex.slug, period=period)
    return render(
        request, "fees/issue_confirm.html", {"ctx": ctx, "run": run, "period_text": period}
    )


@complex_view(*OFFICE_ROLES)
def run_bills(request, ctx, period):
    p = _period(period)
    run = get_scoped(ctx, BillingRun, period=p)
    bills = list(Bill.objects.filter(run=run).select_related("unit__building"))
    bills.sort(key=lambda b: (natural_key(b.unit.building.name), natural_key(b.unit.number)))
    page = Paginator(bills, 50).get_page(request.GET.get("page"))
    return render(request, "fees/run_bills.html", {"ctx": ctx, "run": run, "page": page})


@complex_view(*OFFICE_ROLES)
def run_pdf(request, ctx, period):
    """The combined PDF of all the period's bills, rendered in the background with progress."""
    p = _period(period)
    run = get_scoped(ctx, BillingRun, period=p)
    if request.method == "POST":
        from django.db import transaction

        from . import tasks

        batch = PdfBatch.objects.create(
            complex=ctx.complex, period=p, total=run.summary.get("units", 0)
        )
        transaction.on_commit(lambda: tasks.render_pdf_batch.delay(batch.pk))
        return redirect("fees:run_pdf", slug=ctx.complex.slug, period=period)
    batches = scoped(ctx, PdfBatch).filter(period=p)[:5]
    return render(request, "fees/run_pdf.html", {"ctx": ctx, "run": run, "batches": batches})


@complex_view(*OFFICE_ROLES)
def pdf_batch_file(request, ctx, pk):
    batch = get_scoped(ctx, PdfBatch, pk=pk)
    if batch.status != "done" or not batch.file:
        raise Http404
    with batch.file.open("rb") as f:
        return _pdf_response(f.read(), f"bills-{batch.period:%Y-%m}.pdf")


# --- office: payments, arrears, adjustments ------------------------------------------------


@complex_view(*OFFICE_ROLES)
def payments(request, ctx):
    form = PaymentForm(request.POST or None, complex=ctx.complex, prefix="p")
    upload = UploadForm(prefix="u")
    errors = []
    if request.method == "POST":
        if request.POST.get("which") == "import":
            upload = UploadForm(request.POST, request.FILES, prefix="u")
            if upload.is_valid():
                f = upload.cleaned_data["file"]
                try:
                    result = services.payments_import(
                        complex=ctx.complex, data=f, filename=f.name, by=request.user
                    )
                except ApplicationError as e:  # ImportFailed (bad rows), a repeated file, …
                    errors = getattr(e, "errors", [])
                    upload.add_error(None, e.message)
                else:
                    messages.success(
                        request,
                        f"입금 {result['created']}건 저장 (이미 있던 참조 {result['skipped']}건, "
                        f"이미 가져온 행 {result['skipped_rows']}건 건너뜀).",
                    )
                    return redirect("fees:payments", slug=ctx.complex.slug)
        elif form.is_valid():
            try:
                services.payment_record(complex=ctx.complex, by=request.user, **form.cleaned_data)
            except ApplicationError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, "입금을 기록했습니다.")
                return redirect("fees:payments", slug=ctx.complex.slug)
    qs = scoped(ctx, Payment).select_related("unit__building")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "fees/payments.html",
        {"ctx": ctx, "form": form, "upload": upload, "errors": errors, "page": page},
    )


@complex_view(*OFFICE_ROLES)
def arrears(request, ctx):
    on = services.today()
    rows = selectors.delinquent_units(complex=ctx.complex, on=on)
    if request.GET.get("format") == "pdf":
        return _pdf_response(pdf.reminders_pdf(ctx.complex, rows, on), f"reminders-{on}.pdf")
    return render(
        request,
        "fees/arrears.html",
        {"ctx": ctx, "rows": rows, "on": on, "total": sum(r["amount"] for r in rows)},
    )


@complex_view(*OFFICE_ROLES)
def adjustments(request, ctx):
    """Corrections (Art. 86: on a later bill) and violation fines (Art. 97)."""
    from .forms import ViolationFineForm
    from .models import Adjustment, ViolationFine

    which = request.POST.get("which")
    form = AdjustmentForm(request.POST if which == "adjustment" else None, complex=ctx.complex)
    fine_form = ViolationFineForm(
        request.POST if which == "fine" else None, complex=ctx.complex, prefix="f"
    )
    active = fine_form if which == "fine" else form
    if request.method == "POST" and active.is_valid():
        data = active.cleaned_data
        try:
            period = services.parse_period(data["period"])
            if which == "fine":
                services.violation_fine_create(
                    complex=ctx.complex,
                    unit=data["unit"],
                    period=period,
                    amount=data["amount"],
                    reason=data["reason"],
                    warned_on=data["warned_on"],
                    response_until=data["response_until"],
                )
            else:
                services.adjustment_create(
                    complex=ctx.complex,
                    unit=data["unit"],
                    period=period,
                    amount=data["amount"],
                    reason=data["reason"],
                )
        except ApplicationError as e:
            active.add_error(None, e.message)
        else:
            messages.success(request, "등록했습니다. 해당 월 고지서에 반영됩니다.")
            return redirect("fees:adjustments", slug=ctx.complex.slug)
    return render(
        request,
        "fees/adjustments.html",
        {
            "ctx": ctx,
            "form": form,
            "fine_form": fine_form,
            "rows": scoped(ctx, Adjustment).select_related("unit__building")[:100],
            "fines": scoped(ctx, ViolationFine).select_related("unit__building")[:100],
        },
    )


# --- office: misc income, deposits, move-out ----------------------------------------------


@complex_view(*OFFICE_ROLES)
def misc_income(request, ctx):
    forms_ = {
        "income": MiscIncomeForm(
            request.POST if request.POST.get("which") == "income" else None, prefix="i"
        ),
        "reduction": FeeReductionForm(
            request.POST if request.POST.get("which") == "reduction" else None, prefix="r"
        ),
        "contingency": ContingencyForm(
            request.POST if request.POST.get("which") == "contingency" else None, prefix="c"
        ),
    }
    which = request.POST.get("which")
    if request.method == "POST" and which in forms_ and forms_[which].is_valid():
        data = forms_[which].cleaned_data
        try:
            if which == "income":
                services.misc_income_record(
                    complex=ctx.complex,
                    period=services.parse_period(data["period"]),
                    kind=data["kind"],
                    amount=data["amount"],
                    memo=data["memo"],
                )
            elif which == "reduction":
                services.fee_reduction_set(
                    complex=ctx.complex, year=data["year"], amount=data["amount"]
                )
            else:
                services.contingency_record(
                    complex=ctx.complex,
                    period=services.parse_period(data["period"]),
                    item=data["item"],
                    amount=data["amount"],
                    memo=data["memo"],
                )
        except ApplicationError as e:
            forms_[which].add_error(None, e.message)
        else:
            messages.success(request, "저장했습니다.")
            return redirect("fees:misc_income", slug=ctx.complex.slug)
    return render(
        request,
        "fees/misc_income.html",
        {
            "ctx": ctx,
            "forms": forms_,
            "incomes": scoped(ctx, MiscIncome)[:60],
            "reductions": scoped(ctx, FeeReduction).order_by("-year"),
            "contingencies": scoped(ctx, ContingencyUse).order_by("-period")[:30],
            "status": selectors.misc_income_status(complex=ctx.complex, year=services.today().year),
        },
    )


@complex_view(*OFFICE_ROLES)
def deposits(request, ctx):
    form = DepositForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["action"] == "collect":
                if not d["amount"]:
                    raise ApplicationError("징수 금액을 적어 주세요.")
                services.deposit_collect(
                    complex=ctx.complex,
                    unit=d["unit"],
                    amount=d["amount"],
                    on=d["on"],
                    memo=d["memo"],
                )
                messages.success(request, "예치금 징수를 기록했습니다.")
            else:
                r = services.deposit_refund(
                    complex=ctx.complex,
                    unit=d["unit"],
                    on=d["on"],
                    net_arrears=d["net_arrears"],
                    memo=d["memo"],
                )
                messages.success(
                    request, f"반환 {r['refunded']:,}원 (체납 정산 {r['netted']:,}원)."
                )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            return redirect("fees:deposits", slug=ctx.complex.slug)
    rows = scoped(ctx, FeeDeposit).select_related("unit__building")[:200]
    from django.db.models import Case, Sum, When
    from django.db.models import F as F_

    balance = (
        scoped(ctx, FeeDeposit).aggregate(
            s=Sum(Case(When(kind=DepositKind.COLLECTED, then=F_("amount")), default=-F_("amount")))
        )["s"]
        or 0
    )
    return render(
        request, "fees/deposits.html", {"ctx": ctx, "form": form, "rows": rows, "balance": balance}
    )


@complex_view(*OFFICE_ROLES)
def move_outs(request, ctx):
    form = MoveOutForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s = services.move_out_settle(
                complex=ctx.complex,
                unit=d["unit"],
                move_out_on=d["move_out_on"],
                usage_amount=d["usage_amount"],
                memo=d["memo"],
            )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"중간정산 {s.total:,}원을 기록했습니다.")
            return redirect("fees:move_outs", slug=ctx.complex.slug)
    rows = scoped(ctx, MoveOutSettlement).select_related("unit__building")[:100]
    return render(request, "fees/move_outs.html", {"ctx": ctx, "form": form, "rows": rows})


@complex_view(*OFFICE_ROLES)
def move_out_pdf(request, ctx, pk):
    s = get_scoped(
        ctx, MoveOutSettlement.objects.select_related("unit__building", "complex"), pk=pk
    )
    return _pdf_response(pdf.settlement_pdf(s), f"settlement-{s.pk}.pdf")


# --- year-end settlement (결산서, Art. 78, Art. 80⑤) -----------------------------------------


def _year_settlement(ctx, year):
    from .models import YearSettlement

    return (
        scoped(ctx, YearSettlement)
        .select_related("resolution__item", "resolution__meeting", "approved_by")
        .filter(year=year)
        .first()
    )


@complex_view(*READERS)
def year_settlement(request, ctx, year):
    """The fiscal year's settlement: a live preview until the council approves it, then the
    approved snapshot. The office records the approval (resolution, misc-income appropriation);
    the council reads."""
    from .forms import YearSettlementForm

    approved = _year_settlement(ctx, year)
    form = None
    if ctx.is_office and approved is None:
        form = YearSettlementForm(
            request.POST or None, resolutions=selectors.passed_resolutions(complex=ctx.complex)
        )
    if request.method == "POST":
        ctx.require(*OFFICE_ROLES)
        if form is None:
            messages.error(request, f"{year}년 결산은 이미 승인되었습니다.")
            return redirect("fees:year_settlement", slug=ctx.complex.slug, year=year)
        if form.is_valid():
            try:
                services.year_settlement_approve(
                    complex=ctx.complex,
                    year=year,
                    resolution=form.cleaned_data["resolution"],
                    reduction=form.cleaned_data["reduction"],
                    by=request.user,
                )
            except ApplicationError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, f"{year}년 결산 승인을 기록했습니다.")
                return redirect("fees:year_settlement", slug=ctx.complex.slug, year=year)
    figures = (
        approved.figures
        if approved
        else selectors.year_settlement_figures(complex=ctx.complex, year=year)
    )
    return render(
        request,
        "fees/year_settlement.html",
        {"ctx": ctx, "year": year, "f": figures, "approved": approved, "form": form},
    )


@complex_view(*READERS)
def year_settlement_pdf(request, ctx, year):
    approved = _year_settlement(ctx, year)
    figures = (
        approved.figures
        if approved
        else selectors.year_settlement_figures(complex=ctx.complex, year=year)
    )
    data = pdf.year_settlement_pdf(ctx.complex, figures, approved)
    return _pdf_response(data, f"settlement-{ctx.complex.slug}-{year}.pdf")


# --- misc income: Art. 80④ priority uses -------------------------------------------------


@complex_view(*OFFICE_ROLES)
def misc_income_uses(request, ctx):
    """Art. 80④: record uses of joint misc income on the eight priority uses (council resolution
    each; 40% of the budgeted misc income; annual caps of items 2, 4, 5) and set those caps."""
    from .forms import MiscIncomeUseForm, MiscUseCapsForm
    from .models import MiscIncomeUse

    which = request.POST.get("which")
    use_form = MiscIncomeUseForm(
        request.POST if which == "use" else None,
        resolutions=selectors.passed_resolutions(complex=ctx.complex),
        prefix="u",
    )
    caps = services.fee_settings(ctx.complex).misc_use_caps or {}
    caps_form = MiscUseCapsForm(request.POST if which == "caps" else None, caps=caps, prefix="k")
    form = use_form if which == "use" else caps_form
    if request.method == "POST" and which in ("use", "caps") and form.is_valid():
        d = form.cleaned_data
        try:
            if which == "use":
                services.misc_income_use_record(
                    complex=ctx.complex,
                    period=services.parse_period(d["period"]),
                    use=d["use"],
                    amount=d["amount"],
                    memo=d["memo"],
                    resolution=d["resolution"],
                    notice_on=d["notice_on"],
                    consents=d["consents"],
                )
            else:
                services.misc_use_caps_set(complex=ctx.complex, by=request.user, caps=d)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "저장했습니다.")
            return redirect("fees:misc_income_uses", slug=ctx.complex.slug)
    year = parse_year(request.GET.get("year"), default=services.today().year)
    return render(
        request,
        "fees/misc_income_uses.html",
        {
            "ctx": ctx,
            "status": selectors.misc_income_status(complex=ctx.complex, year=year),
            "use_form": use_form,
            "caps_form": caps_form,
            "uses": scoped(ctx, MiscIncomeUse)
            .filter(period__year=year)
            .select_related("resolution__item", "resolution__meeting"),
        },
    )


# --- office: Art. 82③ usage reconciliation, Art. 63② meter verification --------------------


@complex_view(*OFFICE_ROLES)
def usage_reconciliation(request, ctx):
    """Art. 82③: billed vs paid to the supplier per usage item and period; a surplus refunded or
    deducted from next month's usage charges."""
    from .forms import UsageReconciliationForm
    from .models import UsageReconciliation

    form = UsageReconciliationForm(request.POST or None, items=services.usage_items(ctx.complex))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            r = services.usage_reconcile(
                complex=ctx.complex,
                period=services.parse_period(d["period"]),
                item=d["item"],
                paid=d["paid"],
                action=d["action"],
                memo=d["memo"],
                by=request.user,
            )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"정산했습니다: 잉여금 {r.surplus:,}원.")
            return redirect("fees:usage_reconciliation", slug=ctx.complex.slug)
    rows = scoped(ctx, UsageReconciliation).order_by("-period", "item")[:120]
    for r in rows:
        r.item_name = ITEMS[r.item][0] if r.item in ITEMS else r.item
    return render(
        request, "fees/usage_reconciliation.html", {"ctx": ctx, "form": form, "rows": rows}
    )


@complex_view(*OFFICE_ROLES)
def meters(request, ctx):
    """Art. 63②: meters' verification expiry dates — expired and expiring within 90 days first;
    record one or import a file `building,unit,utility,expires_on[,serial]`."""
    from .forms import MeterVerificationForm
    from .models import MeterVerification

    which = request.POST.get("which")
    form = MeterVerificationForm(request.POST if which == "one" else None, complex=ctx.complex)
    upload = UploadForm(
        request.POST if which == "import" else None,
        request.FILES if which == "import" else None,
    )
    errors = None
    if request.method == "POST" and which == "one" and form.is_valid():
        d = form.cleaned_data
        try:
            services.meter_verification_set(
                complex=ctx.complex,
                unit=d["unit"],
                utility=d["utility"],
                expires_on=d["expires_on"],
                serial=d["serial"],
            )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "저장했습니다.")
            return redirect("fees:meters", slug=ctx.complex.slug)
    if request.method == "POST" and which == "import" and upload.is_valid():
        f = upload.cleaned_data["file"]
        try:
            n = services.meter_verifications_import(complex=ctx.complex, data=f, filename=f.name)
        except ImportFailed as e:
            errors = e.errors
            upload.add_error(None, e.message)
        except ApplicationError as e:
            upload.add_error(None, e.message)
        else:
            messages.success(request, f"{n}건을 저장했습니다.")
            return redirect("fees:meters", slug=ctx.complex.slug)
    today = services.today()
    return render(
        request,
        "fees/meters.html",
        {
            "ctx": ctx,
            "form": form,
            "upload": upload,
            "errors": errors,
            "expiring": selectors.meters_expiring(complex=ctx.complex, on=today),
            "count": scoped(ctx, MeterVerification).count(),
            "utility_names": UTILITY_NAMES,
        },
    )
