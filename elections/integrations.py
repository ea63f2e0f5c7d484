"""The few things elections needs from other apps, behind small adapters.

Elections sits above residents, fees and council (../shared/architecture/whiteboard.json), so
it imports them directly; they never import elections. What it uses:
* residents.selectors.designated_voter(s)(*, unit(s)) / owner_voter — the household's voter
  (Art. 12: one vote per unit; co-owners name one; for a leased unit the registered head of the
  household living there, Art. 12③).
* fees.selectors.months_in_arrears(*, unit, on) — consecutive months of fee arrears on a date
  (영 11조③: 3+ months disqualifies a candidate; 별지 2: the fee-paid certificate); None = "the
  ledger cannot tell" → the committee records the check by hand.
* council.services.representative_seat(...) / representative_suspend(...) (+ unsuspend, end,
  officer_appoint/officer_end) — seating elected reps and officers, suspending a rep under
  recall (Art. 23③⑦). Council's own rules may refuse; the refusal is a note on the result, the
  election's own records (certified result, recall state) stay the source of truth.

The certified result reaches the disclosure registry through the hook `elections.vote_certified`
(core/hooks.py), not through this module.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from complexes.models import Membership, ResidentKind, Role
from core.errors import ApplicationError
from council import services as council
from council.members import check_by_election_term
from council.models import Representative, SuspensionReason
from council.selectors import seated_reps
from fees.selectors import months_in_arrears as fees_months
from residents.selectors import designated_voter as residents_voter
from residents.selectors import designated_voters as residents_voters
from residents.selectors import owner_voter


@dataclass(frozen=True)
class Voter:
    name: str
    email: str
    user: object | None


def _membership_voter(unit, *, kinds) -> Voter | None:
    memberships = list(
        Membership.objects.filter(
            complex_id=unit.complex_id, unit=unit, role=Role.RESIDENT, resident_kind__in=kinds
        )
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for kind in kinds:
        for m in memberships:
            if m.resident_kind == kind:
                return Voter(m.user.name or m.user.email, m.user.email, m.user)
    return None


def _from_other(obj) -> Voter | None:
    """residents.selectors.Voter (unit, name, basis, membership, …) → our Voter."""
    if obj is None:
        return None
    membership = getattr(obj, "membership", None)
    user = getattr(membership, "user", None) if membership is not None else None
    name = getattr(obj, "name", "") or getattr(user, "name", "") or ""
    email = getattr(user, "email", "") if user is not None else ""
    return Voter(name, email, user)


def designated_voter(unit, *, owners_only: bool = False) -> Voter | None:
    """The household's voter for a vote of all households (residents' register, Art. 12), or
    its owner for an owners-only vote (precise rule 2: the owner votes only in owner-only votes;
    residents has no owner selector yet → the unit's owner membership)."""
    if owners_only:
        return _membership_voter(unit, kinds=[ResidentKind.OWNER])
    return _from_other(residents_voter(unit=unit))


def designated_voters(units, *, owners_only: bool = False) -> dict:
    """`designated_voter` for a whole roll ({unit_id: Voter | None}) in a fixed number of
    queries (residents.selectors.designated_voters), not one round of queries per household."""
    units = list(units)
    if owners_only:  # precise rule 2: the owner household's voter (co-owners' written choice)
        return {u.pk: _from_other(owner_voter(unit=u)) for u in units}

    found = residents_voters(units=units)
    return {u.pk: _from_other(found.get(u.pk)) for u in units}


def by_election_term_end(*, complex, ward, term_start, term_end):
    """Art. 24①: a by-election's term is the remainder of the predecessor's term (council's
    record of the seat); a different end is refused."""
    return check_by_election_term(
        complex=complex, ward=ward, term_start=term_start, term_end=term_end
    )


def council_terms(*, complex, name, user, birth_date, before=None) -> list:
    """The person's terms as ward rep on the council's record (Art. 18: one re-election), as
    (by_election, start, end): seats under the candidate's account, and seats recorded by name
    only (no account) with the same name and a matching or unrecorded birth year. Terms starting
    on or after `before` are left out."""
    by_name = Q(user__isnull=True, name=name) & (
        Q(birth_year__isnull=True) | Q(birth_year=birth_date.year)
    )
    reps = Representative.objects.filter(complex=complex).filter(
        by_name | Q(user=user) if user is not None else by_name
    )
    if before is not None:
        reps = reps.filter(term_start__lt=before)
    return [(r.by_election, r.term_start, r.term_end) for r in reps]


def months_in_arrears(unit, on: date) -> int | None:
    """Consecutive months in arrears on `on` (the fee ledger, Art. 19)."""
    return fees_months(unit=unit, on=on)


def _holds(rep, office, day) -> bool:
    return any(
        o.office == office and o.starts_on <= day and (o.ends_on is None or day < o.ends_on)
        for o in rep.offices.all()
    )


def _seated_rep(complex, *, unit=None, name="", user=None, day, ward=None, office=None):
    """The sitting rep this election step is about, found by the SEAT, not by a unit (a rep
    seated through the API may have no unit):

    * a ward rep's recall (office "ward_rep" + ward): the rep seated for that ward on `day`
      (Art. 17: one per ward; the term decides who sits);
    * a chair/auditor recall (office "chair"/"auditor"): the rep holding that office on `day`
      (several auditors → the one matching the person);
    * otherwise (a directly elected officer taking office): the person — account, then name and
      unit, then name, then unit."""
    reps = seated_reps(complex=complex, day=day)
    if office == "ward_rep" and ward is not None:
        return next((r for r in reps if r.ward_id == ward.pk), None)
    if office in ("chair", "auditor"):
        holders = [r for r in reps if _holds(r, office, day)]
        if len(holders) == 1:
            return holders[0]
        reps = holders or reps
    unit_id = getattr(unit, "pk", None)
    for test in (
        lambda r: user is not None and r.user_id == user.pk,
        lambda r: unit_id is not None and r.unit_id == unit_id and r.name == name,
        lambda r: bool(name) and r.name == name,
        lambda r: unit_id is not None and r.unit_id == unit_id,
    ):
        found = [r for r in reps if test(r)]
        if len(found) == 1:
            return found[0]
    return None


def _recall_rep(recall, day):
    return _seated_rep(
        recall.complex,
        unit=recall.subject_unit,
        name=recall.subject_name,
        user=recall.subject_user,
        day=day,
        ward=recall.ward,
        office=recall.office,
    )


def seat_representative(
    *, complex, unit, name, user, ward, office, term_start, term_end, by_election, source, day
):
    """Seat an elected ward rep (Art. 25②), or give a sitting rep the chair/auditor office won
    by direct election (영 12조). Returns a note for the result page; council's own rules
    (one rep per ward, Art. 18 term limit, Art. 36① no chair+auditor) may refuse — the refusal
    is recorded, the certified result stands."""
    try:
        if office == "ward_rep":
            council.representative_seat(
                complex=complex,
                ward=ward,
                user_or_name=user or name,
                term_start=term_start,
                term_end=term_end,
                by_election=by_election,
                unit=unit,
                source=source,
            )
            return f"{name}: 입주자대표회의 동별 대표자로 등록"
        rep = _seated_rep(complex, unit=unit, name=name, user=user, day=day)
        if rep is None:
            return f"{name}: 현직 동별 대표자를 찾지 못해 임원 등록 보류"
        council.officer_appoint(representative=rep, office=office, starts_on=day)
        return f"{name}: {'회장' if office == 'chair' else '감사'}으로 등록"
    except ApplicationError as e:
        return f"{name}: 입주자대표회의 등록 거부 — {e.message}"


def suspend_for_recall(*, recall, suspended: bool, reason: str, day):
    """The recall's suspension (Art. 23③⑦), from the vote notice until the result:

    * a ward rep under recall: the rep's duties are suspended (cannot vote or sign);
    * a chair or auditor under recall: ONLY the officer duties (Art. 23⑦, 50-elections.md
      precise rule 5) — they still vote and sign as ward representatives.

    `suspended=False` ends it (the recall failed, lapsed or was decided). Returns a note."""
    name = recall.subject_name
    rep = _recall_rep(recall, day)
    if rep is None:
        return f"{name}: 현직 동별 대표자를 찾지 못함"
    why = SuspensionReason.RECALL if recall.office == "ward_rep" else SuspensionReason.OFFICE
    try:
        if suspended:
            council.representative_suspend(
                representative=rep,
                reason=why,
                starts_on=day,
                note=reason,
                source="선거관리위원회 해임투표 공고",
            )
            return (
                f"{name}: 직무정지" if why == SuspensionReason.RECALL else f"{name}: 임원 직무정지"
            )
        council.representative_unsuspend(representative=rep, on=day, reason=why)
        return f"{name}: 직무정지 해제"
    except ApplicationError as e:
        return f"{name}: {e.message}"


def recall_take_effect(*, recall, day, reason):
    """A passed recall: the suspension ends with the result; a ward rep loses the seat; a
    recalled chair/auditor loses the office but keeps the rep seat (Art. 23⑪)."""
    name = recall.subject_name
    rep = _recall_rep(recall, day)
    if rep is None:
        return f"{name}: 현직 동별 대표자를 찾지 못함"
    suspend_for_recall(recall=recall, suspended=False, reason=reason, day=day)
    if recall.office == "ward_rep":
        council.representative_end(representative=rep, on=day, reason=reason)
        return f"{name}: 동별 대표자 자격 상실"
    for officer in rep.offices.filter(office=recall.office, ends_on__isnull=True):
        council.officer_end(officer=officer, on=day)
    return f"{name}: 임원 직위 상실, 동별 대표자 자격 유지 (Art. 23⑪)"
