"""Writes: procurements, bids, scoring, award, contracts (Arts. 55–57; 70-procurement.md rules
1–8). Each write is all-or-nothing; rule violations raise ApplicationError."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from core.masking import mask

from . import events, rules, scoring
from .models import (
    AwardMethod,
    Bid,
    BidRestriction,
    Contract,
    ContractSettings,
    ContractStatus,
    Procurement,
    ProcurementKind,
    ProcurementStatus,
)


def settings_for(complex) -> ContractSettings:
    obj, _ = ContractSettings.objects.get_or_create(complex=complex)
    return obj


OPTIONAL_SETTINGS = {"chair_guarantee_min", "accounting_staff_guarantee_min"}


def settings_update(*, complex, **values) -> ContractSettings:
    obj = settings_for(complex)
    for name, value in values.items():
        if isinstance(value, bool):
            setattr(obj, name, value)
            continue
        if value is None and name in OPTIONAL_SETTINGS:
            setattr(obj, name, None)
            continue
        if value is None or int(value) <= 0:
            raise ApplicationError(f"{name}: 0보다 큰 값을 입력해 주세요.", {"field": name})
        setattr(obj, name, int(value))
    obj.save()
    return obj


def _check_resolution(resolution, complex, what: str, article: str):
    """A council resolution of this complex that passed and is in force."""
    from council.selectors import resolution_is_effective

    if resolution is None:
        raise ApplicationError(
            f"{what}에 대한 입주자대표회의 의결이 필요합니다 ({article}).",
            {"field": "resolution"},
        )
    if resolution.complex_id != complex.pk:
        raise ApplicationError("다른 단지의 의결입니다.", {"field": "resolution"})
    if not resolution.passed or not resolution_is_effective(resolution=resolution):
        raise ApplicationError(
            f"{what}에 대한 의결이 가결되어 효력이 있어야 합니다 ({article}).",
            {"field": "resolution"},
        )


def procurement_create(
    *,
    complex,
    title: str,
    kind: str,
    funding: str,
    estimated_amount: int,
    service_category: str = "",
    notice_days: int = 10,
    documents: str = "",
) -> Procurement:
    """Open a procurement. Art. 55 (rule 1): the selecting body follows from the kind and the
    funding; the amount is won without VAT over the whole term (open reading 3)."""
    if not (title or "").strip():
        raise ApplicationError("사업명을 입력해 주세요.", {"field": "title"})
    if kind not in ProcurementKind.values:
        raise ApplicationError("구분이 올바르지 않습니다.", {"field": "kind"})
    if estimated_amount is None or int(estimated_amount) <= 0:
        raise ApplicationError("추정금액은 0원보다 커야 합니다.", {"field": "estimated_amount"})
    if kind == ProcurementKind.SERVICE and not service_category:
        raise ApplicationError("용역의 종류를 선택해 주세요.", {"field": "service_category"})
    if notice_days is None or int(notice_days) < 1:
        raise ApplicationError("공고 기간은 1일 이상입니다.", {"field": "notice_days"})
    return Procurement.objects.create(
        complex=complex,
        title=title.strip(),
        kind=kind,
        service_category=service_category if kind == ProcurementKind.SERVICE else "",
        funding=funding,
        selecting_body=rules.selecting_body(kind=kind, funding=funding),
        estimated_amount=int(estimated_amount),
        notice_days=int(notice_days),
        documents=documents,
    )


def vote_offered(*, procurement) -> bool:
    """Art. 56②(vote): whether the residents' vote on the award method may be offered."""
    s = settings_for(procurement.complex)
    return rules.residents_vote_offered(
        kind=procurement.kind,
        amount=procurement.estimated_amount,
        works_threshold=s.award_vote_threshold_works,
        services_threshold=s.award_vote_threshold_services,
    )


