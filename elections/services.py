"""Writes of the elections app. Every rule names its article; the secrecy design is described in
elections/models.py and enforced here (voter_verify, ballot_cast, paper_*, ballot_box_open)."""

import hashlib
import hmac
import random
import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings as django_settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from complexes.models import Membership, ResidentKind, Role, Unit
from core import hooks
from core.errors import ApplicationError
from residents.petitions.services import petition_start

from . import integrations, sealing
from .models import (
    RULE_FOR_KIND,
    Ballot,
    Candidate,
    CandidateDocument,
    CommitteeDecision,
    CommitteeMember,
    DisqualificationRule,
    ElectionSettings,
    EligibilityCheck,
    Kinship,
    Lottery,
    Recall,
    Recruitment,
    RollEntry,
    RollScope,
    Rule,
    SealedBallot,
    Vote,
    VoteKind,
    VoteState,
)
from .thresholds import (
    at_least_tenth,
    counts_as_term,
    decide_election,
    decide_question,
    more_than_half,
)

CODE_ATTEMPTS = 5
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DEFAULT_DISQUALIFICATIONS = [
    ("guardianship", "미성년자, 피성년후견인 또는 피한정후견인", "법 14조④1"),
    ("bankrupt", "파산자로서 복권되지 아니한 사람", "법 14조④2"),
    ("conviction", "관리 관련 법률 위반 금고 이상 실형·집행유예 중", "법 14조④3·4"),
    ("committee", "선거관리위원회 위원 (사퇴·해촉 후 남은 임기 중 포함)", "영 11조③"),
    ("arrears", "관리비등을 최근 3개월 이상 연속 체납", "영 11조③"),
    ("resigned", "동별 대표자를 사퇴·해임된 후 남은 임기 중", "영 11조③"),
    ("residency", "공고일 현재 해당 선거구에 주민등록을 하고 거주 (법령 개정 시 변경)", "법 14조③"),
]


def now():
    return timezone.now()


def today() -> date:
    return timezone.localdate()


# --- settings and the committee ----------------------------------------------------------------


def settings_for(complex_) -> ElectionSettings:
    """The complex's election settings, created on first use with the spec's defaults (and the
    decree disqualifications as versioned rules, precise rule 8)."""
    obj = ElectionSettings.objects.filter(complex=complex_).first()
    if obj:
        return obj
    households = Unit.objects.filter(complex=complex_).count()
    with transaction.atomic():
        obj, created = ElectionSettings.objects.get_or_create(
            complex=complex_, defaults={"committee_seats": 5 if households >= 500 else 3}
        )
        if created:
            DisqualificationRule.objects.bulk_create(
                DisqualificationRule(
                    complex=complex_,
                    code=code,
                    text=text,
                    legal_basis=basis,
                    effective_from=date(2016, 8, 12),
                )
                for code, text, basis in DEFAULT_DISQUALIFICATIONS
            )
    return obj


def _is_active_candidate(complex_, *, name, unit) -> bool:
    return Candidate.objects.filter(
        complex=complex_,
        name=name,
        unit=unit,
        status__in=[Candidate.Status.REGISTERED, Candidate.Status.ELIGIBLE],
        vote__state__in=[VoteState.DRAFT, VoteState.ANNOUNCED, VoteState.CLOSED, VoteState.COUNTED],
    ).exists()


def _is_sitting_rep(complex_, *, name, unit, user) -> bool:
    """A sitting ward rep: elected in a certified ward election whose term covers today, or (for
    a person with a login) holding the council role."""
    if (
        user is not None
        and Membership.objects.filter(complex=complex_, user=user, role=Role.COUNCIL).exists()
    ):
        return True
    return any(
        c.id in (c.vote.result or {}).get("outcome", {}).get("elected", [])
        for c in Candidate.objects.filter(
            complex=complex_,
            name=name,
            unit=unit,
            vote__kind=VoteKind.WARD_REP,
            vote__state=VoteState.CERTIFIED,
            vote__term_start__lte=today(),
            vote__term_end__gte=today(),
        ).select_related("vote")
    )


def committee_member_eligibility(complex_, *, name, unit, user, minor_or_guardianship=False):
    """Art. 45②: not eligible for the committee — a rep or candidate (2), their spouse or lineal
    relative (3), someone who resigned or was removed from a rep/committee seat within its
    remaining term (4), a minor or a person under guardianship (5). Returns the problems."""
    problems = []
    if minor_or_guardianship:
        problems.append("미성년자·피성년후견인·피한정후견인은 위원이 될 수 없습니다 (Art. 45②5).")
    if _is_active_candidate(complex_, name=name, unit=unit) or _is_sitting_rep(
        complex_, name=name, unit=unit, user=user
    ):
        problems.append("동별 대표자 또는 그 후보자는 위원이 될 수 없습니다 (Art. 45②2).")
    kin = Kinship.objects.filter(
        complex=complex_,
        name=name,
        candidate__status__in=[Candidate.Status.REGISTERED, Candidate.Status.ELIGIBLE],
    ).exclude(candidate__vote__state__in=[VoteState.CERTIFIED, VoteState.LAPSED])
    if kin.exists():
        problems.append(
            "동별 대표자 후보자의 배우자 또는 직계존비속은 위원이 될 수 없습니다 (Art. 45②3)."
        )
    if CommitteeMember.objects.filter(
        complex=complex_,
        name=name,
        unit=unit,
        status__in=[CommitteeMember.Status.RESIGNED, CommitteeMember.Status.REMOVED],
        term_end__gte=today(),
    ).exists():
        problems.append("사퇴·해촉 후 남은 임기 중인 사람은 위원이 될 수 없습니다 (Art. 45②4).")
    return problems


RECOMMENDERS = ["입주자대표회의 회장", "통장", "노인회", "부녀회 등 공동체 활성화 단체"]


@transaction.atomic
def committee_member_add(
    *,
    complex,
    name,
    unit,
    term_start,
    user=None,
    position="member",
    route="recruitment",
    recommended_by="",
    minor_or_guardianship=False,
    by=None,
) -> CommitteeMember:
    """Appoint a committee member (Arts. 44–45).

    * Art. 45②: eligibility (committee_member_eligibility).
    * Art. 45①: term 2 years, one consecutive reappointment only.
    * Art. 44③: appointment by recommendation only after two open calls failed to fill the seats,
      one per recommender in the listed order (council chair, 통장, 노인회, 부녀회 등).
    * Art. 44①: never more members than the bylaw's size.
    """
    cfg = settings_for(complex)
    problems = committee_member_eligibility(
        complex, name=name, unit=unit, user=user, minor_or_guardianship=minor_or_guardianship
    )
    if problems:
        raise ApplicationError(" ".join(problems), {"problems": problems})
    active = CommitteeMember.objects.select_for_update().filter(
        complex=complex, status=CommitteeMember.Status.ACTIVE
    )
    if active.count() >= cfg.committee_seats:
        raise ApplicationError(f"위원 정원({cfg.committee_seats}명)이 모두 찼습니다 (Art. 44①).")
    previous = list(
        CommitteeMember.objects.filter(complex=complex, name=name, unit=unit).order_by("-term_end")
    )
    reappointment = bool(previous) and previous[0].term_end >= term_start - timedelta(days=1)
    if reappointment and previous[0].reappointment:
        raise ApplicationError("위원은 한 번만 연임할 수 있습니다 (Art. 45①).")
    if route == CommitteeMember.Route.RECOMMENDATION:
        failed = Recruitment.objects.filter(complex=complex, filled=False).count()
        if failed < 2:
            raise ApplicationError(
                "추천 위촉은 2회 이상 공개모집에도 정원에 미달한 경우에만 할 수 있습니다 (Art. 44③)."
            )
        if recommended_by not in RECOMMENDERS:
            raise ApplicationError("추천권자는 " + ", ".join(RECOMMENDERS) + " 중 하나입니다.")
        used = set(
            CommitteeMember.objects.filter(
                complex=complex, route=route, status=CommitteeMember.Status.ACTIVE
            ).values_list("recommended_by", flat=True)
        )
        if recommended_by in used:
            raise ApplicationError(f"{recommended_by}의 추천 위원이 이미 있습니다 (1인).")
        expected = next((r for r in RECOMMENDERS if r not in used), None)
        if recommended_by != expected:
            raise ApplicationError(
                f"추천 위촉은 정해진 순서를 따릅니다: 다음은 {expected} 추천입니다 (Art. 44③)."
            )
    if position == CommitteeMember.Position.CHAIR:
        active.filter(position=CommitteeMember.Position.CHAIR).update(position="member")
    term_end = date(term_start.year + 2, term_start.month, term_start.day) - timedelta(days=1)
    return CommitteeMember.objects.create(
        complex=complex,
        name=name,
        unit=unit,
        user=user,
        position=position,
        route=route,
        recommended_by=recommended_by,
        term_start=term_start,
        term_end=term_end,
        reappointment=reappointment,
    )


