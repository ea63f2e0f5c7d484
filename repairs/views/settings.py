"""The repairs settings page: the reserve settings and the units recorded unsold."""

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from complexes import services as complexes_services
from complexes import unsold as complexes_unsold
from complexes.models import Unit, UnsoldUnit
from core.errors import ApplicationError
from core.tenancy import complex_view, get_scoped, scoped

from .. import forms, services
from ..plan.reserve import monthly_reserve_by_unit
from .access import (
    OFFICE_ROLES,
    _errors,
    _today,
)

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