@transaction.atomic
def procurement_set_method(
    *, procurement, method: str, resolution, by_vote: bool = False, votes: dict | None = None
) -> Procurement:
    """Art. 56① (rule 2): the council resolves the award method (majority of its membership)
    before any bid notice; highest bid only where the complex receives the money. Art. 56②(vote)
    (rule 3): a residents' vote on the method only at or above the complex's thresholds; its
    result (`votes`: method → count) decides — more votes wins, a tie or no votes leaves the
    council's choice (open reading 2)."""
    p = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if p.status != ProcurementStatus.DRAFT:
        raise ApplicationError("입찰 공고 전에만 낙찰방법을 정할 수 있습니다 (제56조①).")
    if method not in rules.allowed_methods(p.kind):
        raise ApplicationError(
            f"{p.get_kind_display()}에는 {AwardMethod(method).label if method in AwardMethod.values else method}"
            "을(를) 쓸 수 없습니다 (제56조①, 지침 제7조②).",
            {"field": "method"},
        )
    _check_resolution(resolution, p.complex, "낙찰방법", "제56조①")
    if by_vote and not vote_offered(procurement=p):
        s = settings_for(p.complex)
        limit = (
            s.award_vote_threshold_works
            if p.kind == ProcurementKind.WORKS
            else s.award_vote_threshold_services
        )
        raise ApplicationError(
            f"추정금액 {p.estimated_amount:,}원은 기준금액 {limit:,}원 미만이어서 입주자등 "
            "투표로 낙찰방법을 정할 수 없습니다 (제56조②).",
            {"field": "by_vote"},
        )
    counts = {}
    if by_vote:
        allowed = rules.allowed_methods(p.kind)
        for m, n in (votes or {}).items():
            if m not in allowed or n is None or int(n) < 0:
                raise ApplicationError(
                    "투표 결과는 허용된 낙찰방법별 0 이상의 표 수입니다.", {"field": "votes"}
                )
            counts[m] = int(n)
        method = rules.method_vote_result(votes=counts, council_choice=method)
    p.award_method = method
    p.method_resolution = resolution
    p.method_by_vote = bool(by_vote)
    p.method_votes = counts
    p.save(update_fields=["award_method", "method_resolution", "method_by_vote", "method_votes"])
    return p


@transaction.atomic
def procurement_publish_notice(*, procurement, bid_deadline: date, now=None) -> Procurement:
    """Rule 2: no bid notice before the award-method resolution. 64③8: the notice is published
    on the board and the portal the day it goes out."""
    now = now or timezone.now()
    p = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if p.status != ProcurementStatus.DRAFT:
        raise ApplicationError("이미 공고했거나 종료된 사업입니다.")
    if not p.award_method or p.method_resolution_id is None:
        raise ApplicationError(
            "낙찰방법을 의결하기 전에는 입찰 공고를 할 수 없습니다 (제56조①).",
            {"field": "award_method"},
        )
    if bid_deadline is None or (bid_deadline - timezone.localdate(now)).days < p.notice_days:
        raise ApplicationError(
            f"입찰 마감일은 공고일부터 {p.notice_days}일 이후여야 합니다.",
            {"field": "bid_deadline"},
        )
    p.status = ProcurementStatus.NOTICED
    p.bid_deadline = bid_deadline
    p.notice_published_at = now
    p.save(update_fields=["status", "bid_deadline", "notice_published_at"])
    events.fire(events.BID_NOTICE, p, now)
    return p


BID_FIELDS = (
    "representative",
    "credit_grade",
    "credit_scale",
    "sanctions",
    "households_managed",
    "technicians_all_met",
    "technicians",
    "equipment_all_met",
    "equipment",
    "record_cases",
    "plan_mark",
    "partner_mark",
)


