"""The few things elections needs from other apps, behind small adapters.

Contracts (agreed with the engineers of those apps):
* residents.selectors.designated_voter(*, unit) — the household's voter (Art. 12: one vote per
  unit; co-owners name one; for a leased unit the registered head of the household living
  there, Art. 12③). Fallback while residents is absent: the unit's lessee membership if any,
  else its owner membership (complexes.Membership).
* fees.selectors.months_in_arrears(*, unit, on) — consecutive months of fee arrears on a date
  (영 11조③: 3+ months disqualifies a candidate; 별지 2: the fee-paid certificate). Fallback:
  None = "the ledger cannot tell" → the committee records the check by hand.
* council.services.representative_seat(...) / representative_suspend(...) — seating elected
  reps and suspending a rep under recall (Art. 23③⑦). Fallback: nothing to call; the election's
  own records (certified result, recall state) stay the source of truth and the report says so.

Each adapter imports lazily, so elections works whether or not the other app has landed.
"""

from dataclasses import dataclass
from datetime import date

from complexes.models import Membership, ResidentKind, Role


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
    if obj is None:
        return None
    if isinstance(obj, Voter):
        return obj
    user = getattr(obj, "user", None)
    if user is None and hasattr(obj, "email") and hasattr(obj, "is_active"):
        user = obj  # a User
    name = getattr(obj, "name", "") or getattr(user, "name", "") or ""
    email = getattr(obj, "email", "") or getattr(user, "email", "") or ""
    return Voter(name, email, user)


def designated_voter(unit, *, owners_only: bool = False) -> Voter | None:
    """The household's voter for a vote of all households, or its owner for an owners-only vote
    (precise rule 2: the owner votes only in owner-only votes)."""
    if owners_only:
        try:
            from residents.selectors import designated_owner  # optional extension
        except ImportError:
            return _membership_voter(unit, kinds=[ResidentKind.OWNER])
        return _from_other(designated_owner(unit=unit))
    try:
        from residents.selectors import designated_voter as residents_voter
    except ImportError:
        return _membership_voter(unit, kinds=[ResidentKind.LESSEE, ResidentKind.OWNER])
    return _from_other(residents_voter(unit=unit))


def months_in_arrears(unit, on: date) -> int | None:
    """Consecutive months in arrears on `on`, or None when the fee ledger is not available."""
    try:
        from fees.selectors import months_in_arrears as fees_months
    except ImportError:
        return None
    return fees_months(unit=unit, on=on)


def seat_representative(*, complex, unit, name, user, ward, office, term_start, term_end, vote):
    """Seat an elected person on the council (Art. 25②). Returns False when council is absent."""
    try:
        from council.services import representative_seat
    except ImportError:
        return False
    representative_seat(
        complex=complex,
        unit=unit,
        name=name,
        user=user,
        ward=ward,
        office=office,
        term_start=term_start,
        term_end=term_end,
        source=vote,
    )
    return True


def suspend_representative(*, complex, unit, name, office, suspended: bool, reason: str):
    """Suspend (or lift the suspension of) a rep under recall (Art. 23③⑦, ⑤ proviso)."""
    try:
        from council.services import representative_suspend
    except ImportError:
        return False
    representative_suspend(
        complex=complex, unit=unit, name=name, office=office, suspended=suspended, reason=reason
    )
    return True
