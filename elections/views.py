"""Pages of the election committee and of the household's voter. Thin: rules live in services.

The voting link (`ballot_entry`) is the one page that needs no login: the household's link token
(scoped to the complex in the URL, another complex's token → 404) plus the one-time code are the
voter's identity (Art. 48②1). After the code, the session holds only "this token is verified";
casting clears it.

Every page names the complex's people, so it is for its members (core.tenancy.MEMBER): a district
official, who sees no personal data, gets 403 here and reads the published results instead.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from complexes.models import Complex
from core.errors import ApplicationError
from core.tenancy import MEMBER, OFFICE, complex_view, get_scoped, scoped

from . import pdf, selectors, services, tasks
from .forms import (
    CandidateForm,
    CheckForm,
    CodeForm,
    CommitteeMemberForm,
    CommitteeVoteForm,
    DefenceForm,
    DocumentForm,
    EndForm,
    PaperMarkForm,
    RecallForm,
    RecallVoteForm,
    ReceiptForm,
    RecruitmentForm,
    RuleForm,
    VoteForm,
)
from .models import (
    Candidate,
    CommitteeDecision,
    CommitteeMember,
    Recall,
    Recruitment,
    RollEntry,
    Vote,
    VoteState,
)
from .selectors import COMMITTEE

VERIFIED = "elections_verified"


def _fail(request, form, error: ApplicationError):
    if form is not None:
        field = error.extra.get("field")
        form.add_error(field if field in form.fields else None, error.message)
    else:
        messages.error(request, error.message)


def _vote_url(vote):
    return reverse("elections:vote_detail", args=[vote.complex.slug, vote.pk])


# --- index, committee --------------------------------------------------------------------------


@complex_view(MEMBER)
def index(request, ctx):
    votes = list(scoped(ctx, Vote).select_related("ward"))
    invitations = selectors.my_invitations(ctx=ctx, votes=votes)
    recalls = scoped(ctx, Recall).select_related("ward")[:10]
    return render(
        request,
        "elections/index.html",
        {
            "ctx": ctx,
            "votes": [(v, invitations.get(v.pk), services.voting_open(v)) for v in votes],
            "recalls": recalls,
            "committee": selectors.is_committee(ctx),
            "duties": selectors.duties(complex=ctx.complex, on=services.today())
            if selectors.is_committee(ctx)
            else [],
        },
    )


@complex_view(MEMBER)
def committee(request, ctx):
    cfg = services.settings_for(ctx.complex)
    is_committee = selectors.is_committee(ctx)
    member_form = CommitteeMemberForm(
        request.POST if request.POST.get("form") == "member" else None, complex=ctx.complex
    )
    recruit_form = RecruitmentForm(request.POST if request.POST.get("form") == "recruit" else None)
    if request.method == "POST":
        ctx.require(*COMMITTEE)
        try:
            if request.POST.get("form") == "member" and member_form.is_valid():
                services.committee_member_add(
                    complex=ctx.complex, by=request.user, **member_form.cleaned_data
                )
                messages.success(request, "선거관리위원을 위촉했습니다.")
                return redirect("elections:committee", slug=ctx.complex.slug)
            if request.POST.get("form") in ("resign", "remove"):
                member = get_scoped(ctx, CommitteeMember, pk=request.POST.get("member") or 0)
                reason = request.POST.get("reason", "")
                if request.POST["form"] == "resign":
                    services.committee_member_end(
                        member=member,
                        status=CommitteeMember.Status.RESIGNED,
                        reason=reason or "사퇴서 접수",
                    )
                else:
                    form = EndForm(request.POST)
                    if not form.is_valid():
                        raise ApplicationError("소명 시작일과 위원 찬성·반대 수를 입력하세요.")
                    services.committee_member_remove(
                        member=member, by=request.user, reason=reason, **form.cleaned_data
                    )
                messages.success(request, f"{member.name} 위원의 사퇴·해촉을 기록했습니다.")
                return redirect("elections:committee", slug=ctx.complex.slug)
            if request.POST.get("form") == "recruit" and recruit_form.is_valid():
                services.recruitment_post(complex=ctx.complex, **recruit_form.cleaned_data)
                messages.success(request, "공개모집 공고를 게시했습니다.")
                return redirect("elections:committee", slug=ctx.complex.slug)
        except ApplicationError as e:
            which = request.POST.get("form")
            _fail(request, {"member": member_form, "recruit": recruit_form}.get(which), e)
    return render(
        request,
        "elections/committee.html",
        {
            "ctx": ctx,
            "settings": cfg,
            "members": scoped(ctx, CommitteeMember).select_related("unit__building"),
            "recruitments": scoped(ctx, Recruitment),
            "decisions": scoped(ctx, CommitteeDecision)[:20],
            "member_form": member_form,
            "recruit_form": recruit_form,
            "committee": is_committee,
        },
    )


# --- votes -------------------------------------------------------------------------------------


@complex_view(*COMMITTEE)
def vote_create(request, ctx):
    form = VoteForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            vote = services.vote_create(complex=ctx.complex, by=request.user, **data)
        except ApplicationError as e:
            _fail(request, form, e)
        else:
            messages.success(request, "투표를 만들었습니다. 공고하면 선거인 명부가 확정됩니다.")
            return redirect(_vote_url(vote))
    return render(
        request,
        "elections/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "투표 만들기",
            "back": reverse("elections:index", args=[ctx.complex.slug]),
        },
    )


@complex_view(MEMBER)
def vote_detail(request, ctx, pk):
    vote = get_scoped(ctx, Vote.objects.select_related("ward"), pk=pk)
    is_committee = selectors.is_committee(ctx)
    candidates = vote.candidates.select_related("unit__building")
    if not is_committee:
        candidates = candidates.filter(status=Candidate.Status.ELIGIBLE)
    show_turnout = is_committee or ctx.is_office or vote.state == VoteState.CERTIFIED
    mine = selectors.my_invitations(ctx=ctx, votes=[vote]).get(vote.pk)
    return render(
        request,
        "elections/vote_detail.html",
        {
            "ctx": ctx,
            "vote": vote,
            "candidates": candidates,
            "committee": is_committee,
            "turnout": selectors.turnout(vote=vote) if show_turnout else None,
            "result": vote.result if selectors.result_visible(vote=vote, ctx=ctx) else None,
            "open": services.voting_open(vote),
            "mine": mine,
            "decision_form": CommitteeVoteForm(),
            "paper_form": PaperMarkForm(complex=ctx.complex),
            "recall": getattr(vote, "recall", None),
            "lotteries": vote.lotteries.all(),
        },
    )


def _enqueue_invitations(vote):
    if vote.state != VoteState.ANNOUNCED:
        raise ApplicationError("공고된 투표에만 초대를 보낼 수 있습니다.")
    transaction.on_commit(lambda: tasks.send_invitations.delay(vote.pk))


ACTIONS = {
    "announce": lambda vote, request, form: services.vote_announce(vote=vote, by=request.user),
    "invite": lambda vote, request, form: _enqueue_invitations(vote),
    "close": lambda vote, request, form: services.vote_close(vote=vote),
    "count": lambda vote, request, form: services.vote_count(vote=vote),
    "lottery": lambda vote, request, form: services.lottery_conduct(
        vote=vote, witnesses=request.POST.get("witnesses", ""), by=request.user
    ),
}
DONE = {
    "announce": "공고했습니다. 선거인 명부가 확정되었습니다.",
    "invite": "투표 안내(링크와 인증번호) 발송을 시작했습니다. 아직 받지 않은 세대에만 보냅니다.",
    "close": "투표를 마감했습니다. 현장 투표지를 입력한 뒤 개표하세요.",
    "count": "개표했습니다.",
    "lottery": "추첨 결과를 기록했습니다.",
    "certify": "결과를 확정하고 공고했습니다.",
}


@require_POST
@complex_view(*COMMITTEE)
def vote_action(request, ctx, pk, action):
    vote = get_scoped(ctx, Vote, pk=pk)
    try:
        if action == "certify":
            form = CommitteeVoteForm(request.POST)
            if not form.is_valid():
                raise ApplicationError("위원 찬성·반대 수를 입력하세요.")
            services.vote_certify(vote=vote, by=request.user, **form.cleaned_data)
        elif action in ACTIONS:
            ACTIONS[action](vote, request, None)
        else:
            raise Http404
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, DONE[action])
    return redirect(_vote_url(vote))


@complex_view(*COMMITTEE)
def vote_roll(request, ctx, pk):
    """The committee's minimal roll (precise rule 10): unit, voter's name, consent, voted."""
    vote = get_scoped(ctx, Vote, pk=pk)
    roll = vote.roll.select_related("unit__building")
    q = request.GET.get("q", "").strip()
    if q:
        roll = roll.filter(
            Q(unit__building__name__icontains=q)
            | Q(unit__number__icontains=q)
            | Q(voter_name__icontains=q)
        )
    return render(
        request, "elections/roll.html", {"ctx": ctx, "vote": vote, "roll": roll[:1000], "q": q}
    )


@complex_view(*COMMITTEE)
def paper(request, ctx, pk):
    """The polling station: mark a household (after the ID check) while voting is open; after
    the close, enter the paper ballots from the box."""
    vote = get_scoped(ctx, Vote, pk=pk)
    form = PaperMarkForm(request.POST or None, complex=ctx.complex)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "mark" and form.is_valid():
                services.paper_voter_mark(vote=vote, unit=form.cleaned_data["unit"])
                messages.success(
                    request, f"{form.cleaned_data['unit'].label}: 현장 투표지를 교부하세요."
                )
                return redirect("elections:paper", slug=ctx.complex.slug, pk=vote.pk)
            if request.POST.get("form") == "ballots":
                ballots = _paper_ballots_from(request.POST, vote)
                n = services.paper_ballots_enter(vote=vote, ballots=ballots)
                messages.success(request, f"현장 투표지 {n}장을 입력했습니다.")
                return redirect(_vote_url(vote))
        except ApplicationError as e:
            _fail(request, form if request.POST.get("form") == "mark" else None, e)
    marked = vote.roll.filter(voted_channel=RollEntry.Channel.PAPER).count()
    return render(
        request,
        "elections/paper.html",
        {
            "ctx": ctx,
            "vote": vote,
            "form": form,
            "open": services.voting_open(vote),
            "marked": marked,
            "remaining": marked - vote.paper_ballots_entered,
            "candidates": vote.candidates.filter(status=Candidate.Status.ELIGIBLE),
            "format": vote.ballot_format,
        },
    )


def _count(post, name) -> int:
    try:
        value = int(post.get(name) or 0)
    except ValueError:
        raise ApplicationError(f"'{name}'에는 숫자를 입력하세요.") from None
    if value < 0:
        raise ApplicationError("음수는 입력할 수 없습니다.")
    return value


def _paper_ballots_from(post, vote) -> list:
    """The tally sheet of the paper box → ballots (see services.paper_ballots_from_counts)."""
    counts = {key: _count(post, key) for key in post if key not in ("csrfmiddlewaretoken", "form")}
    return services.paper_ballots_from_counts(vote=vote, counts=counts)


@complex_view(MEMBER)
def certificate_pdf(request, ctx, pk, candidate_pk):
    """별지 4 (chair/auditor) / 별지 5 (ward rep) certificate of election, for the committee and
    the elected person."""
    vote = get_scoped(ctx, Vote, pk=pk)
    candidate = get_object_or_404(vote.candidates, pk=candidate_pk)
    if not (
        selectors.is_committee(ctx) or (candidate.user_id and candidate.user_id == request.user.pk)
    ):
        ctx.require(*COMMITTEE)
    try:
        data = pdf.certificate(vote=vote, candidate=candidate)
    except ApplicationError as e:
        messages.error(request, e.message)
        return redirect(_vote_url(vote))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{vote.pk}-{candidate.pk}.pdf"'
    return response


@complex_view(*COMMITTEE, *OFFICE)
def fees_paid_pdf(request, ctx, pk):
    """별지 2 구비서류 3: the office issues the fee-paid certificate from the fee ledger; issuing it
    files it with the candidate's documents and re-runs the checks."""
    candidate = get_scoped(
        ctx, Candidate.objects.select_related("vote__complex", "unit__building"), pk=pk
    )
    on = services.today()
    try:
        data = pdf.fees_paid_certificate(candidate=candidate, on=on)
    except ApplicationError as e:
        messages.error(request, e.message)
        return redirect("elections:candidate_detail", slug=ctx.complex.slug, pk=candidate.pk)
    if not candidate.documents.filter(kind="fees_paid", issued_on=on).exists():
        services.candidate_document_add(candidate=candidate, kind="fees_paid", issued_on=on)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="fees-paid-{candidate.pk}.pdf"'
    return response