@transaction.atomic
def bid_record(*, procurement, company_name: str, business_no: str, price: int, **inputs) -> Bid:
    """입찰: recorded while the tender is open. A company barred under Art. 60 (rules 14, 18)
    is refused."""
    p = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if p.status != ProcurementStatus.NOTICED:
        raise ApplicationError("입찰 공고 중인 사업에만 입찰을 기록합니다.")
    if not (company_name or "").strip() or not (business_no or "").strip():
        raise ApplicationError("상호와 사업자등록번호를 입력해 주세요.", {"field": "company_name"})
    if price is None or int(price) <= 0:
        raise ApplicationError("입찰가격은 0원보다 커야 합니다.", {"field": "price"})
    barred = BidRestriction.objects.filter(complex=p.complex, lifted_on__isnull=True).filter(
        business_no=business_no.strip()
    ) | BidRestriction.objects.filter(
        complex=p.complex, lifted_on__isnull=True, company_name=company_name.strip()
    )
    if barred.exists():
        raise ApplicationError(
            f"{company_name}은(는) 입찰참가가 제한된 사업자입니다 (제60조).",
            {"field": "company_name"},
        )
    if Bid.objects.filter(procurement=p, business_no=business_no.strip()).exists():
        raise ApplicationError("이 사업자의 입찰이 이미 있습니다.", {"field": "business_no"})
    if p.kind == ProcurementKind.MANAGEMENT and not inputs.get("households_managed"):
        raise ApplicationError(
            "주택관리업자 입찰은 관리 세대수가 필요합니다 (별지 9 세대당 행정처분).",
            {"field": "households_managed"},
        )
    values = {k: v for k, v in inputs.items() if k in BID_FIELDS and v is not None}
    return Bid.objects.create(
        complex=p.complex,
        procurement=p,
        company_name=company_name.strip(),
        business_no=business_no.strip(),
        price=int(price),
        **values,
    )


def bid_disqualify(*, bid, reason: str) -> Bid:
    if not (reason or "").strip():
        raise ApplicationError("무효 사유를 입력해 주세요.", {"field": "reason"})
    if bid.procurement.status != ProcurementStatus.NOTICED:
        raise ApplicationError("낙찰 전에만 입찰을 무효로 할 수 있습니다.")
    bid.valid = False
    bid.disqualified_reason = reason.strip()
    bid.save(update_fields=["valid", "disqualified_reason"])
    return bid


def _as_input(b: Bid) -> scoring.BidInput:
    return scoring.BidInput(
        key=b.pk,
        price=b.price,
        credit_grade=b.credit_grade,
        credit_scale=b.credit_scale,
        sanctions=b.sanctions,
        households_managed=b.households_managed,
        technicians_all_met=b.technicians_all_met,
        technicians=b.technicians,
        equipment_all_met=b.equipment_all_met,
        equipment=b.equipment,
        record_cases=b.record_cases,
        plan_mark=Decimal(b.plan_mark),
        partner_mark=Decimal(b.partner_mark),
    )


@transaction.atomic
def bids_score(*, procurement) -> list[Bid]:
    """Art. 56②(별지 9): table A for every valid bid (qualification method only)."""
    p = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if p.award_method != AwardMethod.QUALIFICATION:
        raise ApplicationError("적격심사제 사업만 별지 9로 채점합니다 (제56조②).")
    if p.status != ProcurementStatus.NOTICED:
        raise ApplicationError("입찰 공고 중인 사업만 채점합니다.")
    bids = list(Bid.objects.filter(procurement=p, valid=True))
    sheets = scoring.score_table(p.scoring_template, [_as_input(b) for b in bids])
    by_key = {s.key: s for s in sheets}
    for b in bids:
        s = by_key[b.pk]
        b.scores = {k: str(v) for k, v in s.items.items()}
        b.total = s.total
        b.price_deviation = f"{s.deviation.numerator}/{s.deviation.denominator}"
        b.save(update_fields=["scores", "total", "price_deviation"])
    return bids


