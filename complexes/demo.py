"""The demo's complexes, buildings, units, wards and people (../shared/domain/90-demo.md)."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from .models import (
    Building,
    Complex,
    DistrictOfficial,
    HeatingType,
    ManagementMethod,
    Membership,
    ResidentKind,
    Role,
    Unit,
    Ward,
)

DEMO_PASSWORD = "demo1234!"
AREAS = [(Decimal("59.90"), "59A"), (Decimal("84.97"), "84A"), (Decimal("114.50"), "114A")]

# hanbit: 6 buildings of 15–20 floors, 600 units; (name, floors, units per floor).
HANBIT_BUILDINGS = [
    ("101", 15, 6),
    ("102", 15, 6),
    ("103", 18, 5),
    ("104", 18, 5),
    ("105", 20, 6),
    ("106", 20, 6),
]
# 7 wards (Art. 17①: largest ≤ 2× smallest): (name, [(building, first floor, last floor)]).
HANBIT_WARDS = [
    ("제1선거구", [("101", 1, 15)]),
    ("제2선거구", [("102", 1, 15)]),
    ("제3선거구", [("103", 1, 18)]),
    ("제4선거구", [("104", 1, 18)]),
    ("제5선거구", [("105", 1, 13)]),
    ("제6선거구", [("105", 14, 20), ("106", 1, 6)]),
    ("제7선거구", [("106", 7, 20)]),
]
SAEBOM_BUILDINGS = [("201", 15, 4), ("202", 15, 4)]
SAEBOM_WARDS = [
    ("제1선거구", [("201", 1, 10)]),
    ("제2선거구", [("201", 11, 15), ("202", 1, 5)]),
    ("제3선거구", [("202", 6, 15)]),
]


def _build(complex_, buildings, wards):
    for name, floors, per_floor in buildings:
        building = Building.objects.create(complex=complex_, name=name, floors_above=floors)
        Unit.objects.bulk_create(
            Unit(
                complex=complex_,
                building=building,
                number=f"{floor}{line:02d}",
                floor=floor,
                supply_area=AREAS[(line - 1) * len(AREAS) // per_floor][0],
                type_label=AREAS[(line - 1) * len(AREAS) // per_floor][1],
            )
            for floor in range(1, floors + 1)
            for line in range(1, per_floor + 1)
        )
    for ward_name, parts in wards:
        ward = Ward.objects.create(complex=complex_, name=ward_name)
        units = []
        for building, low, high in parts:
            units += Unit.objects.filter(
                complex=complex_, building__name=building, floor__gte=low, floor__lte=high
            )
        ward.units.set(units)


def _user(email, name):
    user = get_user_model().objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
    return user


def _unit(complex_, building, number):
    return Unit.objects.get(complex=complex_, building__name=building, number=number)


def _people(complex_, domain, units):
    """office@, council@ (chair, an owner), resident@ (owner), lessee@, committee@, staff@."""
    office = _user(f"office@{domain}", "관리사무소장")
    Membership.objects.create(complex=complex_, user=office, role=Role.MANAGER)
    staff = _user(f"staff@{domain}", "관리사무소 직원")
    Membership.objects.create(complex=complex_, user=staff, role=Role.STAFF)
    council = _user(f"council@{domain}", "회장")
    Membership.objects.create(complex=complex_, user=council, role=Role.COUNCIL)
    Membership.objects.create(
        complex=complex_,
        user=council,
        role=Role.RESIDENT,
        unit=units["council"],
        resident_kind=ResidentKind.OWNER,
    )
    resident = _user(f"resident@{domain}", "입주자")
    Membership.objects.create(
        complex=complex_,
        user=resident,
        role=Role.RESIDENT,
        unit=units["resident"],
        resident_kind=ResidentKind.OWNER,
    )
    lessee = _user(f"lessee@{domain}", "임차인")
    Membership.objects.create(
        complex=complex_,
        user=lessee,
        role=Role.RESIDENT,
        unit=units["lessee"],
        resident_kind=ResidentKind.LESSEE,
    )
    committee = _user(f"committee@{domain}", "선거관리위원장")
    Membership.objects.create(complex=complex_, user=committee, role=Role.COMMITTEE)
    Membership.objects.create(
        complex=complex_,
        user=committee,
        role=Role.RESIDENT,
        unit=units["committee"],
        resident_kind=ResidentKind.OWNER,
    )


def seed() -> dict:
    hanbit = Complex.objects.create(
        slug="hanbit",
        name="한빛아파트",
        address="서울특별시 강남구 한빛로 10",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2009, 6, 30),
        heating_type=HeatingType.CENTRAL,
        management_method=ManagementMethod.COMMISSIONED,
    )
    _build(hanbit, HANBIT_BUILDINGS, HANBIT_WARDS)
    _people(
        hanbit,
        "hanbit.demo",
        {
            "council": _unit(hanbit, "101", "1201"),
            "resident": _unit(hanbit, "101", "1203"),
            "lessee": _unit(hanbit, "102", "804"),
            "committee": _unit(hanbit, "103", "502"),
        },
    )
    saebom = Complex.objects.create(
        slug="saebom",
        name="새봄아파트",
        address="서울특별시 강남구 새봄길 5",
        district_code="11680",
        district_name="강남구",
        approved_on=date(2016, 3, 15),
        heating_type=HeatingType.DISTRICT,
        management_method=ManagementMethod.SELF,
    )
    _build(saebom, SAEBOM_BUILDINGS, SAEBOM_WARDS)
    _people(
        saebom,
        "saebom.demo",
        {
            "council": _unit(saebom, "201", "301"),
            "resident": _unit(saebom, "201", "1002"),
            "lessee": _unit(saebom, "202", "503"),
            "committee": _unit(saebom, "202", "1104"),
        },
    )
    official = _user("official@gangnam.demo", "강남구 주택과")
    DistrictOfficial.objects.create(user=official, district_code="11680", district_name="강남구")
    admin = get_user_model().objects.create_superuser(
        email="admin@portal.demo", password=DEMO_PASSWORD, name="플랫폼 관리자"
    )
    return {"hanbit": hanbit, "saebom": saebom, "official": official, "admin": admin}


DEMO_LOGINS = [
    ("office@hanbit.demo", "한빛아파트 관리사무소장"),
    ("staff@hanbit.demo", "한빛아파트 관리사무소 직원"),
    ("council@hanbit.demo", "한빛아파트 입주자대표회의 회장 (101동 1201호 소유자)"),
    ("resident@hanbit.demo", "한빛아파트 입주자 (101동 1203호 소유자)"),
    ("lessee@hanbit.demo", "한빛아파트 임차인 (102동 804호)"),
    ("committee@hanbit.demo", "한빛아파트 선거관리위원장"),
    (
        "office@saebom.demo",
        "새봄아파트 관리사무소장 (staff@, council@, resident@, lessee@, committee@ 도 같은 방식)",
    ),
    ("newcomer@hanbit.demo", "한빛아파트 가입 승인 대기 (관리사무소 › 가입 승인에서 처리)"),
    ("official@gangnam.demo", "강남구 자치구 담당자 (한빛·새봄 포함)"),
    ("admin@portal.demo", "플랫폼 관리자 (/admin/)"),
    (
        "가입 코드 HANBT-NEW23",
        "새 계정으로 /join/ 에서 성명 '정새봄' 입력 → 한빛 106동 1803호 소유자",
    ),
]
