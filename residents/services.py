"""Writes of the residents app: the register, voters, complaints and notices.

Every rule names its article; views, serializers and forms only call these functions.
"""

import re
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from complexes.models import Building, Membership, ResidentKind, Role, Unit, Ward
from core import hooks
from core.errors import ApplicationError
from core.tabular import ImportProblems, Source, read_table
from core.text import building_key, unit_key
from core.uploads import check_upload, sniff_content_type

from . import selectors
from .models import (
    DISPUTE_CATEGORIES,
    Audience,
    ChangeRequestStatus,
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintEvent,
    ComplaintStatus,
    DisputeStep,
    EventKind,
    HouseholdMember,
    Notice,
    NoticeAttachment,
    Occupancy,
    RegisterChangeRequest,
    ResidentSettings,
    ResidentSettingsChange,
    Vehicle,
    VoterBasis,
    VoterDesignation,
)

# --- attachments ----------------------------------------------------------------------------

MAX_ATTACHMENTS = 5


def validate_upload(upload) -> str:
    """Images (JPEG, PNG, GIF, WebP) and PDFs only, each within the upload limit (issue 3;
    the limit is core/uploads.py's, the same for every upload)."""
    name = getattr(upload, "name", "파일")
    check_upload(upload, field="files")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ApplicationError(
            f"'{name}'은(는) 올릴 수 없는 형식입니다. 사진(JPG, PNG, GIF, WebP)과 PDF만 올릴 수 있습니다.",
            {"field": "files"},
        )
    return content_type


def _check_uploads(files) -> list:
    files = list(files or [])
    if len(files) > MAX_ATTACHMENTS:
        raise ApplicationError(f"첨부는 한 번에 {MAX_ATTACHMENTS}개까지입니다.", {"field": "files"})
    return [(f, validate_upload(f)) for f in files]


def _short_name(name: str) -> str:
    return (name or "file")[-200:]


# --- settings -------------------------------------------------------------------------------


def settings_update(*, complex, by, **values) -> ResidentSettings:
    """Per-complex settings; every change recorded."""
    obj = selectors.settings_for(complex=complex)
    with transaction.atomic():
        for name, value in values.items():
            old = getattr(obj, name)
            if old != value:
                ResidentSettingsChange.objects.create(
                    complex=complex,
                    field=name,
                    old_value=str(old),
                    new_value=str(value),
                    changed_by=by,
                )
                setattr(obj, name, value)
        obj.save()
    return obj


# --- the register ---------------------------------------------------------------------------

OCCUPANCY_FIELDS = [
    "name",
    "birth_date",
    "phone",
    "home_phone",
    "email",
    "owner_name",
    "owner_address",
    "owner_phone",
    "consent_on",
    "memo",
]
# What a resident may ask to correct in their own entry.
CORRECTABLE_FIELDS = [
    "name",
    "birth_date",
    "phone",
    "home_phone",
    "email",
    "owner_name",
    "owner_address",
    "owner_phone",
]


