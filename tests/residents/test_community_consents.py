"""Office consents (Art. 65, table D) and neighbour consent (spec rule 11, open reading 3)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import ApplicationError
from residents.community import rules, selectors
from residents.community.models import (
    BuildingLayout,
    ConsentCase,
    ConsentDecision,
    ConsentStatus,
    CorridorType,
    UnitPlacement,
)
from residents.community.services import consents as svc
from tests.residents.community_helpers import grid, occupy

S = rules.Spot


def test_neighbour_set_stair_core_same_stairway_and_above_below():
    """Art. 65 table D 3가·6: 통로식 → the same stairway (lines 1–2 share one); adjacent = wall
    neighbour on the floor and the units directly above and below."""
    me = S(1, 1, 4, 2, 1)
    others = [
        S(2, 1, 4, 1, 1),  # same floor, wall neighbour, same stairway
        S(3, 1, 4, 3, 2),  # same floor, wall neighbour, other stairway
        S(4, 1, 5, 2, 1),  # above
        S(5, 1, 3, 2, 1),  # below
        S(6, 1, 5, 1, 1),  # same stairway, not adjacent
        S(7, 1, 5, 4, 2),  # other stairway, not adjacent: out
        S(8, 2, 4, 1, 1),  # other building: out
    ]
    rows = {r.unit_id: (r.in_group, r.adjacent) for r in rules.neighbour_set(me, others, "stair")}
    assert rows == {
        2: (True, True),
        3: (False, True),
        4: (True, True),
        5: (True, True),
        6: (True, False),
    }


def test_neighbour_set_corridor_same_floor_only_plus_above_below():
    """복도식 → the same floor's corridor; above/below are adjacent though outside it."""
    me = S(1, 1, 4, 2, None)
    others = [S(2, 1, 4, 4, None), S(3, 1, 5, 2, None), S(4, 1, 5, 3, None)]
    rows = {
        r.unit_id: (r.in_group, r.adjacent) for r in rules.neighbour_set(me, others, "corridor")
    }
    assert rows == {2: (True, False), 3: (False, True)}


def test_majority_is_more_than_half():
    """Open reading 3: "과반수" = yes > half (2 of 4 is not enough, 3 of 4 is)."""
    assert not rules.tally([(True, False, True)] * 2 + [(True, False, None)] * 2).majority
    assert rules.tally([(True, False, True)] * 3 + [(True, False, None)]).majority


def test_line_from_number_or_placement():
    assert rules.line_of("1203") == 3
    assert rules.line_of("B01") is None
    assert rules.line_of("1203", 7) == 7
    assert rules.entrance_of(3, 2) == 2 and rules.entrance_of(2, 2) == 1


@pytest.fixture
def block(alpha):
    b, units = grid(alpha.complex)
    occupy(*[u for k, u in units.items() if k != (5, 2)])  # 502 is vacant
    return b, units


def test_pet_application_builds_neighbour_list_without_vacant_and_applicant(alpha, block):
    _, u = block
    app = svc.consent_apply(
        unit=u[(4, 2)], by=alpha.owner, case=ConsentCase.PET, description="소형견 1마리"
    )
    assert app.status == ConsentStatus.COLLECTING
    rows = {n.unit_id: (n.in_group, n.adjacent) for n in app.neighbours.all()}
    # stairway 1 = lines 1–2 on floors 3–5, minus 402 (applicant) and 502 (vacant)
    assert rows == {
        u[(3, 1)].pk: (True, False),
        u[(3, 2)].pk: (True, True),  # below
        u[(4, 1)].pk: (True, True),  # wall
        u[(5, 1)].pk: (True, False),
        u[(4, 3)].pk: (False, True),  # wall neighbour on the other stairway
    }


def test_consent_needs_majority_and_every_adjacent_yes(alpha, block):
    """Table D 3가: more than half of the stairway AND every directly affected unit."""
    _, u = block
    app = svc.consent_apply(
        unit=u[(4, 2)], by=alpha.owner, case=ConsentCase.PET, description="고양이"
    )
    with pytest.raises(ApplicationError, match="과반수"):
        svc.consent_decide(
            application=app, decision=ConsentDecision.CONSENT, reasons="", by=alpha.manager
        )
    for key in [(3, 2), (4, 1), (3, 1)]:  # 3 of 4 in the group: majority
        svc.neighbour_answer(
            application=app, unit=u[key], answer=True, by=alpha.staff, written=True
        )
    app.refresh_from_db()
    assert app.status == ConsentStatus.COLLECTING  # 403 (adjacent, other stairway) not yet
    assert selectors.consent_tally(application=app).majority
    svc.neighbour_answer(application=app, unit=u[(4, 3)], answer=False, by=alpha.staff)
    assert ConsentDecision.CONSENT not in svc.allowed_decisions(app)
    svc.neighbour_answer(application=app, unit=u[(4, 3)], answer=True, by=alpha.staff)
    app.refresh_from_db()
    assert app.status == ConsentStatus.SUBMITTED
    svc.consent_decide(
        application=app, decision=ConsentDecision.CONSENT, reasons="", by=alpha.manager
    )
    app.refresh_from_db()
    assert app.decision == ConsentDecision.CONSENT and "제65조 별표 3가" in app.reasons
    # the 5 neighbour households were asked once, each in its own message; the applicant told
    *asked, decided = mail.outbox
    assert len(asked) == 5 and all(len(m.to) == 1 and "동의 대상" in m.body for m in asked)
    assert decided.to == [alpha.owner.email] and "결정" in decided.body


