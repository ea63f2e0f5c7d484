"""Writes: renewals and bidding restrictions (Arts. 58–60; 70-procurement.md rules 11–18).

- Art. 58 (management company): resolve ≤ E − 60 days by a majority of the membership, post the
  eight items ≥ 10 days, objection window ≥ 5 days, objections < ⌈N/10⌉ and a 2/3 council vote.
- Art. 59 (service contractor): 별지 10 by E − 45 days, ≥ 80 points, no sanction, a majority.
- Art. 60: replacement demands by more than half of all households bar the company.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from complexes.models import Unit
from core.errors import ApplicationError

from . import evaluation, events, rules
from .models import (
    BidRestriction,
    Contract,
    ContractStatus,
    Opinion,
    OpinionForm,
    PerformanceEvaluation,
    ProcurementKind,
    Recontract,
    RenewalOutcome,
    RestrictionBasis,
)
from .services import _check_resolution

NOTICE_ITEMS = {
    "1": "주택관리업자 상호(개인·법인)",
    "2": "계약 만료일",
    "3": "사업수행실적 평가 결과",
    "4": "재계약 기간 및 내용",
    "5": "입주자등 10분의 1 이상 이의 없음과 입주자대표회의 3분의 2 이상 찬성이 필요함",
    "6": "전체 입주자등 과반수의 서면 교체요구 시 입찰참가 제한",
    "7": "이의 제기·입찰참가 제한 의견 제출 방법·기간·장소",
    "8": "그 밖의 사항",
}


def _resolution_day(resolution) -> date:
    return timezone.localdate(resolution.decided_at)


@transaction.atomic
def recontract_start(
    *,
    contract,
    resolution,
    items: dict,
    posted_from: date,
    posted_until: date,
    window_from: date,
    window_until: date,
    place: str,
    now=None,
) -> Recontract:
    """Art. 58① (rules 11–12): the council resolved by a majority of its membership on a date
    ≤ E − 60 days (else no re-contract by private contract); the notice with items 1–8 is
    posted ≥ 10 days (calendar days, both ends, open reading 8); the objection window is ≥ 5
    days and lies within the posting. The roll of households is frozen now (N)."""
    c = Contract.objects.select_for_update().get(pk=contract.pk)
    if c.kind != ProcurementKind.MANAGEMENT:
        raise ApplicationError("제58조 재계약은 주택관리업자 계약에만 적용합니다.")
    if c.status != ContractStatus.ACTIVE:
        raise ApplicationError("이행 중인 계약만 재계약할 수 있습니다.")
    if Recontract.objects.filter(contract=c, outcome=RenewalOutcome.PENDING).exists():
        raise ApplicationError("진행 중인 재계약 절차가 있습니다.")
    _check_resolution(resolution, c.complex, "재계약 추진", "제58조①")
    if not rules.majority_yes(yes=resolution.yes, membership=resolution.membership):
        raise ApplicationError("재계약 추진은 구성원 과반수 찬성으로 의결해야 합니다 (제58조①).")
    deadline = rules.recontract_resolve_by(c.end)
    if _resolution_day(resolution) > deadline:
        raise ApplicationError(
            f"재계약 추진 의결은 계약만료 60일 전({deadline})까지 해야 합니다. 기한이 지나 "
            "수의계약으로 재계약할 수 없습니다 (제58조①).",
            {"field": "resolution", "deadline": str(deadline)},
        )
    missing = [k for k in NOTICE_ITEMS if not str(items.get(k, "")).strip()]
    if missing:
        raise ApplicationError(
            "공고 사항이 빠졌습니다: "
            + ", ".join(f"{k}호 {NOTICE_ITEMS[k]}" for k in missing)
            + " (제58조①).",
            {"field": "items", "missing": missing},
        )
    if posted_from < _resolution_day(resolution):
        raise ApplicationError("공고는 재계약 의결 뒤에 게시합니다.", {"field": "posted_from"})
    if rules.calendar_days(posted_from, posted_until) < rules.RECONTRACT_POSTING_DAYS:
        raise ApplicationError(
            "공고는 10일 이상 게시해야 합니다 (제58조①).", {"field": "posted_until"}
        )
    if rules.calendar_days(window_from, window_until) < rules.OBJECTION_WINDOW_DAYS:
        raise ApplicationError(
            "의견 제출 기간은 5일 이상이어야 합니다 (제58조①7).", {"field": "window_until"}
        )
    if window_from < posted_from or window_until > posted_until:
        raise ApplicationError(
            "의견 제출 기간은 공고 게시 기간 안에 있어야 합니다.", {"field": "window_from"}
        )
    if window_until >= c.end:
        raise ApplicationError(
            "의견 제출은 계약 만료 전에 끝나야 합니다.", {"field": "window_until"}
        )
    if not (place or "").strip():
        raise ApplicationError("의견 제출 장소를 정해 주세요 (제58조①7).", {"field": "place"})
    households = Unit.objects.filter(complex=c.complex).count()
    if households == 0:
        raise ApplicationError("세대가 등록되어 있지 않습니다.")
    r = Recontract.objects.create(
        complex=c.complex,
        contract=c,
        resolution=resolution,
        resolved_on=_resolution_day(resolution),
        items={k: str(items[k]).strip() for k in NOTICE_ITEMS},
        posted_from=posted_from,
        posted_until=posted_until,
        window_from=window_from,
        window_until=window_until,
        place=place.strip(),
        households=households,
        published_at=now or timezone.now(),
    )
    events.fire(events.RECONTRACT_NOTICE, r, r.published_at)
    return r


@transaction.atomic
def opinion_record(
    *,
    recontract,
    unit,
    choice: str,
    signer: str,
    signed_on: date,
    reason: str = "",
    channel: str = "paper",
) -> OpinionForm:
    """별지 8 (rule 13): one form per unit; a unit's latest form within the window counts
    (open reading 8). 부동의 is a written replacement demand (60①)."""
    r = Recontract.objects.select_for_update().get(pk=recontract.pk)
    if r.outcome != RenewalOutcome.PENDING:
        raise ApplicationError("끝난 재계약 절차입니다.")
    if unit.complex_id != r.complex_id:
        raise ApplicationError("이 단지의 세대가 아닙니다.", {"field": "unit"})
    if choice not in Opinion.values:
        raise ApplicationError("동의 또는 부동의를 선택해 주세요.", {"field": "choice"})
    if not (signer or "").strip():
        raise ApplicationError("작성자 성명을 입력해 주세요.", {"field": "signer"})
    if not r.window_from <= signed_on <= r.window_until:
        raise ApplicationError(
            f"의견 제출 기간({r.window_from} ~ {r.window_until})에 낸 의견서만 셉니다.",
            {"field": "signed_on"},
        )
    form, _ = OpinionForm.objects.update_or_create(
        complex=r.complex,
        recontract=r,
        unit=unit,
        defaults={
            "choice": choice,
            "signer": signer.strip(),
            "signed_on": signed_on,
            "reason": reason,
            "channel": channel,
        },
    )
    return form


def tally(recontract) -> dict:
    """Objections counted against all households frozen at the start (rule 14)."""
    objections = OpinionForm.objects.filter(recontract=recontract, choice=Opinion.DISAGREE).count()
    n = recontract.households
    demanding = objections + recontract.other_demands
    return {
        "households": n,
        "objections": objections,
        "agree": OpinionForm.objects.filter(recontract=recontract, choice=Opinion.AGREE).count(),
        "limit": rules.objection_limit(n),
        "barred": rules.objections_bar(objections=objections, households=n),
        "demanding": demanding,
        "replacement": rules.replacement_demanded(demanding_units=demanding, households=n),
    }


def _restrict(*, contract, basis, demanding, households, on) -> BidRestriction:
    obj, _ = BidRestriction.objects.get_or_create(
        complex=contract.complex,
        contract=contract,
        basis=basis,
        defaults={
            "company_name": contract.counterparty,
            "business_no": contract.counterparty_business_no,
            "demanding_units": demanding,
            "households": households,
            "recorded_on": on,
        },
    )
    return obj


@transaction.atomic
def recontract_decide(
    *, recontract, approval_resolution=None, other_demands: int | None = None, today=None
) -> Recontract:
    """Art. 58② (rule 14): re-contract only if written objections < ⌈N/10⌉ and a later council
    vote has 3 × yes ≥ 2 × membership. Art. 60① (rule 14, open reading 9): 부동의 forms plus
    other written replacement demands over N/2 → the company is barred from the next tender."""
    today = today or timezone.localdate()
    r = Recontract.objects.select_for_update().get(pk=recontract.pk)
    if r.outcome != RenewalOutcome.PENDING:
        raise ApplicationError("이미 결정된 재계약 절차입니다.")
    if today <= r.window_until:
        raise ApplicationError(
            f"의견 제출 기간({r.window_until}까지)이 끝난 뒤에 결정합니다.",
            {"field": "window_until"},
        )
    if other_demands is not None:
        if other_demands < 0 or other_demands > r.households:
            raise ApplicationError(
                "교체요구 세대수가 올바르지 않습니다.", {"field": "other_demands"}
            )
        r.other_demands = other_demands
    t = tally(r)
    if t["replacement"]:
        _restrict(
            contract=r.contract,
            basis=RestrictionBasis.ART_60_1,
            demanding=t["demanding"],
            households=t["households"],
            on=today,
        )
        r.outcome = RenewalOutcome.BARRED
    elif t["barred"]:
        r.outcome = RenewalOutcome.REFUSED
    else:
        _check_resolution(approval_resolution, r.complex, "재계약", "제58조②")
        if timezone.localdate(approval_resolution.decided_at) <= r.window_until:
            raise ApplicationError("재계약 의결은 의견청취가 끝난 뒤의 의결이어야 합니다.")
        if not rules.two_thirds_yes(
            yes=approval_resolution.yes, membership=approval_resolution.membership
        ):
            raise ApplicationError(
                f"재계약은 구성원 {approval_resolution.membership}명의 3분의 2 이상 찬성이 "
                f"필요합니다 (찬성 {approval_resolution.yes}명, 제58조②).",
                {"field": "approval_resolution"},
            )
        r.approval_resolution = approval_resolution
        r.outcome = RenewalOutcome.RENEWED
    r.decided_at = timezone.now()
    r.save(update_fields=["other_demands", "outcome", "decided_at", "approval_resolution"])
    return r


@transaction.atomic
def evaluation_record(
    *,
    contract,
    template: str,
    sheets: list[dict],
    evaluated_on: date,
    sanctioned: bool = False,
    renewal_term_from: date | None = None,
    renewal_term_until: date | None = None,
    renewal_amount: int | None = None,
) -> PerformanceEvaluation:
    """Art. 59① (rules 15–16): service contractors only, never works; 별지 10 by E − 45 days
    with at least one evaluator; score = mean of the evaluators' totals."""
    c = Contract.objects.select_for_update().get(pk=contract.pk)
    if c.kind != ProcurementKind.SERVICE:
        raise ApplicationError(
            "제59조 재계약은 용역사업자에게만 적용합니다 (공사업자 제외).", {"field": "contract"}
        )
    if c.status != ContractStatus.ACTIVE:
        raise ApplicationError("이행 중인 계약만 평가합니다.")
    due = rules.evaluation_due(c.end)
    if evaluated_on > due:
        raise ApplicationError(
            f"사업수행실적 평가는 계약만료 45일 전({due})까지 해야 합니다 (제59조①).",
            {"field": "evaluated_on", "deadline": str(due)},
        )
    for s in sheets:
        if not str(s.get("name", "")).strip():
            raise ApplicationError("평가위원 성명을 입력해 주세요 (별지 10).", {"field": "name"})
    score = evaluation.average(template, [s.get("scores", {}) for s in sheets])
    value = (Decimal(score.numerator) / Decimal(score.denominator)).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP
    )
    return PerformanceEvaluation.objects.create(
        complex=c.complex,
        contract=c,
        template=template,
        evaluated_on=evaluated_on,
        sheets=[
            {"name": s["name"].strip(), "role": s.get("role", ""), "scores": s["scores"]}
            for s in sheets
        ],
        score=value,
        score_exact=f"{score.numerator}/{score.denominator}",
        sanctioned=sanctioned,
        renewal_term_from=renewal_term_from,
        renewal_term_until=renewal_term_until,
        renewal_amount=renewal_amount,
    )


