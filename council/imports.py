"""Seating ward representatives from a spreadsheet after an election held on paper
(Art. 25②: the committee posts the result; the council records its members).

All or nothing, like every import (core/tabular.py): every bad row is reported with its line
and column, and nothing is seated unless every row is good — each row goes through the same
`representative_seat` rules as the page and the API (one rep per ward, Art. 17; 2-year term and
one re-election, Art. 18; by-election to the predecessor's term end, Art. 24①)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from complexes.models import Unit, Ward
from core.errors import ApplicationError
from core.tabular import ImportFailed, ImportProblems, Row, parse_int, read_table

from . import members, services
from .models import Office

REQUIRED = ["ward", "name", "term_start"]
OPTIONAL = ["email", "term_end", "by_election", "birth_year", "building", "unit", "office"]
YES = {"y", "yes", "true", "1", "예", "o", "보궐"}
NO = {"", "n", "no", "false", "0", "아니오", "x"}
OFFICES = {
    "chair": Office.CHAIR,
    "회장": Office.CHAIR,
    "auditor": Office.AUDITOR,
    "감사": Office.AUDITOR,
    "director": Office.DIRECTOR,
    "이사": Office.DIRECTOR,
}


@dataclass
class SeatResult:
    seated: int
    officers: int


def _date(problems, row: Row, column: str, *, required: bool) -> date | None:
    text = row.values.get(column, "")
    if not text:
        if required:
            problems.add(row.line, column, "값이 비어 있습니다.")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.add(row.line, column, f"날짜는 YYYY-MM-DD로 적어 주세요: '{text}'")
        return None


def _norm(text: str, suffix: str) -> str:
    return re.sub(rf"\s*{suffix}$", "", text.strip())


def representatives_import(*, complex, data: bytes, filename: str, source: str = "") -> SeatResult:
    """CSV/XLSX `ward,name,term_start[,email,term_end,by_election,birth_year,building,unit,
    office]`; `email` links the rep to the account of that member of the complex; `office` is
    chair/auditor/director (회장/감사/이사) taking office on the term start."""
    rows = read_table(data, filename, REQUIRED, OPTIONAL)
    problems = ImportProblems()
    wards = {w.name: w for w in Ward.objects.filter(complex=complex)}
    users = {
        m.user.email.lower(): m.user
        for m in complex.memberships.select_related("user").filter(user__isnull=False)
    }
    units = {
        (b, n): u
        for u, b, n in (
            (u, u.building.name, u.number)
            for u in Unit.objects.filter(complex=complex).select_related("building")
        )
    }
    parsed = []
    seen_wards = {}
    for row in rows:
        v = row.values
        ward = wards.get(v["ward"].strip())
        if ward is None:
            problems.add(row.line, "ward", f"없는 선거구입니다: '{v['ward']}'")
        elif ward.pk in seen_wards:
            problems.add(
                row.line, "ward", f"{seen_wards[ward.pk]}행과 같은 선거구입니다 (제17조: 1명)."
            )
        else:
            seen_wards[ward.pk] = row.line
        name = v["name"].strip()
        if not name:
            problems.add(row.line, "name", "값이 비어 있습니다.")
        who = name
        email = v.get("email", "").strip().lower()
        if email:
            who = users.get(email)
            if who is None:
                problems.add(row.line, "email", f"이 단지에 그 이메일의 사용자가 없습니다: {email}")
        start = _date(problems, row, "term_start", required=True)
        end = _date(problems, row, "term_end", required=False)
        flag = v.get("by_election", "").strip().lower()
        if flag not in YES | NO:
            problems.add(row.line, "by_election", f"예/아니오로 적어 주세요: '{flag}'")
        birth_year = parse_int(problems, row, "birth_year", required=False)
        unit = None
        if v.get("building") or v.get("unit"):
            key = (_norm(v.get("building", ""), "동"), _norm(v.get("unit", ""), "호"))
            unit = units.get(key)
            if unit is None:
                problems.add(row.line, "unit", f"없는 세대입니다: {key[0]}동 {key[1]}호")
        office = v.get("office", "").strip().lower()
        if office and office not in OFFICES:
            problems.add(row.line, "office", f"회장/감사/이사 중 하나로 적어 주세요: '{office}'")
        parsed.append(
            (row, ward, who, start, end, flag in YES, birth_year, unit, OFFICES.get(office))
        )
    problems.raise_if_any()

    seated = officers = 0
    with transaction.atomic():
        for row, ward, who, start, end, by_election, birth_year, unit, office in parsed:
            try:
                rep = services.representative_seat(
                    complex=complex,
                    ward=ward,
                    user_or_name=who,
                    term_start=start,
                    term_end=end,
                    by_election=by_election,
                    birth_year=birth_year,
                    source=source or "서면 선거 결과 일괄 등록",
                )
                seated += 1
                if unit is not None:
                    members.representative_set_unit(representative=rep, unit=unit)
                if office:
                    services.officer_appoint(representative=rep, office=office, starts_on=start)
                    officers += 1
            except ApplicationError as e:
                problems.add(row.line, str(e.extra.get("field", "")), e.message)
        if problems.errors:
            raise ImportFailed(problems.errors)  # rolls back every seat of the file
    return SeatResult(seated=seated, officers=officers)