# --- candidates --------------------------------------------------------------------------------


@complex_view(*COMMITTEE)
def candidate_create(request, ctx, pk):
    vote = get_scoped(ctx, Vote, pk=pk)
    form = CandidateForm(request.POST or None, request.FILES or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, kin = data.pop("unit"), data.pop("kin")
        if not data.get("photo"):
            data.pop("photo", None)
        try:
            candidate = services.candidate_register(
                vote=vote, unit=unit, kin=kin, by=request.user, **data
            )
        except ApplicationError as e:
            _fail(request, form, e)
        else:
            messages.success(
                request, f"기호 {candidate.number} {candidate.name} 후보를 등록했습니다."
            )
            return redirect("elections:candidate_detail", slug=ctx.complex.slug, pk=candidate.pk)
    return render(
        request,
        "elections/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": f"후보 등록 (별지 2) — {vote.title}",
            "back": _vote_url(vote),
            "multipart": True,
        },
    )


@complex_view(*COMMITTEE)
def candidate_detail(request, ctx, pk):
    candidate = get_scoped(ctx, Candidate.objects.select_related("vote", "unit__building"), pk=pk)
    doc_form = DocumentForm(
        request.POST if request.POST.get("form") == "doc" else None, request.FILES or None
    )
    rule_form = RuleForm(request.POST if request.POST.get("form") == "rule" else None)
    if request.method == "POST":
        try:
            which = request.POST.get("form")
            if which == "doc" and doc_form.is_valid():
                services.candidate_document_add(candidate=candidate, **doc_form.cleaned_data)
                messages.success(request, "서류를 등록했습니다.")
            elif which == "check":
                check_form = CheckForm(request.POST)
                if check_form.is_valid():
                    services.eligibility_record(
                        candidate=candidate, by=request.user, **check_form.cleaned_data
                    )
                    messages.success(request, "확인 결과를 기록했습니다.")
            elif which == "account":
                from .candidates import candidate_link_user

                candidate_link_user(candidate=candidate, email=request.POST.get("email", ""))
                messages.success(request, "후보자 계정을 연결했습니다.")
            elif which == "rerun":
                services.candidate_checks_run(candidate=candidate)
                messages.success(request, "자동 확인을 다시 했습니다.")
            elif which == "rule" and rule_form.is_valid():
                services.candidate_rule(
                    candidate=candidate, by=request.user, **rule_form.cleaned_data
                )
                messages.success(request, "위원회 결정을 기록했습니다.")
            else:
                raise ApplicationError("입력값을 확인해 주세요.")
            return redirect("elections:candidate_detail", slug=ctx.complex.slug, pk=candidate.pk)
        except ApplicationError as e:
            messages.error(request, e.message)
    return render(
        request,
        "elections/candidate_detail.html",
        {
            "ctx": ctx,
            "c": candidate,
            "checks": candidate.checks.all(),
            "documents": candidate.documents.all(),
            "doc_form": doc_form,
            "rule_form": rule_form,
            "outcomes": CheckForm.base_fields["outcome"].choices,
        },
    )


