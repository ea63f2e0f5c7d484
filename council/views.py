"""Pages of the council app under /c/<slug>/council/… (thin: rules live in services)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from complexes.models import Role
from complexes.selectors import office_users
from core.errors import ApplicationError
from core.masking import mask as mask_text
from core.masking import mask_name
from core.tenancy import OFFICE, complex_view, get_scoped, scoped

from . import forms, selectors, services
from .models import (
    AgendaItem,
    Expense,
    ExpenseCategory,
    FilerKind,
    ItemStatus,
    Meeting,
    MeetingStatus,
    NoticeReceipt,
    ProposerKind,
    Reconsideration,
    Representative,
    Resolution,
)

OFFICE_ROLES = tuple(OFFICE)
MEMBERS = (*OFFICE_ROLES, Role.COUNCIL)  # office and reps
ANYONE = (*MEMBERS, Role.RESIDENT, Role.COMMITTEE)


def _today():
    return timezone.localdate()


def _my_rep(ctx, day=None):
    if not ctx.has(Role.COUNCIL):
        return None
    return selectors.rep_for_user(complex=ctx.complex, user=ctx.user, day=day or _today())


def _is_chair(ctx) -> bool:
    """The chair's powers (Art. 26①; the rule: council.selectors.is_acting_chair)."""
    return ctx.has(Role.COUNCIL) and selectors.is_acting_chair(
        complex=ctx.complex, user=ctx.user, day=_today()
    )


def _require_office_or_chair(ctx):
    if not (ctx.is_office or _is_chair(ctx)):
        raise PermissionDenied("관리사무소 또는 회장만 할 수 있습니다.")


def _form_page(request, ctx, form, title, back, intro=""):
    return render(
        request,
        "council/form.html",
        {"ctx": ctx, "form": form, "title": title, "back": back, "intro": intro},
    )


def _back(ctx, name, *args):
    return reverse(f"council:{name}", args=[ctx.complex.slug, *args])


def _done(request, fn, ok_message, back):
    """Run a POST-only service call; ApplicationError → error message."""
    try:
        fn()
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, ok_message)
    return redirect(back)


# --- composition ----------------------------------------------------------------------------


@complex_view(*ANYONE)
def home(request, ctx):
    today = _today()
    reps = selectors.seated_reps(complex=ctx.complex, day=today)
    rows = [
        {
            "rep": r,
            "offices": selectors.offices_on(representative=r, day=today),
            "suspended": selectors.is_suspended(representative=r, day=today),
            "office_suspended": selectors.office_suspended(representative=r, day=today),
        }
        for r in reps
    ]
    meetings = scoped(ctx, Meeting).exclude(status=MeetingStatus.CANCELLED)
    if not (ctx.is_office or ctx.has(Role.COUNCIL)):
        meetings = meetings.exclude(status=MeetingStatus.DRAFT)
    upcoming = meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")[:5]
    recent = meetings.filter(starts_at__lt=timezone.now())[:5]
    return render(
        request,
        "council/home.html",
        {
            "ctx": ctx,
            "rows": rows,
            "quorum": selectors.quorum_for(complex=ctx.complex, day=today),
            "vacancies": selectors.vacancies(complex=ctx.complex, day=today),
            "upcoming": upcoming,
            "recent": recent,
            "my_rep": _my_rep(ctx),
            "can_manage": ctx.is_office or _is_chair(ctx),
            "convene_requests": selectors.open_convene_requests(complex=ctx.complex)
            if ctx.is_office
            else [],
        },
    )


@complex_view(*OFFICE_ROLES)
def rep_new(request, ctx):
    form = forms.RepresentativeForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        who = d["name"]
        if d["email"]:
            member = (
                ctx.complex.memberships.filter(user__email=d["email"].lower())
                .select_related("user")
                .first()
            )
            if member is None:
                form.add_error("email", "이 단지에 그 이메일의 사용자가 없습니다.")
            else:
                who = member.user
                if not member.user.name:
                    member.user.name = d["name"]
                    member.user.save(update_fields=["name"])
        if not form.errors:
            try:
                services.representative_seat(
                    complex=ctx.complex,
                    ward=d["ward"],
                    user_or_name=who,
                    term_start=d["term_start"],
                    term_end=d["term_end"],
                    by_election=d["by_election"],
                    birth_year=d["birth_year"],
                )
            except ApplicationError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, "동별 대표자를 등록했습니다.")
                return redirect(_back(ctx, "home"))
    return _form_page(request, ctx, form, "동별 대표자 등록", _back(ctx, "home"))


