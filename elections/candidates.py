"""Candidate writes beyond registration (별지 2): linking a candidate to their portal account.

Kept out of services.py (being split by sub-domain)."""

from django.db import transaction

from complexes.models import Membership, Role
from core.errors import ApplicationError

from .models import Candidate


@transaction.atomic
def candidate_link_user(*, candidate: Candidate, email: str) -> Candidate:
    """Link the candidate to the account of a resident of the candidate's unit (the owner, or the
    spouse/lineal relative standing for the owner, Art. 10, 별지 3), so they can see their
    checks, download their certificate (별지 4/5) and, once elected, sit on the council under
    that account. Refused for an account that is not a resident of that unit."""
    email = (email or "").strip().lower()
    if not email:
        raise ApplicationError("후보자 계정의 이메일을 입력하세요.", {"field": "email"})
    membership = (
        Membership.objects.filter(
            complex_id=candidate.complex_id,
            role=Role.RESIDENT,
            unit_id=candidate.unit_id,
            user__email__iexact=email,
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ApplicationError(
            f"{candidate.unit} 세대의 입주자 계정 중 {email}이(가) 없습니다: 후보자 본인(또는 위임한 "
            "소유자 세대)의 계정만 연결할 수 있습니다.",
            {"field": "email"},
        )
    clash = (
        Candidate.objects.filter(vote_id=candidate.vote_id, user=membership.user)
        .exclude(pk=candidate.pk)
        .first()
    )
    if clash is not None:
        raise ApplicationError(
            f"그 계정은 이미 이 선거의 다른 후보(기호 {clash.number})에 연결되어 있습니다.",
            {"field": "email"},
        )
    candidate.user = membership.user
    candidate.save(update_fields=["user"])
    return candidate
