"""Requests to convene that need 1/3 of the members (Art. 26③: 구성원 3분의 1 이상의 요구).

40-council.md precise rule 1: a suspended rep stays in the membership but cannot join a 1/3
request (an officer-only suspension, Art. 23⑦, does not stop them); "at least 1/3" is
3 × signers ≥ membership, in integers. Each signer is a distinct rep seated on the day the
request is received."""

from datetime import date

from core.errors import ApplicationError

from . import selectors


def members_needed(*, complex, day: date) -> int:
    """The smallest number of signers with 3 × n ≥ membership (membership 7 → 3, 9 → 3)."""
    membership = selectors.quorum_for(complex=complex, day=day).membership
    return -(-membership // 3)


def check_member_signers(*, complex, signers, received_on: date) -> list:
    """The signers of a members' request, checked; refused with a message naming who cannot
    sign and how many are needed."""
    signers = list({r.pk: r for r in signers}.values())
    seated = {r.pk: r for r in selectors.seated_reps(complex=complex, day=received_on)}
    problems = []
    for rep in signers:
        if rep.complex_id != complex.pk or rep.pk not in seated:
            problems.append(f"{rep.name}: {received_on} 현재 임기 중인 동별 대표자가 아닙니다")
        elif selectors.is_suspended(representative=seated[rep.pk], day=received_on):
            problems.append(f"{rep.name}: 직무정지 중에는 요구에 참여할 수 없습니다 (제23조)")
    if problems:
        raise ApplicationError("; ".join(problems), {"field": "signers"})
    needed = members_needed(complex=complex, day=received_on)
    if len(signers) < needed:
        raise ApplicationError(
            f"구성원 3분의 1 이상이 요구해야 합니다 (제26조③): {needed}명 필요, "
            f"서명 {len(signers)}명.",
            {"field": "signers", "needed": needed},
        )
    return signers