def _overlapping(unit, kind, start: date, end: date | None, exclude_pk=None):
    """Entries of the same unit and kind whose residency overlaps [start, end].

    A household may move in on the day the previous one of the same kind moves out (the
    handover day is shared); anything more is an overlap."""
    overlap = Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=start)
    if end is not None:
        overlap &= Q(moved_in_on__lt=end)
    qs = Occupancy.objects.filter(complex_id=unit.complex_id, unit=unit, kind=kind).filter(
        overlap | Q(moved_in_on=start)
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("moved_in_on")


def _overlap_error(unit, kind, other: Occupancy) -> ApplicationError:
    until = f"{other.moved_out_on:%Y-%m-%d}" if other.moved_out_on else "현재"
    label = ResidentKind(kind).label
    return ApplicationError(
        f"{unit.label}에 이미 {label} 입주 기록({other.moved_in_on:%Y-%m-%d}~{until})이 있어 "
        "기간이 겹칩니다. 먼저 이전 세대의 전출을 기록하세요.",
        {"field": "moved_in_on", "occupancy": other.pk},
    )


def _clean_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not re.fullmatch(r"[0-9+\-() ]{7,20}", value):
        raise ApplicationError(f"전화번호 형식이 맞지 않습니다: '{value}'", {"field": "phone"})
    return value


def _check_fields(fields: dict, kind: str, moved_in_on: date | None = None) -> dict:
    fields = {k: v for k, v in fields.items() if k in OCCUPANCY_FIELDS}
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"]:
            raise ApplicationError("성명을 입력하세요.", {"field": "name"})
    for key in ("phone", "home_phone", "owner_phone"):
        if key in fields:
            fields[key] = _clean_phone(fields[key])
    birth = fields.get("birth_date")
    if birth and birth > selectors.today():
        raise ApplicationError("생년월일이 오늘 이후입니다.", {"field": "birth_date"})
    if kind == ResidentKind.OWNER:
        for key in ("owner_name", "owner_address", "owner_phone"):
            fields[key] = ""
    return fields


def _check_membership(unit, kind, membership):
    if membership is None:
        return
    if (
        membership.complex_id != unit.complex_id
        or membership.role != Role.RESIDENT
        or membership.unit_id != unit.pk
    ):
        raise ApplicationError(
            "이 세대의 입주자 계정만 연결할 수 있습니다.", {"field": "membership"}
        )
    if membership.resident_kind != kind:
        raise ApplicationError(
            "계정의 입주 구분(소유자/임차인)이 명부와 다릅니다.", {"field": "membership"}
        )


def occupancy_move_in(
    *,
    unit: Unit,
    kind: str,
    moved_in_on: date,
    by,
    membership: Membership | None = None,
    vehicles=(),
    members=(),
    **fields,
) -> Occupancy:
    """Record a household moving in (Art. 9①②: residency begins when ownership or the lease
    starts; Art. 9③: the register of 별지 1). Overlapping residencies of the same kind in the
    same unit are refused. `vehicles` are (plate, car_type); `members` (relation, name,
    birth_date, phone)."""
    if kind not in ResidentKind.values:
        raise ApplicationError("입주 구분(소유자/사용자)을 선택하세요.", {"field": "kind"})
    if moved_in_on is None:
        raise ApplicationError("입주일을 입력하세요.", {"field": "moved_in_on"})
    fields = _check_fields(fields, kind, moved_in_on)
    if not fields.get("name"):
        raise ApplicationError("성명을 입력하세요.", {"field": "name"})
    _check_membership(unit, kind, membership)
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=unit.pk)
        other = _overlapping(unit, kind, moved_in_on, None).first()
        if other is not None:
            raise _overlap_error(unit, kind, other)
        if membership is None:
            membership = _sole_unlinked_account(unit, kind)
        occupancy = Occupancy.objects.create(
            complex_id=unit.complex_id,
            unit=unit,
            kind=kind,
            moved_in_on=moved_in_on,
            membership=membership,
            created_by=by,
            **fields,
        )
        _replace_details(occupancy, vehicles, members)
    return occupancy


