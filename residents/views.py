"""Pages of the register, complaints and notices (thin: parse, call a service, render)."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from complexes.models import Building, Role
from complexes.services import invitation_create
from core.errors import ApplicationError
from core.tabular import ImportFailed
from core.tenancy import MEMBER, OFFICE, complex_view, get_scoped, scoped

from . import forms, selectors, services
from .models import (
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintStatus,
    Notice,
    NoticeAttachment,
    Occupancy,
    RegisterChangeRequest,
    VoterDesignation,
)

OFFICE_ROLES = tuple(OFFICE)
RESIDENT = Role.RESIDENT
# The complaint report has no names or unit numbers: the office prints it for the council.
REPORT_ROLES = (*OFFICE_ROLES, Role.COUNCIL)


def _form_error(form, error: ApplicationError):
    field = error.extra.get("field")
    if field and field in form.fields:
        form.add_error(field, error.message)
    else:
        form.add_error(None, error.message)


# --- the register (office only: personal data) ----------------------------------------------


@complex_view(*OFFICE_ROLES)
def register_list(request, ctx):
    q = request.GET.get("q", "").strip()
    building = request.GET.get("building") or None
    show = request.GET.get("show", "current")
    entries = selectors.register_for_complex(
        complex=ctx.complex, q=q, building=building, current_only=show == "current"
    ).prefetch_related("vehicles")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "residents/register_list.html",
        {
            "ctx": ctx,
            "page": page,
            "q": q,
            "building": building,
            "show": show,
            "buildings": scoped(ctx, Building),
            "pending": selectors.pending_change_requests(complex=ctx.complex).count(),
        },
    )


@complex_view(*OFFICE_ROLES)
def register_create(request, ctx):
    form = forms.OccupancyForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            occupancy = services.occupancy_move_in(by=request.user, **data)
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"{occupancy.unit.label} 입주를 기록했습니다.")
            return redirect("residents:register_detail", slug=ctx.complex.slug, pk=occupancy.pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "입주 기록 (입주자명부 별지 제1호)",
            "back": reverse("residents:register_list", args=[ctx.complex.slug]),
        },
    )


def _occupancy(ctx, pk):
    return get_scoped(
        ctx,
        Occupancy.objects.select_related("unit__building", "membership__user"),
        pk=pk,
    )


@complex_view(*OFFICE_ROLES)
def register_detail(request, ctx, pk):
    occupancy = _occupancy(ctx, pk)
    return render(
        request,
        "residents/register_detail.html",
        {
            "ctx": ctx,
            "o": occupancy,
            "history": scoped(ctx, Occupancy)
            .filter(unit=occupancy.unit)
            .exclude(pk=occupancy.pk)
            .order_by("-moved_in_on"),
            "voter": selectors.designated_voter(unit=occupancy.unit),
            "designations": scoped(ctx, VoterDesignation).filter(unit=occupancy.unit)[:10],
            "move_out_form": forms.MoveOutForm(),
            "settled_form": forms.SettledForm(),
            "invite_form": forms.InviteForm(initial={"email": occupancy.email}),
            "voter_form": forms.VoterForm(
                unit=occupancy.unit, initial={"voter_name": occupancy.name}
            ),
        },
    )


@complex_view(*OFFICE_ROLES)
def register_edit(request, ctx, pk):
    occupancy = _occupancy(ctx, pk)
    form = forms.OccupancyForm(
        request.POST or None,
        complex=ctx.complex,
        edit=True,
        initial=forms.occupancy_initial(occupancy),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.occupancy_update(occupancy=occupancy, by=request.user, **data)
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, "명부를 고쳤습니다.")
            return redirect("residents:register_detail", slug=ctx.complex.slug, pk=pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": f"{occupancy.unit.label} 명부 수정",
            "back": reverse("residents:register_detail", args=[ctx.complex.slug, pk]),
        },
    )


@complex_view(*OFFICE_ROLES)
def register_move_out(request, ctx, pk):
    occupancy = _occupancy(ctx, pk)
    form = forms.MoveOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.occupancy_move_out(
                occupancy=occupancy, moved_out_on=form.cleaned_data["moved_out_on"], by=request.user
            )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"{occupancy.unit.label} 전출을 기록했습니다.")
            return redirect("residents:register_detail", slug=ctx.complex.slug, pk=pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": f"{occupancy.unit.label} {occupancy.name} 전출 기록",
            "intro": "전출을 기록하면 의결권자 지정이 끝나고, 관리비 중간정산(제85조②)이 시작됩니다. 되돌릴 수 없습니다.",
            "submit": "전출 기록",
            "back": reverse("residents:register_detail", args=[ctx.complex.slug, pk]),
        },
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def register_settled(request, ctx, pk):
    occupancy = _occupancy(ctx, pk)
    form = forms.SettledForm(request.POST)
    if form.is_valid():
        try:
            services.occupancy_mark_settled(
                occupancy=occupancy, settled_on=form.cleaned_data["settled_on"], by=request.user
            )
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "정산 완료일을 기록했습니다.")
    else:
        messages.error(request, "정산 완료일을 입력하세요.")
    return redirect("residents:register_detail", slug=ctx.complex.slug, pk=pk)


@complex_view(*OFFICE_ROLES)
@require_POST
def register_invite(request, ctx, pk):
    """Invite the household to an account by email (complexes' invitation, reused)."""
    occupancy = _occupancy(ctx, pk)
    form = forms.InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "이메일을 확인하세요.")
    elif occupancy.moved_out_on:
        messages.error(request, "전출한 세대는 초대할 수 없습니다.")
    else:
        from complexes.notifications import send_invitation

        invitation = invitation_create(
            complex=ctx.complex,
            email=form.cleaned_data["email"],
            role=RESIDENT,
            by=request.user,
            unit=occupancy.unit,
            resident_kind=occupancy.kind,
        )
        send_invitation(invitation=invitation)
        messages.success(request, f"{invitation.email}에 초대 메일을 보냈습니다.")
    return redirect("residents:register_detail", slug=ctx.complex.slug, pk=pk)


