"""The register's rules: moves in and out (Art. 9①②), residency windows, one vote per
household (Art. 12①③), retention and erasure (별지 1)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from complexes.models import Membership, ResidentKind, Role
from core import hooks
from core.errors import ApplicationError
from residents import selectors, services
from residents.models import HouseholdMember, Occupancy, VoterBasis, VoterDesignation
from tests.factories import UnitFactory, UserFactory, resident

from .helpers import membership_of, move_in

pytestmark = pytest.mark.django_db


def test_move_in_links_the_units_sole_account(alpha):
    """Art. 9③: the register entry of the household whose account already exists."""
    occupancy = move_in(alpha.unit, vehicles=[("12가3456", "쏘나타")])
    assert occupancy.membership == membership_of(alpha.owner, alpha.unit)
    assert [str(v) for v in occupancy.vehicles.all()] == ["12가3456 (쏘나타)"]


def test_overlapping_residency_of_the_same_kind_is_refused(alpha):
    """Art. 9①②: one owner household at a time per unit; the message names the other."""
    move_in(alpha.unit, moved_in_on=date(2024, 3, 1))
    with pytest.raises(ApplicationError) as e:
        move_in(alpha.unit, moved_in_on=date(2025, 1, 1), name="이서연")
    assert "기간이 겹칩니다" in e.value.message and "2024-03-01" in e.value.message
    # an owner and a lessee of the same unit may overlap (one household for voting)
    move_in(alpha.unit, kind=ResidentKind.LESSEE, moved_in_on=date(2025, 1, 1), name="이서연")


def test_handover_day_may_be_shared_but_not_more(alpha):
    first = move_in(alpha.unit, moved_in_on=date(2020, 1, 1))
    services.occupancy_move_out(occupancy=first, moved_out_on=date(2024, 5, 31), by=alpha.manager)
    with pytest.raises(ApplicationError):
        move_in(alpha.unit, moved_in_on=date(2024, 5, 30), name="박지호")
    second = move_in(alpha.unit, moved_in_on=date(2024, 5, 31), name="박지호")
    assert second.moved_in_on == date(2024, 5, 31)


def test_move_out_needs_a_date_not_before_move_in(alpha):
    occupancy = move_in(alpha.unit, moved_in_on=date(2024, 3, 1))
    with pytest.raises(ApplicationError) as e:
        services.occupancy_move_out(occupancy=occupancy, moved_out_on=date(2024, 2, 29), by=None)
    assert "입주일" in e.value.message
    with pytest.raises(ApplicationError):
        services.occupancy_move_out(occupancy=occupancy, moved_out_on=None, by=None)
    # boundary: the move-in day itself is allowed
    services.occupancy_move_out(occupancy=occupancy, moved_out_on=date(2024, 3, 1), by=None)
    with pytest.raises(ApplicationError) as e:
        services.occupancy_move_out(occupancy=occupancy, moved_out_on=date(2024, 4, 1), by=None)
    assert "이미" in e.value.message


def test_move_out_sends_the_hook_inside_the_transaction(alpha):
    """The fees app hooks the interim settlement (Art. 85②) here; a failing hook rolls back."""
    occupancy = move_in(alpha.unit)
    seen = []

    def receiver(*, occupancy, by):
        seen.append(occupancy.moved_out_on)
        raise ApplicationError("정산 실패")

    hooks.subscribe("residents.occupancy_moved_out", receiver, uid="test-failing")
    try:
        with pytest.raises(ApplicationError):
            services.occupancy_move_out(
                occupancy=occupancy, moved_out_on=date(2025, 6, 30), by=None
            )
    finally:
        hooks.unsubscribe("residents.occupancy_moved_out", uid="test-failing")
    assert seen == [date(2025, 6, 30)]
    occupancy.refresh_from_db()
    assert occupancy.moved_out_on is None


def test_residency_window_of_a_lessee_is_their_residency(alpha):
    """Issue 3: a lessee sees bills and complaints of their residency period only."""
    membership = membership_of(alpha.lessee, alpha.lessee_unit)
    occupancy = move_in(
        alpha.lessee_unit,
        kind=ResidentKind.LESSEE,
        moved_in_on=date(2025, 2, 1),
        membership=membership,
    )
    assert selectors.residency_window(membership=membership) == (date(2025, 2, 1), None)
    services.occupancy_move_out(occupancy=occupancy, moved_out_on=date(2026, 1, 31), by=None)
    assert selectors.residency_window(membership=membership) == (
        date(2025, 2, 1),
        date(2026, 1, 31),
    )


def test_residency_window_without_register_entry(alpha):
    lessee = membership_of(alpha.lessee, alpha.lessee_unit)
    assert selectors.residency_window(membership=lessee) == (
        timezone.localtime(lessee.created_at).date(),
        None,
    )
    owner = membership_of(alpha.owner, alpha.unit)
    assert selectors.residency_window(membership=owner) == (date.min, None)
    staff = Membership.objects.get(user=alpha.staff)
    assert selectors.residency_window(membership=staff) == (date.max, date.max)


def test_unlinked_account_gets_the_entry_current_when_it_joined(alpha):
    """A new lessee who joined by paper code is matched to the entry current at joining, not
    to a predecessor's."""
    old = move_in(
        alpha.lessee_unit,
        kind=ResidentKind.LESSEE,
        moved_in_on=date(2020, 1, 1),
        name="전임차인",
        membership=None,
    )
    Occupancy.objects.filter(pk=old.pk).update(membership=None)
    services.occupancy_move_out(occupancy=old, moved_out_on=date(2023, 12, 31), by=None)
    new = move_in(
        alpha.lessee_unit, kind=ResidentKind.LESSEE, moved_in_on=date(2024, 1, 1), name="새임차인"
    )
    Occupancy.objects.filter(pk=new.pk).update(membership=None)
    membership = membership_of(alpha.lessee, alpha.lessee_unit)
    assert selectors.occupancy_for_membership(membership=membership).pk == new.pk
    assert selectors.residency_window(membership=membership) == (date(2024, 1, 1), None)


