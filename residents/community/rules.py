"""Pure rules of community life: Art. 65 table D and the neighbour set behind its neighbour
consent (spec rule 11, open reading 3). No database access here: callers pass plain values."""

import re
from dataclasses import dataclass

from .models import ConsentCase, ConsentDecision, CorridorType

C, D = ConsentCase, ConsentDecision

# Art. 65 table D: the decisions the office may give for each case.
ALLOWED_DECISIONS = {
    C.STORAGE_OK: {D.CONSENT, D.REFUSE},  # 1가: consent when lawful (council-resolved for 1)
    C.STORAGE_HARM: {D.REFUSE},  # 1나: refuse
    C.SIGN_OK: {D.CONSENT, D.REFUSE},  # 2가
    C.SIGN_HARM: {D.REFUSE},  # 2나
    C.PET: {D.CONSENT, D.REFUSE},  # 3가: consent only with the neighbours' written majority
    C.LOUDSPEAKER: {D.CONSENT, D.REFUSE},  # 3나: only when all residents need it
    C.PROTRUSION: {D.CONSENT, D.REFUSE},  # 4: consent only with the liability pledge
    C.RESTRICTED_AREA: {D.ESCORT},  # 5: a manager's escort
    C.HOME_USE: {D.CONSENT, D.REFUSE},  # 6: consent only with the neighbours' majority
    C.FIXTURE: {D.CONSENT, D.REFUSE},  # 7: consent when same spec or shape
    C.GRINDER: {D.PROHIBITED},  # 8
    C.AC_EXHAUST: {D.PROHIBITED},  # 9
}

NEEDS_NEIGHBOURS = {C.PET, C.HOME_USE}
NEEDS_PLEDGE = {C.PROTRUSION}

# The standard each decision cites (the office's decision names it, Art. 65).
STANDARD = {
    C.STORAGE_OK: "제65조 별표 1가 (공용부분 일시 적치: 유익하거나 필요한 경우 동의)",
    C.STORAGE_HARM: "제65조 별표 1나 (유해한 적치·주차: 부동의)",
    C.SIGN_OK: "제65조 별표 2가 (지정 장소 광고물: 동의)",
    C.SIGN_HARM: "제65조 별표 2나 (지정 외 장소·미관 저해 광고물: 부동의)",
    C.PET: "제65조 별표 3가 (가축 사육: 해당 통로·복도 층 입주자등 과반수 서면동의 및 직상하층 포함 "
    "직접 영향 세대 전원 동의)",
    C.LOUDSPEAKER: "제65조 별표 3나 (확성기·방송: 전체 입주자등에게 필요한 경우만 동의)",
    C.PROTRUSION: "제65조 별표 4 (돌출물: 안전·소음·미관에 지장이 없고 사고 책임 서약이 있는 경우만 동의)",
    C.RESTRICTED_AREA: "제65조 별표 5 (통제·위험 구역: 관리자 입회)",
    C.HOME_USE: "제65조 별표 6 (세대의 놀이방·공부방 등 사용: 해당 통로·복도 층 과반수 동의 및 "
    "직상하층 포함 직접 영향 세대 전원 동의)",
    C.FIXTURE: "제65조 별표 7 (세대 내 구조물 교체: 같은 규격·색상·형태만 동의)",
    C.GRINDER: "제65조 별표 8 (음식물 분쇄기 배관 배출: 금지)",
    C.AC_EXHAUST: "제65조 별표 9 (실외기 공간이 있는 세대의 외벽 돌출물: 금지)",
}


def initial_status_needs_neighbours(case: str) -> bool:
    return case in NEEDS_NEIGHBOURS


# --- the neighbour set -----------------------------------------------------------------------

_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Spot:
    """Where a unit sits: building id, floor, line, stairway (None = unknown)."""

    unit_id: int
    building_id: int
    floor: int
    line: int | None
    entrance: int | None


def line_of(number: str, placement_line: int | None = None) -> int | None:
    """The unit's line (호 라인): the office's placement, else the number's last two digits
    (1203 → 3). A number that is not all digits has no derivable line."""
    if placement_line is not None:
        return placement_line
    if _DIGITS.match(number or "") and len(number) >= 3:
        return int(number[-2:]) or None
    return None


def entrance_of(line: int | None, units_per_stairway: int, placement_entrance=None):
    """The stairway (통로) of a 통로식 unit: the office's placement, else lines grouped by
    `units_per_stairway` (lines 1–2 → 1, 3–4 → 2 with two per stairway)."""
    if placement_entrance is not None:
        return placement_entrance
    if line is None or units_per_stairway < 1:
        return None
    return (line - 1) // units_per_stairway + 1


@dataclass(frozen=True)
class NeighbourRow:
    unit_id: int
    in_group: bool  # counts in the denominator (same stairway / same corridor floor)
    adjacent: bool  # directly affected: a yes is required without exception


def neighbour_set(applicant: Spot, others: list[Spot], corridor_type: str) -> list[NeighbourRow]:
    """Art. 65 table D 3가·6 (spec rule 11, open reading 3): the households whose consent
    counts for `applicant`.

    * group: 통로식 → the same stairway of the building; 복도식 → the same floor's corridor;
    * adjacent: same-floor units sharing a wall (line ± 1) and the units directly above and
      below (same line, floor ± 1) — required even outside the group.
    `others` must already exclude the applicant and vacant units."""
    rows = []
    for o in others:
        if o.building_id != applicant.building_id or o.unit_id == applicant.unit_id:
            continue
        if corridor_type == CorridorType.CORRIDOR:
            in_group = o.floor == applicant.floor
        else:
            in_group = applicant.entrance is not None and o.entrance == applicant.entrance
        adjacent = False
        if applicant.line is not None and o.line is not None:
            same_floor_wall = o.floor == applicant.floor and abs(o.line - applicant.line) == 1
            above_below = o.line == applicant.line and abs(o.floor - applicant.floor) == 1
            adjacent = same_floor_wall or above_below
        if in_group or adjacent:
            rows.append(NeighbourRow(o.unit_id, in_group, adjacent))
    return rows


@dataclass(frozen=True)
class Tally:
    group_size: int
    group_yes: int
    adjacent_total: int
    adjacent_yes: int

    @property
    def majority(self) -> bool:
        """ "과반수" = yes > half of the group (open reading 3)."""
        return self.group_yes * 2 > self.group_size

    @property
    def adjacent_all(self) -> bool:
        return self.adjacent_yes == self.adjacent_total

    @property
    def reached(self) -> bool:
        return self.majority and self.adjacent_all

    @property
    def needed_yes(self) -> int:
        return self.group_size // 2 + 1


def tally(rows) -> Tally:
    """Count answers of (in_group, adjacent, answer) rows."""
    rows = list(rows)
    return Tally(
        group_size=sum(1 for r in rows if r[0]),
        group_yes=sum(1 for r in rows if r[0] and r[2] is True),
        adjacent_total=sum(1 for r in rows if r[1]),
        adjacent_yes=sum(1 for r in rows if r[1] and r[2] is True),
    )


# --- plates -------------------------------------------------------------------------------------

PLATE = re.compile(r"^(?:[가-힣]{2})?\d{2,3}[가-힣]\d{4}$")


def normalise_plate(text: str) -> str:
    """12 가 3456 → 12가3456 (spaces and hyphens dropped)."""
    return re.sub(r"[\s-]", "", text or "")


def valid_plate(plate: str) -> bool:
    return bool(PLATE.match(plate))