def evaluation_is_eligible(ev: PerformanceEvaluation) -> bool:
    from fractions import Fraction

    return evaluation.eligible(Fraction(ev.score_exact)) and not ev.sanctioned


@transaction.atomic
def evaluation_decide(*, evaluation_obj, resolution=None) -> PerformanceEvaluation:
    """Art. 59 (rules 16–17): eligible at ≥ 80 (unrounded) without a sanction or a fall below
    the registration standard during the term (비고 2); then the council approves by a majority
    of its membership. Otherwise — or on rejection — competitive bidding (비고 1)."""
    ev = PerformanceEvaluation.objects.select_for_update().get(pk=evaluation_obj.pk)
    if ev.outcome != RenewalOutcome.PENDING:
        raise ApplicationError("이미 결정된 평가입니다.")
    if not evaluation_is_eligible(ev):
        ev.outcome = RenewalOutcome.REFUSED
        ev.save(update_fields=["outcome"])
        return ev
    _check_resolution(resolution, ev.complex, "용역사업자 재계약", "제59조①")
    if not rules.majority_yes(yes=resolution.yes, membership=resolution.membership):
        raise ApplicationError("재계약은 구성원 과반수 찬성이 필요합니다 (제59조①).")
    ev.resolution = resolution
    ev.outcome = RenewalOutcome.RENEWED
    ev.save(update_fields=["outcome", "resolution"])
    return ev


@transaction.atomic
def restriction_record(
    *, contract, demanding_units: int, today: date | None = None
) -> BidRestriction:
    """Art. 60② (rule 18): residents dissatisfied with an existing service contractor bar it
    from bidding with the written consent of a majority of all households."""
    today = today or timezone.localdate()
    if contract.kind != ProcurementKind.SERVICE:
        raise ApplicationError("제60조②는 용역사업자에 대한 요구입니다.")
    households = Unit.objects.filter(complex=contract.complex).count()
    if not rules.replacement_demanded(demanding_units=demanding_units, households=households):
        raise ApplicationError(
            f"전체 {households}세대의 과반수 서면동의가 필요합니다 (동의 {demanding_units}세대, "
            "제60조②).",
            {"field": "demanding_units"},
        )
    return _restrict(
        contract=contract,
        basis=RestrictionBasis.ART_60_2,
        demanding=demanding_units,
        households=households,
        on=today,
    )