# --- the voter's link (no login: token + one-time code) ----------------------------------------


def _entry_for(slug, token):
    complex_ = get_object_or_404(Complex, slug=slug)
    entry = (
        RollEntry.objects.filter(complex=complex_, token=token)
        .select_related("vote__complex", "vote__ward", "unit__building")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def ballot_entry(request, slug, token):
    """Open the invitation link → the code → the ballot → the receipt (Art. 48②1)."""
    entry = _entry_for(slug, token)
    vote = entry.vote
    verified = request.session.get(VERIFIED) == token
    context = {"vote": vote, "entry": entry, "complex": vote.complex}
    if entry.voted_channel:
        form = ReceiptForm(request.POST or None)
        checked = None
        if request.method == "POST" and form.is_valid():
            checked = services.receipt_check(vote=vote, receipt=form.cleaned_data["receipt"])
        return render(
            request,
            "elections/voted.html",
            {**context, "form": form, "checked": checked},
        )
    if not services.voting_open(vote):
        return render(request, "elections/closed.html", context)
    if not verified:
        form = CodeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.voter_verify(entry=entry, code=form.cleaned_data["code"])
            except ApplicationError as e:
                _fail(request, form, e)
            else:
                request.session[VERIFIED] = token
                return redirect(request.path)
        return render(request, "elections/code.html", {**context, "form": form})
    candidates = list(vote.candidates.filter(status=Candidate.Status.ELIGIBLE))
    error = None
    if request.method == "POST":
        status, marks = _marks_from(request.POST, candidates)
        try:
            receipt = services.ballot_cast(entry=entry, code=None, status=status, marks=marks)
        except ApplicationError as e:
            error = e.message
        else:
            # The receipt is shown once, in this response, and kept nowhere but as the ballot's
            # keyed hash — never in the session, which a database reader could tie to a
            # browser or an account.
            request.session.pop(VERIFIED, None)
            context = {**context, "receipt": receipt, "form": ReceiptForm(), "checked": None}
            return render(request, "elections/voted.html", context)
    return render(
        request,
        "elections/ballot.html",
        {
            **context,
            "candidates": candidates,
            "format": vote.ballot_format,
            "error": error,
            "recall": getattr(vote, "recall", None),
        },
    )


def _marks_from(post, candidates):
    if post.get("blank"):
        return "blank", {}
    if "answer" in post:
        return "valid", {"answer": post["answer"]}
    if "choice" in post:
        return "valid", {"choice": post["choice"]}
    return "valid", {"approvals": {str(c.id): post.get(f"a{c.id}") for c in candidates}}


# --- recalls -----------------------------------------------------------------------------------


@complex_view(MEMBER)
def recall_list(request, ctx):
    recalls = (
        scoped(ctx, Recall)
        .select_related("ward", "subject_unit__building")
        .annotate(n=Count("petition__signatures"))
    )
    return render(
        request,
        "elections/recall_list.html",
        {"ctx": ctx, "recalls": recalls, "committee": selectors.is_committee(ctx)},
    )


@complex_view(MEMBER)
def recall_create(request, ctx):
    from complexes.models import Role

    ctx.require(Role.RESIDENT, Role.COUNCIL, *COMMITTEE)
    form = RecallForm(request.POST or None, request.FILES or None, complex=ctx.complex)
    if request.method == "POST" and form.is_valid():
        try:
            recall = services.recall_file(complex=ctx.complex, by=request.user, **form.cleaned_data)
        except ApplicationError as e:
            _fail(request, form, e)
        else:
            messages.success(request, "해임 요청을 접수했습니다.")
            return redirect("elections:recall_detail", slug=ctx.complex.slug, pk=recall.pk)
    return render(
        request,
        "elections/form.html",
        {
            "ctx": ctx,
            "form": form,
            "title": "해임 요청 (Art. 23)",
            "back": reverse("elections:recall_list", args=[ctx.complex.slug]),
            "multipart": True,
        },
    )


@complex_view(MEMBER)
def recall_detail(request, ctx, pk):
    """A recall. Its written consents (Art. 23②⑥) are signed on its petition's page
    (residents/petitions): one per household, from the resident's own account or a paper consent
    the office records with its scan."""
    recall = get_scoped(
        ctx,
        Recall.objects.select_related("ward", "subject_unit__building", "vote", "petition"),
        pk=pk,
    )
    is_committee = selectors.is_committee(ctx)
    is_subject = recall.subject_user_id == request.user.pk
    defence_form = DefenceForm(request.POST if request.POST.get("form") == "defence" else None)
    vote_form = RecallVoteForm(request.POST if request.POST.get("form") == "vote" else None)
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "defence" and defence_form.is_valid():
                if not (is_subject or is_committee):
                    ctx.require(*COMMITTEE)
                services.recall_defence_submit(
                    recall=recall, text=defence_form.cleaned_data["defence"]
                )
                messages.success(request, "소명을 제출했습니다.")
            elif which == "vote" and vote_form.is_valid():
                ctx.require(*COMMITTEE)
                vote = services.recall_schedule_vote(
                    recall=recall, by=request.user, **vote_form.cleaned_data
                )
                messages.success(
                    request,
                    "해임투표를 공고했습니다. 대상자의 직무가 정지됩니다."
                    if recall.office == "ward_rep"
                    else "해임투표를 공고했습니다. 결과가 나올 때까지 임원 직무만 정지되고 "
                    "동별 대표자로서는 계속 표결합니다 (제23조⑦).",
                )
                return redirect(_vote_url(vote))
            else:
                raise ApplicationError("입력값을 확인해 주세요.")
            return redirect("elections:recall_detail", slug=ctx.complex.slug, pk=recall.pk)
        except ApplicationError as e:
            messages.error(request, e.message)
    return render(
        request,
        "elections/recall_detail.html",
        {
            "ctx": ctx,
            "recall": recall,
            "committee": is_committee,
            "is_subject": is_subject,
            "consents": recall.petition.signatures.count() if recall.petition_id else 0,
            "needed": services.recall_consent_needed(recall),
            "defence_form": defence_form,
            "vote_form": vote_form,
            "office_view": ctx.has(*OFFICE),
        },
    )