def _winners(p: Procurement, bids: list[Bid]) -> list[int]:
    if p.award_method == AwardMethod.QUALIFICATION:
        if any(b.total is None for b in bids):
            raise ApplicationError("먼저 별지 9로 채점해 주세요.")
        sheets = [
            scoring.Sheet(key=b.pk, items={k: Decimal(v) for k, v in b.scores.items()})
            for b in bids
        ]
        return scoring.qualification_winners(sheets)
    prices = [b.price for b in bids]
    best = max(prices) if p.award_method == AwardMethod.HIGHEST else min(prices)
    return [b.pk for b in bids if b.price == best]


@transaction.atomic
def procurement_award(
    *, procurement, resolution=None, lottery_winner=None, lottery_note: str = "", now=None
) -> Procurement:
    """The award follows the chosen method (Art. 56①): qualification — highest 별지 9 total,
    ties by the higher price score then a recorded lottery (open reading 4); lowest / highest
    bid — the best valid price, ties by a recorded lottery. Where the council selects (rule 1),
    its resolution approving the award is linked. 64③8: the result is published on award."""
    now = now or timezone.now()
    p = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if p.status != ProcurementStatus.NOTICED:
        raise ApplicationError("입찰 공고 중인 사업만 낙찰할 수 있습니다.")
    if p.bid_deadline and timezone.localdate(now) <= p.bid_deadline:
        raise ApplicationError(
            f"입찰 마감일({p.bid_deadline})이 지난 뒤에 낙찰합니다.", {"field": "bid_deadline"}
        )
    bids = list(Bid.objects.filter(procurement=p, valid=True))
    if not bids:
        raise ApplicationError("유효한 입찰이 없습니다. 재공고해 주세요.")
    if p.selecting_body == "council":
        _check_resolution(resolution, p.complex, "낙찰", "제55조, 제56조①")
    winners = _winners(p, bids)
    if len(winners) > 1:
        chosen = getattr(lottery_winner, "pk", lottery_winner)
        if chosen not in winners or not (lottery_note or "").strip():
            raise ApplicationError(
                "동점인 입찰자가 있습니다. 추첨 결과(낙찰자와 추첨 기록)를 입력해 주세요 "
                "(별지 9, 입찰 공고에 정한 방법).",
                {"field": "lottery_winner", "tied": winners},
            )
        winners = [chosen]
        p.lottery_note = lottery_note.strip()
    p.award_bid_id = winners[0]
    p.award_resolution = resolution
    p.awarded_at = now
    p.status = ProcurementStatus.AWARDED
    p.save(update_fields=["award_bid", "award_resolution", "awarded_at", "status", "lottery_note"])
    events.fire(events.AWARD, p, now)
    return p


def procurement_cancel(*, procurement) -> Procurement:
    if procurement.status in (ProcurementStatus.CONTRACTED, ProcurementStatus.CANCELLED):
        raise ApplicationError("계약을 체결했거나 이미 취소된 사업입니다.")
    procurement.status = ProcurementStatus.CANCELLED
    procurement.save(update_fields=["status"])
    return procurement