def _sole_unlinked_account(unit, kind):
    linked = Occupancy.objects.filter(
        complex_id=unit.complex_id, unit=unit, membership__isnull=False, moved_out_on__isnull=True
    ).values("membership_id")
    accounts = list(
        Membership.objects.filter(
            complex_id=unit.complex_id, unit=unit, role=Role.RESIDENT, resident_kind=kind
        ).exclude(pk__in=linked)[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


def _replace_details(occupancy, vehicles, members):
    occupancy.vehicles.all().delete()
    occupancy.members.all().delete()
    Vehicle.objects.bulk_create(
        Vehicle(
            complex_id=occupancy.complex_id,
            occupancy=occupancy,
            plate=p.strip(),
            car_type=(t or "").strip(),
        )
        for p, t in vehicles
        if p and p.strip()
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            complex_id=occupancy.complex_id,
            occupancy=occupancy,
            relation=(r or "").strip() or "가족",
            name=n.strip(),
            birth_date=b,
            phone=(ph or "").strip(),
        )
        for r, n, b, ph in members
        if n and n.strip()
    )


def occupancy_update(
    *, occupancy: Occupancy, by, membership="keep", vehicles=None, members=None, **fields
) -> Occupancy:
    """Office correction of an entry (not of its dates: moving out has its own service)."""
    if occupancy.anonymised_at:
        raise ApplicationError("개인정보를 파기한 명부는 수정할 수 없습니다.")
    fields = _check_fields(fields, occupancy.kind)
    with transaction.atomic():
        for key, value in fields.items():
            setattr(occupancy, key, value)
        if membership != "keep":
            _check_membership(occupancy.unit, occupancy.kind, membership)
            occupancy.membership = membership
        occupancy.save()
        if vehicles is not None or members is not None:
            _replace_details(
                occupancy,
                vehicles
                if vehicles is not None
                else [(v.plate, v.car_type) for v in occupancy.vehicles.all()],
                members
                if members is not None
                else [(m.relation, m.name, m.birth_date, m.phone) for m in occupancy.members.all()],
            )
    return occupancy


def occupancy_move_out(*, occupancy: Occupancy, moved_out_on: date, by) -> Occupancy:
    """THE place a household moves out (Art. 9①②: residency ends when ownership or the lease
    is lost). The date is required and not before the move-in date. The household's voter
    designation ends the same day (Art. 12). Fires the in-transaction hook
    `residents.occupancy_moved_out` (core/hooks.py): fees settles the household there (Art. 85②,
    and for an owner the fee-deposit refund), and a failing settlement rolls the move-out back. The resident's account keeps read access to its residency window
    (the final settlement bill), but no more."""
    if moved_out_on is None:
        raise ApplicationError("전출일을 입력하세요.", {"field": "moved_out_on"})
    with transaction.atomic():
        occupancy = (
            Occupancy.objects.select_for_update()
            .select_related("unit__building")
            .get(pk=occupancy.pk)
        )
        if occupancy.moved_out_on is not None:
            raise ApplicationError(
                f"이미 {occupancy.moved_out_on:%Y-%m-%d}에 전출한 세대입니다.",
                {"field": "moved_out_on"},
            )
        if moved_out_on < occupancy.moved_in_on:
            raise ApplicationError(
                f"전출일({moved_out_on:%Y-%m-%d})이 입주일({occupancy.moved_in_on:%Y-%m-%d})보다 빠릅니다.",
                {"field": "moved_out_on"},
            )
        occupancy.moved_out_on = moved_out_on
        occupancy.save(update_fields=["moved_out_on", "updated_at"])
        VoterDesignation.objects.filter(
            complex_id=occupancy.complex_id, occupancy=occupancy, ended_on__isnull=True
        ).update(ended_on=moved_out_on)
        hooks.fire("residents.occupancy_moved_out", occupancy=occupancy, by=by)
    return occupancy


def occupancy_mark_settled(*, occupancy: Occupancy, settled_on: date, by=None) -> Occupancy:
    """The fees of a moved-out household are settled: its retention period (별지 1: 입주일로부터
    관리비등의 정산을 완료하고 전출한 날까지) now runs out after the complex's grace days."""
    with transaction.atomic():
        occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
        if occupancy.moved_out_on is None:
            raise ApplicationError("전출하지 않은 세대는 정산 완료로 표시할 수 없습니다.")
        if settled_on < occupancy.moved_out_on:
            raise ApplicationError("정산 완료일은 전출일 이후여야 합니다.")
        occupancy.settled_on = settled_on
        occupancy.save(update_fields=["settled_on", "updated_at"])
    return occupancy


def occupancy_anonymise(*, occupancy: Occupancy) -> bool:
    """Erase an entry's personal data once its retention ended (별지 1 보유기간; 개인정보
    보호법 제21조). Keeps unit, kind and dates, which the fee history needs (Art. 13②, 16;
    accounting records ≥ 5 years, Art. 64①6). Idempotent: False when already done."""
    with transaction.atomic():
        occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
        if occupancy.anonymised_at:
            return False
        for key in OCCUPANCY_FIELDS:
            if key in ("birth_date", "consent_on"):
                setattr(occupancy, key, None)
            else:
                setattr(occupancy, key, "")
        occupancy.name = "(파기됨)"
        occupancy.anonymised_at = timezone.now()
        occupancy.save()
        occupancy.vehicles.all().delete()
        occupancy.members.all().delete()
        occupancy.change_requests.all().delete()
        for designation in occupancy.voter_designations.exclude(document=""):
            designation.document.delete(save=False)
        occupancy.voter_designations.update(voter_name="(파기됨)", document="")
    return True


def register_purge_due(*, complex, on: date | None = None):
    """Entries whose retention ended: moved out, fees settled, plus the grace days."""
    on = on or selectors.today()
    grace = selectors.settings_for(complex=complex).register_grace_days

    return Occupancy.objects.filter(
        complex=complex,
        anonymised_at__isnull=True,
        moved_out_on__isnull=False,
        settled_on__isnull=False,
        settled_on__lte=on - timedelta(days=grace),
    )


# --- import ---------------------------------------------------------------------------------

REGISTER_COLUMNS_REQUIRED = ["building", "unit", "kind", "moved_in_on", "name"]
REGISTER_COLUMNS_OPTIONAL = [
    "birth_date",
    "phone",
    "email",
    "cars",
    "owner_name",
    "owner_address",
    "owner_phone",
    "consent_on",
]
KIND_WORDS = {
    "owner": ResidentKind.OWNER,
    "소유자": ResidentKind.OWNER,
    "입주자": ResidentKind.OWNER,
    "lessee": ResidentKind.LESSEE,
    "사용자": ResidentKind.LESSEE,
    "임차인": ResidentKind.LESSEE,
}


def _parse_date(problems, row, column, required=False):
    text = row.values.get(column, "")
    if not text:
        if required:
            problems.add(row.line, column, "값이 비어 있습니다.")
        return None
    try:
        return date.fromisoformat(text.replace(".", "-").replace("/", "-")[:10])
    except ValueError:
        problems.add(row.line, column, f"날짜 형식(YYYY-MM-DD)이 아닙니다: '{text}'")
        return None


def _parse_cars(text: str) -> list[tuple[str, str]]:
    """'12가3456(쏘나타); 34나5678' → [('12가3456', '쏘나타'), ('34나5678', '')]."""
    cars = []
    for part in re.split(r"[;/]", text or ""):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(.+?)\s*\((.*)\)", part)
        cars.append((m.group(1).strip(), m.group(2).strip()) if m else (part, ""))
    return cars


def register_import(*, complex, data: Source, filename: str, by) -> int:
    """Import current residents from CSV/XLSX (별지 1 fields): `building, unit, kind,
    moved_in_on, name` and optionally `birth_date, phone, email, cars, owner_name,
    owner_address, owner_phone, consent_on`. All-or-nothing, every bad row reported by line
    and column; a residency overlapping one already recorded (or another row) of the same unit
    and kind is refused (Art. 9①②). Returns the number of entries created."""
    rows = read_table(data, filename, REGISTER_COLUMNS_REQUIRED, REGISTER_COLUMNS_OPTIONAL)
    problems = ImportProblems()
    units = {
        (u.building.name, u.number): u
        for u in Unit.objects.filter(complex=complex).select_related("building")
    }
    parsed = []
    seen = {}
    existing = _entries_by_unit_kind(complex)
    for row in rows:
        v = row.values
        building = building_key(v["building"])  # `１０１` = `101\u200b` = 101 (core/text.py)
        number = unit_key(v["unit"])
        unit = units.get((building, number))
        if unit is None:
            problems.add(row.line, "unit", f"{building}동 {number}호가 이 단지에 없습니다.")
        kind = KIND_WORDS.get(v["kind"].strip().lower())
        if kind is None:
            problems.add(
                row.line, "kind", f"입주 구분은 소유자/사용자(owner/lessee)입니다: '{v['kind']}'"
            )
        moved_in_on = _parse_date(problems, row, "moved_in_on", required=True)
        if moved_in_on and moved_in_on > selectors.today():
            problems.add(row.line, "moved_in_on", "입주일이 오늘 이후입니다.")
            moved_in_on = None
        name = v["name"].strip()
        if not name:
            problems.add(row.line, "name", "성명이 비어 있습니다.")
        elif len(name) > 50:
            problems.add(row.line, "name", "성명은 50자 이내입니다.")
        birth = _parse_date(problems, row, "birth_date")
        if birth and birth > selectors.today():
            problems.add(row.line, "birth_date", "생년월일이 오늘 이후입니다.")
        consent = _parse_date(problems, row, "consent_on")
        fields = {"name": name, "birth_date": birth, "consent_on": consent}
        for key in ("phone", "owner_phone"):
            text = v.get(key, "")
            if text and not re.fullmatch(r"[0-9+\-() ]{7,20}", text):
                problems.add(row.line, key, f"전화번호 형식이 맞지 않습니다: '{text}'")
            fields[key] = text
        for key in ("email", "owner_name", "owner_address"):
            fields[key] = v.get(key, "")
        if kind == ResidentKind.OWNER:
            fields.update(owner_name="", owner_address="", owner_phone="")
        if unit and kind and moved_in_on:
            key = (unit.pk, kind)
            if key in seen:
                problems.add(
                    row.line,
                    "unit",
                    f"{unit.label} {ResidentKind(kind).label}가 {seen[key]}행과 중복됩니다.",
                )
                continue
            seen[key] = row.line
            other = _first_overlap(existing.get(key, []), moved_in_on)
            if other is not None:
                problems.add(row.line, "moved_in_on", _overlap_error(unit, kind, other).message)
        parsed.append((unit, kind, moved_in_on, fields, _parse_cars(v.get("cars", ""))))
    problems.raise_if_any()
    with transaction.atomic():
        # Lock the units, then check again what a concurrent move-in may have added.
        list(Unit.objects.select_for_update().filter(pk__in={u.pk for u, *_ in parsed}))
        existing = _entries_by_unit_kind(complex)
        for unit, kind, moved_in_on, _fields, _cars in parsed:
            other = _first_overlap(existing.get((unit.pk, kind), []), moved_in_on)
            if other is not None:
                raise _overlap_error(unit, kind, other)
        linked = set(
            Occupancy.objects.filter(
                complex=complex, membership__isnull=False, moved_out_on__isnull=True
            ).values_list("membership_id", flat=True)
        )
        accounts = {}
        for m in Membership.objects.filter(complex=complex, role=Role.RESIDENT).exclude(
            pk__in=linked
        ):
            accounts.setdefault((m.unit_id, m.resident_kind), []).append(m)
        occupancies = []
        for unit, kind, moved_in_on, fields, _cars in parsed:
            sole = accounts.get((unit.pk, kind), [])
            occupancies.append(
                Occupancy(
                    complex=complex,
                    unit=unit,
                    kind=kind,
                    moved_in_on=moved_in_on,
                    membership=sole[0] if len(sole) == 1 else None,
                    created_by=by,
                    **fields,
                )
            )
        Occupancy.objects.bulk_create(occupancies, batch_size=1000)
        Vehicle.objects.bulk_create(
            (
                Vehicle(complex=complex, occupancy=o, plate=plate, car_type=car_type)
                for o, (*_, cars) in zip(occupancies, parsed, strict=True)
                for plate, car_type in cars
            ),
            batch_size=1000,
        )
        selectors.forget_windows(unit_ids={o.unit_id for o in occupancies})
    return len(parsed)


def _entries_by_unit_kind(complex) -> dict:
    existing = {}
    for o in Occupancy.objects.filter(complex=complex).only(
        "pk", "unit_id", "kind", "moved_in_on", "moved_out_on"
    ):
        existing.setdefault((o.unit_id, o.kind), []).append(o)
    return existing


def _first_overlap(entries, start: date):
    """The same test as `_overlapping(…, start, None)`, on entries already loaded."""
    for o in sorted(entries, key=lambda o: o.moved_in_on):
        if o.moved_in_on == start or o.moved_out_on is None or o.moved_out_on > start:
            return o
    return None


# --- resident corrections -------------------------------------------------------------------


def change_request_create(*, occupancy: Occupancy, changes: dict, by) -> RegisterChangeRequest:
    """A resident asks to correct their own entry; nothing changes until the office confirms."""
    if occupancy.anonymised_at or occupancy.moved_out_on:
        raise ApplicationError("전출한 세대의 명부는 수정을 요청할 수 없습니다.")
    clean = {}
    for key, value in changes.items():
        if key not in CORRECTABLE_FIELDS:
            continue
        current = getattr(occupancy, key)
        value = value.isoformat() if isinstance(value, date) else (value or "").strip()
        if (current.isoformat() if isinstance(current, date) else (current or "")) != value:
            clean[key] = value
    if not clean:
        raise ApplicationError("바뀐 내용이 없습니다.")
    return RegisterChangeRequest.objects.create(
        complex_id=occupancy.complex_id, occupancy=occupancy, changes=clean, requested_by=by
    )


def change_request_decide(
    *, request: RegisterChangeRequest, approve: bool, by, reason: str = ""
) -> RegisterChangeRequest:
    with transaction.atomic():
        request = RegisterChangeRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ChangeRequestStatus.PENDING:
            raise ApplicationError("이미 처리한 요청입니다.")
        if approve:
            fields = dict(request.changes)
            if fields.get("birth_date"):
                fields["birth_date"] = date.fromisoformat(fields["birth_date"])
            elif "birth_date" in fields:
                fields["birth_date"] = None
            occupancy_update(occupancy=request.occupancy, by=by, **fields)
        request.status = ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.REJECTED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.reason = reason[:200]
        request.save()
    return request


# --- voters ---------------------------------------------------------------------------------


def voter_designate(
    *,
    occupancy: Occupancy,
    voter_name: str,
    basis: str,
    by,
    valid_from: date | None = None,
    membership: Membership | None = None,
    document=None,
) -> VoterDesignation:
    """Name the household's one voter (Art. 12①: one vote per unit; co-owners name one in
    writing; Art. 12③: a non-head member votes for the registered head with a power of
    attorney). Replaces the unit's current designation — a unit has at most one at a time,
    for the owner and the lessee household together."""
    voter_name = (voter_name or "").strip()
    if not voter_name:
        raise ApplicationError("의결권자 성명을 입력하세요.", {"field": "voter_name"})
    if basis not in VoterBasis.values:
        raise ApplicationError("지정 근거를 선택하세요.", {"field": "basis"})
    if occupancy.moved_out_on is not None or occupancy.anonymised_at:
        raise ApplicationError("전출한 세대의 의결권자는 지정할 수 없습니다.")
    if basis in (VoterBasis.CO_OWNER, VoterBasis.PROXY) and not document:
        raise ApplicationError(
            "공유자 선임은 서면, 대리는 위임장을 첨부해야 합니다 (제12조①③).", {"field": "document"}
        )
    if basis == VoterBasis.CO_OWNER and occupancy.kind != ResidentKind.OWNER:
        raise ApplicationError("공유자 선임은 소유자 세대만 할 수 있습니다.", {"field": "basis"})
    if membership is not None and (
        membership.complex_id != occupancy.complex_id
        or membership.role != Role.RESIDENT
        or membership.unit_id != occupancy.unit_id
    ):
        raise ApplicationError(
            "이 세대의 입주자 계정만 지정할 수 있습니다.", {"field": "membership"}
        )
    if document is not None:
        validate_upload(document)
    valid_from = valid_from or selectors.today()
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=occupancy.unit_id)
        VoterDesignation.objects.filter(
            complex_id=occupancy.complex_id, unit_id=occupancy.unit_id, ended_on__isnull=True
        ).update(ended_on=valid_from)
        designation = VoterDesignation(
            complex_id=occupancy.complex_id,
            unit_id=occupancy.unit_id,
            occupancy=occupancy,
            voter_name=voter_name,
            basis=basis,
            membership=membership,
            valid_from=valid_from,
            recorded_by=by,
        )
        if document is not None:
            designation.document.save(_short_name(document.name), document, save=False)
        try:
            designation.save()
        except IntegrityError as e:  # a concurrent designation won
            raise ApplicationError(
                "다른 사용자가 동시에 의결권자를 지정했습니다. 다시 시도하세요."
            ) from e
    return designation