def committee_member_remove(
    *, member: CommitteeMember, reason: str, explained_from, yes: int, no: int = 0, by=None
) -> CommitteeMember:
    """Art. 46②: a member is removed on a ground of Art. 46① after at least 5 days to explain,
    by more than half of the committee (its full size, Art. 44⑦)."""
    if not reason.strip():
        raise ApplicationError("해촉 사유(Art. 46①)를 적으세요.", {"field": "reason"})
    if (today() - explained_from).days < 5:
        raise ApplicationError("해촉 대상 위원에게 5일 이상 소명 기회를 주어야 합니다 (Art. 46②).")
    decision = committee_decide(
        complex=member.complex, subject=f"선거관리위원 {member.name} 해촉", yes=yes, no=no, by=by
    )
    if not decision.passed:
        raise ApplicationError(
            f"해촉에는 위원 정원 {decision.seats}명의 과반 찬성이 필요합니다 (Art. 46②)."
        )
    committee_member_end(member=member, status=CommitteeMember.Status.REMOVED, reason=reason)
    return member


def committee_member_end(*, member: CommitteeMember, status: str, reason: str = "") -> None:
    """Resignation takes effect when it arrives (Art. 46④); removal per Art. 46②."""
    member.status = status
    member.status_reason = reason
    member.save(update_fields=["status", "status_reason"])


def recruitment_post(
    *, complex, posted_on, deadline, seats, lottery_at, urgent=False, place="관리사무소", **extra
) -> Recruitment:
    """Art. 44②1–2: the call is posted at least 7 days (3 if urgent) before the application
    deadline, and states the lottery date and place for over-subscription."""
    days = 3 if urgent else 7
    if (deadline - posted_on).days < days:
        raise ApplicationError(
            f"공개모집 공고는 접수 마감 {days}일 전까지 게시해야 합니다 (Art. 44②1).",
            {"field": "deadline"},
        )
    if timezone.localtime(lottery_at).date() < deadline:
        raise ApplicationError("공개추첨은 접수 마감 이후여야 합니다.", {"field": "lottery_at"})
    return Recruitment.objects.create(
        complex=complex,
        posted_on=posted_on,
        deadline=deadline,
        seats=seats,
        lottery_at=lottery_at,
        urgent=urgent,
        place=place,
        **extra,
    )


def recruitment_close(*, recruitment: Recruitment, applicants: int) -> Recruitment:
    """Record the call's outcome; an unfilled call is repeated (Art. 44③) — two unfilled calls
    open appointment by recommendation."""
    recruitment.applicants = applicants
    recruitment.filled = applicants >= recruitment.seats
    recruitment.save(update_fields=["applicants", "filled"])
    return recruitment


def committee_decide(*, complex, subject, yes, no=0, vote=None, by=None) -> CommitteeDecision:
    """Art. 44⑦ (precise rule 9): the committee decides by more than half of its full size —
    vacancies do not lower it (5 seats → 3 yes-votes, even with 4 members seated)."""
    seats = settings_for(complex).committee_seats
    if yes + no > seats:
        raise ApplicationError(f"찬성·반대 합계가 위원 정원({seats}명)을 넘습니다.")
    return CommitteeDecision.objects.create(
        complex=complex,
        vote=vote,
        subject=subject,
        seats=seats,
        yes=yes,
        no=no,
        passed=yes >= more_than_half(seats),
        recorded_by=by,
    )


# --- votes -------------------------------------------------------------------------------------


def _check_term_limit_proviso(complex_, kind, ward) -> None:
    """Art. 18① proviso: in a complex under 500 households, a ward with no candidate after two
    announcements may re-elect a rep who already served twice — with yes-votes from at least
    2/3 of the ward's households."""
    if kind != VoteKind.WARD_REP or ward is None:
        raise ApplicationError("3분의 2 찬성 기준은 동별 대표자 선거에만 씁니다 (Art. 18①).")
    if Unit.objects.filter(complex=complex_).count() >= 500:
        raise ApplicationError("500세대 이상 단지에는 Art. 18① 단서를 적용할 수 없습니다.")
    empty = [
        v
        for v in Vote.objects.filter(
            complex=complex_,
            kind=VoteKind.WARD_REP,
            ward=ward,
            state__in=[VoteState.COUNTED, VoteState.CERTIFIED],
        )
        if not (v.result or {}).get("candidates")
    ]
    if len(empty) < 2:
        raise ApplicationError(
            "2회의 선출공고에도 후보자가 없었던 선거구만 중임한 사람을 다시 선출할 수 있습니다 (Art. 18①)."
        )


def _roll_scope_for(kind, rule) -> str:
    if kind in (VoteKind.WARD_REP, VoteKind.RECALL_WARD):
        return RollScope.WARD
    if rule == Rule.OWNERS_MAJORITY:
        return RollScope.OWNERS
    return RollScope.ALL


@transaction.atomic
def vote_create(
    *,
    complex,
    kind,
    title,
    opens_at,
    closes_at,
    ward=None,
    seats=1,
    rule=None,
    question="",
    announce_on=None,
    registration_start=None,
    registration_end=None,
    term_start=None,
    term_end=None,
    generation=None,
    by_election=False,
    requested_on=None,
    by=None,
    **extra,
) -> Vote:
    """Create a vote with its schedule and roll.

    * Ward reps (Art. 25①): a ward; announcement ≥ 60 days before the term starts (the old terms
      end), except by-elections; term 2 years (Art. 18①).
    * Chair/auditors by direct election (영 12조): complexes of 500+ households, or under 500
      when the residents adopted direct election (Art. 21).
    * Bylaw (Art. 100), management method (Art. 61), recalls (Art. 23⑤⑨): held within 30 days
      of the request.
    * Repair-plan adjustment: owners only (Art. 48①6). Roll: ward / all households / owners.
    """
    kind = VoteKind(kind)
    rule = Rule(rule or RULE_FOR_KIND[kind])
    if rule == Rule.WARD_TWO_THIRDS:
        _check_term_limit_proviso(complex, kind, ward)
    elif kind != VoteKind.PETITION and rule != RULE_FOR_KIND[kind]:
        raise ApplicationError("이 투표의 의결 기준은 규약으로 정해져 있습니다.", {"field": "rule"})
    if closes_at <= opens_at:
        raise ApplicationError("투표 마감은 시작 이후여야 합니다.", {"field": "closes_at"})
    if kind in (VoteKind.WARD_REP, VoteKind.RECALL_WARD) and ward is None:
        raise ApplicationError("선거구를 선택하세요.", {"field": "ward"})
    if ward is not None and ward.complex_id != complex.id:
        raise ApplicationError("다른 단지의 선거구입니다.", {"field": "ward"})
    households = Unit.objects.filter(complex=complex).count()
    if (
        kind in (VoteKind.CHAIR, VoteKind.AUDITOR)
        and households < 500
        and not settings_for(complex).direct_election_adopted
    ):
        raise ApplicationError(
            "500세대 미만 단지는 입주자대표회의에서 회장·감사를 선출합니다 "
            "(직선제를 채택한 경우 제외, Art. 21).",
            {"field": "kind"},
        )
    if kind == VoteKind.AUDITOR and seats < 2:
        raise ApplicationError("감사는 2명 이상 선출합니다 (Art. 19①2).", {"field": "seats"})
    announce_on = announce_on or today()
    opens_day = timezone.localtime(opens_at).date()
    closes_day = timezone.localtime(closes_at).date()
    if kind == VoteKind.WARD_REP:
        if term_start is None:
            raise ApplicationError("임기 시작일을 입력하세요 (Art. 25①1).", {"field": "term_start"})
        if by_election:  # Art. 24①: the remainder of the predecessor's term
            term_end = integrations.by_election_term_end(
                complex=complex, ward=ward, term_start=term_start, term_end=term_end
            )
        if term_end is None:
            term_end = date(term_start.year + 2, term_start.month, term_start.day) - timedelta(1)
        if not by_election and (term_start - announce_on).days < 60:
            raise ApplicationError(
                "동별 대표자 선출공고는 임기만료 60일 전까지 해야 합니다 (Art. 25①).",
                {"field": "announce_on"},
            )
    if kind in (VoteKind.WARD_REP, VoteKind.CHAIR, VoteKind.AUDITOR):
        registration_start = registration_start or announce_on
        registration_end = registration_end or (opens_day - timedelta(days=1))
        if not (announce_on <= registration_start <= registration_end < opens_day):
            raise ApplicationError(
                "일정은 공고일 ≤ 후보 등록 시작 ≤ 등록 마감 < 투표 시작 순서여야 합니다.",
                {"field": "registration_end"},
            )
    if kind in (
        VoteKind.BYLAW,
        VoteKind.MANAGEMENT_METHOD,
        VoteKind.RECALL_WARD,
        VoteKind.RECALL_OFFICER,
    ):
        requested_on = requested_on or announce_on
        if (closes_day - requested_on).days > 30:
            raise ApplicationError(
                "요청일부터 30일 이내에 투표를 마쳐야 합니다 (Arts. 23⑤⑨, 100).",
                {"field": "closes_at"},
            )
    return Vote.objects.create(
        complex=complex,
        kind=kind,
        rule=rule,
        roll_scope=_roll_scope_for(kind, rule),
        title=title,
        question=question,
        ward=ward,
        ward_name=ward.name if ward else "",
        seats=seats,
        generation=generation,
        term_start=term_start,
        term_end=term_end,
        by_election=by_election,
        requested_on=requested_on,
        announce_on=announce_on,
        registration_start=registration_start,
        registration_end=registration_end,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=by,
        **extra,
    )


