"""Pages of the tenant structure: dashboards, buildings, units, wards, people."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.links import absolute_url
from core.tabular import ImportFailed
from core.tenancy import DISTRICT, OFFICE, complex_view, get_scoped, scoped

from . import join_codes as codes
from . import selectors, services
from .forms import BuildingForm, InvitationForm, UnitForm, UnitImportForm, WardForm
from .models import Building, Invitation, Membership, Role, Unit, Ward

OFFICE_ROLES = tuple(OFFICE)


def home(request):
    """Anonymous: what the portal is. Logged in: straight to the one place they belong, or a
    chooser when they belong to several."""
    if not request.user.is_authenticated:
        return render(request, "home.html")
    complexes = list(selectors.complexes_for_user(user=request.user))
    districts = list(selectors.districts_for_user(user=request.user))
    if len(complexes) == 1 and not districts:
        return redirect("complexes:dashboard", slug=complexes[0].slug)
    if len(districts) == 1 and not complexes:
        return redirect("district_dashboard", code=districts[0].district_code)
    return render(request, "choose.html", {"complexes": complexes, "districts": districts})


@complex_view()
def dashboard(request, ctx):
    summary = (
        selectors.complex_summary(complex=ctx.complex)
        if (ctx.is_office or ctx.has(DISTRICT))
        else None
    )
    return render(
        request,
        "complexes/dashboard.html",
        {
            "ctx": ctx,
            "summary": summary,
            "my_units": [m for m in ctx.resident_memberships],
        },
    )


# --- buildings ------------------------------------------------------------------------------


@complex_view(*OFFICE_ROLES)
def building_list(request, ctx):
    buildings = selectors.buildings_with_counts(complex=ctx.complex)
    return render(request, "complexes/building_list.html", {"ctx": ctx, "buildings": buildings})


@complex_view(*OFFICE_ROLES)
def building_edit(request, ctx, pk=None):
    building = get_scoped(ctx, Building, pk=pk) if pk else Building(complex=ctx.complex)
    form = BuildingForm(request.POST or None, instance=building)
    if request.method == "POST" and form.is_valid():
        if (
            Building.objects.filter(complex=ctx.complex, name=form.cleaned_data["name"])
            .exclude(pk=building.pk)
            .exists()
        ):
            form.add_error("name", "같은 이름의 동이 이미 있습니다.")
        else:
            form.save()
            messages.success(request, f"{building}을(를) 저장했습니다.")
            return redirect("complexes:building_list", slug=ctx.complex.slug)
    return render(
        request,
        "complexes/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "동 수정" if pk else "동 추가",
            "back": reverse("complexes:building_list", args=[ctx.complex.slug]),
        },
    )


@complex_view(*OFFICE_ROLES)
def building_delete(request, ctx, pk):
    building = get_scoped(ctx, Building, pk=pk)
    back = reverse("complexes:building_list", args=[ctx.complex.slug])
    if request.method == "POST":
        try:
            services.building_delete(building=building)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"{building}을(를) 삭제했습니다.")
        return redirect(back)
    return render(request, "confirm_delete.html", {"ctx": ctx, "object": building, "back": back})


# --- units ----------------------------------------------------------------------------------


@complex_view(*OFFICE_ROLES)
def unit_list(request, ctx):
    units = scoped(ctx, Unit).select_related("building")
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(Q(building__name__icontains=q) | Q(number__icontains=q))
    building = request.GET.get("building")
    if building:
        units = units.filter(building__pk=building)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "complexes/unit_list.html",
        {
            "ctx": ctx,
            "page": page,
            "q": q,
            "buildings": scoped(ctx, Building),
            "building": building,
        },
    )


@complex_view(*OFFICE_ROLES)
def unit_edit(request, ctx, pk=None):
    unit = get_scoped(ctx, Unit, pk=pk) if pk else Unit(complex=ctx.complex)
    form = UnitForm(request.POST or None, instance=unit, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{unit.label}을(를) 저장했습니다.")
        return redirect("complexes:unit_list", slug=ctx.complex.slug)
    return render(
        request,
        "complexes/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "세대 수정" if pk else "세대 추가",
            "back": reverse("complexes:unit_list", args=[ctx.complex.slug]),
        },
    )


@complex_view(*OFFICE_ROLES)
def unit_delete(request, ctx, pk):
    unit = get_scoped(ctx, Unit.objects.select_related("building"), pk=pk)
    back = reverse("complexes:unit_list", args=[ctx.complex.slug])
    if request.method == "POST":
        try:
            services.unit_delete(unit=unit)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"{unit.label}을(를) 삭제했습니다.")
        return redirect(back)
    return render(request, "confirm_delete.html", {"ctx": ctx, "object": unit, "back": back})


@complex_view(*OFFICE_ROLES)
def unit_import(request, ctx):
    form = UnitImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.units_import(
                complex=ctx.complex, data=upload.read(), filename=upload.name
            )
        except ImportFailed as e:
            errors = e.errors
            form.add_error(None, e.message)
        else:
            messages.success(
                request,
                f"가져오기 완료: 새 세대 {result.created}개, 변경 {result.updated}개, "
                f"변경 없음 {result.unchanged}개, 새 동 {result.buildings_created}개.",
            )
            return redirect("complexes:unit_list", slug=ctx.complex.slug)
    return render(
        request, "complexes/unit_import.html", {"ctx": ctx, "form": form, "errors": errors}
    )


@complex_view(*OFFICE_ROLES)
def join_codes(request, ctx):
    """Each unit's paper join code: GET shows whether it was used, voided or has expired; POST
    prints new codes (voiding the old) for a building or every unit, shown this once."""
    units = scoped(ctx, Unit).select_related("building")
    building = request.POST.get("building") or request.GET.get("building")
    if building:
        units = units.filter(building__pk=building) if building.isdigit() else units.none()
    if request.method == "POST":
        issued = codes.join_codes_issue(units=units, by=request.user)
        return _print_slips(request, ctx, issued)
    latest = codes.code_status(complex=ctx.complex)
    rows = [(u, latest.get(u.pk)) for u in units]
    return render(
        request,
        "complexes/join_codes.html",
        {
            "ctx": ctx,
            "rows": rows,
            "now": timezone.now(),
            "buildings": scoped(ctx, Building),
            "building": building,
        },
    )


def _print_slips(request, ctx, issued):
    return render(
        request,
        "complexes/join_code_slips.html",
        {"ctx": ctx, "issued": issued, "join_url": absolute_url("/join/")},
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def join_code_regenerate(request, ctx, pk):
    """Print a new code for one unit; the unit's previous code stops working at once."""
    unit = get_scoped(ctx, Unit.objects.select_related("building"), pk=pk)
    issued = codes.join_code_issue(unit=unit, by=request.user)
    messages.success(
        request,
        f"{unit.label}의 가입 코드를 새로 만들었습니다. 이전 코드는 더 이상 쓸 수 없습니다.",
    )
    return _print_slips(request, ctx, [issued])


