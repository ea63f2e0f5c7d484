"""Writes to the tenant's structure: complexes, buildings, units, wards, roles."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from core.errors import ApplicationError
from core.tabular import ImportProblems, Source, parse_decimal, parse_int, read_table
from core.text import building_key, unit_key

from .models import (
    Building,
    Complex,
    Invitation,
    Membership,
    ResidentKind,
    Role,
    Unit,
    UnsoldUnit,
    Ward,
)

UNIT_COLUMNS_REQUIRED = ["building", "unit", "floor", "supply_area"]
UNIT_COLUMNS_OPTIONAL = ["type"]
INVITATION_DAYS = 14


def complex_create(*, slug, name, district_code, district_name, approved_on, **facts) -> Complex:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,49}", slug or ""):
        raise ApplicationError(
            "slug는 영문 소문자, 숫자, '-'로 2~50자여야 합니다.", {"field": "slug"}
        )
    if not re.fullmatch(r"\d{5}", district_code or ""):
        raise ApplicationError(
            "자치구 코드는 5자리 숫자입니다 (예: 11680).", {"field": "district_code"}
        )
    if Complex.objects.filter(slug=slug).exists():
        raise ApplicationError(f"'{slug}' 단지가 이미 있습니다.", {"field": "slug"})
    return Complex.objects.create(
        slug=slug,
        name=name,
        district_code=district_code,
        district_name=district_name,
        approved_on=approved_on,
        **facts,
    )


@dataclass
class UnitImportResult:
    created: int
    updated: int
    unchanged: int
    buildings_created: int


def units_import(*, complex: Complex, data: Source, filename: str) -> UnitImportResult:
    """Import units from CSV/XLSX `building,unit,floor,supply_area[,type]`.

    All-or-nothing: any bad row (unknown column, duplicate unit, non-positive area, floor not a
    number) writes nothing, and every bad row is reported by line and column. Re-importing the
    same file changes nothing; a changed floor, area or type updates the unit.
    """
    rows = read_table(data, filename, UNIT_COLUMNS_REQUIRED, UNIT_COLUMNS_OPTIONAL)
    problems = ImportProblems()
    parsed = {}
    first_line = {}
    for row in rows:
        building = building_key(row.values["building"])
        number = unit_key(row.values["unit"])
        if not building:
            problems.add(row.line, "building", "동이 비어 있습니다.")
        elif len(building) > 20:
            problems.add(row.line, "building", "동 이름은 20자 이내여야 합니다.")
        if not number:
            problems.add(row.line, "unit", "호가 비어 있습니다.")
        elif len(number) > 10:
            problems.add(row.line, "unit", "호는 10자 이내여야 합니다.")
        floor = parse_int(problems, row, "floor", min_value=-99, max_value=999)
        if floor is not None and not -10 <= floor <= 200:
            problems.add(row.line, "floor", f"층이 범위를 벗어났습니다: {floor}")
            floor = None
        area = parse_decimal(problems, row, "supply_area", places=2, max_digits=8)
        if area is not None and area <= 0:
            problems.add(row.line, "supply_area", f"공급면적은 0보다 커야 합니다: {area}")
            area = None
        elif area is not None and area >= 1_000_000:
            problems.add(row.line, "supply_area", f"공급면적이 너무 큽니다: {area}")
            area = None
        type_label = row.values.get("type", "")
        if len(type_label) > 20:
            problems.add(row.line, "type", "타입은 20자 이내여야 합니다.")
        key = (building, number)
        if building and number:
            if key in first_line:
                problems.add(
                    row.line, "unit", f"{building}동 {number}호가 {first_line[key]}행과 중복됩니다."
                )
                continue
            first_line[key] = row.line
        parsed[row.line] = (building, number, floor, area, type_label)
    problems.raise_if_any()

    with transaction.atomic():
        buildings = {b.name: b for b in Building.objects.filter(complex=complex)}
        existing = {
            (u.building.name, u.number): u
            for u in Unit.objects.filter(complex=complex).select_related("building")
        }
        buildings_created = created = updated = unchanged = 0
        to_create, to_update = [], []
        for building_name, number, floor, area, type_label in parsed.values():
            building = buildings.get(building_name)
            if building is None:
                building = Building.objects.create(complex=complex, name=building_name)
                buildings[building_name] = building
                buildings_created += 1
            unit = existing.get((building_name, number))
            if unit is None:
                to_create.append(
                    Unit(
                        complex=complex,
                        building=building,
                        number=number,
                        floor=floor,
                        supply_area=area,
                        type_label=type_label,
                    )
                )
            elif (unit.floor, unit.supply_area, unit.type_label) != (floor, area, type_label):
                unit.floor, unit.supply_area, unit.type_label = floor, area, type_label
                to_update.append(unit)
            else:
                unchanged += 1
        Unit.objects.bulk_create(to_create, batch_size=1000)
        Unit.objects.bulk_update(to_update, ["floor", "supply_area", "type_label"], batch_size=1000)
        created, updated = len(to_create), len(to_update)
        for building in buildings.values():
            top = max(
                (u.floor for u in to_create + to_update if u.building_id == building.pk),
                default=None,
            )
            if top is not None and (building.floors_above or 0) < top:
                building.floors_above = top
                building.save(update_fields=["floors_above"])
    return UnitImportResult(created, updated, unchanged, buildings_created)


def _delete_unless_kept(obj, what: str) -> None:
    """Delete, unless other apps' records (register, complaints, bills, council seats, votes)
    still refer to it: those are kept for years (Art. 64①), so refuse with a message."""
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as e:
        raise ApplicationError(
            f"{what}에 입주자명부·민원·관리비·회의·선거 등 기록이 있어 삭제할 수 없습니다."
        ) from e


def unit_delete(*, unit: Unit) -> None:
    if unit.memberships.exists():
        raise ApplicationError(f"{unit.label}에 연결된 입주자 계정이 있어 삭제할 수 없습니다.")
    _delete_unless_kept(unit, unit.label)


def building_delete(*, building: Building) -> None:
    if building.units.exists():
        raise ApplicationError(
            f"{building}에 세대가 있어 삭제할 수 없습니다. 세대를 먼저 삭제하세요."
        )
    _delete_unless_kept(building, str(building))


def ward_delete(*, ward: Ward) -> None:
    _delete_unless_kept(ward, f"'{ward.name}' 선거구")


def ward_save(*, ward: Ward, buildings, units) -> Ward:
    """Art. 17: a ward is whole buildings or parts of buildings; no unit may be in two wards."""
    complex_ = ward.complex
    buildings, units = list(buildings), list(units)
    if any(b.complex_id != complex_.pk for b in buildings) or any(
        u.complex_id != complex_.pk for u in units
    ):
        raise ApplicationError("다른 단지의 동이나 세대는 선거구에 넣을 수 없습니다.")
    if not buildings and not units:
        raise ApplicationError("선거구에는 동이나 세대가 하나 이상 있어야 합니다.")
    mine = {u.pk for u in units} | set(
        Unit.objects.filter(building__in=buildings).values_list("pk", flat=True)
    )
    for other in Ward.objects.filter(complex=complex_).exclude(pk=ward.pk):
        overlap = mine & set(other.unit_queryset().values_list("pk", flat=True))
        if overlap:
            raise ApplicationError(
                f"'{other.name}' 선거구와 세대 {len(overlap)}개가 겹칩니다. "
                "한 세대는 한 선거구에만 속합니다 (제17조)."
            )
    with transaction.atomic():
        try:
            ward.save()
        except IntegrityError as e:
            raise ApplicationError(f"'{ward.name}' 선거구가 이미 있습니다.") from e
        ward.buildings.set(buildings)
        ward.units.set(units)
    return ward


def membership_grant(*, complex, user, role, unit=None, resident_kind="") -> Membership:
    if role == Role.RESIDENT:
        if unit is None or unit.complex_id != complex.pk:
            raise ApplicationError("입주자는 이 단지의 세대를 지정해야 합니다.")
        if resident_kind not in ResidentKind.values:
            raise ApplicationError("입주자(소유자) 또는 사용자(임차인)를 선택하세요.")
    else:
        unit, resident_kind = None, ""
    membership, _ = Membership.objects.get_or_create(
        complex=complex,
        user=user,
        role=role,
        unit=unit,
        defaults={"resident_kind": resident_kind},
    )
    return membership


def membership_revoke(*, membership: Membership, by) -> None:
    if membership.user_id == by.pk and membership.role == Role.MANAGER:
        raise ApplicationError("자기 자신의 관리사무소장 역할은 해제할 수 없습니다.")
    membership.delete()


def invitation_create(*, complex, email, role, by, unit=None, resident_kind="") -> Invitation:
    """Office managers invite staff and anyone else; staff may invite residents only."""
    email = email.strip().lower()
    if role == Role.RESIDENT and (unit is None or resident_kind not in ResidentKind.values):
        raise ApplicationError("입주자를 초대하려면 세대와 입주 구분을 지정하세요.")
    if role != Role.RESIDENT:
        unit, resident_kind = None, ""
    return Invitation.objects.create(
        complex=complex,
        email=email,
        role=role,
        unit=unit,
        resident_kind=resident_kind,
        created_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise ApplicationError("이미 사용한 초대입니다.")
        if invitation.expires_at < timezone.now():
            raise ApplicationError("초대 기간이 지났습니다. 관리사무소에 다시 요청하세요.")
        if invitation.email != user.email.lower():
            raise ApplicationError(
                f"이 초대는 {invitation.email} 계정용입니다. 그 이메일로 로그인해 주세요."
            )
        membership = membership_grant(
            complex=invitation.complex,
            user=user,
            role=invitation.role,
            unit=invitation.unit,
            resident_kind=invitation.resident_kind,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


# --- unsold units (seed 004, 시행령 31조⑦; the month rule: complexes/unsold.py) ---------------


def unsold_mark(*, unit, developer: str, since: date, sold_on: date | None = None):
    """seed 004: a unit not yet sold — its reserve is billed to the developer."""
    if not (developer or "").strip():
        raise ApplicationError("사업주체를 적어 주세요.")
    if sold_on and sold_on < since:
        raise ApplicationError("분양일이 미분양 시작일보다 빠릅니다.")
    return UnsoldUnit.objects.create(
        complex=unit.complex, unit=unit, developer=developer.strip(), since=since, sold_on=sold_on
    )


def unsold_sold(*, unsold, sold_on: date):
    """The unit was sold on `sold_on`: from then on its bills are its owner's again (seed 004,
    시행령 31조⑦; a sale after the 1st leaves that month with the developer). A recorded sale
    date is part of what was billed and is not changed here."""
    if unsold.sold_on is not None:
        raise ApplicationError(
            f"{unsold.unit.label}의 분양일은 이미 {unsold.sold_on}로 기록되어 있습니다."
        )
    if sold_on < unsold.since:
        raise ApplicationError("분양일이 미분양 시작일보다 빠릅니다.")
    unsold.sold_on = sold_on
    unsold.save(update_fields=["sold_on"])  # its bill pages are forgotten (fees.receivers)
    return unsold
