"""Pages of the disclosure app under /c/<slug>/: the office's publication registry, manual
publication with the masking check, the month's fee publication with anomaly reasons, and
residents' record inspection / copy requests (제64조②)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from complexes.models import Role
from core.errors import ApplicationError
from core.masking import identifiers_found, mask
from core.tenancy import OFFICE, complex_view, get_scoped, scoped

from . import selectors, services
from .duties import STATUS_CHOICES
from .forms import AnswerForm, PaidForm, PublicationForm, QuoteForm, RecordRequestForm, TakeDownForm
from .models import FeeSummary, Publication, RecordRequest

OFFICE_ROLES = tuple(OFFICE)


def _form_error(form, e: ApplicationError):
    field = e.extra.get("field") if isinstance(e.extra, dict) else None
    form.add_error(field if field in form.fields else None, e.message)


@complex_view(*OFFICE_ROLES)
def registry(request, ctx):
    status = request.GET.get("status", "")
    entries = selectors.registry(complex=ctx.complex, status=status)
    periods = sorted(set(scoped(ctx, FeeSummary).values_list("period", flat=True)), reverse=True)[
        :13
    ]
    return render(
        request,
        "disclosure/registry.html",
        {
            "ctx": ctx,
            "entries": entries,
            "status": status,
            "statuses": STATUS_CHOICES,
            "fee_periods": periods,
        },
    )


@complex_view(*OFFICE_ROLES)
def publication_create(request, ctx):
    form = PublicationForm(request.POST or None)
    preview = found = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        names = services.complex_names(ctx.complex)
        found = identifiers_found(d["body"], names)
        preview = mask(d["body"], names)
        try:
            pub = services.publication_manual(
                complex=ctx.complex,
                duty=d["duty"],
                title=d["title"],
                body=d["body"],
                event_on=d["event_on"],
                masking_confirmed=d["masking_confirmed"],
                posted_until=d["posted_until"],
                by=request.user,
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(
                request, f"'{pub.title}'을(를) 공개했습니다 ({pub.get_status_display()})."
            )
            return redirect("disclosure:publication_detail", slug=ctx.complex.slug, pk=pub.pk)
    return render(
        request,
        "disclosure/publication_form.html",
        {"ctx": ctx, "form": form, "preview": preview, "found": found},
    )


@complex_view(*OFFICE_ROLES)
def publication_detail(request, ctx, pk):
    pub = get_scoped(ctx, Publication, pk=pk)
    takedown = TakeDownForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                pub = services.publication_publish(
                    publication=pub, body=request.POST.get("body", ""), by=request.user
                )
                messages.success(request, f"공개했습니다 ({pub.get_status_display()}).")
            elif takedown.is_valid():
                services.publication_take_down(
                    publication=pub, on=takedown.cleaned_data["posted_until"]
                )
                messages.success(request, "게시 종료일을 기록했습니다.")
            else:
                raise ApplicationError("게시 종료일을 입력해 주세요.")
        except ApplicationError as e:
            messages.error(request, e.message)
        return redirect("disclosure:publication_detail", slug=ctx.complex.slug, pk=pub.pk)
    return render(
        request, "disclosure/publication_detail.html", {"ctx": ctx, "p": pub, "takedown": takedown}
    )


@complex_view(*OFFICE_ROLES)
def fee_month(request, ctx, period):
    try:
        month = services.parse_period(period)
    except ApplicationError as e:
        messages.error(request, e.message)
        return redirect("disclosure:registry", slug=ctx.complex.slug)
    rows = list(scoped(ctx, FeeSummary).filter(period=month).order_by("item"))
    pub = scoped(ctx, Publication).filter(duty="fee_breakdown", period=month).first()
    if request.method == "POST":
        try:
            for r in rows:
                key = f"reason_{r.item}"
                if key in request.POST:
                    services.fee_reason_set(
                        complex=ctx.complex, period=month, item=r.item, reason=request.POST[key]
                    )
            if request.POST.get("action") == "publish":
                pub = services.fee_month_publish(complex=ctx.complex, period=month, by=request.user)
                messages.success(
                    request,
                    f"{month:%Y년 %-m월} 관리비 부과명세를 공개했습니다 ({pub.get_status_display()}).",
                )
            else:
                messages.success(request, "변동 사유를 저장했습니다.")
        except ApplicationError as e:
            messages.error(
                request, e.message + (" " + ", ".join(e.extra.get("items", [])) if e.extra else "")
            )
        return redirect("disclosure:fee_month", slug=ctx.complex.slug, period=f"{month:%Y-%m}")
    for r in rows:
        r.name = services._item_name(r.item)
    return render(
        request, "disclosure/fee_month.html", {"ctx": ctx, "month": month, "rows": rows, "pub": pub}
    )


# --- record requests (제64조②) -----------------------------------------------------------------


@complex_view(Role.RESIDENT)
def my_requests(request, ctx):
    form = RecordRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.record_request_file(
                complex=ctx.complex, requester=request.user, **form.cleaned_data
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"{req.get_kind_display()} 요청을 접수했습니다.")
            return redirect("disclosure:my_requests", slug=ctx.complex.slug)
    mine = scoped(ctx, RecordRequest).filter(requester=request.user)
    return render(
        request,
        "disclosure/my_requests.html",
        {
            "ctx": ctx,
            "form": form,
            "requests": mine,
            "settings": services.settings_for(ctx.complex),
        },
    )


@complex_view(*OFFICE_ROLES)
def request_list(request, ctx):
    reqs = scoped(ctx, RecordRequest).select_related("requester")
    return render(request, "disclosure/request_list.html", {"ctx": ctx, "requests": reqs})


@complex_view(*OFFICE_ROLES)
def request_detail(request, ctx, pk):
    req = get_scoped(ctx, RecordRequest, pk=pk)
    back = reverse("disclosure:request_detail", args=[ctx.complex.slug, req.pk])
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "quote":
                f = QuoteForm(request.POST)
                if not f.is_valid():
                    raise ApplicationError("매수를 1 이상으로 입력해 주세요.")
                services.record_request_quote(request=req, pages=f.cleaned_data["pages"])
            elif action == "paid":
                f = PaidForm(request.POST)
                if not f.is_valid():
                    raise ApplicationError("납부일을 입력해 주세요.")
                services.record_request_paid(request=req, paid_on=f.cleaned_data["paid_on"])
            elif action == "done":
                services.record_request_done(request=req, answer=request.POST.get("answer", ""))
            elif action == "reject":
                services.record_request_reject(request=req, answer=request.POST.get("answer", ""))
            else:
                raise ApplicationError("알 수 없는 처리입니다.")
            messages.success(request, "처리했습니다.")
        except ApplicationError as e:
            messages.error(request, e.message)
        return redirect(back)
    return render(
        request,
        "disclosure/request_detail.html",
        {"ctx": ctx, "r": req, "quote": QuoteForm(), "paid": PaidForm(), "answer": AnswerForm()},
    )
