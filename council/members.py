"""Composition writes beyond seating: a rep's unit and a written resignation (Arts. 10, 23⑭).

Kept out of services.py (which is being split by sub-domain); same error style."""

from datetime import date

from django.db import transaction

from core.errors import ApplicationError

from .models import Representative


@transaction.atomic
def representative_set_unit(*, representative, unit) -> Representative:
    """Record the unit a rep owns or stands for (Art. 10: a rep is the owner of a unit in the
    ward, or the owner's spouse or lineal relative). The unit must be in the same complex and,
    when the ward lists its units, in the rep's ward; `unit=None` clears it."""
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    if unit is not None:
        if unit.complex_id != rep.complex_id:
            raise ApplicationError("다른 단지의 세대입니다.", {"field": "unit"})
        ward = rep.ward
        listed = ward is not None and (ward.buildings.exists() or ward.units.exists())
        if listed and not ward.unit_queryset().filter(pk=unit.pk).exists():
            raise ApplicationError(
                f"{unit}은(는) {ward.name}에 속한 세대가 아닙니다 (제10조).", {"field": "unit"}
            )
    rep.unit = unit
    rep.save(update_fields=["unit"])
    return rep


def representative_resign(*, representative, received_on: date, note: str = "") -> Representative:
    """Art. 23⑭: a resignation takes effect the day the written resignation arrives; the seat
    and any office end that day (Art. 19②). A by-election is due within 60 days (Art. 24①)."""
    from .services import representative_end

    if representative.ended_on:
        raise ApplicationError("이미 자격을 상실한 대표자입니다.")
    if received_on < representative.term_start or received_on > representative.term_end:
        raise ApplicationError("사직서 접수일은 임기 중이어야 합니다.", {"field": "received_on"})
    reason = "사퇴 (제23조⑭: 사직서 접수일 효력)"
    if note.strip():
        reason = f"{reason} — {note.strip()}"[:200]
    return representative_end(representative=representative, on=received_on, reason=reason)


def predecessor_term_end(*, complex, ward, day: date) -> date | None:
    """Art. 24① (40-council.md "Vacancies"): a by-election fills the REMAINDER of the
    predecessor's term, not a new 2-year term. The predecessor is the rep whose term in this
    ward covers `day` (even if the seat was lost early); with none on record, the council's
    current common term (the latest regular term covering `day` in the complex). None when
    nothing is known."""
    own = (
        Representative.objects.filter(
            complex=complex, ward=ward, term_start__lte=day, term_end__gte=day
        )
        .order_by("-term_start")
        .first()
    )
    if own is not None:
        return own.term_end
    other = (
        Representative.objects.filter(
            complex=complex, by_election=False, term_start__lte=day, term_end__gte=day
        )
        .order_by("-term_end")
        .first()
    )
    return other.term_end if other is not None else None


def check_by_election_term(*, complex, ward, term_start: date, term_end: date | None):
    """Art. 24①: the by-election term ends with the predecessor's; returns that end (or
    `term_end` when no predecessor is known). A different end is refused."""
    end = predecessor_term_end(complex=complex, ward=ward, day=term_start)
    if end is None:
        return term_end
    if end < term_start:
        raise ApplicationError("전임자의 임기가 이미 끝났습니다.", {"field": "term_start"})
    if term_end is not None and term_end != end:
        raise ApplicationError(
            f"보궐선거로 선출된 대표자의 임기는 전임자의 남은 임기({end}까지)입니다 (제24조①).",
            {"field": "term_end"},
        )
    return end