@complex_view(*OFFICE_ROLES)
def voter_designate(request, ctx, pk):
    occupancy = _occupancy(ctx, pk)
    form = forms.VoterForm(request.POST or None, request.FILES or None, unit=occupancy.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.voter_designate(occupancy=occupancy, by=request.user, **form.cleaned_data)
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"{occupancy.unit.label}의 의결권자를 지정했습니다.")
            return redirect("residents:register_detail", slug=ctx.complex.slug, pk=pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "multipart": True,
            "title": f"{occupancy.unit.label} 의결권자 지정 (제12조)",
            "intro": "1세대 1의결권입니다. 공유자는 1인을 선임해 서면으로, 세대주가 아닌 가족은 위임장으로 대리합니다. 지정하면 이 세대의 기존 지정은 끝납니다.",
            "back": reverse("residents:register_detail", args=[ctx.complex.slug, pk]),
        },
    )


@complex_view(*OFFICE_ROLES)
def voter_document(request, ctx, pk):
    designation = get_scoped(ctx, VoterDesignation, pk=pk)
    if not designation.document:
        return HttpResponse(status=404)
    return _file_response(designation.document, designation.document.name)


@complex_view(*OFFICE_ROLES)
def register_import(request, ctx):
    form = forms.RegisterImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.register_import(
                complex=ctx.complex, data=upload, filename=upload.name, by=request.user
            )
        except ImportFailed as e:
            errors = e.errors
            form.add_error(None, e.message)
        else:
            messages.success(request, f"입주자명부 {count}건을 가져왔습니다.")
            return redirect("residents:register_list", slug=ctx.complex.slug)
    return render(
        request, "residents/register_import.html", {"ctx": ctx, "form": form, "errors": errors}
    )


