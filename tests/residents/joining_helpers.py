"""A leased unit as the register knows it (issue 12 [1/9]): an owner who lets it and a lessee
living there, each with personal data the other must never see."""

from dataclasses import dataclass
from datetime import date

from complexes.join_codes import join_code_issue
from complexes.models import ResidentKind
from tests.factories import UnitFactory

from .helpers import move_in

OWNER = {"name": "김소유", "birth": "1970-05-05", "phone": "010-1111-2222", "plate": "34나5678"}
LESSEE = {"name": "이임차", "birth": "1991-09-09", "phone": "010-3333-4444", "plate": "56다7890"}


@dataclass
class LeasedUnit:
    unit: object
    owner: object  # Occupancy
    lessee: object  # Occupancy


def leased_unit(tenant, number="1501", lease_from=date(2025, 3, 1)) -> LeasedUnit:
    unit = UnitFactory(building=tenant.building, number=number, floor=15)
    owner = move_in(
        unit,
        ResidentKind.OWNER,
        moved_in_on=date(2020, 1, 1),
        name=OWNER["name"],
        birth_date=date.fromisoformat(OWNER["birth"]),
        phone=OWNER["phone"],
        vehicles=[(OWNER["plate"], "그랜저")],
    )
    lessee = move_in(
        unit,
        ResidentKind.LESSEE,
        moved_in_on=lease_from,
        name=LESSEE["name"],
        birth_date=date.fromisoformat(LESSEE["birth"]),
        phone=LESSEE["phone"],
        vehicles=[(LESSEE["plate"], "아반떼")],
        owner_name=OWNER["name"],
        owner_phone=OWNER["phone"],
        owner_address="서울시 강남구 어딘가 1",
    )
    return LeasedUnit(unit, owner, lessee)


def slip(unit) -> str:
    """The code the office prints for `unit` (as the household reads it off the paper)."""
    return join_code_issue(unit=unit).printed