# --- complaints -----------------------------------------------------------------------------


def _event(
    complaint, kind, by, text="", *, internal=False, step="", happened_on=None, by_office=False
):
    event = ComplaintEvent.objects.create(
        complex_id=complaint.complex_id,
        complaint=complaint,
        kind=kind,
        text=text,
        internal=internal,
        step=step,
        happened_on=happened_on,
        actor=by,
        by_office=by_office,
    )
    if not internal:
        from .tasks import notify_complaint_event

        transaction.on_commit(lambda: notify_complaint_event.delay(event.pk))
    return event


def _attach(complaint, event, checked, by):
    for upload, content_type in checked:
        attachment = ComplaintAttachment(
            complex_id=complaint.complex_id,
            complaint=complaint,
            event=event,
            original_name=_short_name(upload.name),
            content_type=content_type,
            size=upload.size,
            uploaded_by=by,
        )
        attachment.file.save(_short_name(upload.name), upload, save=False)
        attachment.save()


def complaint_file(
    *,
    complex,
    by,
    category: str,
    title: str,
    body: str,
    unit: Unit | None = None,
    common_area: bool = False,
    location: str = "",
    channel: str = ComplaintChannel.ONLINE,
    reporter_name: str = "",
    reporter_phone: str = "",
    files=(),
    by_office: bool = False,
) -> Complaint:
    """File a complaint (K-apt; Art. 62①5). A resident files online for their own unit or a
    common area; the office also logs phone, walk-in and written complaints (Art. 64①9:
    민원처리기록부, 전화·방문·서면 민원 포함)."""
    if category not in ComplaintCategory.values:
        raise ApplicationError("분류를 선택하세요.", {"field": "category"})
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ApplicationError("제목을 입력하세요.", {"field": "title"})
    if not body:
        raise ApplicationError("내용을 입력하세요.", {"field": "body"})
    if unit is not None and unit.complex_id != complex.pk:
        raise ApplicationError("이 단지의 세대가 아닙니다.", {"field": "unit"})
    if unit is None and not common_area:
        raise ApplicationError("세대 또는 공용부분을 선택하세요.", {"field": "unit"})
    if category in DISPUTE_CATEGORIES and unit is None:
        raise ApplicationError(
            "층간소음·간접흡연 민원은 피해 세대를 지정해야 합니다 (제71조①·제71조의3①).",
            {"field": "unit"},
        )
    if channel not in ComplaintChannel.values:
        raise ApplicationError("접수 경로를 선택하세요.", {"field": "channel"})
    if not by_office and channel != ComplaintChannel.ONLINE:
        raise ApplicationError("전화·방문·서면 민원은 관리사무소가 기록합니다.")
    checked = _check_uploads(files)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            complex=complex,
            unit=unit,
            common_area=common_area,
            location=(location or "").strip()[:100],
            category=category,
            title=title[:120],
            body=body,
            channel=channel,
            filed_by=None if by_office and channel != ComplaintChannel.ONLINE else by,
            reporter_name=(reporter_name or "").strip()[:50],
            reporter_phone=(reporter_phone or "").strip()[:20],
        )
        event = _event(
            complaint,
            EventKind.FILED,
            by,
            f"{ComplaintChannel(channel).label} 접수",
            by_office=by_office,
        )
        _attach(complaint, event, checked, by)
    return complaint


