"""Joining with a paper code: the register decides who you are (issue 12 [1/9]).

Art. 9①②, 별지 1: the resident register (입주자명부) records per unit who lives there as owner
(입주자) or lessee (사용자). A joiner never chooses: the code names the unit, and the joiner's
name is matched against the unit's current register entries. A single clear match makes the
account the member of that entry with its kind; anything else waits for the office
(`JoinRequest`), which approves by choosing the entry or rejects with a reason. Until then the
account has no membership in the complex and sees nothing of it.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from complexes.join_codes import join_code_consume
from complexes.models import Membership, ResidentKind, Role, Unit
from core.errors import ApplicationError

from ..models import Occupancy
from ..selectors import current_occupancies
from .models import JoinRequest, JoinRequestStatus, PendingReason

_NAME_NOISE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff·.]")


def normalise_name(text: str) -> str:
    """NFKC, no whitespace or zero-width characters, case-folded: `홍 길동`, `홍길동\u200b`
    and `ＨＯＮＧ` compare equal to `홍길동` and `hong`."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


@dataclass(frozen=True)
class JoinResult:
    """Either `membership` (the register decided) or `request` (waiting for the office)."""

    unit: Unit
    membership: Membership | None = None
    request: JoinRequest | None = None

    @property
    def pending(self) -> bool:
        return self.membership is None


def _decide(unit: Unit, name: str) -> tuple[Occupancy | None, str]:
    """The register entry `name` is, among the unit's current ones, or why there is none.

    A name matching the owner's entry of a unit that is let (a current lessee entry exists)
    waits too: the slip reaches the household living there, the lessee, who knows the owner's
    name from the lease — a match there proves nothing (the attack of issue 12)."""
    entries = list(current_occupancies(unit=unit).filter(anonymised_at__isnull=True).order_by("pk"))
    if not entries:
        return None, PendingReason.NO_ENTRY
    wanted = normalise_name(name)
    matches = [o for o in entries if normalise_name(o.name) == wanted]
    if not matches:
        return None, PendingReason.NAME_DIFFERS
    if len(matches) > 1:
        return None, PendingReason.AMBIGUOUS
    occupancy = matches[0]
    if occupancy.membership_id is not None:
        return None, PendingReason.ALREADY_LINKED
    if occupancy.kind == ResidentKind.OWNER and any(o.kind == ResidentKind.LESSEE for o in entries):
        return None, PendingReason.OWNER_OF_LET_UNIT
    return occupancy, ""


def _link(*, user, occupancy: Occupancy) -> Membership:
    """Make `user` the resident member of `occupancy` (its unit, its kind) and link the entry.
    Call inside a transaction."""
    occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
    if occupancy.membership_id is not None:
        raise ApplicationError("이 명부 항목에는 이미 다른 계정이 연결되어 있습니다.")
    if occupancy.moved_out_on is not None and occupancy.moved_out_on < timezone.localdate():
        raise ApplicationError("전출한 세대의 명부 항목에는 계정을 연결할 수 없습니다.")
    if Membership.objects.filter(
        complex_id=occupancy.complex_id, user=user, role=Role.RESIDENT, unit_id=occupancy.unit_id
    ).exists():
        raise ApplicationError("이 계정은 이미 이 세대에 연결되어 있습니다.")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                complex_id=occupancy.complex_id,
                user=user,
                role=Role.RESIDENT,
                unit_id=occupancy.unit_id,
                resident_kind=occupancy.kind,
            )
    except IntegrityError as e:
        raise ApplicationError("이 계정은 이미 이 세대에 연결되어 있습니다.") from e
    occupancy.membership = membership
    occupancy.save(update_fields=["membership", "updated_at"])
    return membership


def join_by_code(*, user, code: str, name: str) -> JoinResult:
    """Use a paper join code (single-use, complexes/join_codes.py) as `user` named `name`.

    Art. 9①②: the register decides owner or lessee; the joiner never does. All-or-nothing: a
    refusal leaves the code unused.
    """
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not normalise_name(name):
        raise ApplicationError("입주자명부에 등록된 세대주 성명을 입력하세요.", {"field": "name"})
    if len(name) > 50:
        raise ApplicationError("성명은 50자 이내로 입력하세요.", {"field": "name"})
    with transaction.atomic():
        row = join_code_consume(code=code, user=user)
        unit = row.unit
        if Membership.objects.filter(
            complex_id=unit.complex_id, user=user, role=Role.RESIDENT, unit=unit
        ).exists():
            raise ApplicationError(f"이 계정은 이미 {unit.label}에 연결되어 있습니다.")
        if JoinRequest.objects.filter(
            complex_id=unit.complex_id, unit=unit, user=user, status=JoinRequestStatus.PENDING
        ).exists():
            raise ApplicationError(
                f"{unit.label} 가입 신청이 이미 관리사무소의 승인을 기다리고 있습니다."
            )
        occupancy, reason = _decide(unit, name)
        if occupancy is not None:
            return JoinResult(unit, membership=_link(user=user, occupancy=occupancy))
        request = JoinRequest.objects.create(
            complex_id=unit.complex_id, unit=unit, user=user, name=name, reason=reason
        )
    return JoinResult(unit, request=request)


def _pending(request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != JoinRequestStatus.PENDING:
        raise ApplicationError(f"이미 처리된 가입 신청입니다 ({locked.get_status_display()}).")
    return locked


def join_request_approve(*, request: JoinRequest, occupancy: Occupancy, by) -> Membership:
    """The office decides what the register could not: `request`'s account becomes the member
    of `occupancy` (an entry of the request's unit), with the entry's kind (Art. 9)."""
    if occupancy.complex_id != request.complex_id or occupancy.unit_id != request.unit_id:
        raise ApplicationError("신청한 세대의 명부 항목을 선택하세요.", {"field": "occupancy"})
    if occupancy.anonymised_at is not None:
        raise ApplicationError("개인정보가 파기된 명부 항목에는 연결할 수 없습니다.")
    with transaction.atomic():
        request = _pending(request)
        membership = _link(user=request.user, occupancy=occupancy)
        request.status = JoinRequestStatus.APPROVED
        request.occupancy = occupancy
        request.membership = membership
        request.decided_by = by
        request.decided_at = timezone.now()
        request.save()
    return membership


def join_request_reject(*, request: JoinRequest, reason: str, by) -> JoinRequest:
    """The office refuses a join; the joiner sees the reason on /join/."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("반려 사유를 입력하세요.", {"field": "reason"})
    if len(reason) > 200:
        raise ApplicationError("반려 사유는 200자 이내로 입력하세요.", {"field": "reason"})
    with transaction.atomic():
        request = _pending(request)
        request.status = JoinRequestStatus.REJECTED
        request.reject_reason = reason
        request.decided_by = by
        request.decided_at = timezone.now()
        request.save()
    return request
