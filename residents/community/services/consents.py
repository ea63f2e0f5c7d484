"""The office's consent to residents' applications (Art. 65, table D) and the neighbours'
consent some cases need (table D 3가·6; spec rule 11, open reading 3)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError

from .. import rules, selectors
from ..models import (
    ConsentApplication,
    ConsentCase,
    ConsentDecision,
    ConsentStatus,
    NeighbourConsent,
)


def _notify(application) -> None:
    from ..tasks import notify_consent_decided

    transaction.on_commit(lambda: notify_consent_decided.delay(application.pk))


@transaction.atomic
def consent_apply(
    *,
    unit,
    by,
    case: str,
    description: str,
    place: str = "",
    period_start=None,
    period_end=None,
    pledge=None,
) -> ConsentApplication:
    """File an application (Art. 65, 영 19조②). For table D 3가 (pets) and 6 (a unit used as a
    playroom, study room…) the portal builds the neighbour list at once: the households of the
    same stairway (통로식) or the same floor's corridor (복도식), and every directly affected
    unit including the units directly above and below (spec rule 11). Vacant units and the
    applicant's own are left out (open reading 3). Case 4 needs the liability pledge file."""
    if case not in ConsentCase.values:
        raise ApplicationError(_("신청 유형을 골라 주세요."), {"field": "case"})
    if not (description or "").strip():
        raise ApplicationError(_("신청 내용을 적어 주세요."), {"field": "description"})
    if period_start and period_end and period_end < period_start:
        raise ApplicationError(_("기간의 끝이 시작보다 앞섭니다."), {"field": "period_end"})
    if case in rules.NEEDS_PLEDGE and not pledge:
        raise ApplicationError(
            _("돌출물 설치(제65조 별표 4)는 사고 책임 서약서를 첨부해야 동의할 수 있습니다."),
            {"field": "pledge"},
        )
    needs = case in rules.NEEDS_NEIGHBOURS
    application = ConsentApplication.objects.create(
        complex=unit.complex,
        unit=unit,
        applicant=by,
        case=case,
        description=description.strip(),
        place=place,
        period_start=period_start,
        period_end=period_end,
        pledge=pledge or "",
        status=ConsentStatus.COLLECTING if needs else ConsentStatus.SUBMITTED,
    )
    if needs:
        rows = selectors.neighbour_rows_for(unit=unit)
        NeighbourConsent.objects.bulk_create(
            NeighbourConsent(
                complex=unit.complex,
                application=application,
                unit_id=r.unit_id,
                in_group=r.in_group,
                adjacent=r.adjacent,
            )
            for r in rows
        )
        from ..tasks import notify_neighbours_asked

        transaction.on_commit(lambda: notify_neighbours_asked.delay(application.pk))
    return application


def _locked(application) -> ConsentApplication:
    return ConsentApplication.objects.select_for_update().get(pk=application.pk)


def _refresh_status(application) -> None:
    """Move a collecting application to the office once the neighbours' consent is reached."""
    if application.status != ConsentStatus.COLLECTING:
        return
    if selectors.consent_tally(application=application).reached:
        application.status = ConsentStatus.SUBMITTED
        application.save(update_fields=["status"])


@transaction.atomic
def neighbour_answer(
    *, application, unit, answer: bool, by, written: bool = False, signer_name: str = ""
) -> NeighbourConsent:
    """Record one household's answer — from its own account, or the office's record of a paper
    consent (`written`). One answer per unit; it may be changed until the office decides.
    Case 3가 needs *written* consent ("서면동의"): an account's answer counts as an electronic
    signature (open reading 4's reading of 서면), a paper one is marked written."""
    application = _locked(application)
    if application.status not in (ConsentStatus.COLLECTING, ConsentStatus.SUBMITTED):
        raise ApplicationError(_("이미 결정되었거나 취하된 신청입니다."))
    row = NeighbourConsent.objects.filter(application=application, unit=unit).first()
    if row is None:
        raise ApplicationError(
            _(
                "이 세대는 이 신청의 동의 대상이 아닙니다 (같은 통로·복도 층 또는 직접 영향 세대만)."
            ),
            {"field": "unit"},
        )
    row.answer = bool(answer)
    row.written = written
    row.signer_name = signer_name
    row.answered_by = by
    row.answered_at = timezone.now()
    row.save()
    _refresh_status(application)
    if (
        application.status == ConsentStatus.SUBMITTED
        and not selectors.consent_tally(application=application).reached
    ):
        # a withdrawn yes: back to collecting
        application.status = ConsentStatus.COLLECTING
        application.save(update_fields=["status"])
    return row