def test_one_voter_per_household_by_default_the_occupant(alpha):
    """Art. 12①: one vote per unit; an owner and a lessee of one unit are one household —
    the lessee household living there votes unless someone else is designated."""
    move_in(alpha.unit, moved_in_on=date(2020, 1, 1), name="소유자")
    assert selectors.designated_voter(unit=alpha.unit).name == "소유자"
    move_in(alpha.unit, kind=ResidentKind.LESSEE, moved_in_on=date(2024, 1, 1), name="임차인")
    voter = selectors.designated_voter(unit=alpha.unit)
    assert voter.name == "임차인" and voter.designation is None


def test_co_owners_must_designate_in_writing(alpha):
    """Art. 12① 단서: co-owners name one voter in writing; until then there is none."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = move_in(alpha.unit, moved_in_on=date(2020, 1, 1), name="공유자갑")
    HouseholdMember.objects.create(
        complex=alpha.complex, occupancy=owner, relation="공유자", name="공유자을"
    )
    assert selectors.designated_voter(unit=alpha.unit) is None
    with pytest.raises(ApplicationError) as e:
        services.voter_designate(
            occupancy=owner, voter_name="공유자을", basis=VoterBasis.CO_OWNER, by=None
        )
    assert "서면" in e.value.message
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    services.voter_designate(
        occupancy=owner, voter_name="공유자을", basis=VoterBasis.CO_OWNER, by=None, document=letter
    )
    voter = selectors.designated_voter(unit=alpha.unit)
    assert voter.name == "공유자을" and voter.basis == VoterBasis.CO_OWNER


def test_a_unit_has_at_most_one_current_designation(alpha):
    """Art. 12①: designating again ends the previous designation; the DB refuses two."""
    owner = move_in(alpha.unit, moved_in_on=date(2020, 1, 1), name="소유자")
    lessee = move_in(
        alpha.unit, kind=ResidentKind.LESSEE, moved_in_on=date(2024, 1, 1), name="임차인"
    )
    services.voter_designate(occupancy=owner, voter_name="소유자", basis=VoterBasis.HEAD, by=None)
    services.voter_designate(occupancy=lessee, voter_name="임차인", basis=VoterBasis.HEAD, by=None)
    assert VoterDesignation.objects.filter(unit=alpha.unit, ended_on__isnull=True).count() == 1
    assert selectors.designated_voter(unit=alpha.unit).name == "임차인"
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        VoterDesignation.objects.create(
            complex=alpha.complex,
            unit=alpha.unit,
            occupancy=owner,
            voter_name="x",
            basis=VoterBasis.HEAD,
            valid_from=date(2025, 1, 1),
        )


def test_voter_without_register_falls_back_to_the_single_account(alpha):
    assert selectors.designated_voter(unit=alpha.unit).user_id == alpha.owner.pk
    assert selectors.designated_voter(unit=alpha.lessee_unit).user_id == alpha.lessee.pk
    # two owner accounts and no designation: nobody may claim the vote
    resident(alpha.unit, ResidentKind.OWNER, UserFactory())
    assert selectors.designated_voter(unit=alpha.unit) is None
    assert (
        selectors.designated_voter(unit=UnitFactory(building=alpha.building, number="101", floor=1))
        is None
    )


def test_move_out_ends_the_designation(alpha):
    owner = move_in(alpha.unit, moved_in_on=date(2020, 1, 1))
    services.voter_designate(occupancy=owner, voter_name="김민준", basis=VoterBasis.HEAD, by=None)
    services.occupancy_move_out(occupancy=owner, moved_out_on=date(2025, 3, 31), by=None)
    assert VoterDesignation.objects.get().ended_on == date(2025, 3, 31)


def test_erasure_after_settlement_and_grace(alpha):
    """별지 1: 보유기간 — 입주일로부터 관리비등의 정산을 완료하고 전출한 날까지; then erased,
    keeping unit, kind and dates for the fee history."""
    occupancy = move_in(
        alpha.unit,
        moved_in_on=date(2020, 1, 1),
        phone="010-1234-5678",
        vehicles=[("12가3456", "")],
        members=[("배우자", "이서연", None, "")],
    )
    services.occupancy_move_out(occupancy=occupancy, moved_out_on=date(2025, 1, 31), by=None)
    today = date(2025, 3, 31)
    assert not services.register_purge_due(complex=alpha.complex, on=today).exists()  # not settled
    with pytest.raises(ApplicationError):
        services.occupancy_mark_settled(occupancy=occupancy, settled_on=date(2025, 1, 30))
    services.occupancy_mark_settled(occupancy=occupancy, settled_on=date(2025, 2, 28))
    # grace 30 days: due on 2025-03-30, not the day before
    assert not services.register_purge_due(complex=alpha.complex, on=date(2025, 3, 29)).exists()
    assert services.register_purge_due(complex=alpha.complex, on=date(2025, 3, 30)).count() == 1
    assert services.occupancy_anonymise(occupancy=occupancy) is True
    assert services.occupancy_anonymise(occupancy=occupancy) is False
    occupancy.refresh_from_db()
    assert occupancy.name == "(파기됨)" and occupancy.phone == "" and occupancy.birth_date is None
    assert occupancy.moved_in_on == date(2020, 1, 1) and occupancy.unit == alpha.unit
    assert not occupancy.vehicles.exists() and not occupancy.members.exists()


def test_purge_task_erases_what_is_due(alpha):
    occupancy = move_in(alpha.unit, moved_in_on=date(2020, 1, 1))
    services.occupancy_move_out(occupancy=occupancy, moved_out_on=date(2024, 1, 31), by=None)
    services.occupancy_mark_settled(occupancy=occupancy, settled_on=date(2024, 2, 28))
    from residents.tasks import purge_register

    assert purge_register.delay(alpha.complex.pk).get() == 1
    assert purge_register(alpha.complex.pk) == 0
    occupancy.refresh_from_db()
    assert occupancy.anonymised_at is not None


def test_change_request_applies_only_when_the_office_confirms(alpha):
    occupancy = move_in(alpha.unit, phone="010-1111-2222")
    request = services.change_request_create(
        occupancy=occupancy, changes={"phone": "010-3333-4444"}, by=alpha.owner
    )
    occupancy.refresh_from_db()
    assert occupancy.phone == "010-1111-2222"
    services.change_request_decide(request=request, approve=True, by=alpha.manager)
    occupancy.refresh_from_db()
    assert occupancy.phone == "010-3333-4444"
    with pytest.raises(ApplicationError):
        services.change_request_decide(request=request, approve=False, by=alpha.manager)
    with pytest.raises(ApplicationError):
        services.change_request_create(
            occupancy=occupancy, changes={"phone": "010-3333-4444"}, by=alpha.owner
        )


def test_lessee_entry_keeps_owner_contact_owner_entry_does_not(alpha):
    lessee = move_in(
        alpha.lessee_unit, kind=ResidentKind.LESSEE, owner_name="집주인", owner_phone="02-555-1234"
    )
    owner = move_in(alpha.unit, owner_name="무시됨")
    assert lessee.owner_name == "집주인" and owner.owner_name == ""


def test_bad_phone_is_refused(alpha):
    with pytest.raises(ApplicationError) as e:
        move_in(alpha.unit, phone="전화없음")
    assert "전화번호" in e.value.message


def test_window_q_limits_datetimes_by_korean_days():
    from residents.selectors import window_q

    q = window_q((date(2025, 1, 1), date(2025, 1, 31)), "filed_at")
    assert "filed_at__gte" in str(q) and "filed_at__lt" in str(q)
    assert window_q((date.min, None), "period") == type(q)()
    assert timedelta(days=1)
    assert Role.RESIDENT


def test_unit_with_register_history_cannot_be_deleted(alpha, api):
    """The register and complaint log outlive a unit's edits (Art. 64①9; Art. 16)."""
    from complexes.services import unit_delete

    move_in(alpha.lessee_unit, kind=ResidentKind.LESSEE)
    Membership.objects.filter(unit=alpha.lessee_unit).delete()
    with pytest.raises(ApplicationError) as e:
        unit_delete(unit=alpha.lessee_unit)
    assert "입주자명부" in e.value.message
    api.force_authenticate(alpha.manager)
    r = api.delete(f"/api/v1/complexes/alpha/units/{alpha.lessee_unit.pk}/")
    assert r.status_code == 400


