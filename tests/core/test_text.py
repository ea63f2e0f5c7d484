"""Names and numbers are normalised (NFKC, zero-width characters removed) before they are
compared or stored as keys (issue 12: `１０１` and `101` + a zero-width space became three "101동"
buildings)."""

from datetime import date

import pytest

from complexes.models import Building, Membership, Unit
from complexes.services import units_import
from core.text import building_key, code_key, name_key, normalise, unit_key
from fees import services as fees_services
from fees.models import Payment
from residents import services as residents_services

ZWSP = "\u200b"


@pytest.mark.parametrize(
    "text", ["101", "１０１", f"101{ZWSP}", "101동", "１０１동", f"{ZWSP}101 동", "\ufeff101\u2060"]
)
def test_every_writing_of_building_101_is_one_key(text):
    assert building_key(text) == "101"


def test_keys():
    assert unit_key("１２０３호") == unit_key(f"1203{ZWSP}") == "1203"
    assert name_key("홍 길동") == name_key(f"홍길{ZWSP}동") == name_key("홍\u3000길동") == "홍길동"
    assert code_key("ＡＢＣ１２-３４５ ６７") == "ABC1234567"
    assert normalise(None) == "" and normalise("  a \t b ") == "a b"


def test_unit_import_makes_one_building_of_three_writings(alpha):
    data = (
        "building,unit,floor,supply_area\n"
        f"101,901,9,59.9\n１０１,902,9,59.9\n101{ZWSP},903,9,59.9\n"
        f"１０１동,９０４호,9,59.9\n"
    ).encode()
    result = units_import(complex=alpha.complex, data=data, filename="u.csv")
    assert result.buildings_created == 0  # alpha's 101 already exists
    assert list(Building.objects.filter(complex=alpha.complex).values_list("name", flat=True)) == [
        "101"
    ]
    assert set(
        Unit.objects.filter(complex=alpha.complex, number__startswith="90").values_list(
            "number", flat=True
        )
    ) == {"901", "902", "903", "904"}
    # Importing the same units again in another writing changes nothing.
    again = units_import(
        complex=alpha.complex,
        data=f"building,unit,floor,supply_area\n１０１{ZWSP},９０１,9,59.9\n".encode(),
        filename="u.csv",
    )
    assert (again.created, again.unchanged) == (0, 1)


def test_register_import_matches_full_width_and_zero_width_units(alpha):
    data = (
        f"building,unit,kind,moved_in_on,name\n１０１동,８０４{ZWSP}호,lessee,2024-03-01,이서연\n"
    ).encode()
    assert (
        residents_services.register_import(
            complex=alpha.complex, data=data, filename="r.csv", by=None
        )
        == 1
    )
    assert alpha.lessee_unit.occupancies.get().name == "이서연"


def test_payments_import_matches_full_width_and_zero_width_units(alpha):
    data = (
        f"building,unit,paid_on,amount,reference\n１０１{ZWSP},１２０３,2026-10-21,54321,B-1\n"
    ).encode()
    fees_services.payments_import(complex=alpha.complex, data=data, filename="bank.csv")
    assert Payment.objects.get(complex=alpha.complex, reference="B-1").unit == alpha.unit
    assert Payment.objects.get(reference="B-1").paid_on == date(2026, 10, 21)


def test_building_and_unit_typed_in_forms_and_api_are_keys(alpha, api, as_user):
    api.force_authenticate(alpha.manager)
    r = api.post(
        "/api/v1/complexes/alpha/buildings/",
        {"name": f"１０１{ZWSP}동", "floors_above": 15, "floors_below": 0},
        format="json",
    )
    assert r.status_code == 400 and "같은 이름의 동이 이미 있습니다" in str(r.json())
    r = api.post(
        "/api/v1/complexes/alpha/units/",
        {"building": "101", "number": f"１２０３{ZWSP}", "floor": 12, "supply_area": "84.97"},
        format="json",
    )
    assert r.status_code == 400 and "이미 있습니다" in str(r.json())
    r = api.post(
        "/api/v1/complexes/alpha/units/",
        {"building": "101", "number": "１５０１호", "floor": 15, "supply_area": "84.97"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["number"] == "1501"


def test_join_code_and_name_typed_in_full_width_are_the_same(alpha, client):
    """The printed code and the register's name match whatever forms the phone typed."""
    from complexes.models import ResidentKind
    from tests.factories import UnitFactory, UserFactory
    from tests.residents.helpers import move_in
    from tests.residents.joining_helpers import slip

    unit = UnitFactory(building=alpha.building, number="1601", floor=16)
    move_in(unit, ResidentKind.OWNER, moved_in_on=date(2020, 1, 1), name="남궁민")
    user = UserFactory()
    client.force_login(user)
    code = slip(unit)
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in code)
    r = client.post("/join/", {"code": f"{wide[:5]}{ZWSP}{wide[5:]}", "name": f"남궁 ·민{ZWSP}"})
    assert r.status_code == 302
    assert Membership.objects.filter(
        user=user, unit=unit, role="resident", resident_kind="owner"
    ).exists()