@complex_view(*OFFICE_ROLES)
def change_request_list(request, ctx):
    return render(
        request,
        "residents/change_requests.html",
        {"ctx": ctx, "requests": selectors.pending_change_requests(complex=ctx.complex)},
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def change_request_decide(request, ctx, pk):
    change = get_scoped(ctx, RegisterChangeRequest.objects.select_related("occupancy"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.change_request_decide(
            request=change, approve=approve, by=request.user, reason=request.POST.get("reason", "")
        )
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "반영했습니다." if approve else "반려했습니다.")
    return redirect("residents:change_request_list", slug=ctx.complex.slug)


@complex_view(Role.MANAGER)
def settings_edit(request, ctx):
    current = selectors.settings_for(complex=ctx.complex)
    form = forms.SettingsForm(
        request.POST or None,
        initial={
            "complaint_reminder_days": current.complaint_reminder_days,
            "register_grace_days": current.register_grace_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.settings_update(complex=ctx.complex, by=request.user, **form.cleaned_data)
        messages.success(request, "설정을 저장했습니다.")
        return redirect("residents:settings_edit", slug=ctx.complex.slug)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "민원·명부 설정",
            "back": reverse("complexes:dashboard", args=[ctx.complex.slug]),
        },
    )


# --- a resident's own entry -----------------------------------------------------------------


@complex_view(RESIDENT)
def my_register(request, ctx):
    """A resident sees their own entry and asks the office to correct it."""
    entries = selectors.own_occupancies(ctx=ctx)
    target = None
    if request.method == "POST":
        target = next((o for o in entries if str(o.pk) == request.POST.get("occupancy")), None)
        if target is None:
            raise PermissionDenied("본인 세대의 명부만 수정을 요청할 수 있습니다.")
    forms_by_pk = {
        o.pk: forms.ChangeRequestForm(
            request.POST if target is not None and target.pk == o.pk else None,
            initial=forms.occupancy_initial(o),
            prefix=f"o{o.pk}",
        )
        for o in entries
    }
    if target is not None:
        form = forms_by_pk[target.pk]
        if form.is_valid():
            try:
                services.change_request_create(
                    occupancy=target, changes=form.cleaned_data, by=request.user
                )
            except ApplicationError as e:
                _form_error(form, e)
            else:
                messages.success(
                    request, "수정 요청을 보냈습니다. 관리사무소가 확인하면 반영됩니다."
                )
                return redirect("residents:my_register", slug=ctx.complex.slug)
    return render(
        request,
        "residents/my_register.html",
        {
            "ctx": ctx,
            "entries": [
                (o, forms_by_pk[o.pk], o.change_requests.filter(status="pending")) for o in entries
            ],
        },
    )


# --- complaints -----------------------------------------------------------------------------


@complex_view(RESIDENT, *OFFICE_ROLES)
def complaint_list(request, ctx):
    complaints = selectors.complaints_visible(ctx=ctx).select_related("unit__building", "assignee")
    status = request.GET.get("status", "")
    category = request.GET.get("category", "")
    if status == "open":
        complaints = complaints.exclude(status=ComplaintStatus.CLOSED)
    elif status in ComplaintStatus.values:
        complaints = complaints.filter(status=status)
    if category in ComplaintCategory.values:
        complaints = complaints.filter(category=category)
    page = Paginator(complaints, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "residents/complaint_list.html",
        {
            "ctx": ctx,
            "page": page,
            "status": status,
            "category": category,
            "statuses": ComplaintStatus.choices,
            "categories": ComplaintCategory.choices,
        },
    )


@complex_view(RESIDENT, *OFFICE_ROLES)
def complaint_create(request, ctx):
    files = request.FILES or None
    if ctx.is_office:
        form = forms.OfficeComplaintForm(request.POST or None, files, complex=ctx.complex)
    else:
        units = selectors.current_resident_units(ctx=ctx)
        if not units:
            raise PermissionDenied(
                "전출한 세대는 민원을 접수할 수 없습니다. 관리사무소에 문의하세요."
            )
        form = forms.ComplaintForm(request.POST or None, files, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if ctx.is_office:
                complaint = services.complaint_file(
                    complex=ctx.complex,
                    by=request.user,
                    by_office=True,
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    unit=data["unit"],
                    common_area=data["common_area"] or data["unit"] is None,
                    location=data["location"],
                    channel=data["channel"],
                    reporter_name=data["reporter_name"],
                    reporter_phone=data["reporter_phone"],
                    files=data["files"],
                )
            else:
                unit, common = form.target()
                complaint = services.complaint_file(
                    complex=ctx.complex,
                    by=request.user,
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    unit=unit,
                    common_area=common,
                    location=data["location"],
                    files=data["files"],
                )
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, "민원을 접수했습니다.")
            return redirect("residents:complaint_detail", slug=ctx.complex.slug, pk=complaint.pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "multipart": True,
            "title": "민원 기록 (전화·방문·서면)" if ctx.is_office else "민원 접수",
            "submit": "접수",
            "back": reverse("residents:complaint_list", args=[ctx.complex.slug]),
        },
    )


def _complaint(ctx, pk):
    return get_scoped(
        ctx,
        selectors.complaints_visible(ctx=ctx).select_related(
            "unit__building", "source_unit__building", "assignee", "filed_by"
        ),
        pk=pk,
    )


@complex_view(RESIDENT, *OFFICE_ROLES)
def complaint_detail(request, ctx, pk):
    complaint = _complaint(ctx, pk)
    events = selectors.complaint_events_visible(ctx=ctx, complaint=complaint).prefetch_related(
        "attachments"
    )
    attachments = complaint.attachments.all()
    if not ctx.is_office:
        attachments = attachments.exclude(event__internal=True)
    return render(
        request,
        "residents/complaint_detail.html",
        {
            "ctx": ctx,
            "c": complaint,
            "events": events,
            "attachments": attachments,
            "form": forms.ComplaintActForm(complex=ctx.complex) if ctx.is_office else None,
            "next_steps": services.dispute_next_steps(complaint) if ctx.is_office else [],
            "show_source": ctx.is_office or complaint.disclose_parties,
        },
    )


@complex_view(RESIDENT, *OFFICE_ROLES)
@require_POST
def complaint_act(request, ctx, pk):
    complaint = _complaint(ctx, pk)
    form = forms.ComplaintActForm(request.POST, request.FILES, complex=ctx.complex)
    back = redirect("residents:complaint_detail", slug=ctx.complex.slug, pk=pk)
    if not form.is_valid():
        messages.error(request, "입력값을 확인하세요.")
        return back
    data = form.cleaned_data
    action = data["action"]
    if not ctx.is_office and action != "comment":
        raise PermissionDenied("관리사무소만 할 수 있는 처리입니다.")
    try:
        if action == "acknowledge":
            services.complaint_acknowledge(complaint=complaint, by=request.user)
        elif action == "assign":
            if data["assignee"] is None:
                raise ApplicationError("담당자를 선택하세요.")
            services.complaint_assign(
                complaint=complaint, assignee=data["assignee"], by=request.user
            )
        elif action in ("action", "comment", "internal"):
            services.complaint_comment(
                complaint=complaint,
                by=request.user,
                text=data["text"],
                by_office=ctx.is_office,
                internal=action == "internal",
                action=action == "action",
                files=data["files"],
            )
        elif action == "close":
            services.complaint_close(complaint=complaint, by=request.user, result=data["text"])
        elif action == "reopen":
            services.complaint_reopen(complaint=complaint, by=request.user, reason=data["text"])
        elif action == "dispute":
            services.dispute_advance(
                complaint=complaint,
                step=data["step"],
                happened_on=data["happened_on"],
                by=request.user,
                text=data["text"],
                source_unit=data["source_unit"],
                disclose_parties=data["disclose_parties"] or None,
            )
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "저장했습니다.")
    return back