def test_owner_voter_for_owners_only_matters(alpha):
    """Owners-only votes (e.g. the repair plan, Art. 30): the owner household votes even when
    the unit is let; a designation made for the lessee household does not count."""
    owner = move_in(alpha.unit, moved_in_on=date(2020, 1, 1), name="소유자")
    lessee = move_in(
        alpha.unit, kind=ResidentKind.LESSEE, moved_in_on=date(2024, 1, 1), name="임차인"
    )
    assert selectors.designated_voter(unit=alpha.unit).name == "임차인"
    assert selectors.owner_voter(unit=alpha.unit).name == "소유자"
    assert selectors.owner_voter(unit=alpha.unit).user_id == alpha.owner.pk
    services.voter_designate(occupancy=lessee, voter_name="임차인", basis=VoterBasis.HEAD, by=None)
    assert selectors.owner_voter(unit=alpha.unit).name == "소유자"
    HouseholdMember.objects.create(
        complex=alpha.complex, occupancy=owner, relation="공유자", name="을"
    )
    assert selectors.owner_voter(unit=alpha.unit) is None
    # no register entry: the unit's owner account; a lessee-only unit has no owner voter
    assert selectors.owner_voter(unit=alpha.lessee_unit) is None


def test_designated_voters_in_bulk_match_one_by_one(alpha, django_assert_max_num_queries):
    """The roll of a whole complex gives the same voter per unit as asking unit by unit."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    extra = [UnitFactory(building=alpha.building, number=f"{n}01", floor=n) for n in range(2, 8)]
    move_in(alpha.unit, moved_in_on=date(2020, 1, 1), name="소유자")
    move_in(alpha.unit, kind=ResidentKind.LESSEE, moved_in_on=date(2024, 1, 1), name="임차인")
    co = move_in(extra[0], name="공유자갑")
    HouseholdMember.objects.create(
        complex=alpha.complex, occupancy=co, relation="공유자", name="을"
    )
    designated = move_in(extra[1], name="세대주")
    services.voter_designate(
        occupancy=designated,
        voter_name="대리인",
        basis=VoterBasis.PROXY,
        by=None,
        document=SimpleUploadedFile("poa.pdf", b"%PDF-1.4 x"),
    )
    gone = move_in(extra[2], moved_in_on=date(2020, 1, 1), name="전출자")
    services.occupancy_move_out(occupancy=gone, moved_out_on=date(2021, 1, 1), by=None)
    resident(extra[3], ResidentKind.OWNER, UserFactory())
    resident(extra[3], ResidentKind.OWNER, UserFactory())
    units = [alpha.unit, alpha.lessee_unit, *extra]
    with django_assert_max_num_queries(5):
        bulk = selectors.designated_voters(units=units)
    for unit in units:
        one = selectors.designated_voter(unit=unit)
        got = bulk[unit.pk]
        assert (got and (got.name, got.basis, got.user_id)) == (
            one and (one.name, one.basis, one.user_id)
        ), unit
    assert (
        bulk[extra[0].pk] is None
        and bulk[extra[1].pk].name == "대리인"
        and bulk[extra[3].pk] is None
    )