def test_outsider_unit_cannot_answer(alpha, block):
    _, u = block
    app = svc.consent_apply(
        unit=u[(4, 2)], by=alpha.owner, case=ConsentCase.HOME_USE, description="공부방"
    )
    with pytest.raises(ApplicationError, match="동의 대상이 아닙니다"):
        svc.neighbour_answer(application=app, unit=u[(5, 4)], answer=True, by=alpha.staff)


def test_corridor_building_uses_the_floor(alpha, block):
    b, u = block
    BuildingLayout.objects.create(
        complex=alpha.complex, building=b, corridor_type=CorridorType.CORRIDOR
    )
    app = svc.consent_apply(
        unit=u[(4, 2)], by=alpha.owner, case=ConsentCase.HOME_USE, description="공부방"
    )
    group = {n.unit_id for n in app.neighbours.filter(in_group=True)}
    assert group == {u[(4, 1)].pk, u[(4, 3)].pk, u[(4, 4)].pk}


def test_office_placement_corrects_the_stairway(alpha, block):
    _, u = block
    UnitPlacement.objects.create(complex=alpha.complex, unit=u[(4, 3)], line=3, entrance=1)
    app = svc.consent_apply(unit=u[(4, 2)], by=alpha.owner, case=ConsentCase.PET, description="개")
    assert app.neighbours.get(unit=u[(4, 3)]).in_group


@pytest.mark.parametrize(
    "case,decision",
    [
        (ConsentCase.GRINDER, ConsentDecision.PROHIBITED),  # table D 8
        (ConsentCase.AC_EXHAUST, ConsentDecision.PROHIBITED),  # table D 9
        (ConsentCase.RESTRICTED_AREA, ConsentDecision.ESCORT),  # table D 5
        (ConsentCase.STORAGE_HARM, ConsentDecision.REFUSE),  # table D 1나
        (ConsentCase.SIGN_HARM, ConsentDecision.REFUSE),  # table D 2나
    ],
)
def test_table_d_fixed_outcomes(alpha, case, decision):
    app = svc.consent_apply(unit=alpha.unit, by=alpha.owner, case=case, description="x")
    assert svc.allowed_decisions(app) == [decision]
    with pytest.raises(ApplicationError, match="근거"):
        svc.consent_decide(
            application=app, decision=ConsentDecision.CONSENT, reasons="ok", by=alpha.manager
        )
    svc.consent_decide(application=app, decision=decision, reasons="규약에 따름", by=alpha.manager)


def test_protrusion_needs_the_pledge(alpha):
    """Table D 4: consent only with the applicant's pledge of liability."""
    with pytest.raises(ApplicationError, match="서약서"):
        svc.consent_apply(
            unit=alpha.unit, by=alpha.owner, case=ConsentCase.PROTRUSION, description="실외기"
        )
    app = svc.consent_apply(
        unit=alpha.unit,
        by=alpha.owner,
        case=ConsentCase.PROTRUSION,
        description="실외기",
        pledge=SimpleUploadedFile("pledge.pdf", b"%PDF-1.4 pledge"),
    )
    svc.consent_decide(
        application=app, decision=ConsentDecision.CONSENT, reasons="", by=alpha.manager
    )


def test_refusal_needs_reasons_and_decided_is_final(alpha):
    app = svc.consent_apply(
        unit=alpha.unit, by=alpha.owner, case=ConsentCase.FIXTURE, description="창호"
    )
    with pytest.raises(ApplicationError, match="사유"):
        svc.consent_decide(
            application=app, decision=ConsentDecision.REFUSE, reasons=" ", by=alpha.manager
        )
    svc.consent_decide(
        application=app, decision=ConsentDecision.REFUSE, reasons="규격 상이", by=alpha.manager
    )
    with pytest.raises(ApplicationError, match="이미 결정"):
        svc.consent_decide(
            application=app, decision=ConsentDecision.CONSENT, reasons="", by=alpha.manager
        )
    with pytest.raises(ApplicationError, match="이미 결정"):
        svc.consent_withdraw(application=app, by=alpha.owner)
