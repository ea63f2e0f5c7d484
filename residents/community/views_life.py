"""Pages of consents (Art. 65) and community groups (Arts. 39–43) under /c/<slug>/community/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complexes.models import Role, Unit
from core.errors import ApplicationError
from core.tenancy import complex_view, get_scoped, scoped

from . import forms, rules, selectors
from .groups_models import CommunityGroup, ReceiptKind, ReportKind
from .models import ConsentApplication, ConsentStatus
from .parking_models import ParkingArrangement
from .services import consents as consent_services
from .services import groups as group_services
from .services.parking import parking_record
from .views import MEMBERS, OFFICE_ROLES, _url, form_error, my_units

COUNCIL_OR_OFFICE = (Role.COUNCIL, *OFFICE_ROLES)


# --- consents ----------------------------------------------------------------------------------


@complex_view(*MEMBERS)
def consent_list(request, ctx):
    return render(
        request,
        "residents/community/consent_list.html",
        {
            "ctx": ctx,
            "applications": selectors.consents_visible(ctx=ctx)[:100],
            "can_apply": bool(my_units(ctx)),
        },
    )


@complex_view(Role.RESIDENT)
def consent_new(request, ctx):
    units = my_units(ctx)
    if not units:
        raise PermissionDenied(_("입주 중인 세대만 신청할 수 있습니다."))
    form = forms.ConsentForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            app = consent_services.consent_apply(by=ctx.user, **form.cleaned_data)
        except ApplicationError as e:
            form_error(form, e)
        else:
            messages.success(request, _("동의 신청을 접수했습니다."))
            return redirect(_url("consent_detail", ctx, app.pk))
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "multipart": True,
            "title": _("관리주체 동의 신청"),
            "intro": _(
                "관리사무소는 관리규약 제65조의 동의기준에 따라 결정합니다. 가축 사육(3가)과 세대의 "
                "놀이방·공부방 등 사용(6)은 같은 통로(복도식은 같은 층 복도) 입주자등 과반수와 "
                "직상·직하층을 포함한 직접 영향 세대 모두의 동의가 필요하며, 포털이 대상 세대를 "
                "정해 동의를 받습니다."
            ),
            "submit": _("신청"),
            "back": _url("consent_list", ctx),
        },
    )


def _consent(ctx, pk) -> ConsentApplication:
    return get_scoped(ctx, selectors.consents_visible(ctx=ctx), pk=pk)


@complex_view(*MEMBERS)
def consent_detail(request, ctx, pk):
    app = _consent(ctx, pk)
    mine_rows = selectors.my_neighbour_rows(ctx=ctx, application=app)
    is_applicant = app.unit_id in ctx.unit_ids
    paper = decide = None
    if ctx.is_office and app.status in (ConsentStatus.COLLECTING, ConsentStatus.SUBMITTED):
        units = Unit.objects.filter(
            pk__in=app.neighbours.values("unit_id"), complex=ctx.complex
        ).select_related("building")
        paper = forms.PaperConsentForm(units=units, prefix="paper")
        decide = forms.DecideForm(allowed=consent_services.allowed_decisions(app), prefix="d")
    return render(
        request,
        "residents/community/consent_detail.html",
        {
            "ctx": ctx,
            "app": app,
            "tally": selectors.consent_tally(application=app),
            "needs_neighbours": app.case in rules.NEEDS_NEIGHBOURS,
            "standard": rules.STANDARD[app.case],
            # who answered what: the office sees every row; others only counts
            "rows": app.neighbours.select_related("unit__building") if ctx.is_office else None,
            "mine": mine_rows,
            "is_applicant": is_applicant,
            "paper": paper,
            "decide": decide,
        },
    )


@require_POST
@complex_view(*MEMBERS)
def consent_act(request, ctx, pk):
    """answer (a neighbour's own account), paper (the office records a written consent),
    decide (the office), withdraw (the applicant)."""
    app = _consent(ctx, pk)
    action = request.POST.get("action", "")
    try:
        if action == "answer":
            unit_id = request.POST.get("unit", "")
            if not unit_id.isdigit() or int(unit_id) not in ctx.unit_ids:
                raise ApplicationError(_("본인 세대로만 답할 수 있습니다."))
            consent_services.neighbour_answer(
                application=app,
                unit=get_scoped(ctx, Unit, pk=int(unit_id)),
                answer=request.POST.get("answer") == "1",
                by=ctx.user,
                signer_name=ctx.user.name,
            )
            messages.success(request, _("답변을 기록했습니다."))
        elif action == "paper" and ctx.is_office:
            units = Unit.objects.filter(
                pk__in=app.neighbours.values("unit_id"), complex=ctx.complex
            )
            form = forms.PaperConsentForm(request.POST, units=units, prefix="paper")
            if not form.is_valid():
                raise ApplicationError(_("동의 세대·답변·서명인을 확인해 주세요."))
            consent_services.neighbour_answer(
                application=app, by=ctx.user, written=True, **form.cleaned_data
            )
            messages.success(request, _("서면 동의를 기록했습니다."))
        elif action == "decide" and ctx.is_office:
            consent_services.consent_decide(
                application=app,
                decision=request.POST.get("d-decision", ""),
                reasons=request.POST.get("d-reasons", ""),
                by=ctx.user,
            )
            messages.success(request, _("결정하고 신청인에게 알렸습니다."))
        elif action == "withdraw" and app.unit_id in ctx.unit_ids:
            consent_services.consent_withdraw(application=app, by=ctx.user)
            messages.success(request, _("신청을 취하했습니다."))
        else:
            raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect(_url("consent_detail", ctx, app.pk))


@complex_view(*MEMBERS)
def consent_withdraw_confirm(request, ctx, pk):
    app = _consent(ctx, pk)
    if app.unit_id not in ctx.unit_ids:
        raise PermissionDenied(_("신청 세대만 취하할 수 있습니다."))
    return render(
        request,
        "residents/community/confirm.html",
        {
            "ctx": ctx,
            "title": _("동의 신청 취하"),
            "text": _("이 신청을 취하할까요? 받은 이웃 동의는 이 신청에만 유효합니다."),
            "verb": _("취하"),
            "back": _url("consent_detail", ctx, app.pk),
            "action": _url("consent_act", ctx, app.pk),
            "hidden": {"action": "withdraw"},
        },
    )


@complex_view(*MEMBERS)
def consent_pledge(request, ctx, pk):
    app = _consent(ctx, pk)
    if not (ctx.is_office or app.unit_id in ctx.unit_ids) or not app.pledge:
        raise Http404
    return FileResponse(app.pledge.open("rb"), filename=app.pledge.name.rsplit("/", 1)[-1])


# --- groups ------------------------------------------------------------------------------------


@complex_view(*MEMBERS)
def group_list(request, ctx):
    return render(
        request,
        "residents/community/group_list.html",
        {
            "ctx": ctx,
            "groups": selectors.groups_with_counts(complex=ctx.complex),
            "can_file": bool(my_units(ctx)) or ctx.is_office,
        },
    )


@complex_view(Role.RESIDENT, *OFFICE_ROLES)
def group_new(request, ctx):
    form = forms.GroupForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        try:
            group = group_services.group_file(complex=ctx.complex, by=ctx.user, **form.cleaned_data)
        except ApplicationError as e:
            form_error(form, e)
        else:
            messages.success(request, _("결성 신고를 접수했습니다 (별지 5-1)."))
            return redirect(_url("group_detail", ctx, group.pk))
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": _("공동체 활성화 단체 결성 신고"),
            "intro": _(
                "입주자등 10명 이상으로 구성합니다 (제39조①). 전문가·시민단체 회원·인근 주민도 "
                "함께할 수 있지만 10명에 세지 않습니다. 입주자대표회의는 신청일부터 30일 안에 "
                "지원 여부를 정하고, 지원하지 않으면 사유를 알리고 게시합니다 (제39조④)."
            ),
            "submit": _("신고"),
            "back": _url("group_list", ctx),
        },
    )


@complex_view(*MEMBERS)
def group_detail(request, ctx, pk):
    group = get_scoped(ctx, CommunityGroup, pk=pk)
    decide = None
    if ctx.has(*COUNCIL_OR_OFFICE) and group.status == "filed":
        decide = forms.GroupDecideForm(request.POST or None)
        if request.method == "POST" and decide.is_valid():
            try:
                group_services.group_decide(group=group, by=ctx.user, **decide.cleaned_data)
            except ApplicationError as e:
                form_error(decide, e)
            else:
                messages.success(request, _("결정을 기록했습니다."))
                return redirect(_url("group_detail", ctx, group.pk))
    elif request.method == "POST":
        raise PermissionDenied(_("입주자대표회의와 관리사무소만 결정합니다."))
    return render(
        request,
        "residents/community/group_detail.html",
        {
            "ctx": ctx,
            "group": group,
            "members": selectors.members_for(ctx=ctx, group=group),
            "counting": selectors.counting_members(group=group),
            "refusal_due": group_services.refusal_due(group),
            "fundings": scoped(ctx, group.fundings.model).filter(group=group),
            "expenses": group.expenses.all() if ctx.has(*COUNCIL_OR_OFFICE) else None,
            "reports": group.reports.all(),
            "receipt_kinds": ReceiptKind.choices,
            "report_kinds": ReportKind.choices,
            "decide": decide,
            "can_request": group.status == "approved"
            and (ctx.is_office or group.filed_by_id == ctx.user.pk),
            "is_filer": group.filed_by_id == ctx.user.pk,
            "is_council": ctx.has(*COUNCIL_OR_OFFICE),
        },
    )


def _amount(text) -> int:
    text = (text or "").replace(",", "").strip()
    if not text.isdigit():
        raise ApplicationError(_("금액은 원 단위 숫자로 적어 주세요."), {"field": "amount"})
    return int(text)


def _date(text):
    from datetime import date

    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise ApplicationError(_("날짜를 확인해 주세요."), {"field": "date"}) from None


@require_POST
@complex_view(*MEMBERS)
def group_funding_act(request, ctx, pk):
    """The funding path (Art. 41①, 별첨 5 §6): request (the group's filer or the office) →
    notify (the council) → apply with 별지 5-2 (the group or the office) → publish and transfer
    (the office); spending with its receipt (the office's books, Art. 39③, §11) and the monthly
    statement or yearly settlement with the audit opinion (§11④, §12)."""
    group = get_scoped(ctx, CommunityGroup, pk=pk)
    action = request.POST.get("action", "")
    funding = None
    if request.POST.get("funding", "").isdigit():
        funding = get_scoped(ctx, group.fundings.all(), pk=int(request.POST["funding"]))
    is_filer = group.filed_by_id == ctx.user.pk
    try:
        if action == "request" and (is_filer or ctx.is_office):
            group_services.funding_request(
                group=group,
                purpose=request.POST.get("purpose", "").strip() or "-",
                requested_amount=_amount(request.POST.get("amount")),
                cost_basis=request.POST.get("cost_basis", ""),
            )
        elif funding is not None and action == "notify" and ctx.has(*COUNCIL_OR_OFFICE):
            group_services.funding_notify(
                funding=funding,
                amount=_amount(request.POST.get("amount")),
                resolution=request.POST.get("resolution", ""),
            )
        elif funding is not None and action == "apply" and (is_filer or ctx.is_office):
            group_services.funding_apply(funding=funding)
        elif funding is not None and action == "publish" and ctx.is_office:
            group_services.funding_publish(funding=funding)
        elif funding is not None and action == "transfer" and ctx.is_office:
            group_services.funding_transfer(funding=funding)
        elif action == "expense" and ctx.is_office:  # the office keeps the books (§11④)
            group_services.expense_record(
                group=group,
                by=ctx.user,
                spent_on=_date(request.POST.get("spent_on")),
                amount=_amount(request.POST.get("amount")),
                item=request.POST.get("item", "").strip() or "-",
                receipt_kind=request.POST.get("receipt_kind", ""),
                receipt=request.FILES.get("receipt"),
                reported_before=request.POST.get("reported_before") == "on",
            )
        elif action == "report" and ctx.has(*COUNCIL_OR_OFFICE):
            group_services.report_publish(
                group=group,
                kind=request.POST.get("kind", ""),
                period=_date(request.POST.get("period")),
                audit_opinion=request.POST.get("audit_opinion", ""),
                by=ctx.user,
            )
        else:
            raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("지원금 처리를 기록했습니다."))
    return redirect(_url("group_detail", ctx, group.pk))


# --- parking lease and opening (Arts. 67, 67-2) ----------------------------------------------


@complex_view(*MEMBERS)
def parking_list(request, ctx):
    return render(
        request,
        "residents/community/parking_list.html",
        {"ctx": ctx, "arrangements": scoped(ctx, ParkingArrangement).select_related("notice")},
    )


@complex_view(*OFFICE_ROLES)
def parking_new(request, ctx):
    form = forms.ParkingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            parking_record(complex=ctx.complex, by=ctx.user, **form.cleaned_data)
        except ApplicationError as e:
            form_error(form, e)
        else:
            messages.success(request, _("기록하고 게시판에 공지했습니다."))
            return redirect(_url("parking_list", ctx))
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": _("주차장 임대·개방 기록"),
            "intro": _(
                "카셰어링 임대(제67조)는 입주자대표회의 의결 또는 전체 입주자등 과반수 동의로 하고 "
                "주차면과 위치는 의결로 정합니다. 외부인 개방(제67조의2)은 지방자치단체나 "
                "지방공사가 운영하는 경우에만, 의결과 과반수 동의가 모두 있어야 합니다. "
                "전체 세대 수는 포털이 단지의 세대 수로 채웁니다."
            ),
            "submit": _("기록·공지"),
            "back": _url("parking_list", ctx),
        },
    )


# --- building layout for neighbour consent (office) --------------------------------------------


@complex_view(*OFFICE_ROLES)
def layout_edit(request, ctx):
    from complexes.models import Building

    from .models import CorridorType

    buildings = list(scoped(ctx, Building).order_by("name"))
    if request.method == "POST":
        try:
            with transaction.atomic():  # all buildings or none
                for b in buildings:
                    per = request.POST.get(f"per-{b.pk}", "2")
                    consent_services.layout_set(
                        building=b,
                        corridor_type=request.POST.get(f"type-{b.pk}", ""),
                        units_per_stairway=int(per) if per.isdigit() else 0,
                        by=ctx.user,
                    )
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("동 배치를 저장했습니다."))
            return redirect(_url("layout_edit", ctx))
    rows = []
    for b in buildings:
        corridor_type, per = selectors.layout_of(b)
        rows.append({"building": b, "type": corridor_type, "per": per})
    return render(
        request,
        "residents/community/layout.html",
        {"ctx": ctx, "rows": rows, "types": CorridorType.choices},
    )