@complex_view(RESIDENT, *OFFICE_ROLES)
def complaint_attachment(request, ctx, pk, file_pk):
    """Files are served only through here, to those who may see the complaint."""
    complaint = _complaint(ctx, pk)
    attachments = ComplaintAttachment.objects.filter(complex=ctx.complex, complaint=complaint)
    if not ctx.is_office:
        attachments = attachments.exclude(event__internal=True)
    attachment = get_scoped(ctx, attachments, pk=file_pk)
    return _file_response(attachment.file, attachment.original_name, attachment.content_type)


def _file_response(field, name, content_type=None):
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        field.open("rb"), content_type=content_type, filename=name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if content_type.startswith("image/") or content_type == "application/pdf":
        response["Content-Disposition"] = response["Content-Disposition"].replace(
            "attachment", "inline"
        )
    return response


def _report_range(request, ctx):
    form = forms.ReportForm(request.GET or None)
    start, end = selectors.report_default_range(complex=ctx.complex, today=selectors.today())
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif not form.is_bound:
        form = forms.ReportForm(initial={"start": start, "end": end})
    return form, start, end


@complex_view(*REPORT_ROLES)
def complaint_report(request, ctx):
    """Art. 62①5: complaint handling results, reported at each council meeting."""
    form, start, end = _report_range(request, ctx)
    report = selectors.complaint_report(complex=ctx.complex, start=start, end=end)
    return render(
        request,
        "residents/complaint_report.html",
        {"ctx": ctx, "form": form, "report": report, "query": request.GET.urlencode()},
    )


