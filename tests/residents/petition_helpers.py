"""Builders for petition tests: households on the register, each with its own account."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from complexes.models import Building, Membership, ResidentKind, Role, Unit
from residents import services as register
from tests.factories import UserFactory, resident

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def scan(name="consent.png"):
    return SimpleUploadedFile(name, PNG)


def add_units(complex_, n, building_name="501"):
    building, _ = Building.objects.get_or_create(complex=complex_, name=building_name)
    start = Unit.objects.filter(building=building).count()
    Unit.objects.bulk_create(
        Unit(
            complex=complex_,
            building=building,
            number=f"{(start + i) // 4 + 1}{(start + i) % 4 + 1:02d}",
            floor=(start + i) // 4 + 1,
            supply_area=Decimal("84.97"),
        )
        for i in range(n)
    )
    return list(Unit.objects.filter(building=building).order_by("pk"))[start:]


def household(unit, by, *, name, members=(), kind=ResidentKind.LESSEE, account=True):
    """A household on the register (Art. 9③, 별지 1) whose head has an account named `name`.
    Returns (head user or None, occupancy)."""
    user = None
    membership = None
    if account:
        user = resident(unit, kind, UserFactory(name=name))
        membership = Membership.objects.get(user=user, unit=unit, role=Role.RESIDENT)
    occupancy = register.occupancy_move_in(
        unit=unit,
        kind=kind,
        moved_in_on=date(2024, 3, 1),
        name=name,
        by=by,
        membership=membership,
        members=[("가족", m, None, "") for m in members],
    )
    return user, occupancy


def registered_residents(complex_, n, by, building_name="501"):
    """n households of one registered person each, every head with an account: [(user, unit)]."""
    out = []
    for i, unit in enumerate(add_units(complex_, n, building_name)):
        user, _ = household(unit, by, name=f"주민{building_name}-{i}")
        out.append((user, unit))
    return out