@complex_view(*OFFICE_ROLES)
def rep_suspend(request, ctx, pk):
    rep = get_scoped(ctx, Representative, pk=pk)
    form = forms.SuspendForm(request.POST or None, initial={"starts_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_suspend(representative=rep, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"{rep.name} 대표자의 직무를 정지했습니다.")
            return redirect(_back(ctx, "home"))
    return _form_page(request, ctx, form, f"직무정지: {rep.name}", _back(ctx, "home"))


@complex_view(*OFFICE_ROLES)
@require_POST
def rep_unsuspend(request, ctx, pk):
    rep = get_scoped(ctx, Representative, pk=pk)
    return _done(
        request,
        lambda: services.representative_unsuspend(representative=rep, on=_today()),
        f"{rep.name} 대표자의 직무정지를 해제했습니다.",
        _back(ctx, "home"),
    )


@complex_view(*OFFICE_ROLES)
def rep_end(request, ctx, pk):
    rep = get_scoped(ctx, Representative, pk=pk)
    form = forms.EndSeatForm(request.POST or None, initial={"on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_end(representative=rep, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"{rep.name} 대표자의 자격 상실을 기록했습니다.")
            return redirect(_back(ctx, "home"))
    return _form_page(
        request, ctx, form, f"자격 상실: {rep.name}", _back(ctx, "home"), "임원 직도 함께 끝납니다."
    )


@complex_view(*OFFICE_ROLES)
def officer_new(request, ctx, pk):
    rep = get_scoped(ctx, Representative, pk=pk)
    form = forms.OfficerForm(request.POST or None, initial={"starts_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_appoint(representative=rep, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "임원을 등록했습니다.")
            return redirect(_back(ctx, "home"))
    return _form_page(request, ctx, form, f"임원 선임: {rep.name}", _back(ctx, "home"))


# --- meetings -------------------------------------------------------------------------------


def _meetings_for(ctx):
    qs = scoped(ctx, Meeting)
    if not (ctx.is_office or ctx.has(Role.COUNCIL)):
        qs = qs.exclude(status__in=[MeetingStatus.DRAFT, MeetingStatus.CANCELLED])
    return qs


@complex_view(*ANYONE)
def meeting_list(request, ctx):
    return render(
        request,
        "council/meeting_list.html",
        {
            "ctx": ctx,
            "meetings": _meetings_for(ctx),
            "can_manage": ctx.is_office or _is_chair(ctx),
        },
    )


@complex_view(*MEMBERS)
def meeting_new(request, ctx):
    _require_office_or_chair(ctx)
    from .models import ConveneRequest

    form = forms.MeetingForm(
        request.POST or None,
        convene_requests=scoped(ctx, ConveneRequest).filter(meeting__isnull=True),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(complex=ctx.complex, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(
                request, f"{meeting.title}를 만들었습니다. 안건을 상정한 뒤 통지하세요."
            )
            return redirect(_back(ctx, "meeting_detail", meeting.pk))
    return _form_page(
        request,
        ctx,
        form,
        "회의 소집",
        _back(ctx, "meeting_list"),
        "회의 5일 전까지 일시·장소·안건을 통지해야 합니다 (제28조①).",
    )


@complex_view(*ANYONE)
def meeting_detail(request, ctx, pk):
    meeting = get_scoped(ctx, _meetings_for(ctx), pk=pk)
    day = timezone.localdate(meeting.starts_at)
    items = list(meeting.items.all())
    full = ctx.is_office or ctx.has(Role.COUNCIL)
    my_rep = _my_rep(ctx, day)
    reps = selectors.seated_reps(complex=ctx.complex, day=day) if full else []
    attendance = {a.representative_id: a.present for a in meeting.attendance.all()}
    resolutions = {r.item_id: r for r in meeting.resolutions.all()}
    my_votes = {}
    tallies = {}
    if full:
        for v in meeting.votes.all():
            tallies.setdefault(v.item_id, {"yes": 0, "no": 0, "abstain": 0})[v.choice] += 1
            if my_rep and v.representative_id == my_rep.pk:
                my_votes[v.item_id] = v.choice
    rows = [
        {
            "item": i,
            "resolution": resolutions.get(i.pk),
            "tally": tallies.get(i.pk),
            "my_vote": my_votes.get(i.pk),
        }
        for i in items
    ]
    receipts = list(meeting.receipts.select_related("representative")) if full else []
    return render(
        request,
        "council/meeting_detail.html",
        {
            "ctx": ctx,
            "meeting": meeting,
            "rows": rows,
            "full": full,
            "reps": [
                {
                    "rep": r,
                    "present": attendance.get(r.pk),
                    "suspended": selectors.is_suspended(representative=r, day=day),
                }
                for r in reps
            ],
            "my_rep": my_rep,
            "my_present": bool(my_rep and attendance.get(my_rep.pk)),
            "can_manage": ctx.is_office or _is_chair(ctx),
            "quorum": selectors.quorum_for(complex=ctx.complex, day=day),
            "receipts": receipts,
            "observers": meeting.observers.all() if ctx.is_office else [],
            "schedulable": scoped(ctx, AgendaItem).filter(
                status__in=[ItemStatus.SUBMITTED, ItemStatus.REJECTED]
            )
            if meeting.status == MeetingStatus.DRAFT
            else [],
            "can_observe": ctx.has(Role.RESIDENT) and meeting.status == MeetingStatus.NOTICED,
            "flags": selectors.procedural_flags(meeting=meeting) if full else [],
        },
    )


@complex_view(*MEMBERS)
@require_POST
def meeting_notice(request, ctx, pk):
    _require_office_or_chair(ctx)
    meeting = get_scoped(ctx, Meeting, pk=pk)
    return _done(
        request,
        lambda: services.meeting_send_notice(meeting=meeting),
        "소집 통지를 보내고 게시했습니다.",
        _back(ctx, "meeting_detail", pk),
    )


@complex_view(*MEMBERS)
@require_POST
def meeting_cancel(request, ctx, pk):
    _require_office_or_chair(ctx)
    meeting = get_scoped(ctx, Meeting, pk=pk)
    return _done(
        request,
        lambda: services.meeting_cancel(meeting=meeting),
        "회의를 취소했습니다.",
        _back(ctx, "meeting_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def meeting_attendance(request, ctx, pk):
    meeting = get_scoped(ctx, Meeting, pk=pk)
    return _done(
        request,
        lambda: services.attendance_record(
            meeting=meeting, present_ids=request.POST.getlist("present")
        ),
        "출석을 기록했습니다.",
        _back(ctx, "meeting_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def meeting_recording(request, ctx, pk):
    meeting = get_scoped(ctx, Meeting, pk=pk)
    upload = request.FILES.get("recording")
    if not upload:
        messages.error(request, "녹음·녹화 파일을 골라 주세요.")
        return redirect(_back(ctx, "meeting_detail", pk))
    return _done(
        request,
        lambda: services.meeting_upload_recording(meeting=meeting, file=upload),
        "녹음·녹화 파일을 올렸습니다 (5년 보관, 제35조③).",
        _back(ctx, "meeting_detail", pk),
    )


@complex_view(Role.RESIDENT)
@require_POST
def meeting_observe(request, ctx, pk):
    meeting = get_scoped(ctx, _meetings_for(ctx), pk=pk)
    name = ctx.user.name or ctx.user.email
    unit = ctx.resident_memberships[0].unit if ctx.resident_memberships else None
    return _done(
        request,
        lambda: services.observer_register(meeting=meeting, name=name, unit=unit),
        "방청을 신청했습니다 (의장의 허가 없이는 발언할 수 없습니다, 제27조②).",
        _back(ctx, "meeting_detail", pk),
    )


@complex_view(Role.COUNCIL, *OFFICE_ROLES)
@require_POST
def item_vote(request, ctx, pk):
    item = get_scoped(ctx, AgendaItem, pk=pk)
    form = forms.VoteForm(request.POST)
    back = _back(ctx, "meeting_detail", item.meeting_id) if item.meeting_id else _back(ctx, "home")
    if not form.is_valid():
        messages.error(request, "찬성, 반대, 기권 중 하나를 골라 주세요.")
        return redirect(back)
    if ctx.is_office and request.POST.get("representative"):
        rep = get_scoped(ctx, Representative, pk=request.POST["representative"])
        is_office = True
    else:
        rep = _my_rep(ctx, timezone.localdate(item.meeting.starts_at) if item.meeting else None)
        is_office = False
        if rep is None:
            raise PermissionDenied("임기 중인 동별 대표자만 표결합니다.")
    return _done(
        request,
        lambda: services.vote_cast(
            item=item,
            representative=rep,
            choice=form.cleaned_data["choice"],
            by=ctx.user,
            is_office=is_office,
        ),
        "표결을 기록했습니다.",
        back,
    )


@complex_view(*MEMBERS)
@require_POST
def item_decide(request, ctx, pk):
    _require_office_or_chair(ctx)
    item = get_scoped(ctx, AgendaItem, pk=pk)
    back = _back(ctx, "meeting_detail", item.meeting_id) if item.meeting_id else _back(ctx, "home")
    confirmed = request.POST.get("confirm") == "1"
    missing = selectors.voters_missing(item=item) if item.meeting_id else []
    if missing and not confirmed:
        # Art. 30, 31③: closing with present reps who have not voted asks first, naming them.
        day = timezone.localdate(item.meeting.starts_at)
        tally = {c: 0 for c in ("yes", "no", "abstain")}
        for choice in item.votes.filter(meeting=item.meeting).values_list("choice", flat=True):
            tally[choice] += 1
        return render(
            request,
            "council/decide_confirm.html",
            {
                "ctx": ctx,
                "item": item,
                "missing": missing,
                "tally": tally,
                "quorum": selectors.quorum_for(
                    complex=ctx.complex, day=day, two_thirds=item.majority == "two_thirds"
                ),
                "back": back,
            },
        )
    return _done(
        request,
        lambda: services.item_decide(item=item, confirm_missing=confirmed),
        "의결을 기록했습니다.",
        back,
    )


# --- minutes --------------------------------------------------------------------------------


def _minutes_context(ctx, meeting, *, mask: bool):
    day = timezone.localdate(meeting.starts_at)
    minutes = services.minutes_for(meeting=meeting)
    present = {a.representative_id for a in meeting.attendance.all() if a.present}
    reps = selectors.seated_reps(complex=ctx.complex, day=day)
    signatures = {s.representative_id: s for s in minutes.signatures.all()}
    name = mask_name if mask else (lambda n: n)
    attendees = [
        {
            "ward": r.ward.name,
            "offices": "·".join(selectors.offices_on(representative=r, day=day)) or "동별 대표자",
            "name": name(r.name),
            "signature": signatures.get(r.pk),
            "rep": r,
        }
        for r in reps
        if r.pk in present
    ]
    absent = [name(r.name) for r in reps if r.pk not in present]
    q = selectors.quorum_for(complex=ctx.complex, day=day)
    speech, details = minutes.speech_record, minutes.item_details
    if mask:
        # residents see only what has been published, with identifiers masked (Art. 35②)
        if not minutes.speech_published_at:
            speech, details = "", ""
        speech = mask_text(speech, [r.name for r in reps])
        details = mask_text(details, [r.name for r in reps])
    chair = next((a for a in attendees if "회장" in a["offices"]), None)
    return {
        "ctx": ctx,
        "meeting": meeting,
        "minutes": minutes,
        "attendees": attendees,
        "absent": absent,
        "quorum": q,
        "items": list(meeting.items.all()),
        "resolutions": list(meeting.resolutions.select_related("item").order_by("item__order")),
        "speech": speech,
        "item_details": details,
        "speech_due": services.speech_record_due(meeting=meeting),
        "chair_name": chair["name"] if chair else "",
        "masked": mask,
    }


@complex_view(*ANYONE)
def minutes_view(request, ctx, pk):
    meeting = get_scoped(ctx, _meetings_for(ctx), pk=pk)
    full = ctx.is_office or ctx.has(Role.COUNCIL)
    context = _minutes_context(ctx, meeting, mask=not full)
    if not full and not context["minutes"].resolutions_published_at:
        raise Http404
    day = timezone.localdate(meeting.starts_at)
    my_rep = _my_rep(ctx, day)
    context.update(
        full=full,
        my_rep=my_rep,
        my_signed=bool(
            my_rep
            and any(a["rep"].pk == my_rep.pk and a["signature"] for a in context["attendees"])
        ),
        missing=services.signers_missing(meeting=meeting) if full else [],
        can_manage=ctx.is_office or _is_chair(ctx),
        speech_form=forms.SpeechForm(
            initial={
                "speech_record": context["minutes"].speech_record,
                "item_details": context["minutes"].item_details,
            }
        )
        if ctx.is_office
        else None,
    )
    return render(request, "council/minutes.html", context)


@complex_view(Role.COUNCIL)
@require_POST
def minutes_sign(request, ctx, pk):
    meeting = get_scoped(ctx, Meeting, pk=pk)
    rep = _my_rep(ctx, timezone.localdate(meeting.starts_at))
    if rep is None:
        raise PermissionDenied("임기 중인 동별 대표자만 서명합니다.")
    return _done(
        request,
        lambda: services.minutes_sign(meeting=meeting, representative=rep, user=ctx.user),
        "의결사항에 서명했습니다.",
        _back(ctx, "minutes", pk),
    )


@complex_view(*MEMBERS)
@require_POST
def minutes_complete(request, ctx, pk):
    _require_office_or_chair(ctx)
    meeting = get_scoped(ctx, Meeting, pk=pk)
    return _done(
        request,
        lambda: services.minutes_complete_resolutions(meeting=meeting),
        "의결사항을 확정해 관리주체에 통보했습니다.",
        _back(ctx, "minutes", pk),
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def minutes_speech(request, ctx, pk):
    meeting = get_scoped(ctx, Meeting, pk=pk)
    form = forms.SpeechForm(request.POST)
    if not form.is_valid():
        messages.error(request, "발언록을 적어 주세요.")
        return redirect(_back(ctx, "minutes", pk))
    return _done(
        request,
        lambda: services.minutes_record_speech(meeting=meeting, **form.cleaned_data),
        "발언록과 안건세부명세를 접수했습니다.",
        _back(ctx, "minutes", pk),
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def minutes_publish(request, ctx, pk):
    meeting = get_scoped(ctx, Meeting, pk=pk)
    part = request.POST.get("part", "")
    return _done(
        request,
        lambda: services.minutes_publish(meeting=meeting, part=part),
        "게시판에 공개했습니다 (개인 식별정보 가림, 제35조②).",
        _back(ctx, "minutes", pk),
    )


@complex_view(*ANYONE)
def minutes_pdf(request, ctx, pk):
    from .pdf import minutes_pdf as render_pdf

    meeting = get_scoped(ctx, _meetings_for(ctx), pk=pk)
    full = ctx.is_office or ctx.has(Role.COUNCIL)
    context = _minutes_context(ctx, meeting, mask=not full)
    if not full and not context["minutes"].resolutions_published_at:
        raise Http404
    response = HttpResponse(render_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.number}.pdf"'
    return response


# --- agenda items ---------------------------------------------------------------------------


def _items_for(ctx):
    qs = scoped(ctx, AgendaItem).select_related("meeting")
    if ctx.is_office or ctx.has(Role.COUNCIL):
        return qs
    from django.db.models import Q

    return qs.filter(
        Q(proposed_by=ctx.user) | Q(meeting__status__in=[MeetingStatus.NOTICED, MeetingStatus.HELD])
    )


@complex_view(*ANYONE)
def item_list(request, ctx):
    items = _items_for(ctx).order_by("-pk")
    status = request.GET.get("status")
    if status:
        items = items.filter(status=status)
    return render(
        request,
        "council/item_list.html",
        {"ctx": ctx, "items": items[:200], "statuses": ItemStatus.choices, "status": status},
    )


@complex_view(*ANYONE)
def item_new(request, ctx):
    if ctx.is_office:
        kind = ProposerKind.MANAGER
    elif ctx.has(Role.COUNCIL):
        kind = ProposerKind.REPRESENTATIVE
    else:
        kind = ProposerKind.RESIDENTS
    initial = {"proposer_kind": kind, "proposer_name": ctx.user.name or ctx.user.email}
    form = forms.ItemForm(request.POST or None, request.FILES or None, initial=initial)
    if not ctx.is_office:
        form.fields["proposer_kind"].choices = [(kind, ProposerKind(kind).label)]
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_propose(complex=ctx.complex, by=ctx.user, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(
                request, "안건을 제안했습니다. 관리사무소장이 검토해 회장에게 제출합니다."
            )
            return redirect(_back(ctx, "item_detail", item.pk))
    return _form_page(
        request,
        ctx,
        form,
        "안건 제안 (별지 제7호서식)",
        _back(ctx, "item_list"),
        "인신공격, 사생활, 반복적인 제안은 제외됩니다 (제29조②).",
    )


@complex_view(*ANYONE)
def item_detail(request, ctx, pk):
    item = get_scoped(ctx, _items_for(ctx), pk=pk)
    meetings = scoped(ctx, Meeting).filter(status=MeetingStatus.DRAFT)
    return render(
        request,
        "council/item_detail.html",
        {
            "ctx": ctx,
            "item": item,
            "resolutions": item.resolutions.select_related("meeting"),
            "can_manage": ctx.is_office or _is_chair(ctx),
            "schedule_form": forms.ScheduleItemForm(meetings=meetings),
            "show_proposer": ctx.is_office
            or ctx.has(Role.COUNCIL)
            or item.proposed_by_id == ctx.user.pk,
        },
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def item_submit(request, ctx, pk):
    item = get_scoped(ctx, AgendaItem, pk=pk)
    form = forms.SubmitItemForm(request.POST)
    cost = form.cleaned_data.get("cost_estimate") if form.is_valid() else None
    return _done(
        request,
        lambda: services.item_submit(item=item, cost_estimate=cost),
        "비용추계를 붙여 회장에게 제출했습니다 (제29조②).",
        _back(ctx, "item_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
def item_exclude(request, ctx, pk):
    item = get_scoped(ctx, AgendaItem, pk=pk)
    form = forms.ExcludeItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_exclude(item=item, reason=form.cleaned_data["reason"])
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "안건을 제외했습니다.")
            return redirect(_back(ctx, "item_detail", pk))
    return _form_page(request, ctx, form, f"안건 제외: {item.title}", _back(ctx, "item_detail", pk))


@complex_view(*MEMBERS)
@require_POST
def item_schedule(request, ctx, pk):
    _require_office_or_chair(ctx)
    item = get_scoped(ctx, AgendaItem, pk=pk)
    form = forms.ScheduleItemForm(request.POST, meetings=scoped(ctx, Meeting))
    if not form.is_valid():
        messages.error(request, "회의를 골라 주세요.")
        return redirect(_back(ctx, "item_detail", pk))
    meeting = form.cleaned_data["meeting"]
    return _done(
        request,
        lambda: services.item_schedule(item=item, meeting=meeting),
        f"{meeting.title}에 상정했습니다.",
        _back(ctx, "meeting_detail", meeting.pk),
    )


# --- reconsideration ------------------------------------------------------------------------


@complex_view(*ANYONE)
def reconsideration_list(request, ctx):
    return render(
        request,
        "council/reconsideration_list.html",
        {
            "ctx": ctx,
            "requests": scoped(ctx, Reconsideration).select_related(
                "resolution__item", "resolution__meeting"
            ),
            "suspended": scoped(ctx, Resolution).filter(status="suspended").select_related("item"),
            "can_manage": ctx.is_office or _is_chair(ctx),
        },
    )


@complex_view(*ANYONE)
def reconsideration_new(request, ctx, pk):
    """The auditor or the office file directly (Art. 34①); residents need 10 registered
    residents' signatures first, so they start a petition (residents/petitions)."""
    resolution = get_scoped(ctx, Resolution.objects.select_related("item", "meeting"), pk=pk)
    if ctx.is_office:
        kinds = [FilerKind.OFFICE, FilerKind.AUDITOR]
    elif ctx.has(Role.COUNCIL):
        kinds = [FilerKind.AUDITOR]
    elif ctx.has(Role.RESIDENT):
        start = reverse("residents:petition_start", args=[ctx.complex.slug, "reconsideration"])
        return redirect(f"{start}?resolution={resolution.pk}")
    else:
        raise PermissionDenied("감사, 관리주체, 입주자등(10인 이상)만 재심의를 요청할 수 있습니다.")
    form = forms.ReconsiderationForm(
        request.POST or None,
        initial={"representative_name": ctx.user.name, "filer_email": ctx.user.email},
    )
    form.fields["filer_kind"].choices = [(k, FilerKind(k).label) for k in kinds]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["filer_kind"] == FilerKind.AUDITOR and not ctx.is_office:
            rep = _my_rep(ctx)
            if not rep or not selectors.acts_in_office(
                representative=rep, office_label="감사", day=_today()
            ):
                form.add_error("filer_kind", "감사만 감사 명의로 요청할 수 있습니다 (제34조①).")
        if not form.errors:
            try:
                services.reconsideration_file(resolution=resolution, by=ctx.user, **d)
            except ApplicationError as e:
                form.add_error(None, e.message)
            else:
                messages.success(
                    request, "재심의를 요청했습니다. 다시 심의할 때까지 의결의 효력이 정지됩니다."
                )
                return redirect(_back(ctx, "reconsideration_list"))
    return _form_page(
        request,
        ctx,
        form,
        "재심의 요청서 (별지 제13호서식)",
        _back(ctx, "reconsideration_list"),
        f"대상 의결: {resolution.item} — {resolution.tally_text} ({resolution.meeting.title})",
    )


@complex_view(*MEMBERS)
def reconsideration_result(request, ctx, pk):
    _require_office_or_chair(ctx)
    rec = get_scoped(ctx, Reconsideration, pk=pk)
    form = forms.ResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reconsideration_post_result(
                reconsideration=rec,
                result_text=form.cleaned_data["result_text"],
                office=office_users(complex_id=ctx.complex.pk, roles=[Role.MANAGER]),
            )
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "재심의 결과를 공고하고 요청자와 관리주체에 통보했습니다.")
            return redirect(_back(ctx, "reconsideration_list"))
    return _form_page(
        request, ctx, form, "재심의 결과 공고 (제34조③)", _back(ctx, "reconsideration_list")
    )


# --- operating costs ------------------------------------------------------------------------


@complex_view(*ANYONE)
def expense_list(request, ctx):
    from django.db.models import Sum

    expenses = scoped(ctx, Expense).select_related("representative", "meeting")
    months = expenses.values("period").annotate(total=Sum("amount")).order_by("-period")[:24]
    detail = ctx.is_office or ctx.has(Role.COUNCIL)
    return render(
        request,
        "council/expense_list.html",
        {
            "ctx": ctx,
            "months": months,
            "expenses": expenses[:100] if detail else [],
            "detail": detail,
            "categories": ExpenseCategory,
            "settings": selectors.council_settings(complex=ctx.complex),
        },
    )


@complex_view(*OFFICE_ROLES)
def expense_new(request, ctx):
    form = forms.ExpenseForm(
        request.POST or None,
        request.FILES or None,
        reps=scoped(ctx, Representative),
        meetings=scoped(ctx, Meeting).filter(status=MeetingStatus.HELD),
        initial={"spent_on": _today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expense_record(complex=ctx.complex, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "운영비 지출을 기록했습니다.")
            return redirect(_back(ctx, "expense_list"))
    return _form_page(request, ctx, form, "운영비 지출 기록 (제37조)", _back(ctx, "expense_list"))


# --- read receipt ---------------------------------------------------------------------------


@complex_view(*MEMBERS)
def notice_receipt(request, ctx, token):
    receipt = (
        scoped(ctx, NoticeReceipt).filter(token=token).select_related("representative").first()
    )
    if receipt is None or (not ctx.is_office and receipt.representative.user_id != ctx.user.pk):
        raise Http404
    services.notice_receipt_confirm(token=token)
    messages.success(request, "소집 통지 수신을 확인했습니다.")
    return redirect(_back(ctx, "meeting_detail", receipt.meeting_id))


@complex_view(*OFFICE_ROLES)
@require_POST
def expense_publish(request, ctx):
    """Art. 37③: disclose a month's ledger."""
    from datetime import date

    try:
        year, month = (int(x) for x in request.POST.get("period", "").split("-")[:2])
        period = date(year, month, 1)
    except ValueError:
        messages.error(request, "공개할 달을 골라 주세요 (예: 2026-10).")
        return redirect(_back(ctx, "expense_list"))
    return _done(
        request,
        lambda: services.operating_costs_publish(complex=ctx.complex, period=period),
        f"{period:%Y년 %m월} 운영비 사용명세를 공개했습니다 (제37조③).",
        _back(ctx, "expense_list"),
    )


@complex_view(*OFFICE_ROLES)
def settings_edit(request, ctx):
    """Per-complex values the bylaw leaves blank (Art. 17 seats, Art. 37② allowances)."""
    s = selectors.council_settings(complex=ctx.complex)
    fields = list(forms.SettingsForm.base_fields)
    form = forms.SettingsForm(request.POST or None, initial={f: getattr(s, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(complex=ctx.complex, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "설정을 저장했습니다.")
            return redirect(_back(ctx, "home"))
    return _form_page(request, ctx, form, "입주자대표회의 설정", _back(ctx, "home"))


@complex_view(*OFFICE_ROLES)
def convene_request_new(request, ctx):
    """Art. 26③: record a request to convene; the chair has 14 days (Art. 26①)."""
    seated = [r.pk for r in selectors.seated_reps(complex=ctx.complex, day=_today())]
    form = forms.ConveneRequestForm(
        request.POST or None,
        initial={"received_on": _today()},
        reps=scoped(ctx, Representative).filter(pk__in=seated),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.convene_request_create(complex=ctx.complex, **form.cleaned_data)
        except ApplicationError as e:
            form.add_error(None, e.message)
        else:
            messages.success(
                request, "회의 소집 요구를 접수했습니다. 회장은 14일 이내에 소집해야 합니다."
            )
            return redirect(_back(ctx, "home"))
    return _form_page(request, ctx, form, "회의 소집 요구 접수 (제26조③)", _back(ctx, "home"))


# --- files: served only through here, to those who may see the record -----------------------


def _file(field):
    from django.http import FileResponse

    if not field:
        raise Http404
    name = field.name.rsplit("/", 1)[-1]
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@complex_view(*ANYONE)
def item_attachment(request, ctx, pk):
    """The item's papers (Art. 29②), for whoever may see the item."""
    return _file(get_scoped(ctx, _items_for(ctx), pk=pk).attachment)


@complex_view(*MEMBERS)
def expense_receipt(request, ctx, pk):
    """Receipts (Art. 37③) for the office and the reps."""
    return _file(get_scoped(ctx, Expense, pk=pk).receipt)


@complex_view(*MEMBERS)
def meeting_recording_file(request, ctx, pk):
    """Art. 35③: kept by the office; disclosed to residents only on request, masked."""
    return _file(get_scoped(ctx, Meeting, pk=pk).recording)


@complex_view(*OFFICE_ROLES)
@require_POST
def meeting_observer_add(request, ctx, pk):
    """Art. 27①: the office registers a resident who asks to observe."""
    meeting = get_scoped(ctx, Meeting, pk=pk)
    form = forms.ObserverForm(request.POST)
    if not form.is_valid():
        messages.error(request, "방청인 성명을 적어 주세요.")
        return redirect(_back(ctx, "meeting_detail", pk))
    return _done(
        request,
        lambda: services.observer_register(meeting=meeting, name=form.cleaned_data["name"]),
        "방청인을 등록했습니다.",
        _back(ctx, "meeting_detail", pk),
    )


@complex_view(*OFFICE_ROLES)
@require_POST
def item_objections(request, ctx, pk):
    """Art. 58①②: record how many households objected to re-contracting."""
    item = get_scoped(ctx, AgendaItem, pk=pk)
    try:
        count = int(request.POST.get("objecting_units", ""))
    except ValueError:
        messages.error(request, "이의제기 세대 수를 숫자로 적어 주세요.")
        return redirect(_back(ctx, "item_detail", pk))
    return _done(
        request,
        lambda: services.item_record_objections(item=item, objecting_units=count),
        "의견청취 결과를 기록했습니다.",
        _back(ctx, "item_detail", pk),
    )
