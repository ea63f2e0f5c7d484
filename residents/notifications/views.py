"""Pages: my notification settings (everyone of the complex), the office's delivery log with
retry, and the complex's sender settings (manager). Thin: parse, call a service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from complexes.models import Role
from core.errors import ApplicationError
from core.masking import mask
from core.tenancy import MEMBER, OFFICE, complex_view, get_scoped

from . import forms, selectors, services
from .models import Delivery, DeliveryStatus
from .registry import KINDS

OFFICE_ROLES = tuple(OFFICE)


def _form_error(form, error: ApplicationError):
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, error.message)


@complex_view(MEMBER)
def my_settings(request, ctx):
    pref = selectors.preference_for(complex=ctx.complex, user=request.user)
    initial = {
        "channel": pref.channel if pref else "email",
        "phone": pref.phone if pref else "",
        "opt_outs": pref.opt_outs if pref else [],
    }
    form = forms.PreferenceForm(request.POST or None, initial=initial, roles=ctx.roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_update(
                complex=ctx.complex,
                user=request.user,
                channel=form.cleaned_data["channel"],
                phone=form.cleaned_data["phone"],
                opt_outs=form.cleaned_data["opt_outs"],
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, _("알림 설정을 저장했습니다."))
            return redirect("residents:notification_settings", slug=ctx.complex.slug)
    mandatory = [k for k in KINDS.values() if k.mandatory]
    return render(
        request,
        "notifications/settings.html",
        {"ctx": ctx, "form": form, "mandatory": mandatory, "email": request.user.email},
    )


@complex_view(*OFFICE_ROLES)
def delivery_log(request, ctx):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    deliveries = selectors.deliveries_for_complex(
        complex=ctx.complex, status=status, kind=kind if kind in KINDS else ""
    )
    page = Paginator(deliveries, 50).get_page(request.GET.get("page"))
    counts = selectors.status_counts(complex=ctx.complex)
    for d in page:
        d.kind_label = KINDS[d.kind].label if d.kind in KINDS else d.kind
        d.shown_address = mask(d.address)
        d.preview = services.redacted(d.subject or d.text)[:80]
    return render(
        request,
        "notifications/delivery_log.html",
        {
            "ctx": ctx,
            "page": page,
            "status": status,
            "kind": kind,
            "statuses": DeliveryStatus.choices,
            "kinds": [(k.key, k.label) for k in KINDS.values()],
            "summary": [(label, counts.get(value, 0)) for value, label in DeliveryStatus.choices],
        },
    )


@complex_view(*OFFICE_ROLES)
def delivery_retry(request, ctx, pk):
    """GET: the confirmation page; POST: send the failed delivery again."""
    delivery = get_scoped(ctx, Delivery, pk=pk)
    back = reverse("residents:delivery_log", args=[ctx.complex.slug])
    if request.method == "POST":
        try:
            services.delivery_retry(delivery=delivery)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("다시 보내도록 했습니다."))
        return redirect(back)
    return render(
        request,
        "notifications/retry_confirm.html",
        {
            "ctx": ctx,
            "delivery": delivery,
            "kind_label": KINDS[delivery.kind].label if delivery.kind in KINDS else delivery.kind,
            "shown_address": mask(delivery.address),
            "back": back,
        },
    )


@complex_view(Role.MANAGER)
def sender_settings(request, ctx):
    current = selectors.sender_settings_for(complex=ctx.complex)
    initial = {}
    if current:
        initial = {"sms_sender": current.sms_sender, "kakao_pf_id": current.kakao_pf_id}
        initial.update({f"tpl_{k}": v for k, v in (current.kakao_templates or {}).items()})
    form = forms.SenderSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sender_settings_update(
                complex=ctx.complex,
                sms_sender=form.cleaned_data["sms_sender"],
                kakao_pf_id=form.cleaned_data["kakao_pf_id"],
                kakao_templates=form.templates(),
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, _("발송 설정을 저장했습니다."))
            return redirect("residents:delivery_log", slug=ctx.complex.slug)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": _("문자·알림톡 발송 설정"),
            "intro": _(
                "발신번호와 카카오톡 채널은 발송 업체(솔라피)에 등록한 것이어야 합니다. "
                "템플릿 ID가 없는 알림은 문자로 보냅니다."
            ),
            "back": reverse("residents:delivery_log", args=[ctx.complex.slug]),
        },
    )
