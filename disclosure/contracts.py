"""Disclosure's side of procurement and contracts (70-procurement.md "Publication duties").

1. Subscriber: council.contracts fires named events (council/contracts/events.py) after commit;
   each becomes a registry entry here — the bid notice and the award (64③8), the contract's
   duty on signing (pending, due signing + 1 month) and its masked copy (57③), the re-contract
   notice (58①), the audit report (19⑤ / 64③9). Council never imports this app.
2. Reader: what the public sees of tenders, contracts, renewals and audits (K-apt's tender
   board), for the public API and page. Complex-level data only: company names, prices, scores,
   terms — no person's name, no unit.
"""

from django.utils import timezone

from .services import publication_record


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _bid_notice(p, now):
    lines = [
        f"사업명: {p.title}",
        f"구분: {p.get_kind_display()}",
        f"낙찰방법: {p.get_award_method_display()}",
        f"입찰 마감일: {p.bid_deadline}",
    ]
    if p.documents:
        lines += ["제출 서류:", p.documents]
    return publication_record(
        complex=p.complex,
        duty="bid_notice",
        source_object=p,
        title=f"{p.title} 입찰 공고",
        event_on=_day(now),
        published_at=now,
        body="\n".join(lines),
    )


def _award(p, now):
    bid = p.award_bid
    lines = [f"사업명: {p.title}", f"낙찰자: {bid.company_name}", f"낙찰금액: {bid.price:,}원"]
    for b in p.bids.filter(valid=True).order_by("-total", "price"):
        total = f", 총점 {b.total}" if b.total is not None else ""
        lines.append(f"  - {b.company_name}: {b.price:,}원{total}")
    if p.lottery_note:
        lines.append(f"추첨: {p.lottery_note}")
    return publication_record(
        complex=p.complex,
        duty="bid_notice",
        source_object=bid,
        title=f"{p.title} 낙찰 결과",
        event_on=_day(now),
        published_at=now,
        body="\n".join(lines),
    )


def _contract(c, now):
    return publication_record(
        complex=c.complex,
        duty="contract",
        source_object=c,
        title=f"{c.title} 계약서",
        event_on=c.signed_on,
        published_at=now,
        body=c.masked_body if now else "",
    )


def _recontract(r, now):
    from council.contracts.renewals import NOTICE_ITEMS

    lines = [f"{k}. {NOTICE_ITEMS[k]}: {r.items.get(k, '')}" for k in NOTICE_ITEMS]
    lines.append(f"의견 제출: {r.window_from} ~ {r.window_until}, {r.place}")
    return publication_record(
        complex=r.complex,
        duty="recontract_notice",
        source_object=r,
        title=f"{r.contract.counterparty} 재계약 공고·의견청취",
        event_on=r.contract.end,
        published_at=now,
        posted_until=r.posted_until,
        body="\n".join(lines),
    )


def _audit(r, now):
    from council.contracts.audits import SECTIONS

    lines = [f"감사 대상 기간: {r.period_start} ~ {r.period_end}"]
    lines += [f"{k}. {SECTIONS[k]}: {r.sections.get(k, '')}" for k in SECTIONS]
    if r.opinion:
        lines += ["감사 의견:", r.opinion]
    return publication_record(
        complex=r.complex,
        duty="external_audit" if r.kind == "external" else "auditor_report",
        source_object=r,
        title=r.title,
        event_on=r.submitted_on,
        published_at=now,
        body="\n".join(lines),
    )


HANDLERS = {
    "bid_notice": _bid_notice,
    "award": _award,
    "contract_signed": lambda c, now: _contract(c, None),
    "contract_published": _contract,
    "recontract_notice": _recontract,
    "audit_published": _audit,
}


def on_contracts_event(sender, *, event, obj, now=None, **kwargs):
    handler = HANDLERS.get(event)
    if handler is not None:
        obj.refresh_from_db()
        handler(obj, now)


def connect():
    from council.contracts.events import contracts_event

    contracts_event.connect(on_contracts_event, dispatch_uid="disclosure.contracts")


# --- reader for the public API and page -------------------------------------------------------
# The registry is the gate: an object appears only once its publication is recorded as published
# here (so nothing the office merely typed in reaches the public).


def _published_ids(complex, model, duties):
    from .models import Publication

    return Publication.objects.filter(
        complex=complex,
        duty__in=duties,
        source_label=model._meta.label,
        published_at__isnull=False,
    ).values("source_id")


def public_tenders(*, complex):
    from council.contracts.models import Procurement
    from council.contracts.selectors import public_tenders as tenders

    ids = _published_ids(complex, Procurement, ["bid_notice"])
    return tenders(complex=complex).filter(pk__in=ids)


def public_contracts(*, complex):
    from council.contracts.models import Contract
    from council.contracts.selectors import public_contracts as contracts

    ids = _published_ids(complex, Contract, ["contract"])
    return contracts(complex=complex).filter(pk__in=ids)


def public_renewals(*, complex):
    from council.contracts.models import Recontract
    from council.contracts.selectors import renewals_in_progress

    ids = _published_ids(complex, Recontract, ["recontract_notice"])
    return renewals_in_progress(complex=complex).filter(pk__in=ids)


def public_audits(*, complex):
    from council.contracts.models import AuditReport
    from council.contracts.selectors import published_audits

    ids = _published_ids(complex, AuditReport, ["external_audit", "auditor_report"])
    return published_audits(complex=complex).filter(pk__in=ids)


def district_rows(*, district_code: str, today):
    """District officials: per complex, contracts not published within a month (57③), renewals
    without the 60/45-day notice or evaluation (58①, 59①), last year's audit missing (64③9).
    Contract titles, companies and dates only — no personal data."""
    from complexes.models import Complex
    from council.contracts.selectors import district_rows as rows

    complexes = Complex.objects.filter(district_code=district_code).order_by("name")
    return rows(complexes=complexes, today=today)
