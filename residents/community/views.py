"""Pages of community life under /c/<slug>/community/… : facilities and bookings, cars and
visitor cars, the indirect-smoking report (thin: rules live in services). Consents and groups
are in views_life.py."""

from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Role
from core.errors import ApplicationError
from core.tenancy import OFFICE, complex_view, get_scoped

from .. import selectors as resident_selectors
from .. import services as resident_services
from ..models import ComplaintCategory, Vehicle
from . import forms, selectors
from .models import BookingStatus, Facility
from .services import cars as car_services
from .services import facilities as facility_services

OFFICE_ROLES = tuple(OFFICE)
MEMBERS = (*OFFICE_ROLES, Role.RESIDENT, Role.COUNCIL, Role.COMMITTEE)


def form_error(form, error: ApplicationError):
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, error.message)


def my_units(ctx):
    """The units a resident may act for today (a household that moved out may not)."""
    return resident_selectors.current_resident_units(ctx=ctx)


def _url(name, ctx, *args):
    return reverse(f"residents:{name}", args=[ctx.complex.slug, *args])


def confirm(request, ctx, *, title, text, verb, back):
    return render(
        request,
        "residents/community/confirm.html",
        {"ctx": ctx, "title": title, "text": text, "verb": verb, "back": back},
    )


@complex_view(*MEMBERS)
def community_home(request, ctx):
    return render(
        request,
        "residents/community/home.html",
        {
            "ctx": ctx,
            "facilities": selectors.facilities(complex=ctx.complex),
            "is_resident": bool(my_units(ctx)),
        },
    )


# --- facilities and bookings -----------------------------------------------------------------


@complex_view(*MEMBERS)
def facility_list(request, ctx):
    bookings = (
        selectors.bookings_visible(ctx=ctx)
        .filter(status=BookingStatus.ACTIVE, ends_at__gt=timezone.now())
        .order_by("starts_at")
    )
    return render(
        request,
        "residents/community/facility_list.html",
        {
            "ctx": ctx,
            "facilities": selectors.facilities(complex=ctx.complex, active_only=not ctx.is_office),
            "bookings": bookings[:50],
        },
    )


@complex_view(*OFFICE_ROLES)
def facility_edit(request, ctx, pk=None):
    facility = get_scoped(ctx, Facility, pk=pk) if pk else None
    form = forms.FacilityForm(request.POST or None, instance=facility)
    if request.method == "POST" and form.is_valid():
        try:
            values = {f: form.cleaned_data[f] for f in form.Meta.fields}
            facility = facility_services.facility_save(
                complex=ctx.complex, by=ctx.user, facility=facility, **values
            )
        except ApplicationError as e:
            form_error(form, e)
        else:
            messages.success(request, _("시설을 저장했습니다."))
            return redirect(_url("facility_detail", ctx, facility.pk))
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": _("공동시설 설정") if facility else _("공동시설 추가"),
            "intro": _(
                "예약 규칙은 입주자대표회의가 정한 규정(제103조)에 따릅니다. 인근 단지 입주자와 "
                "공유하려면 입주자대표회의 의결과 전체 입주자등 과반수 동의가 필요합니다 (제67조의3)."
            ),
            "submit": _("저장"),
            "back": _url("facility_list", ctx),
        },
    )


def _day_of(request):
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