def roll_units(vote: Vote):
    if vote.roll_scope == RollScope.WARD:
        return vote.ward.unit_queryset().select_related("building")
    return Unit.objects.filter(complex_id=vote.complex_id).select_related("building")


@transaction.atomic
def vote_announce(*, vote: Vote, by=None) -> Vote:
    """Announce the vote and freeze its roll (precise rule 1): one entry per household of the
    ward / complex, with the household's designated voter (Art. 12; owners in owners-only
    votes, precise rule 2). Households without a known voter still count and vote on paper."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.state != VoteState.DRAFT:
        raise ApplicationError("이미 공고된 투표입니다.")
    owners_only = vote.roll_scope == RollScope.OWNERS
    entries = []
    units = list(roll_units(vote))
    voters = integrations.designated_voters(units, owners_only=owners_only)
    for unit in units:
        voter = voters[unit.pk]
        entries.append(
            RollEntry(
                complex_id=vote.complex_id,
                vote=vote,
                unit=unit,
                voter_name=voter.name if voter else "",
                voter_email=voter.email if voter else "",
                voter_user=voter.user if voter else None,
                token=secrets.token_urlsafe(24),
            )
        )
    if not entries:
        raise ApplicationError("선거인 명부에 세대가 없습니다.")
    RollEntry.objects.bulk_create(entries, batch_size=1000)
    vote.roll_size = len(entries)
    vote.state = VoteState.ANNOUNCED
    if vote.announce_on is None or vote.announce_on > today():
        vote.announce_on = today()
    vote.save(update_fields=["roll_size", "state", "announce_on"])
    if hasattr(vote, "recall"):
        _recall_vote_announced(vote.recall)
    return vote


def voting_open(vote: Vote, at=None) -> bool:
    at = at or now()
    return vote.state == VoteState.ANNOUNCED and vote.opens_at <= at < vote.closes_at


# --- candidates and eligibility ----------------------------------------------------------------


@transaction.atomic
def candidate_register(*, vote: Vote, unit, name, birth_date, kin=(), user=None, by=None, **fields):
    """Register a candidate (별지 2). Refused: outside the registration period (Art. 25①3), a
    committee member standing (Art. 45②2, 영 11조③), a second candidacy for the unit (Art. 10).
    A committee member who is the candidate's spouse or lineal relative loses the seat
    (Art. 45②3). Then the automatic eligibility checks run and are recorded."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if not vote.is_election:
        raise ApplicationError("후보 등록은 선거에만 있습니다.")
    if vote.state not in (VoteState.DRAFT, VoteState.ANNOUNCED):
        raise ApplicationError("후보 등록을 받을 수 없는 상태입니다.")
    if vote.registration_start and not (
        vote.registration_start <= today() <= vote.registration_end
    ):
        raise ApplicationError(
            f"후보 등록 기간({vote.registration_start:%Y-%m-%d}~{vote.registration_end:%Y-%m-%d})"
            "이 아닙니다 (Art. 25①3)."
        )
    if unit.complex_id != vote.complex_id:
        raise ApplicationError("다른 단지의 세대입니다.", {"field": "unit"})
    committee = CommitteeMember.objects.filter(
        complex_id=vote.complex_id, status=CommitteeMember.Status.ACTIVE, name=name, unit=unit
    )
    if committee.exists():
        raise ApplicationError(
            "선거관리위원은 후보자가 될 수 없습니다 (Art. 45②2, 영 11조③).", {"field": "name"}
        )
    number = (vote.candidates.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    try:
        with transaction.atomic():
            candidate = Candidate.objects.create(
                complex_id=vote.complex_id,
                vote=vote,
                number=number,
                unit=unit,
                user=user,
                name=name,
                birth_date=birth_date,
                **fields,
            )
    except IntegrityError:
        raise ApplicationError(
            "한 세대는 하나의 후보만 등록할 수 있습니다 (Art. 10).", {"field": "unit"}
        ) from None
    for k in kin:
        Kinship.objects.create(
            complex_id=vote.complex_id, candidate=candidate, name=k["name"], relation=k["relation"]
        )
        for member in CommitteeMember.objects.filter(
            complex_id=vote.complex_id, status=CommitteeMember.Status.ACTIVE, name=k["name"]
        ):
            committee_member_end(
                member=member,
                status=CommitteeMember.Status.DISQUALIFIED,
                reason=f"후보자 {name}의 {Kinship.Relation(k['relation']).label} (Art. 45②3)",
            )
    candidate_checks_run(candidate=candidate)
    return candidate


def candidate_document_add(*, candidate, kind, issued_on, file=None) -> CandidateDocument:
    doc = CandidateDocument.objects.create(
        complex_id=candidate.complex_id,
        candidate=candidate,
        kind=kind,
        issued_on=issued_on,
        file=file or "",
    )
    candidate_checks_run(candidate=candidate)
    return doc


def _terms_served(candidate) -> int:
    """Art. 18, Art. 3⑨: terms as ward rep counted whether consecutive or not; a by-election
    term under 6 months does not count (Art. 18②). The council's own record of the person's
    seats (e.g. seated after an election held on paper) counts too, each term once."""
    terms = {}
    for c in Candidate.objects.filter(
        complex_id=candidate.complex_id,
        name=candidate.name,
        birth_date=candidate.birth_date,
        vote__kind=VoteKind.WARD_REP,
        vote__state=VoteState.CERTIFIED,
    ).select_related("vote"):
        if c.id not in (c.vote.result or {}).get("outcome", {}).get("elected", []):
            continue
        v = c.vote
        start = (
            max(v.term_start, timezone.localtime(v.certified_at).date())
            if v.certified_at
            else v.term_start
        )
        terms[v.term_end] = (v.by_election, start, v.term_end)
    for by_election, start, end in integrations.council_terms(
        complex=candidate.complex, name=candidate.name, user=candidate.user,
        birth_date=candidate.birth_date, before=candidate.vote.term_start,
    ):  # fmt: skip
        terms.setdefault(end, (by_election, start, end))
    return sum(
        counts_as_term(by_election=by, start=start, end=end) for by, start, end in terms.values()
    )


def _record(candidate, item, label, basis, outcome, note="", automatic=True, by=None):
    EligibilityCheck.objects.update_or_create(
        complex_id=candidate.complex_id,
        candidate=candidate,
        item=item,
        defaults={
            "label": label,
            "legal_basis": basis,
            "outcome": outcome,
            "note": note,
            "automatic": automatic,
            "checked_by": by,
        },
    )


def candidate_checks_run(*, candidate: Candidate) -> None:
    """Run and record the automatic checks; manual items (decree disqualifications in force on
    the announcement date, 법 14조④/영 11조③, precise rule 8) are added as pending until the
    committee records them."""
    vote = candidate.vote
    settings_for(vote.complex)  # creates the versioned disqualification rules on first use
    announce = vote.announce_on or today()
    P, F_, Q = (EligibilityCheck.Outcome.PASS, EligibilityCheck.Outcome.FAIL, "pending")
    # 1. Owner of a unit in the ward, or the owner's spouse/lineal relative with 별지 3.
    if vote.kind == VoteKind.WARD_REP:
        in_ward = vote.ward.unit_queryset().filter(pk=candidate.unit_id).exists()
        docs = set(candidate.documents.values_list("kind", flat=True))
        if not in_ward:
            outcome, note = F_, "해당 선거구의 세대가 아닙니다"
        elif candidate.is_proxy:
            ok = {"attorney", "family", "seal", "owner_disq"} <= docs
            outcome, note = (
                (P, "위임장·가족관계·인감·소유자 결격확인 제출")
                if ok
                else (
                    Q,
                    "별지 3 위임장, 가족관계증명서, 소유자 인감증명서·결격사유 확인서 필요",
                )
            )
        elif (
            candidate.user_id
            and Membership.objects.filter(
                complex_id=vote.complex_id,
                user_id=candidate.user_id,
                unit=candidate.unit,
                role=Role.RESIDENT,
                resident_kind=ResidentKind.OWNER,
            ).exists()
        ):
            outcome, note = P, "입주자(소유자) 등록 확인"
        else:
            outcome, note = (
                (P, "등기사항증명서로 확인")
                if "property" in docs
                else (
                    Q,
                    "등기사항증명서로 소유 확인 필요",
                )
            )
        _record(
            candidate,
            "ward_owner",
            "선거구 내 주택 소유자 (또는 위임받은 배우자·직계존비속)",
            "영 11조①·③, 별지 3",
            outcome,
            note,
        )
    # 2. Fee arrears (영 11조③: 3+ consecutive months) and the 별지 2 fee-paid certificate.
    months = integrations.months_in_arrears(candidate.unit, announce)
    if months is None:
        _record(
            candidate,
            "arrears",
            "관리비등 3개월 이상 연속 체납 없음",
            "영 11조③",
            Q,
            "관리비 원장 연동 전: 관리사무소 확인 필요",
        )
        _record(
            candidate,
            "fees_paid",
            "관리비 등의 완납 확인서",
            "별지 2 구비서류 3",
            Q,
            "관리사무소 발급 확인 필요",
        )
    else:
        _record(
            candidate,
            "arrears",
            "관리비등 3개월 이상 연속 체납 없음",
            "영 11조③",
            F_ if months >= 3 else P,
            f"공고일 기준 연속 체납 {months}개월",
        )
        _record(
            candidate,
            "fees_paid",
            "관리비 등의 완납 확인서",
            "별지 2 구비서류 3",
            P if months == 0 else F_,
            "완납" if months == 0 else f"미납 {months}개월",
        )
    # 3. Not a committee member (Art. 45②2 / 영 11조③).
    on_committee = CommitteeMember.objects.filter(
        complex_id=vote.complex_id, status="active", name=candidate.name, unit=candidate.unit
    ).exists()
    _record(
        candidate,
        "committee",
        "선거관리위원이 아님",
        "Art. 45②2, 영 11조③",
        F_ if on_committee else P,
    )
    # 4. Term limit (Art. 18①②).
    if vote.kind == VoteKind.WARD_REP:
        served = _terms_served(candidate)
        _record(
            candidate,
            "term_limit",
            "동별 대표자 중임 제한 (2회)",
            "Art. 18①②",
            P if served < 2 or vote.rule == Rule.WARD_TWO_THIRDS else F_,
            f"재임 {served}회 (6개월 미만 보궐 임기 제외)"
            + (" — 단서 적용: 3분의 2 이상 찬성 필요" if vote.rule == Rule.WARD_TWO_THIRDS else ""),
        )
    # 5. Chair/auditor: only sitting ward reps (Art. 10 one candidacy per unit is a constraint).
    if vote.kind in (VoteKind.CHAIR, VoteKind.AUDITOR):
        sitting = _is_sitting_rep(
            vote.complex, name=candidate.name, unit=candidate.unit, user=candidate.user
        )
        _record(
            candidate, "sitting_rep", "현직 동별 대표자", "Art. 25④, 영 12조", P if sitting else F_
        )
    # 6. Documents issued after the announcement date (precise rule 7).
    docs = {d.kind: d for d in candidate.documents.all()}
    needed = ["property", "resident_reg"] if vote.kind == VoteKind.WARD_REP else []
    missing = [k for k in needed if k not in docs]
    stale = [k for k in needed if k in docs and docs[k].issued_on < announce]
    if stale:
        names = ", ".join(CandidateDocument.Kind(k).label for k in stale)
        _record(
            candidate,
            "documents",
            "구비서류 (공고일 이후 발행)",
            "별지 2",
            F_,
            f"공고일 이전 발행: {names}",
        )
    elif missing:
        names = ", ".join(CandidateDocument.Kind(k).label for k in missing)
        _record(
            candidate, "documents", "구비서류 (공고일 이후 발행)", "별지 2", Q, f"미제출: {names}"
        )
    else:
        _record(candidate, "documents", "구비서류 (공고일 이후 발행)", "별지 2", P)
    # 7. Manual: the decree disqualifications in force on the announcement date.
    existing = set(candidate.checks.values_list("item", flat=True))
    for rule in DisqualificationRule.objects.filter(
        complex_id=vote.complex_id, effective_from__lte=announce
    ).exclude(effective_to__lt=announce):
        if rule.code in ("committee", "arrears"):
            continue  # checked automatically above
        item = f"disq:{rule.code}"
        if item not in existing:
            _record(
                candidate, item, rule.text + " — 해당 없음", rule.legal_basis, Q, automatic=False
            )


def eligibility_record(*, candidate, item, outcome, note="", by=None) -> EligibilityCheck:
    """The committee records a manual check's outcome."""
    check = candidate.checks.filter(item=item).first()
    if check is None:
        raise ApplicationError("없는 확인 항목입니다.", {"field": "item"})
    check.outcome = outcome
    check.note = note
    check.checked_by = by
    check.automatic = False
    check.save()
    return check


@transaction.atomic
def candidate_rule(*, candidate, eligible: bool, yes: int, no: int = 0, by=None) -> Candidate:
    """The committee rules on a candidate's eligibility — a committee vote (precise rule 9):
    eligible only when every recorded check passed."""
    if eligible:
        open_checks = candidate.checks.exclude(outcome=EligibilityCheck.Outcome.PASS)
        if open_checks.exists():
            labels = ", ".join(c.label for c in open_checks)
            raise ApplicationError(f"적격이 아닌 항목이 있습니다: {labels}")
    decision = committee_decide(
        complex=candidate.vote.complex,
        subject=f"{candidate.vote} 기호 {candidate.number} {candidate.name} {'적격' if eligible else '부적격'} 결정",
        yes=yes,
        no=no,
        vote=candidate.vote,
        by=by,
    )
    if not decision.passed:
        raise ApplicationError(
            f"위원 정원 {decision.seats}명의 과반({more_than_half(decision.seats)}명) 찬성이 필요합니다 (Art. 44⑦)."
        )
    candidate.status = Candidate.Status.ELIGIBLE if eligible else Candidate.Status.INELIGIBLE
    candidate.save(update_fields=["status"])
    return candidate


# --- invitations and identity ------------------------------------------------------------------


def _hash(*parts) -> str:
    key = django_settings.SECRET_KEY.encode()
    return hmac.new(key, ":".join(map(str, parts)).encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def invitation_issue(*, entry: RollEntry) -> str:
    """A fresh one-time code for a household (stored only as a keyed hash)."""
    code = new_code()
    entry.code_hash = _hash(entry.token, code)
    entry.code_attempts = 0
    entry.invited_at = now()
    entry.save(update_fields=["code_hash", "code_attempts", "invited_at"])
    return code


def invitations_send(*, vote: Vote, only_uninvited=False) -> int:
    """Send every household with a contact its link and one-time code (Art. 48②1), each by the
    channel its voter chose (residents/notifications)."""
    from .channels import send_invitation

    if vote.state != VoteState.ANNOUNCED:
        raise ApplicationError("공고된 투표에만 초대를 보낼 수 있습니다.")
    entries = (
        vote.roll.filter(voted_channel="")
        .exclude(voter_email="", voter_user__isnull=True)
        .select_related("unit__building", "voter_user")
    )
    if only_uninvited:
        entries = entries.filter(invited_at__isnull=True)
    sent = 0
    for entry in entries:
        code = invitation_issue(entry=entry)
        send_invitation(entry=entry, vote=vote, code=code)
        sent += 1
    return sent


VERIFY_SQL = """
UPDATE elections_rollentry
SET code_attempts = code_attempts + CASE WHEN code_hash = %(guess)s THEN 0 ELSE 1 END
WHERE id = %(entry)s AND voted_channel = '' AND code_hash <> '' AND code_attempts < %(limit)s
RETURNING code_hash = %(guess)s, code_attempts
"""


def voter_verify(*, entry: RollEntry, code: str) -> None:
    """Check the one-time code (Art. 48②1). Five wrong codes lock the invitation until the
    committee re-sends it.

    Atomic: the check and the count are one conditional UPDATE. PostgreSQL's row lock makes
    concurrent guesses — right or wrong — take turns, and each re-reads `code_attempts < 5`
    after the lock, so no more than five wrong codes are ever compared against one invitation,
    whatever the concurrency. A right code counts no attempt."""
    with connection.cursor() as cur:
        cur.execute(VERIFY_SQL, _code_params(entry, code))
        _raise_unless_right(entry, cur.fetchone())


def _code_params(entry: RollEntry, code: str) -> dict:
    return {
        "guess": _hash(entry.token, (code or "").strip()),
        "entry": entry.pk,
        "limit": CODE_ATTEMPTS,
    }


def _raise_unless_right(entry: RollEntry, row) -> None:
    """`row` is (right, attempts) from a code check, or None when the roll row was not even
    eligible for one: already voted, no code issued, or locked."""
    if row is None:
        fresh = RollEntry.objects.get(pk=entry.pk)
        if fresh.voted_channel:
            raise ApplicationError("이미 투표한 세대입니다. 1세대 1표입니다 (Art. 12①).")
        if not fresh.code_hash:
            raise ApplicationError("인증번호가 발급되지 않았습니다. 선거관리위원회에 문의하세요.")
        raise ApplicationError(
            "인증번호를 5회 잘못 입력했습니다. 선거관리위원회에 재발송을 요청하세요."
        )
    right, attempts = row
    if not right:
        left = CODE_ATTEMPTS - attempts
        raise ApplicationError(f"인증번호가 맞지 않습니다 (남은 시도 {left}회).", {"field": "code"})


# --- casting -----------------------------------------------------------------------------------


def _validate_marks(vote: Vote, status: str, marks: dict) -> dict:
    if status in (Ballot.Status.BLANK, Ballot.Status.INVALID):
        return {}
    if status != Ballot.Status.VALID:
        raise ApplicationError("투표지 상태가 올바르지 않습니다.")
    fmt = vote.ballot_format
    if fmt == "question":
        if marks.get("answer") not in ("yes", "no"):
            raise ApplicationError("찬성 또는 반대를 선택하세요.", {"field": "answer"})
        return {"answer": marks["answer"]}
    ids = set(vote.candidates.filter(status=Candidate.Status.ELIGIBLE).values_list("id", flat=True))
    if fmt == "choice":
        try:
            choice = int(marks.get("choice"))
        except (TypeError, ValueError):
            choice = None
        if choice not in ids:
            raise ApplicationError("후보자를 한 명 선택하세요.", {"field": "choice"})
        return {"choice": choice}
    approvals = marks.get("approvals") or {}
    clean = {}
    for cid in ids:
        answer = approvals.get(str(cid), approvals.get(cid))
        if answer not in ("yes", "no"):
            raise ApplicationError(
                "후보자마다 찬성 또는 반대를 선택하세요.", {"field": "approvals"}
            )
        clean[str(cid)] = answer
    return {"approvals": clean}


def new_receipt() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def receipt_hash(vote_id, receipt: str) -> str:
    return _hash("receipt", vote_id, receipt.strip().upper())


def _mark_voted(entry_id, channel) -> bool:
    """The one-per-household guard: a conditional UPDATE. A concurrent second attempt waits on
    the row lock and then matches nothing (Art. 12①, precise rule 4: first recorded counts)."""
    return bool(
        RollEntry.objects.filter(pk=entry_id, voted_channel="").update(voted_channel=channel)
    )


def receipt_tag(vote_id, receipt: str) -> str:
    """The sealed ballot's tag of the receipt: a different keyed hash from `receipt_hash`, so a
    copy of the sealed box cannot be matched with the opened ballots (models.py docstring)."""
    return _hash("sealed-receipt", vote_id, receipt.strip().upper())


def _seal_size(vote: Vote) -> int:
    """Eligible candidates of the vote: every sealed ballot of it is padded to one length."""
    if not vote.is_election:
        return 0
    return vote.candidates.filter(status=Candidate.Status.ELIGIBLE).count()


def ballot_seal(*, vote: Vote, status: str, marks: dict, receipt: str, candidates: int):
    """An unsaved SealedBallot holding (status, marks, receipt hash) — elections/sealing.py."""
    return SealedBallot(
        complex_id=vote.complex_id,
        vote_id=vote.pk,
        sealed=sealing.seal(
            vote_id=vote.pk,
            candidates=candidates,
            ballot={
                "status": status,
                "marks": marks,
                "receipt_hash": receipt_hash(vote.pk, receipt),
            },
        ),
        receipt_tag=receipt_tag(vote.pk, receipt),
    )


def ballot_cast(*, entry: RollEntry, code: str | None, status: str = "valid", marks=None) -> str:
    """Cast an electronic ballot for the household of `entry` and return its receipt code.

    Identity: the one-time code (Art. 48②1) — `code=None` only when the page has already
    verified it in this session. Secrecy: the roll entry is marked and the ballot, sealed, is
    put in the box in one statement; it is read only when the box is opened for counting
    (models.py docstring). Nothing here is logged.

    On PostgreSQL casting is ONE statement (one round trip, one commit): the conditional UPDATE
    of the roll row — which, given a code, also checks it and counts a wrong one exactly as
    voter_verify does — feeds the INSERT of the sealed ballot. So the ballot exists only if
    this call marked the household, and a concurrent second attempt (another device, the paper
    station) waits on the row lock, then matches nothing and inserts nothing (Art. 12①, precise
    rule 4: the first recorded counts). Elsewhere (the SQLite demo) the same steps run in turn.
    """
    vote = entry.vote
    if not voting_open(vote):
        raise ApplicationError("투표 기간이 아닙니다.")
    clean = _validate_marks(vote, status, marks or {})
    receipt = new_receipt()
    sealed = ballot_seal(
        vote=vote, status=status, marks=clean, receipt=receipt, candidates=_seal_size(vote)
    )
    if connection.vendor != "postgresql":
        if code is not None:
            voter_verify(entry=entry, code=code)
        with transaction.atomic():
            if not _mark_voted(entry.pk, RollEntry.Channel.ELECTRONIC):
                raise ApplicationError("이미 투표한 세대입니다. 1세대 1표입니다 (Art. 12①).")
            sealed.save(force_insert=True)
        return receipt
    params = {
        "entry": entry.pk,
        "channel": RollEntry.Channel.ELECTRONIC,
        "id": sealed.id,
        "complex": sealed.complex_id,
        "vote": sealed.vote_id,
        "sealed": sealed.sealed,
        "tag": sealed.receipt_tag,
    }
    with connection.cursor() as cur:
        if code is None:
            cur.execute(CAST_SQL, params)
            if cur.rowcount != 1:
                raise ApplicationError("이미 투표한 세대입니다. 1세대 1표입니다 (Art. 12①).")
        else:
            cur.execute(VERIFY_AND_CAST_SQL, {**params, **_code_params(entry, code)})
            _raise_unless_right(entry, cur.fetchone())
    return receipt


SEAL_SQL = """
INSERT INTO elections_sealedballot (id, complex_id, vote_id, sealed, receipt_tag)
SELECT %(id)s, %(complex)s, %(vote)s, %(sealed)s, %(tag)s FROM marked
"""

CAST_SQL = (
    """
WITH marked AS (
    UPDATE elections_rollentry SET voted_channel = %(channel)s
    WHERE id = %(entry)s AND voted_channel = ''
    RETURNING 1
)"""
    + SEAL_SQL
)

VERIFY_AND_CAST_SQL = (
    """
WITH attempt AS (
    UPDATE elections_rollentry
    SET code_attempts = code_attempts + CASE WHEN code_hash = %(guess)s THEN 0 ELSE 1 END,
        voted_channel = CASE WHEN code_hash = %(guess)s THEN %(channel)s ELSE '' END
    WHERE id = %(entry)s AND voted_channel = '' AND code_hash <> '' AND code_attempts < %(limit)s
    RETURNING code_hash = %(guess)s AS verified, code_attempts
),
marked AS (SELECT 1 FROM attempt WHERE verified),
sealed AS ("""
    + SEAL_SQL
    + """)
SELECT verified, code_attempts FROM attempt
"""
)


def receipt_check(*, vote: Vote, receipt: str) -> bool:
    """A voter checks that their ballot is in the box — sealed before counting, opened after —
    without learning or proving its content."""
    return (
        SealedBallot.objects.filter(vote=vote, receipt_tag=receipt_tag(vote.pk, receipt)).exists()
        or Ballot.objects.filter(vote=vote, receipt_hash=receipt_hash(vote.pk, receipt)).exists()
    )


def paper_voter_mark(*, vote: Vote, unit) -> RollEntry:
    """The polling station (Arts. 12②, 48②2): after the ID check the committee marks the
    household as voting on paper and hands over a ballot paper. Refused when the household has
    already voted electronically — the first recorded counts (precise rule 4)."""
    if not voting_open(vote):
        raise ApplicationError("투표 기간이 아닙니다.")
    entry = vote.roll.filter(unit=unit).first()
    if entry is None:
        raise ApplicationError("선거인 명부에 없는 세대입니다.", {"field": "unit"})
    with transaction.atomic():
        if not _mark_voted(entry.pk, RollEntry.Channel.PAPER):
            raise ApplicationError("이미 투표한 세대입니다. 1세대 1표입니다 (Art. 12①).")
    return entry


@transaction.atomic
def paper_ballots_enter(*, vote: Vote, ballots: list[tuple[str, dict]]) -> int:
    """Enter the paper ballots from the physical box, at counting — only after the vote has
    closed, so no paper ballot can be entered right after its voter was marked (secrecy). The
    number never exceeds the households marked as voting on paper."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.state != VoteState.CLOSED:
        raise ApplicationError("현장 투표지는 투표 마감 후 개표 전에 입력합니다.")
    marked = vote.roll.filter(voted_channel=RollEntry.Channel.PAPER).count()
    if vote.paper_ballots_entered + len(ballots) > marked:
        raise ApplicationError(
            f"현장 투표 세대는 {marked}세대인데 투표지가 "
            f"{vote.paper_ballots_entered + len(ballots)}장입니다."
        )
    rows = [
        Ballot(
            complex_id=vote.complex_id,
            vote_id=vote.pk,
            status=status,
            marks=_validate_marks(vote, status, marks),
        )
        for status, marks in ballots
    ]
    Ballot.objects.bulk_create(rows)
    vote.paper_ballots_entered += len(rows)
    vote.save(update_fields=["paper_ballots_entered"])
    return len(rows)


def paper_ballots_from_counts(*, vote: Vote, counts: dict) -> list[tuple[str, dict]]:
    """The committee's tally sheet of the paper box → ballots with the same count:
    {"blank", "invalid"} plus, for a question {"yes", "no"}; for a choice {"c<id>": votes};
    for approval ballots {"valid": n, "c<id>": yes-votes} (each candidate's yes ≤ n — the tally
    only needs, per candidate, how many of the n valid ballots said yes)."""

    households = Unit.objects.filter(complex_id=vote.complex_id).count()

    def n(key):
        value = counts.get(key, 0) or 0
        if not isinstance(value, int) or value < 0:
            raise ApplicationError(f"'{key}'에는 0 이상의 정수를 입력하세요.")
        if value > households:  # Art. 48: one ballot per household
            raise ApplicationError(
                f"'{key}'은(는) 단지의 세대 수({households:,})보다 많을 수 없습니다.",
                {"field": key},
            )
        return value

    ballots = [("blank", {})] * n("blank") + [("invalid", {})] * n("invalid")
    fmt = vote.ballot_format
    eligible = list(vote.candidates.filter(status=Candidate.Status.ELIGIBLE))
    if fmt == "question":
        ballots += [("valid", {"answer": "yes"})] * n("yes") + [("valid", {"answer": "no"})] * n(
            "no"
        )
    elif fmt == "choice":
        for c in eligible:
            ballots += [("valid", {"choice": c.id})] * n(f"c{c.id}")
    else:
        valid = n("valid")
        yes = {c.id: n(f"c{c.id}") for c in eligible}
        if any(v > valid for v in yes.values()):
            raise ApplicationError("후보별 찬성 수는 유효 투표지 수를 넘을 수 없습니다.")
        ballots += [
            ("valid", {"approvals": {str(c): ("yes" if i < y else "no") for c, y in yes.items()}})
            for i in range(valid)
        ]
    return ballots


@transaction.atomic
def ballot_box_open(*, vote: Vote) -> int:
    """Open and shake the ballot box for counting, in one transaction: unseal every electronic
    ballot, delete the sealed rows, and rewrite the whole box — electronic and paper ballots —
    with fresh random ids in a random order, so every ballot carries this transaction's id and
    a shuffled position, and nothing a voter's transaction wrote remains (models.py docstring).
    A failure anywhere rolls it all back: no ballot lost, none doubled. Returns the box size."""
    sealed = list(SealedBallot.objects.select_for_update().filter(vote=vote))
    try:
        ballots = [sealing.unseal(vote_id=vote.pk, sealed=s.sealed) for s in sealed]
    except sealing.SealBroken:
        raise ApplicationError(
            "전자투표지를 열 수 없습니다: 투표함 열쇠(BALLOT_SEAL_KEY)가 투표 당시와 다릅니다. "
            "열쇠를 되돌린 뒤 다시 개표하세요."
        ) from None
    ballots += list(
        Ballot.objects.select_for_update()
        .filter(vote=vote)
        .values("status", "marks", "receipt_hash")
    )
    random.SystemRandom().shuffle(ballots)
    SealedBallot.objects.filter(vote=vote).delete()
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create(
        Ballot(
            id=uuid.uuid4(),
            complex_id=vote.complex_id,
            vote_id=vote.pk,
            status=b["status"],
            marks=b["marks"],
            receipt_hash=b["receipt_hash"],
        )
        for b in ballots
    )
    return len(ballots)


# --- closing, counting, lottery, certifying ----------------------------------------------------


@transaction.atomic
def vote_close(*, vote: Vote, at=None) -> Vote:
    """Close at the end time, never early (precise rule 6: bylaw and management-method votes
    pass only by the close; the same holds for every vote here)."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    at = at or now()
    if vote.state != VoteState.ANNOUNCED:
        raise ApplicationError("진행 중인 투표가 아닙니다.")
    if at < vote.closes_at:
        raise ApplicationError(
            f"투표는 마감 시각({timezone.localtime(vote.closes_at):%Y-%m-%d %H:%M}) 전에 닫을 수 없습니다."
        )
    vote.state = VoteState.CLOSED
    vote.save(update_fields=["state"])
    return vote


def _tally(vote: Vote) -> dict:
    cast = 0
    statuses = {"valid": 0, "blank": 0, "invalid": 0}
    choice, approvals, answers = {}, {}, {"yes": 0, "no": 0}
    for status, marks in Ballot.objects.filter(vote=vote).values_list("status", "marks"):
        cast += 1
        statuses[status] += 1
        if status != "valid":
            continue
        if "choice" in marks:
            choice[marks["choice"]] = choice.get(marks["choice"], 0) + 1
        elif "approvals" in marks:
            for cid, answer in marks["approvals"].items():
                yes_no = approvals.setdefault(int(cid), {"yes": 0, "no": 0})
                yes_no[answer] += 1
        elif "answer" in marks:
            answers[marks["answer"]] += 1
    return {
        "cast": cast,
        "statuses": statuses,
        "choice": choice,
        "approvals": approvals,
        "answers": answers,
    }


@transaction.atomic
def vote_count(*, vote: Vote) -> Vote:
    """Count after the close (and after paper ballots are entered): open the box, tally,
    decide by the vote's rule (thresholds.py), store the result. A ward left without a rep is
    re-announced within 30 days (Art. 25③)."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.state != VoteState.CLOSED:
        raise ApplicationError("마감된 투표만 개표할 수 있습니다.")
    paper_marked = vote.roll.filter(voted_channel=RollEntry.Channel.PAPER).count()
    if vote.paper_ballots_entered < paper_marked:
        raise ApplicationError(
            f"현장 투표지 {paper_marked - vote.paper_ballots_entered}장이 아직 입력되지 않았습니다."
        )
    ballot_box_open(vote=vote)
    t = _tally(vote)
    voted = vote.roll.exclude(voted_channel="").count()
    if vote.is_election:
        eligible = list(vote.candidates.filter(status=Candidate.Status.ELIGIBLE))
        fmt = "choice" if len(eligible) > vote.seats else "approval"
        outcome = decide_election(
            rule=vote.rule,
            households=vote.roll_size,
            cast=t["cast"],
            seats=vote.seats,
            choice={c.id: t["choice"].get(c.id, 0) for c in eligible} if fmt == "choice" else {},
            approvals={c.id: t["approvals"].get(c.id, {}).get("yes", 0) for c in eligible}
            if fmt == "approval"
            else {},
        )
        candidates = [
            {
                "id": c.id,
                "number": c.number,
                "name": c.name,
                "votes": t["choice"].get(c.id, 0),
                "yes": t["approvals"].get(c.id, {}).get("yes", 0),
                "no": t["approvals"].get(c.id, {}).get("no", 0),
            }
            for c in eligible
        ]
    else:
        outcome = decide_question(
            rule=vote.rule, households=vote.roll_size, cast=t["cast"], yes=t["answers"]["yes"]
        )
        fmt, candidates = "question", []
    vote.result = {
        "format": fmt,
        "roll_size": vote.roll_size,
        "voted": voted,
        "cast": t["cast"],
        "electronic": vote.roll.filter(voted_channel=RollEntry.Channel.ELECTRONIC).count(),
        "paper": paper_marked,
        "statuses": t["statuses"],
        "answers": t["answers"],
        "candidates": candidates,
        "outcome": outcome.as_dict(),
    }
    vote.state = VoteState.COUNTED
    short = vote.is_election and len(outcome.elected) < vote.seats and not outcome.tied
    if short and vote.kind == VoteKind.WARD_REP:
        vote.reannounce_by = today() + timedelta(days=30)
        vote.result["fallback"] = "당선인 없음 — 30일 이내 재선출공고 (Art. 25③)"
    elif short:
        vote.result["fallback"] = (
            "선출 인원 미달 — 입주자대표회의 구성원 과반수 찬성으로 선출 (Art. 20)"
        )
    vote.save(update_fields=["result", "state", "reannounce_by"])
    return vote


@transaction.atomic
def lottery_conduct(*, vote: Vote, witnesses: str = "", by=None) -> Lottery:
    """A tie for the last seat(s) is decided by the committee's lottery, recorded with the tied
    candidates, the drawn order, who conducted it and the witnesses (Art. 44⑧ → committee rule)."""
    if not isinstance(witnesses, str) or len(witnesses) > 200:
        raise ApplicationError("참관인은 200자 이내로 적어 주세요.", {"field": "witnesses"})
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    outcome = (vote.result or {}).get("outcome", {})
    tied = outcome.get("tied") or []
    if vote.state != VoteState.COUNTED or not tied:
        raise ApplicationError("추첨할 동점 후보가 없습니다.")
    order = list(tied)
    random.SystemRandom().shuffle(order)
    seats = outcome["tied_seats"]
    names = dict(vote.candidates.filter(id__in=tied).values_list("id", "name"))
    lottery = Lottery.objects.create(
        complex_id=vote.complex_id,
        vote=vote,
        tied=[{"id": c, "name": names.get(c, "")} for c in tied],
        drawn_order=order,
        seats_drawn=seats,
        witnesses=witnesses,
        conducted_by=by,
    )
    outcome["elected"] = outcome["elected"] + order[:seats]
    outcome["tied"] = []
    outcome["lottery_id"] = lottery.id
    outcome["reason"] += f" — 추첨으로 결정 (추첨 기록 #{lottery.id})"
    vote.result["outcome"] = outcome
    vote.save(update_fields=["result"])
    return lottery


@transaction.atomic
def vote_certify(*, vote: Vote, yes: int, no: int = 0, by=None) -> Vote:
    """The committee certifies the count — a committee vote (Art. 44⑦, precise rule 9); the
    result is posted at once (Art. 25②, Art. 23⑯). Elected reps are seated on the council;
    a recall updates the rep's standing (Art. 23⑤ proviso, ⑪)."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.state != VoteState.COUNTED:
        raise ApplicationError("개표가 끝난 투표만 확정할 수 있습니다.")
    if (vote.result or {}).get("outcome", {}).get("tied"):
        raise ApplicationError("동점 후보가 있습니다. 먼저 추첨을 진행하세요.")
    decision = committee_decide(
        complex=vote.complex, subject=f"{vote.title} 결과 확정", yes=yes, no=no, vote=vote, by=by
    )
    if not decision.passed:
        raise ApplicationError(
            f"결과 확정에는 위원 정원 {decision.seats}명의 과반({more_than_half(decision.seats)}명) "
            "찬성이 필요합니다 (Art. 44⑦)."
        )
    vote.state = VoteState.CERTIFIED
    vote.certified_at = now()
    vote.save(update_fields=["state", "certified_at"])
    outcome = vote.result["outcome"]
    if vote.is_election:
        notes = [
            integrations.seat_representative(
                complex=vote.complex,
                unit=c.unit,
                name=c.name,
                user=c.user,
                ward=vote.ward,
                office=vote.kind,
                term_start=vote.term_start or today(),
                term_end=vote.term_end,
                by_election=vote.by_election,
                source=f"선거관리위원회 {vote.title} (투표 #{vote.pk})",
                day=today(),
            )
            for c in vote.candidates.filter(id__in=outcome["elected"]).select_related("unit")
        ]
        vote.result["council_notes"] = notes
        vote.save(update_fields=["result"])
    recall = Recall.objects.filter(vote=vote).first()
    if recall is not None:
        _recall_decided(recall, passed=bool(outcome["passed"]))
    hooks.fire("elections.vote_certified", vote=vote)  # Art. 25②, 제64조③5
    return vote


# --- recalls (Art. 23) -------------------------------------------------------------------------


def recall_households(recall: Recall) -> int:
    if recall.office == Recall.Office.WARD_REP:
        return recall.ward.unit_queryset().count()
    return Unit.objects.filter(complex_id=recall.complex_id).count()


@transaction.atomic
def recall_file(
    *,
    complex,
    office,
    subject_name,
    subject_unit,
    grounds: list[str],
    grounds_text,
    initiation,
    ward=None,
    subject_user=None,
    evidence=None,
    evidence_summary="",
    council_resolution="",
    by=None,
) -> Recall:
    """File a recall with grounds (Art. 23①, acts in the current or previous term) and evidence.
    Initiated by 1/10 written consent (collected afterwards in the portal) or a council majority
    resolution (then requested at once). Only directly elected chairs/auditors are recalled by
    the residents (Art. 23⑥); others by the council (Art. 23⑩)."""
    from .models import RECALL_GROUNDS

    valid = {g for g, _ in RECALL_GROUNDS}
    if not grounds or not set(grounds) <= valid:
        raise ApplicationError("해임 사유(Art. 23①)를 하나 이상 선택하세요.", {"field": "grounds"})
    if not (evidence or evidence_summary.strip()):
        raise ApplicationError("객관적 증거자료를 첨부하세요 (Art. 23①).", {"field": "evidence"})
    if office == Recall.Office.WARD_REP and ward is None:
        raise ApplicationError("해임 대상의 선거구를 선택하세요.", {"field": "ward"})
    if initiation == Recall.Initiation.COUNCIL and not council_resolution.strip():
        raise ApplicationError(
            "입주자대표회의 의결 회의록을 적으세요 (Art. 23②).", {"field": "council_resolution"}
        )
    recall = Recall.objects.create(
        complex=complex,
        office=office,
        subject_name=subject_name,
        subject_unit=subject_unit,
        subject_user=subject_user,
        ward=ward,
        grounds=list(grounds),
        grounds_text=grounds_text,
        evidence=evidence or "",
        evidence_summary=evidence_summary,
        initiation=initiation,
        council_resolution=council_resolution,
        created_by=by,
    )
    if initiation == Recall.Initiation.COUNCIL:
        _recall_request(recall)
    else:
        # Art. 23②⑥: the written consent of 1/10 of the residents, each from their own account
        # or on a paper consent the office records — counted by the shared petition mechanism.
        recall.petition = petition_start(
            complex=complex,
            kind="recall",
            title=f"{subject_name} {recall.get_office_display()} 해임 요청",
            summary=grounds_text,
            representative_name=(getattr(by, "name", "") or getattr(by, "email", "")) or "-",
            by=by,
            target_id=recall.pk,
            ward=ward if office == Recall.Office.WARD_REP else None,
        )
        recall.save(update_fields=["petition"])
    return recall


def recall_consent_needed(recall: Recall) -> int:
    """Art. 23②⑥: at least 1/10 of the ward's (or all) households — the petition's threshold,
    fixed when the recall was filed."""
    if recall.petition_id:
        return recall.petition.threshold
    return at_least_tenth(recall_households(recall))


def _recall_request(recall: Recall) -> None:
    """The committee receives the request: ≥ 5 days for a written defence (Art. 23④⑧). Called
    once: by a council-initiated filing, or when the consent petition reaches 1/10
    (elections/petitions.py)."""
    cfg = settings_for(recall.complex)
    recall.requested_on = today()
    recall.defence_due = today() + timedelta(days=max(cfg.defence_days, 5))
    recall.state = Recall.State.DEFENCE
    recall.save(update_fields=["requested_on", "defence_due", "state"])


def recall_defence_submit(*, recall: Recall, text: str) -> Recall:
    """The rep's written defence, within the set days (Art. 23④⑧)."""
    if recall.state != Recall.State.DEFENCE:
        raise ApplicationError("소명 기간이 아닙니다.")
    if today() > recall.defence_due:
        raise ApplicationError(f"소명 기한({recall.defence_due:%Y-%m-%d})이 지났습니다.")
    if not text.strip():
        raise ApplicationError("소명 내용을 입력하세요.", {"field": "defence"})
    recall.defence = text
    recall.defence_submitted_on = today()
    recall.save(update_fields=["defence", "defence_submitted_on"])
    return recall


@transaction.atomic
def recall_schedule_vote(*, recall: Recall, opens_at, closes_at, announce_on=None, by=None) -> Vote:
    """Schedule the recall vote after the defence period (≥ 5 days), within 30 days of the
    request (Art. 23⑤⑨), with grounds and defence published with the notice for ≥ 7 days
    before voting — for a ward rep from at least 10 days before the vote (Art. 23④⑧). The rep
    is suspended from the notice (Art. 23③⑦)."""
    recall = Recall.objects.select_for_update().get(pk=recall.pk)
    if recall.state != Recall.State.DEFENCE:
        raise ApplicationError("소명 기간 중인 해임 요청만 투표를 공고할 수 있습니다.")
    announce_on = announce_on or today()
    if announce_on <= recall.defence_due and not recall.defence_submitted_on:
        raise ApplicationError(
            f"소명 기한({recall.defence_due:%Y-%m-%d})이 지나거나 소명이 제출된 뒤 공고할 수 있습니다 (Art. 23④)."
        )
    opens_day = timezone.localtime(opens_at).date()
    lead = 10 if recall.office == Recall.Office.WARD_REP else 7
    if (opens_day - announce_on).days < lead:
        raise ApplicationError(
            f"해임사유와 소명자료는 투표 {lead}일 전부터 공개해야 합니다 (Art. 23{'④' if lead == 10 else '⑧'}).",
            {"field": "opens_at"},
        )
    is_ward = recall.office == Recall.Office.WARD_REP
    vote = vote_create(
        complex=recall.complex,
        kind=VoteKind.RECALL_WARD if is_ward else VoteKind.RECALL_OFFICER,
        title=f"{recall.subject_name} {recall.get_office_display()} 해임투표",
        question=f"{recall.subject_name} {recall.get_office_display()}의 해임에 찬성하십니까?",
        ward=recall.ward if is_ward else None,
        opens_at=opens_at,
        closes_at=closes_at,
        announce_on=announce_on,
        requested_on=recall.requested_on,
        by=by,
    )
    recall.vote = vote
    recall.save(update_fields=["vote"])
    return vote_announce(vote=vote, by=by)


def _recall_vote_announced(recall: Recall) -> None:
    recall = Recall.objects.get(pk=recall.pk)
    recall.state = Recall.State.VOTING
    recall.suspended = True
    recall.state_note = "해임투표 공고일부터 직무정지 (Art. 23③⑦)"
    recall.save(update_fields=["state", "suspended", "state_note"])
    note = integrations.suspend_for_recall(
        recall=recall, suspended=True, reason=str(recall), day=today()
    )
    if note:
        Recall.objects.filter(pk=recall.pk).update(state_note=f"{recall.state_note} · {note}"[:200])


def _recall_decided(recall: Recall, *, passed: bool) -> None:
    if passed:
        recall.state = Recall.State.RECALLED
        recall.state_note = (
            "해임 — 회장·감사의 지위를 상실하되 동별 대표자 자격은 유지 (Art. 23⑪)"
            if recall.office != Recall.Office.WARD_REP
            else "해임 — 60일 이내 보궐선거 (Art. 24①)"
        )
        recall.suspended = False  # the suspension ends with the result (Art. 23③⑦)
        integrations.recall_take_effect(
            recall=recall,
            day=today(),
            reason=f"해임투표 가결 ({recall.vote.title if recall.vote else ''})",
        )
    else:
        recall.state = Recall.State.REJECTED
        recall.suspended = False
        recall.state_note = "부결 — 직무정지 해제 (Art. 23⑤ 단서, ⑨ 단서)"
        integrations.suspend_for_recall(
            recall=recall, suspended=False, reason=recall.state_note, day=today()
        )
    recall.save(update_fields=["state", "suspended", "state_note"])


@transaction.atomic
def recall_lapse(*, recall: Recall, on=None) -> bool:
    """A recall vote not held within 30 days of the request lapses, and the lapse is recorded
    (precise rule 5); the suspension is lifted."""
    on = on or today()
    recall = Recall.objects.select_for_update().get(pk=recall.pk)
    if (
        recall.state not in (Recall.State.DEFENCE, Recall.State.VOTING)
        or recall.requested_on is None
    ):
        return False
    if (on - recall.requested_on).days <= 30:
        return False
    if recall.vote and recall.vote.state in (VoteState.COUNTED, VoteState.CERTIFIED):
        return False
    recall.state = Recall.State.LAPSED
    recall.state_note = f"요청일({recall.requested_on:%Y-%m-%d})부터 30일 내 투표 미실시로 무산"
    was_suspended, recall.suspended = recall.suspended, False
    recall.save(update_fields=["state", "state_note", "suspended"])
    if recall.vote and recall.vote.state in (
        VoteState.DRAFT,
        VoteState.ANNOUNCED,
        VoteState.CLOSED,
    ):
        Vote.objects.filter(pk=recall.vote_id).update(
            state=VoteState.LAPSED, lapse_note=recall.state_note
        )
    if was_suspended:
        integrations.suspend_for_recall(
            recall=recall, suspended=False, reason=recall.state_note, day=today()
        )
    return True
