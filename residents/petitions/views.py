"""Pages of residents' petitions under /c/<slug>/petitions/… (thin: rules live in services)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complexes.models import Role, Unit
from core.errors import ApplicationError
from core.tenancy import OFFICE, complex_view, get_scoped, scoped

from . import registry, selectors, services
from .forms import PaperForm
from .models import Petition, PetitionPaper

OFFICE_ROLES = tuple(OFFICE)
ANYONE = (*OFFICE_ROLES, Role.RESIDENT, Role.COUNCIL, Role.COMMITTEE)


def _detail_url(ctx, petition):
    return reverse("residents:petition_detail", args=[ctx.complex.slug, petition.pk])


def _form_error(form, error: ApplicationError):
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, error.message)


@complex_view(*ANYONE)
def petition_list(request, ctx):
    petitions = scoped(ctx, Petition).annotate(n=Count("signatures")).select_related("ward")
    return render(
        request,
        "residents/petition_list.html",
        {
            "ctx": ctx,
            "petitions": petitions,
            "startable": registry.startable_kinds() if ctx.has(Role.RESIDENT) else [],
        },
    )


@complex_view(Role.RESIDENT)
def petition_start(request, ctx, kind):
    try:
        spec = registry.spec_for(kind)
    except ApplicationError:
        raise Http404 from None
    if spec.form is None:
        raise Http404
    initial = {"representative_name": ctx.user.name, "filer_email": ctx.user.email}
    if request.GET.get("resolution", "").isdigit():
        initial["resolution"] = int(request.GET["resolution"])
    form = spec.form(request.POST or None, complex=ctx.complex, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.petition_start(
                complex=ctx.complex,
                kind=spec.kind,
                by=ctx.user,
                **spec.prepare(ctx, form.cleaned_data),
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(
                request,
                _("서명 요청을 시작했습니다. 필요한 서명(%(n)s)이 모이면 접수됩니다.")
                % {"n": petition.threshold},
            )
            return redirect(_detail_url(ctx, petition))
    kind_label = dict(Petition._meta.get_field("kind").choices)[spec.kind]
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": kind_label,
            "intro": _(
                "입주자 서명 요청을 시작합니다. 이 단지 입주자명부의 입주자가 각자 본인 계정으로 "
                "서명하거나 관리사무소가 서면 연서부를 등록해, 필요한 수에 이르면 접수됩니다."
            ),
            "submit": _("서명 요청 시작"),
            "back": reverse("residents:petition_list", args=[ctx.complex.slug]),
        },
    )


@complex_view(*ANYONE)
def petition_detail(request, ctx, pk):
    petition = get_scoped(ctx, Petition.objects.select_related("ward"), pk=pk)
    spec = registry.spec_for(petition.kind)
    see = selectors.can_see_signers(ctx=ctx, petition=petition)
    return render(
        request,
        "residents/petition_detail.html",
        {
            "ctx": ctx,
            "petition": petition,
            "spec": spec,
            "count": selectors.count(petition=petition),
            "signatures": (
                petition.signatures.select_related("unit__building", "paper") if see else None
            ),
            "papers": petition.papers.all() if see else None,
            "mine": selectors.my_signatures(petition=petition, user=ctx.user),
            "units": selectors.signable_units(ctx=ctx, petition=petition),
        },
    )


@require_POST
@complex_view(Role.RESIDENT)
def petition_sign(request, ctx, pk):
    petition = get_scoped(ctx, Petition, pk=pk)
    unit_id = request.POST.get("unit", "")
    unit = None
    if unit_id.isdigit() and int(unit_id) in ctx.unit_ids:
        unit = get_scoped(ctx, Unit, pk=int(unit_id))
    try:
        if unit is None:
            raise ApplicationError(_("본인 세대를 골라 주세요."))
        services.petition_sign(petition=petition, user=ctx.user, unit=unit)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("서명했습니다."))
    return redirect(_detail_url(ctx, petition))


@complex_view(*OFFICE_ROLES)
def petition_paper(request, ctx, pk):
    petition = get_scoped(ctx, Petition, pk=pk)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.petition_paper_record(
                petition=petition, by=ctx.user, **form.cleaned_data
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            text = _("서면 서명 %(n)s건을 등록했습니다.") % {"n": result["added"]}
            if result["skipped"]:
                text += " " + _("이미 서명해 세지 않은 줄: %(rows)s") % {
                    "rows": ", ".join(result["skipped"])
                }
            messages.success(request, text)
            return redirect(_detail_url(ctx, petition))
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": _("서면 연서부 등록: %(title)s") % {"title": petition.title},
            "intro": _(
                "받은 서면(연서부·서면동의서)을 스캔해 올리고, 서명인마다 동·호와 성명을 적습니다. "
                "대리인이 서명했다면 본인 성명을 네 번째 칸에 적습니다 (제23조②)."
            ),
            "submit": _("등록"),
            "multipart": True,
            "back": _detail_url(ctx, petition),
        },
    )


@complex_view(*ANYONE)
def petition_scan(request, ctx, pk, paper_pk):
    petition = get_scoped(ctx, Petition, pk=pk)
    if not selectors.can_see_signers(ctx=ctx, petition=petition):
        raise PermissionDenied(_("서명인 명단을 볼 권한이 없습니다."))
    paper = get_scoped(ctx, PetitionPaper.objects.filter(petition=petition), pk=paper_pk)
    if not paper.scan:
        raise Http404
    return FileResponse(paper.scan.open("rb"), filename=paper.scan.name.rsplit("/", 1)[-1])
