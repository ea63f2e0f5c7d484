"""Pages of joining (issue 12 [1/9]): /join/ for the joiner, the office's approval page."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.tenancy import OFFICE, complex_view, get_scoped

from . import selectors, services
from .forms import JoinForm
from .models import JoinRequest

OFFICE_ROLES = tuple(OFFICE)
TOO_MANY = "가입 코드 입력 시도가 너무 많습니다. 한 시간쯤 뒤에 다시 시도하세요."


def join_attempt_allowed(request) -> bool:
    """ACCOUNT_RATE_LIMITS["join_code"]: per client address and per account, every attempt."""
    return ratelimit.consume(request, action="join_code", user=request.user)


@login_required
def join(request):
    form = JoinForm(request.POST or None, initial={"name": request.user.name})
    status = 200
    if request.method == "POST" and form.is_valid():
        if not join_attempt_allowed(request):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                result = services.join_by_code(
                    user=request.user,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                )
            except ApplicationError as e:
                field = e.extra.get("field") if isinstance(e.extra, dict) else None
                form.add_error(field if field in form.fields else None, e.message)
            else:
                if result.pending:
                    messages.info(
                        request,
                        _(
                            "%(unit)s 가입 신청을 받았습니다. 입주자명부로 확인되지 않아 "
                            "관리사무소가 승인하면 연결됩니다."
                        )
                        % {"unit": result.unit.label},
                    )
                    return redirect("join")
                m = result.membership
                messages.success(
                    request,
                    _("%(unit)s %(kind)s(으)로 등록했습니다.")
                    % {"unit": m.unit.label, "kind": m.get_resident_kind_display()},
                )
                return redirect("complexes:dashboard", slug=m.complex.slug)
    return render(
        request,
        "residents/join.html",
        {"form": form, "requests": selectors.requests_of_user(user=request.user)},
        status=status,
    )


@complex_view(*OFFICE_ROLES)
def join_request_list(request, ctx):
    return render(
        request,
        "residents/join_requests.html",
        {
            "ctx": ctx,
            "pending": selectors.pending_requests(complex=ctx.complex),
            "decided": selectors.decided_requests(complex=ctx.complex),
        },
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def join_request_decide(request, ctx, pk):
    join_request = get_scoped(ctx, JoinRequest.objects.select_related("unit__building"), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            occupancy = selectors.entry_for_request(
                request=join_request, occupancy_id=request.POST.get("occupancy", "")
            )
            if occupancy is None:
                raise ApplicationError(_("연결할 입주자명부 항목을 선택하세요."))
            services.join_request_approve(
                request=join_request, occupancy=occupancy, by=request.user
            )
            messages.success(
                request,
                _("%(name)s 님을 %(unit)s %(kind)s(으)로 승인했습니다.")
                % {
                    "name": join_request.name,
                    "unit": join_request.unit.label,
                    "kind": occupancy.get_kind_display(),
                },
            )
        else:
            services.join_request_reject(
                request=join_request, reason=request.POST.get("reason", ""), by=request.user
            )
            messages.success(request, _("가입 신청을 반려했습니다."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("residents:join_request_list", slug=ctx.complex.slug)