def _lock(complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def complaint_acknowledge(*, complaint: Complaint, by) -> Complaint:
    with transaction.atomic():
        complaint = _lock(complaint)
        if complaint.status != ComplaintStatus.RECEIVED:
            raise ApplicationError("이미 확인한 민원입니다.")
        complaint.status = ComplaintStatus.ACKNOWLEDGED
        complaint.acknowledged_at = timezone.now()
        complaint.save(update_fields=["status", "acknowledged_at"])
        _event(
            complaint,
            EventKind.ACKNOWLEDGED,
            by,
            "관리사무소가 민원을 확인했습니다.",
            by_office=True,
        )
    return complaint


def complaint_assign(*, complaint: Complaint, assignee, by) -> Complaint:
    """Assign to an office member of the complex; the complaint is then in progress."""
    if not Membership.objects.filter(
        complex_id=complaint.complex_id, user=assignee, role__in=[Role.STAFF, Role.MANAGER]
    ).exists():
        raise ApplicationError(
            "담당자는 이 단지의 관리사무소 직원이어야 합니다.", {"field": "assignee"}
        )
    with transaction.atomic():
        complaint = _lock(complaint)
        if complaint.status == ComplaintStatus.CLOSED:
            raise ApplicationError("완료된 민원은 배정할 수 없습니다. 먼저 다시 여세요.")
        complaint.assignee = assignee
        if complaint.acknowledged_at is None:
            complaint.acknowledged_at = timezone.now()
        complaint.status = ComplaintStatus.IN_PROGRESS
        complaint.save(update_fields=["assignee", "status", "acknowledged_at"])
        _event(
            complaint,
            EventKind.ASSIGNED,
            by,
            f"담당자: {assignee.name or assignee.email}",
            by_office=True,
        )
    return complaint


def complaint_comment(
    *,
    complaint: Complaint,
    by,
    text: str,
    by_office: bool,
    internal: bool = False,
    action: bool = False,
    files=(),
) -> ComplaintEvent:
    """A resident's comment, or an office action/comment/internal note (with photos)."""
    text = (text or "").strip()
    if not text and not files:
        raise ApplicationError("내용을 입력하세요.", {"field": "text"})
    if not by_office and (internal or action):
        raise ApplicationError("조치 기록과 내부 메모는 관리사무소만 남길 수 있습니다.")
    if not by_office and complaint.status == ComplaintStatus.CLOSED:
        raise ApplicationError("완료된 민원에는 의견을 남길 수 없습니다. 새 민원을 접수해 주세요.")
    checked = _check_uploads(files)
    with transaction.atomic():
        complaint = _lock(complaint)
        kind = EventKind.ACTION if action else EventKind.COMMENT
        if action and complaint.status in (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED):
            complaint.status = ComplaintStatus.IN_PROGRESS
            complaint.acknowledged_at = complaint.acknowledged_at or timezone.now()
            complaint.save(update_fields=["status", "acknowledged_at"])
        event = _event(complaint, kind, by, text, internal=internal, by_office=by_office)
        _attach(complaint, event, checked, by)
    return event


def complaint_close(*, complaint: Complaint, by, result: str) -> Complaint:
    """Close with a result the resident sees (K-apt: 처리 결과 통보)."""
    result = (result or "").strip()
    if not result:
        raise ApplicationError("처리 결과를 입력하세요.", {"field": "result"})
    with transaction.atomic():
        complaint = _lock(complaint)
        if complaint.status == ComplaintStatus.CLOSED:
            raise ApplicationError("이미 완료된 민원입니다.")
        complaint.status = ComplaintStatus.CLOSED
        complaint.result = result
        complaint.closed_at = timezone.now()
        complaint.acknowledged_at = complaint.acknowledged_at or complaint.closed_at
        complaint.save(update_fields=["status", "result", "closed_at", "acknowledged_at"])
        _event(complaint, EventKind.CLOSED, by, result, by_office=True)
    return complaint


def complaint_reopen(*, complaint: Complaint, by, reason: str) -> Complaint:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("다시 여는 사유를 입력하세요.", {"field": "text"})
    with transaction.atomic():
        complaint = _lock(complaint)
        if complaint.status != ComplaintStatus.CLOSED:
            raise ApplicationError("완료된 민원만 다시 열 수 있습니다.")
        complaint.status = ComplaintStatus.IN_PROGRESS
        complaint.closed_at = None
        complaint.save(update_fields=["status", "closed_at"])
        _event(complaint, EventKind.REOPENED, by, reason, by_office=True)
    return complaint


# The dispute paths (Arts. 71, 71-3): each step may follow only the listed previous ones.
NOISE_PATH = {
    DisputeStep.INVESTIGATED: {""},
    DisputeStep.STOP_REQUESTED: {DisputeStep.INVESTIGATED},
    DisputeStep.COMMITTEE_REFERRED: {DisputeStep.STOP_REQUESTED},
    DisputeStep.COMMITTEE_MEETING: {DisputeStep.COMMITTEE_REFERRED},
    DisputeStep.GUIDED_TO_DISPUTE_BODY: {DisputeStep.COMMITTEE_MEETING},
}
SMOKING_PATH = {
    DisputeStep.SMOKING_STOP_RECOMMENDED: {""},
    DisputeStep.GUIDED_TO_DISPUTE_BODY: {DisputeStep.SMOKING_STOP_RECOMMENDED},
}


def dispute_next_steps(complaint: Complaint) -> list[str]:
    path = NOISE_PATH if complaint.category == ComplaintCategory.NOISE else SMOKING_PATH
    if complaint.category not in DISPUTE_CATEGORIES or complaint.status == ComplaintStatus.CLOSED:
        return []
    return [step for step, before in path.items() if complaint.dispute_step in before]


def dispute_advance(
    *,
    complaint: Complaint,
    step: str,
    happened_on: date,
    by,
    text: str = "",
    source_unit: Unit | None = None,
    disclose_parties: bool | None = None,
) -> ComplaintEvent:
    """Record the next step of a floor-noise (Art. 71) or indirect-smoking (Art. 71-3) dispute.

    Noise: ① the office investigates, then may ask the source household to stop or soundproof;
    ③ if it continues, the noise committee is asked; ④ it meets both sides; ⑤ the office then
    GUIDES the parties to apply to the Seoul environmental dispute committee or the district's
    housing dispute committee (it does not refer). Smoking (Art. 71-3): ① the office recommends
    stopping; ③ then guides to the district dispute committee — no committee step. Steps cannot
    be skipped or repeated; both households are notified without being told who the other is,
    unless the office decides to disclose it (`disclose_parties`)."""
    if complaint.category not in DISPUTE_CATEGORIES:
        raise ApplicationError("층간소음·간접흡연 민원에만 분쟁 절차가 있습니다.")
    if happened_on is None:
        raise ApplicationError("날짜를 입력하세요.", {"field": "happened_on"})
    if happened_on > selectors.today():
        raise ApplicationError(
            "아직 오지 않은 날짜는 기록할 수 없습니다.", {"field": "happened_on"}
        )
    with transaction.atomic():
        complaint = _lock(complaint)
        allowed = dispute_next_steps(complaint)
        if step not in allowed:
            names = (
                ", ".join(DisputeStep(s).label for s in allowed)
                or "없음 (완료되었거나 마지막 단계)"
            )
            raise ApplicationError(
                f"지금 기록할 수 있는 단계가 아닙니다. 다음 단계: {names}", {"field": "step"}
            )
        if complaint.filed_at and happened_on < timezone.localtime(complaint.filed_at).date():
            raise ApplicationError("민원 접수일보다 앞선 날짜입니다.", {"field": "happened_on"})
        last = complaint.events.filter(kind=EventKind.DISPUTE_STEP).order_by("-pk").first()
        if last and last.happened_on and happened_on < last.happened_on:
            raise ApplicationError("앞 단계보다 앞선 날짜입니다.", {"field": "happened_on"})
        if source_unit is not None:
            if source_unit.complex_id != complaint.complex_id:
                raise ApplicationError("이 단지의 세대가 아닙니다.", {"field": "source_unit"})
            if source_unit.pk == complaint.unit_id:
                raise ApplicationError(
                    "발생 세대가 피해 세대와 같습니다.", {"field": "source_unit"}
                )
            complaint.source_unit = source_unit
        if (
            step
            in (
                DisputeStep.STOP_REQUESTED,
                DisputeStep.SMOKING_STOP_RECOMMENDED,
            )
            and complaint.source_unit is None
        ):
            raise ApplicationError(
                "발생 세대를 지정해야 중단 요청·권고를 기록할 수 있습니다.",
                {"field": "source_unit"},
            )
        if disclose_parties is not None:
            complaint.disclose_parties = disclose_parties
        complaint.dispute_step = step
        if complaint.status in (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED):
            complaint.status = ComplaintStatus.IN_PROGRESS
            complaint.acknowledged_at = complaint.acknowledged_at or timezone.now()
        complaint.save()
        event = _event(
            complaint,
            EventKind.DISPUTE_STEP,
            by,
            (text or "").strip() or DisputeStep(step).label,
            step=step,
            happened_on=happened_on,
            by_office=True,
        )
    return event


# --- notices --------------------------------------------------------------------------------


def notice_save(
    *,
    notice: Notice,
    by,
    files=(),
) -> Notice:
    """Save a notice. The audience names its target (a building or a ward of this complex);
    a statutory notice needs its kind and due date (60-disclosure.md); expiry after publish."""
    if not (notice.title or "").strip():
        raise ApplicationError("제목을 입력하세요.", {"field": "title"})
    if not (notice.body or "").strip():
        raise ApplicationError("내용을 입력하세요.", {"field": "body"})
    if notice.audience == Audience.BUILDING:
        if (
            notice.building_id is None
            or not Building.objects.filter(
                pk=notice.building_id, complex_id=notice.complex_id
            ).exists()
        ):
            raise ApplicationError("대상 동을 선택하세요.", {"field": "building"})
        notice.ward = None
    elif notice.audience == Audience.WARD:
        if (
            notice.ward_id is None
            or not Ward.objects.filter(pk=notice.ward_id, complex_id=notice.complex_id).exists()
        ):
            raise ApplicationError("대상 선거구를 선택하세요.", {"field": "ward"})
        notice.building = None
    else:
        notice.audience = Audience.ALL
        notice.building = notice.ward = None
    if notice.publish_at is None:
        notice.publish_at = timezone.now()
    if notice.expires_at and notice.expires_at <= notice.publish_at:
        raise ApplicationError("게시 종료는 게시 시작 이후여야 합니다.", {"field": "expires_at"})
    if bool(notice.statutory_kind) != bool(notice.due_on):
        raise ApplicationError(
            "법정 공고는 종류와 게시 기한을 함께 입력해야 합니다.", {"field": "due_on"}
        )
    checked = []
    for upload in files or []:
        checked.append((upload, validate_upload(upload)))
    with transaction.atomic():
        if notice.pk is None:
            notice.author = by
        notice.save()
        for upload, content_type in checked:
            attachment = NoticeAttachment(
                complex_id=notice.complex_id,
                notice=notice,
                original_name=_short_name(upload.name),
                content_type=content_type,
                size=upload.size,
            )
            attachment.file.save(_short_name(upload.name), upload, save=False)
            attachment.save()
        hooks.fire("residents.notice_saved", notice=notice)  # disclosure duty, if statutory
    return notice


def notice_delete(*, notice: Notice) -> None:
    with transaction.atomic():
        for a in notice.attachments.all():
            a.file.delete(save=False)
        notice.delete()