def allowed_decisions(application) -> list[str]:
    """The decisions table D allows for this application as it stands."""
    allowed = set(rules.ALLOWED_DECISIONS[application.case])
    if (
        application.case in rules.NEEDS_NEIGHBOURS
        and not selectors.consent_tally(application=application).reached
    ):
        allowed.discard(ConsentDecision.CONSENT)
    if application.case in rules.NEEDS_PLEDGE and not application.pledge:
        allowed.discard(ConsentDecision.CONSENT)
    return [d for d in ConsentDecision.values if d in allowed]


@transaction.atomic
def consent_decide(*, application, decision: str, reasons: str, by) -> ConsentApplication:
    """The office decides by table D (Art. 65) and the decision cites the standard:
    cases 8 and 9 are prohibited, 5 is an escort, 1나 and 2나 are refused; 3가 and 6 may be
    consented only with the neighbours' majority and every adjacent unit's yes; 4 only with the
    pledge. The applicant is notified after commit."""
    application = _locked(application)
    if application.status in (ConsentStatus.DECIDED, ConsentStatus.WITHDRAWN):
        raise ApplicationError(_("이미 결정되었거나 취하된 신청입니다."))
    if decision not in allowed_decisions(application):
        standard = rules.STANDARD[application.case]
        if decision == ConsentDecision.CONSENT and application.case in rules.NEEDS_NEIGHBOURS:
            t = selectors.consent_tally(application=application)
            raise ApplicationError(
                _(
                    "이웃 동의가 요건에 이르지 않아 동의할 수 없습니다: 동의 %(yes)s/%(size)s세대 "
                    "(과반수 %(need)s세대 필요), 직접 영향 세대 %(ay)s/%(at)s. 근거: %(std)s"
                )
                % {
                    "yes": t.group_yes,
                    "size": t.group_size,
                    "need": t.needed_yes,
                    "ay": t.adjacent_yes,
                    "at": t.adjacent_total,
                    "std": standard,
                },
                {"field": "decision"},
            )
        raise ApplicationError(
            _("이 신청에는 이 결정을 할 수 없습니다. 근거: %(std)s") % {"std": standard},
            {"field": "decision"},
        )
    if not (reasons or "").strip() and decision != ConsentDecision.CONSENT:
        raise ApplicationError(_("결정 사유를 적어 주세요."), {"field": "reasons"})
    application.decision = decision
    application.reasons = f"[{rules.STANDARD[application.case]}] {(reasons or '').strip()}".strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.status = ConsentStatus.DECIDED
    application.save()
    _notify(application)
    return application


@transaction.atomic
def consent_withdraw(*, application, by) -> ConsentApplication:
    application = _locked(application)
    if application.status in (ConsentStatus.DECIDED, ConsentStatus.WITHDRAWN):
        raise ApplicationError(_("이미 결정되었거나 취하된 신청입니다."))
    application.status = ConsentStatus.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def layout_set(*, building, corridor_type: str, units_per_stairway: int, by):
    """The office records a building's corridor type (통로식 / 복도식) and how many lines share a
    stairway — the facts behind table D's neighbour set (spec Data: office-correctable). It
    applies to applications filed afterwards; a list already built stays as it was."""
    from ..models import BuildingLayout, CorridorType

    if corridor_type not in CorridorType.values:
        raise ApplicationError(_("복도 형태를 골라 주세요."), {"field": "corridor_type"})
    if not 1 <= units_per_stairway <= 8:
        raise ApplicationError(_("통로당 라인 수는 1~8입니다."), {"field": "units_per_stairway"})
    layout, _created = BuildingLayout.objects.update_or_create(
        building=building,
        defaults={
            "complex_id": building.complex_id,
            "corridor_type": corridor_type,
            "units_per_stairway": units_per_stairway,
        },
    )
    return layout
