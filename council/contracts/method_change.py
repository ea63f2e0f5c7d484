"""Art. 61 (70-procurement.md rule 19, open reading 10): the council proposes a switch between
self-management and commission; the residents decide by more than half of all households in
the vote the election committee runs (elections subscribes to the event)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from complexes.models import ManagementMethod
from core.errors import ApplicationError

from . import events
from .models import Contract, ContractStatus, MethodChange, ProcurementKind
from .services import _check_resolution

TERMINATION_NOTICE_DAYS = 30  # 별첨 1 §13②: written notice ≥ 30 days before


def effective_on(*, complex, proposed_on: date, termination_ground: str = "") -> date | None:
    """Open reading 10: the switch takes effect at the current management contract's end (the
    day after E), unless a 별첨 1 §13① ground is recorded — then after the 30 days' written
    notice of §13②. Without a management contract (self-managed): none set."""
    contract = (
        Contract.objects.filter(
            complex=complex, kind=ProcurementKind.MANAGEMENT, status=ContractStatus.ACTIVE
        )
        .order_by("-end")
        .first()
    )
    if contract is None:
        return None
    if termination_ground.strip():
        return proposed_on + timedelta(days=TERMINATION_NOTICE_DAYS)
    return contract.end + timedelta(days=1)


@transaction.atomic
def method_change_propose(
    *, complex, resolution, termination_ground: str = "", today: date | None = None
) -> MethodChange:
    """Art. 61: proposed by a council resolution (majority of the membership); the election
    committee then holds the residents' vote (50-elections.md)."""
    today = today or timezone.localdate()
    _check_resolution(resolution, complex, "관리방법 변경 발의", "제61조")
    if MethodChange.objects.filter(complex=complex, vote_id__isnull=True).exists():
        raise ApplicationError("투표로 넘어가지 않은 관리방법 변경 발의가 있습니다.")
    current = complex.management_method
    to = (
        ManagementMethod.COMMISSIONED if current == ManagementMethod.SELF else ManagementMethod.SELF
    )
    change = MethodChange.objects.create(
        complex=complex,
        resolution=resolution,
        from_method=current,
        to_method=to,
        proposed_on=today,
        termination_ground=termination_ground.strip(),
        effective_on=effective_on(
            complex=complex, proposed_on=today, termination_ground=termination_ground
        ),
    )
    events.fire(events.METHOD_CHANGE, change)
    return change
