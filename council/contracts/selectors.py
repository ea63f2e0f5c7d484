"""Reads of the contracts package (pages, API, disclosure's reader, district view)."""

from datetime import date

from django.db.models import Count, Q

from . import rules
from .models import (
    AuditKind,
    AuditReport,
    Contract,
    ContractStatus,
    PerformanceEvaluation,
    Procurement,
    ProcurementKind,
    ProcurementStatus,
    Recontract,
    RenewalOutcome,
)


def procurements(*, complex):
    return (
        Procurement.objects.filter(complex=complex)
        .select_related("award_bid")
        .annotate(bid_count=Count("bids"))
    )


def contracts(*, complex):
    return Contract.objects.filter(complex=complex)


def public_tenders(*, complex):
    """Tenders the public sees (K-apt's tender board): noticed, awarded or contracted."""
    return (
        Procurement.objects.filter(complex=complex, notice_published_at__isnull=False)
        .exclude(status=ProcurementStatus.DRAFT)
        .select_related("award_bid")
        .prefetch_related("bids")
        .order_by("-notice_published_at")
    )


def public_contracts(*, complex):
    return Contract.objects.filter(complex=complex, published_at__isnull=False).order_by(
        "-signed_on"
    )


def renewals_in_progress(*, complex):
    return Recontract.objects.filter(
        complex=complex, outcome=RenewalOutcome.PENDING
    ).select_related("contract")


def published_audits(*, complex):
    return AuditReport.objects.filter(complex=complex, published_at__isnull=False)


def unpublished_overdue(*, complex, today: date) -> list[Contract]:
    """Art. 57③: contracts not published within a month of signing."""
    return [
        c
        for c in Contract.objects.filter(complex=complex, published_at__isnull=True)
        if rules.contract_publish_due(c.signed_on) < today
    ]


def renewals_without_notice(*, complex, today: date) -> list[Contract]:
    """Contracts in force past the Art. 58 (E − 60) or Art. 59 (E − 45) date with no notice or
    evaluation recorded."""
    out = []
    active = Contract.objects.filter(complex=complex, status=ContractStatus.ACTIVE, end__gte=today)
    for c in active.filter(kind=ProcurementKind.MANAGEMENT):
        if today > rules.recontract_resolve_by(c.end) and not c.recontracts.exists():
            out.append(c)
    for c in active.filter(kind=ProcurementKind.SERVICE):
        if today > rules.evaluation_due(c.end) and not c.evaluations.exists():
            out.append(c)
    return out


def audit_missing(*, complex, today: date) -> bool:
    """No external audit report for last year (법 26조: yearly)."""
    return not AuditReport.objects.filter(
        complex=complex, kind=AuditKind.EXTERNAL, period_end__year=today.year - 1
    ).exists()


def district_rows(*, complexes, today: date) -> list[dict]:
    """District officials: per complex, contracts late, renewals without notice, audits missing."""
    return [
        {
            "complex": c,
            "late_contracts": unpublished_overdue(complex=c, today=today),
            "renewals_without_notice": renewals_without_notice(complex=c, today=today),
            "audit_missing": audit_missing(complex=c, today=today),
        }
        for c in complexes
    ]


def evaluations_pending(*, complex):
    return PerformanceEvaluation.objects.filter(
        complex=complex, outcome=RenewalOutcome.PENDING
    ).select_related("contract")


def open_findings(*, complex):
    return (
        AuditReport.objects.filter(complex=complex)
        .filter(Q(findings__closed_on__isnull=True) & Q(findings__isnull=False))
        .distinct()
    )