@complex_view(*MEMBERS)
def facility_detail(request, ctx, pk):
    facility = get_scoped(ctx, Facility, pk=pk)
    if not facility.active and not ctx.is_office:
        raise PermissionDenied(_("지금은 운영하지 않는 시설입니다."))
    day = _day_of(request)
    units = my_units(ctx)
    form = None
    if units:
        form = forms.BookingForm(
            request.POST or None, units=units, initial={"day": day, "start": facility.opens_at}
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            start = timezone.make_aware(datetime.combine(d["day"], d["start"]))
            end = start + timedelta(minutes=facility.slot_minutes * d["slots"])
            try:
                booking = facility_services.booking_create(
                    facility=facility, unit=d["unit"], by=ctx.user, starts_at=start, ends_at=end
                )
            except ApplicationError as e:
                form_error(form, e)
            else:
                messages.success(
                    request,
                    _("예약했습니다: %(t)s, 사용료 %(fee)s원 (다음 달 관리비에 부과).")
                    % {
                        "t": timezone.localtime(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
                        "fee": f"{booking.fee:,}",
                    },
                )
                return redirect(_url("facility_list", ctx))
    elif request.method == "POST":
        raise PermissionDenied(_("입주 중인 세대만 예약할 수 있습니다."))
    mine = set(ctx.unit_ids)
    slots = selectors.slots_for(facility=facility, day=day)
    for s in slots:
        s["mine"] = bool(s.pop("unit_ids") & mine)
    return render(
        request,
        "residents/community/facility_detail.html",
        {
            "ctx": ctx,
            "facility": facility,
            "day": day,
            "prev_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "slots": slots,
            "form": form,
        },
    )


@complex_view(*MEMBERS)
def booking_cancel(request, ctx, pk):
    booking = get_scoped(ctx, selectors.bookings_visible(ctx=ctx), pk=pk)
    back = _url("facility_list", ctx)
    if request.method == "POST":
        try:
            facility_services.booking_cancel(booking=booking, by=ctx.user, by_office=ctx.is_office)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("예약을 취소했습니다."))
        return redirect(back)
    when = timezone.localtime(booking.starts_at).strftime("%Y-%m-%d %H:%M")
    return confirm(
        request,
        ctx,
        title=_("예약 취소"),
        text=_("%(f)s %(t)s 예약을 취소할까요?") % {"f": booking.facility.name, "t": when},
        verb=_("예약 취소"),
        back=back,
    )


# --- cars ------------------------------------------------------------------------------------


@complex_view(*MEMBERS)
def car_list(request, ctx):
    units = my_units(ctx)
    if not units and not ctx.is_office:
        raise PermissionDenied(_("입주 중인 세대만 차량을 등록합니다."))
    form = forms.CarForm(request.POST or None, units=units) if units else None
    if form is not None and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            car_services.car_register(
                unit=d["unit"], plate=d["plate"], car_type=d["car_type"], by=ctx.user
            )
        except ApplicationError as e:
            form_error(form, e)
        else:
            messages.success(request, _("차량을 등록했습니다."))
            return redirect(_url("car_list", ctx))
    return render(
        request,
        "residents/community/car_list.html",
        {
            "ctx": ctx,
            "cars": selectors.household_cars(complex=ctx.complex, unit_ids=[u.pk for u in units]),
            "form": form,
            "limit": selectors.settings_for(complex=ctx.complex).cars_per_household,
        },
    )


@complex_view(Role.RESIDENT)
def car_remove(request, ctx, pk):
    car = get_scoped(
        ctx, Vehicle.objects.filter(occupancy__unit_id__in=[u.pk for u in my_units(ctx)]), pk=pk
    )
    back = _url("car_list", ctx)
    if request.method == "POST":
        car_services.car_remove(vehicle=car, by=ctx.user)
        messages.success(request, _("차량 등록을 해지했습니다."))
        return redirect(back)
    return confirm(
        request, ctx, title=_("차량 등록 해지"),
        text=_("%(p)s 차량의 등록을 해지할까요?") % {"p": car.plate}, verb=_("해지"), back=back,
    )  # fmt: skip


@complex_view(*MEMBERS)
def visitor_list(request, ctx):
    units = my_units(ctx)
    if not units and not ctx.is_office:
        raise PermissionDenied(_("입주 중인 세대만 방문차량을 등록합니다."))
    form = None
    if units:
        form = forms.VisitorForm(
            request.POST or None, units=units, initial={"visit_from": timezone.localdate()}
        )
        if request.method == "POST" and form.is_valid():
            try:
                car_services.visitor_register(by=ctx.user, **form.cleaned_data)
            except ApplicationError as e:
                form_error(form, e)
            else:
                messages.success(request, _("방문차량을 등록했습니다."))
                return redirect(_url("visitor_list", ctx))
    lookup, found = None, None
    if ctx.is_office:
        lookup = forms.PlateLookupForm(request.GET or None)
        if lookup.is_valid():
            found = selectors.plate_lookup(complex=ctx.complex, plate=lookup.cleaned_data["plate"])
    return render(
        request,
        "residents/community/visitor_list.html",
        {
            "ctx": ctx,
            "form": form,
            "mine": selectors.visitor_cars_visible(ctx=ctx).filter(
                unit_id__in=[u.pk for u in units], visit_until__gte=timezone.localdate()
            ),
            "today": selectors.visitors_on(complex=ctx.complex) if ctx.is_office else None,
            "lookup": lookup,
            "found": found,
        },
    )


@complex_view(*MEMBERS)
def visitor_cancel(request, ctx, pk):
    visitor = get_scoped(ctx, selectors.visitor_cars_visible(ctx=ctx), pk=pk)
    back = _url("visitor_list", ctx)
    if request.method == "POST":
        try:
            car_services.visitor_cancel(visitor=visitor, by=ctx.user)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("방문차량 등록을 취소했습니다."))
        return redirect(back)
    return confirm(
        request, ctx, title=_("방문차량 취소"),
        text=_("%(p)s 방문차량 등록을 취소할까요?") % {"p": visitor.plate}, verb=_("등록 취소"),
        back=back,
    )  # fmt: skip


# --- indirect smoking (Arts. 71-2, 71-3) -----------------------------------------------------


@complex_view(Role.RESIDENT)
def smoking_report(request, ctx):
    """A victim reports indirect smoking to the office (Art. 71-3①); the complaint then follows
    the dispute path of residents.services (recommendation → guidance to the gu committee)."""
    units = my_units(ctx)
    if not units:
        raise PermissionDenied(_("입주 중인 세대만 신고할 수 있습니다."))
    form = forms.SmokingForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        common = d["where"] == "common"
        try:
            complaint = resident_services.complaint_file(
                complex=ctx.complex,
                by=ctx.user,
                unit=d["unit"],
                common_area=common,
                location=d["location"],
                category=ComplaintCategory.SMOKING,
                title=_("간접흡연 신고 (공용부분)") if common else _("간접흡연 신고 (세대 간)"),
                body=d["body"],
            )
        except ApplicationError as e:
            form_error(form, e)
        else:
            messages.success(request, _("간접흡연 신고를 접수했습니다."))
            return redirect("residents:complaint_detail", slug=ctx.complex.slug, pk=complaint.pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": _("간접흡연 신고"),
            "intro": _(
                "세대 안(베란다·화장실 등)이나 공용부분의 흡연으로 피해를 입으면 관리사무소에 "
                "알릴 수 있습니다 (제71조의3①). 관리사무소는 흡연 세대에 일정한 장소에서 흡연을 "
                "중단하도록 권고할 수 있고, 분쟁이 계속되면 구 공동주택관리 분쟁조정위원회를 "
                "안내합니다 (제71조의3③). 신고인은 상대 세대에 알려지지 않습니다."
            ),
            "submit": _("신고"),
            "back": _url("community_home", ctx),
        },
    )
