"""Certificates of election (별지 4: chair/auditor; 별지 5: ward rep), WeasyPrint from HTML."""

from django.utils import timezone

from core.errors import ApplicationError
from core.pdf import render_pdf

from .models import VoteKind, VoteState


def certificate_context(*, vote, candidate) -> dict:
    if vote.state != VoteState.CERTIFIED:
        raise ApplicationError("결과가 확정된 선거만 당선증을 발급합니다 (Art. 47①7).")
    if candidate.id not in (vote.result or {}).get("outcome", {}).get("elected", []):
        raise ApplicationError("당선인이 아닙니다.")
    form = "별지 제5호서식" if vote.kind == VoteKind.WARD_REP else "별지 제4호서식"
    office = {VoteKind.CHAIR: "회장", VoteKind.AUDITOR: "감사"}.get(vote.kind, "")
    return {
        "vote": vote,
        "c": candidate,
        "form": form,
        "office": office,
        "complex": vote.complex,
        "issued_on": timezone.localtime(vote.certified_at).date(),
        "ward_rep": vote.kind == VoteKind.WARD_REP,
    }


def certificate(*, vote, candidate) -> bytes:
    return render_pdf(
        "elections/pdf/certificate.html", certificate_context(vote=vote, candidate=candidate)
    )


def fees_paid_certificate(*, candidate, on) -> bytes:
    """별지 2 구비서류 3: 관리비 등의 완납 확인서, issued by the office from the fee ledger
    (fees.selectors.months_in_arrears: no issued bill past due and unpaid on `on`)."""
    from . import integrations

    months = integrations.months_in_arrears(candidate.unit, on)
    if months is None:
        raise ApplicationError("관리비 원장을 확인할 수 없습니다.")
    if months > 0:
        raise ApplicationError(
            f"{candidate.unit.label}에 납기가 지난 미납 관리비({months}개월)가 있어 발급할 수 없습니다."
        )
    return render_pdf(
        "elections/pdf/fees_paid.html",
        {"c": candidate, "on": on, "complex": candidate.vote.complex},
    )