# --- wards ----------------------------------------------------------------------------------


@complex_view(*OFFICE_ROLES)
def ward_list(request, ctx):
    wards = selectors.wards_with_households(complex=ctx.complex)
    counts = [n for _, n in wards if n]
    imbalance = bool(counts) and max(counts) > 2 * min(counts)
    return render(
        request,
        "complexes/ward_list.html",
        {
            "ctx": ctx,
            "wards": wards,
            "imbalance": imbalance,
        },
    )


@complex_view(*OFFICE_ROLES)
def ward_edit(request, ctx, pk=None):
    ward = get_scoped(ctx, Ward, pk=pk) if pk else Ward(complex=ctx.complex)
    form = WardForm(request.POST or None, instance=ward, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        ward.name = form.cleaned_data["name"]
        try:
            services.ward_save(
                ward=ward,
                buildings=form.cleaned_data["buildings"],
                units=form.cleaned_data["units"],
            )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"'{ward.name}' 선거구를 저장했습니다.")
            return redirect("complexes:ward_list", slug=ctx.complex.slug)
    return render(
        request,
        "complexes/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "선거구 수정" if pk else "선거구 추가",
            "back": reverse("complexes:ward_list", args=[ctx.complex.slug]),
        },
    )


@complex_view(*OFFICE_ROLES)
def ward_delete(request, ctx, pk):
    ward = get_scoped(ctx, Ward, pk=pk)
    back = reverse("complexes:ward_list", args=[ctx.complex.slug])
    if request.method == "POST":
        try:
            services.ward_delete(ward=ward)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"'{ward.name}' 선거구를 삭제했습니다.")
        return redirect(back)
    return render(request, "confirm_delete.html", {"ctx": ctx, "object": ward, "back": back})


# --- people ---------------------------------------------------------------------------------


@complex_view(*OFFICE_ROLES)
def member_list(request, ctx):
    form = InvitationForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        if role != Role.RESIDENT and not ctx.is_manager:
            raise PermissionDenied("입주자 외의 역할은 관리사무소장만 초대할 수 있습니다.")
        try:
            invitation = services.invitation_create(
                complex=ctx.complex,
                by=request.user,
                email=form.cleaned_data["email"],
                role=role,
                unit=form.cleaned_data["unit"],
                resident_kind=form.cleaned_data["resident_kind"],
            )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            from .notifications import send_invitation

            send_invitation(invitation=invitation)
            messages.success(request, f"{invitation.email}에 초대 메일을 보냈습니다.")
            return redirect("complexes:member_list", slug=ctx.complex.slug)
    memberships = scoped(ctx, Membership).select_related("user", "unit__building")
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    invitations = (
        scoped(ctx, Invitation).filter(accepted_at__isnull=True).select_related("unit__building")
    )
    return render(
        request,
        "complexes/member_list.html",
        {
            "ctx": ctx,
            "page": page,
            "form": form,
            "invitations": invitations,
        },
    )


@complex_view(Role.MANAGER)
def member_revoke(request, ctx, pk):
    membership = get_scoped(ctx, Membership.objects.select_related("user"), pk=pk)
    back = reverse("complexes:member_list", args=[ctx.complex.slug])
    if request.method == "POST":
        try:
            services.membership_revoke(membership=membership, by=request.user)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"{membership} 역할을 해제했습니다.")
        return redirect(back)
    return render(
        request,
        "confirm_delete.html",
        {
            "ctx": ctx,
            "object": membership,
            "back": back,
            "verb": "역할 해제",
        },
    )


def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("complex"), token=token)
    if not request.user.is_authenticated:
        return render(request, "complexes/invitation.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ApplicationError as e:
            messages.error(request, e.message)
            return render(request, "complexes/invitation.html", {"invitation": invitation})
        messages.success(request, f"{invitation.complex.name}에 참여했습니다.")
        return redirect("complexes:dashboard", slug=invitation.complex.slug)
    return render(request, "complexes/invitation.html", {"invitation": invitation})