@transaction.atomic
def contract_create(
    *,
    complex,
    title: str,
    counterparty: str,
    signed_on: date,
    start: date,
    total_amount: int,
    end: date | None = None,
    procurement=None,
    kind: str = "",
    service_category: str = "",
    counterparty_business_no: str = "",
    signed_by: str = "",
    monthly_amount: int | None = None,
    scope: str = "",
    body: str = "",
    predecessor=None,
    by=None,
) -> Contract:
    """Art. 57: the signed contract. A management contract's term defaults to the complex's
    `management_contract_years` (57②, rule 7). From an awarded procurement, the counterparty is
    the winning bidder. The 57③ duty (signing + 1 month) is recorded at once (pending)."""
    if procurement is not None:
        p = Procurement.objects.select_for_update().get(pk=procurement.pk)
        if p.complex_id != complex.pk:
            raise ApplicationError("다른 단지의 사업입니다.")
        if p.status != ProcurementStatus.AWARDED:
            raise ApplicationError("낙찰된 사업만 계약할 수 있습니다.")
        kind, service_category = p.kind, p.service_category
        signed_by = signed_by or p.selecting_body
        counterparty = p.award_bid.company_name
        counterparty_business_no = p.award_bid.business_no
    if kind not in ProcurementKind.values:
        raise ApplicationError("계약 구분이 올바르지 않습니다.", {"field": "kind"})
    if not (title or "").strip() or not (counterparty or "").strip():
        raise ApplicationError("계약명과 상대방 상호를 입력해 주세요.", {"field": "title"})
    if total_amount is None or int(total_amount) <= 0:
        raise ApplicationError("계약금액은 0원보다 커야 합니다.", {"field": "total_amount"})
    if start is None or signed_on is None:
        raise ApplicationError("계약일과 시작일을 입력해 주세요.", {"field": "start"})
    if end is None:
        if kind != ProcurementKind.MANAGEMENT:
            raise ApplicationError("계약 종료일을 입력해 주세요.", {"field": "end"})
        end = rules.default_end(start, settings_for(complex).management_contract_years)
    if end < start:
        raise ApplicationError("종료일이 시작일보다 빠릅니다.", {"field": "end"})
    if kind == ProcurementKind.MANAGEMENT:
        signed_by = "council"  # Art. 57①: the chair signs
    contract = Contract.objects.create(
        complex=complex,
        procurement=procurement,
        kind=kind,
        service_category=service_category,
        title=title.strip(),
        counterparty=counterparty.strip(),
        counterparty_business_no=counterparty_business_no,
        signed_by=signed_by or "office",
        signed_on=signed_on,
        start=start,
        end=end,
        total_amount=int(total_amount),
        monthly_amount=monthly_amount,
        scope=scope,
        body=body,
        predecessor=predecessor,
        created_by=by,
    )
    if procurement is not None:
        Procurement.objects.filter(pk=procurement.pk).update(status=ProcurementStatus.CONTRACTED)
    if predecessor is not None:
        Contract.objects.filter(pk=predecessor.pk).update(status=ContractStatus.RENEWED)
    events.fire(events.CONTRACT_SIGNED, contract)
    return contract


def masked_text(contract: Contract) -> str:
    """Rule 8 (57③, 법 27조②): identifiers (resident registration, passport, licence, phone
    numbers…) and people's names are removed; the company name, scope, amounts and term stay."""
    lines = [
        f"계약명: {contract.title}",
        f"상대방: {contract.counterparty}",
        f"계약기간: {contract.start} ~ {contract.end}",
        f"계약금액: {contract.total_amount:,}원"
        + (f" (월 {contract.monthly_amount:,}원)" if contract.monthly_amount else ""),
        f"계약일: {contract.signed_on}",
    ]
    if contract.scope:
        lines += ["계약 내용:", contract.scope]
    if contract.body:
        lines += ["", contract.body]
    return mask("\n".join(lines), _people(contract.complex))


def _people(complex) -> list[str]:
    """Names of the complex's people known to the council (members and reps)."""
    from complexes.models import Membership
    from council.models import Representative

    names = set(
        Membership.objects.filter(complex=complex)
        .exclude(user__name="")
        .values_list("user__name", flat=True)
    )
    names.update(Representative.objects.filter(complex=complex).values_list("name", flat=True))
    return sorted(n for n in names if n)


@transaction.atomic
def contract_publish(*, contract, now=None) -> Contract:
    """Art. 57③: the masked copy is posted on the board and the portal (due signing + 1 month;
    late publication is still recorded, as late). The original is kept (64①8)."""
    now = now or timezone.now()
    c = Contract.objects.select_for_update().get(pk=contract.pk)
    if c.published_at is not None:
        raise ApplicationError("이미 공개한 계약입니다.")
    c.masked_body = masked_text(c)
    c.published_at = now
    c.save(update_fields=["masked_body", "published_at"])
    events.fire(events.CONTRACT_PUBLISHED, c, now)
    return c