@complex_view(*REPORT_ROLES)
def complaint_report_pdf(request, ctx):
    from .pdf import render_complaint_report

    _, start, end = _report_range(request, ctx)
    report = selectors.complaint_report(complex=ctx.complex, start=start, end=end)
    pdf = render_complaint_report(complex=ctx.complex, report=report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="complaints-{start:%Y%m%d}-{end:%Y%m%d}.pdf"'
    )
    return response


# --- notices --------------------------------------------------------------------------------
# The board is the complex's own: its members read it. A district official sees the statutory
# notices as masked publications in the disclosure registry, never the board's free text.


@complex_view(MEMBER)
def notice_list(request, ctx):
    notices = selectors.notices_visible(ctx=ctx)
    kind = request.GET.get("kind", "")
    if kind == "statutory":
        notices = notices.exclude(statutory_kind="")
    page = Paginator(notices, 20).get_page(request.GET.get("page"))
    return render(request, "residents/notice_list.html", {"ctx": ctx, "page": page, "kind": kind})


@complex_view(MEMBER)
def notice_detail(request, ctx, pk):
    notice = get_scoped(ctx, selectors.notices_visible(ctx=ctx), pk=pk)
    return render(request, "residents/notice_detail.html", {"ctx": ctx, "n": notice})


@complex_view(MEMBER)
def notice_attachment(request, ctx, pk, file_pk):
    notice = get_scoped(ctx, selectors.notices_visible(ctx=ctx), pk=pk)
    attachment = get_scoped(ctx, NoticeAttachment.objects.filter(notice=notice), pk=file_pk)
    return _file_response(attachment.file, attachment.original_name, attachment.content_type)


@complex_view(*OFFICE_ROLES)
def notice_edit(request, ctx, pk=None):
    notice = get_scoped(ctx, Notice, pk=pk) if pk else Notice(complex=ctx.complex)
    form = forms.NoticeForm(
        request.POST or None, request.FILES or None, instance=notice, complex=ctx.complex
    )
    if request.method == "POST" and form.is_valid():
        notice = form.save(commit=False)
        try:
            services.notice_save(notice=notice, by=request.user, files=form.cleaned_data["files"])
        except ApplicationError as e:
            _form_error(form, e)
        else:
            messages.success(request, "공지를 저장했습니다.")
            return redirect("residents:notice_detail", slug=ctx.complex.slug, pk=notice.pk)
    return render(
        request,
        "residents/form.html",
        {
            "ctx": ctx,
            "form": form,
            "multipart": True,
            "title": "공지 수정" if pk else "공지 쓰기",
            "back": reverse("residents:notice_list", args=[ctx.complex.slug]),
        },
    )


@complex_view(*OFFICE_ROLES)
def notice_delete(request, ctx, pk):
    notice = get_scoped(ctx, Notice, pk=pk)
    back = reverse("residents:notice_list", args=[ctx.complex.slug])
    if request.method == "POST":
        services.notice_delete(notice=notice)
        messages.success(request, f"'{notice.title}' 공지를 삭제했습니다.")
        return redirect(back)
    return render(request, "confirm_delete.html", {"ctx": ctx, "object": notice, "back": back})
