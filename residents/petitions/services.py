"""Writes of petitions: start one, sign it from one's own account, record a paper petition.

Who counts (40-council.md precise rule 6; 00-overview.md "10분의 1 이상" = ⌈N/10⌉):

* households rule (Arts. 23②⑥, 26③4, 61): each unit of the petition's scope once — signed by a
  resident whose residency there is current, from their own account, or on paper recorded by the
  office (the name must be one on the register when the unit has register entries);
* persons rule (Art. 34① "입주자등 10인"): each person on the register (입주자명부, 별지 1) once — a
  household's head or a recorded member of a household living in the complex now. An account
  counts as the register person whose name it bears (or as the head when the register entry is
  linked to that very account); a paper signer by the register name given for their unit.

Typed-in names never count by themselves. Signing locks the petition row, so the signature
that reaches the threshold is the only one that triggers the effect, exactly once.
"""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Membership, Role, Unit
from core.errors import ApplicationError
from core.text import name_key

from ..selectors import current_occupancies, occupancy_for_membership, residency_window
from .models import (
    CountRule,
    Petition,
    PetitionPaper,
    PetitionSignature,
    PetitionStatus,
    SignatureChannel,
)
from .registry import spec_for


def at_least_tenth(n: int) -> int:
    """ "10분의 1 이상" of n households: ⌈n/10⌉ (00-overview.md)."""
    return -(-n // 10)


def scope_units(*, complex, ward=None):
    """The households a petition counts over: the ward's (a ward rep's recall, Art. 23②) or all
    units of the complex."""
    if ward is not None:
        return ward.unit_queryset()
    return Unit.objects.filter(complex=complex)


# --- the roll: who may count ------------------------------------------------------------------


def _norm(name: str) -> str:
    return name_key(name)  # NFKC, no zero-width characters or spaces (core/text.py)


def register_persons(occupancy) -> list[tuple[str, str]]:
    """(key, name) of each person of a register entry: the head, then its recorded members."""
    persons = [(f"o{occupancy.pk}:h", occupancy.name)]
    persons += [(f"o{occupancy.pk}:m{m.pk}", m.name) for m in occupancy.members.all()]
    return persons


def _households_now(unit, day):
    return list(
        current_occupancies(unit=unit, on=day)
        .filter(anonymised_at__isnull=True)
        .prefetch_related("members")
    )


def _match_on_register(unit, name, day):
    """(key, occupancy) of the person named `name` on the unit's current register entries,
    None when nobody of that name lives there, or "" when the unit has no current entry."""
    households = _households_now(unit, day)
    if not households:
        return ""
    for occupancy in households:
        for key, person in register_persons(occupancy):
            if _norm(person) == _norm(name):
                return key, occupancy
    return None


def _check_scope(petition: Petition, unit) -> None:
    if unit.complex_id != petition.complex_id:
        raise ApplicationError(_("이 단지의 세대가 아닙니다."), {"field": "unit"})
    if petition.ward_id and not petition.ward.unit_queryset().filter(pk=unit.pk).exists():
        raise ApplicationError(
            _("%(ward)s 세대의 입주자등만 서명할 수 있습니다 (제23조②).")
            % {"ward": petition.ward.name},
            {"field": "unit"},
        )


# --- starting ---------------------------------------------------------------------------------


@transaction.atomic
def petition_start(
    *,
    complex,
    kind: str,
    title: str,
    summary: str,
    representative_name: str,
    by,
    target_id: int | None = None,
    ward=None,
    payload: dict | None = None,
    now=None,
) -> Petition:
    """Open a petition for signatures. Its threshold is fixed now: the article's number of
    persons, or ⌈households of the scope / 10⌉. Nothing takes effect until it is reached."""
    spec = spec_for(kind)
    if not (title or "").strip() or not (summary or "").strip():
        raise ApplicationError(_("요청 제목과 내용을 적어 주세요."), {"field": "summary"})
    if not (representative_name or "").strip():
        raise ApplicationError(_("대표인 성명을 적어 주세요."), {"field": "representative_name"})
    if ward is not None and ward.complex_id != complex.pk:
        raise ApplicationError(_("다른 단지의 선거구입니다."), {"field": "ward"})
    roll_size = None
    if spec.rule == CountRule.PERSONS:
        threshold = spec.persons
    else:
        roll_size = scope_units(complex=complex, ward=ward).count()
        if roll_size == 0:
            raise ApplicationError(_("대상 세대가 없습니다."), {"field": "ward"})
        threshold = at_least_tenth(roll_size)
    try:
        with transaction.atomic():
            return Petition.objects.create(
                complex=complex,
                kind=kind,
                rule=spec.rule,
                threshold=threshold,
                roll_size=roll_size,
                ward=ward,
                title=title.strip()[:200],
                summary=summary.strip(),
                target_id=target_id,
                payload=payload or {},
                representative_name=representative_name.strip()[:100],
                started_by=by,
                started_at=now or timezone.now(),
            )
    except IntegrityError:
        raise ApplicationError(
            _("같은 대상에 대해 서명을 받는 중인 요청이 이미 있습니다. 그 요청에 서명해 주세요.")
        ) from None


# --- counting ---------------------------------------------------------------------------------


def _lock_open(petition: Petition) -> Petition:
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != PetitionStatus.COLLECTING:
        when = timezone.localtime(petition.reached_at)
        raise ApplicationError(
            _(
                "이미 필요한 서명(%(n)s)을 채워 %(when)s에 접수된 요청입니다. 더 서명을 받지 않습니다."
            )
            % {"n": petition.threshold, "when": f"{when:%Y-%m-%d %H:%M}"}
        )
    return petition


def _reach_if_due(petition: Petition, now) -> Petition:
    """The effect, once: only the holder of the row lock gets here, and only while collecting."""
    if petition.signatures.count() < petition.threshold:
        return petition
    petition.status = PetitionStatus.REACHED
    petition.reached_at = now
    petition.save(update_fields=["status", "reached_at"])
    outcome = spec_for(petition.kind).on_reached(petition)
    petition.outcome = (outcome or "")[:300]
    petition.save(update_fields=["outcome"])
    return petition


def _insert(signature: PetitionSignature) -> bool:
    """False when that household/person (or that account) has already signed."""
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError:
        return False
    return True


def resident_membership(*, complex, user, unit):
    """The account's resident membership of `unit` whose residency includes today, or None."""
    day = timezone.localdate()
    for m in Membership.objects.filter(
        complex=complex, user=user, role=Role.RESIDENT, unit=unit
    ).order_by("-created_at"):
        start, end = residency_window(membership=m)
        if start <= day and (end is None or end >= day):
            return m
    return None


def _person_of_account(petition, membership, account_name, day):
    """(key, occupancy, name) of the register person an account signs as: the person of its
    unit's current register entries bearing the account's name, else the head of the entry
    linked to this very account."""
    unit = membership.unit
    hit = _match_on_register(unit, account_name, day) if account_name else None
    if hit:
        key, occupancy = hit
        return key, occupancy, account_name
    linked = occupancy_for_membership(membership=membership)
    if (
        linked is not None
        and linked.membership_id == membership.pk
        and linked.unit_id == unit.pk
        and linked.anonymised_at is None
        and linked.active_on(day)
    ):
        key, name = register_persons(linked)[0]
        return key, linked, name
    if hit == "" or not _households_now(unit, day):
        raise ApplicationError(
            _(
                "입주자명부에 현재 입주자로 등재된 사람만 서명할 수 있습니다 (입주자등 %(n)s인은 "
                "명부의 사람 수로 셉니다). 관리사무소에 명부 등재를 요청해 주세요."
            )
            % {"n": petition.threshold}
        )
    raise ApplicationError(
        _(
            "계정 이름('%(name)s')이 입주자명부의 세대주·세대원 이름과 다릅니다. 명부의 "
            "이름으로 계정 이름을 고치거나 관리사무소에 확인을 요청해 주세요."
        )
        % {"name": account_name or membership.user.email}
    )


@transaction.atomic
def petition_sign(*, petition: Petition, user, unit, now=None) -> PetitionSignature:
    """A resident signs from their own account, for a unit they live in now (one signature per
    household or per registered person, by the petition's rule)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    petition = _lock_open(petition)
    _check_scope(petition, unit)
    membership = resident_membership(complex=petition.complex, user=user, unit=unit)
    if membership is None:
        raise ApplicationError(
            _("본인이 현재 거주하는 세대로만 서명할 수 있습니다."), {"field": "unit"}
        )
    account_name = (user.name or "").strip()
    occupancy = None
    if petition.rule == CountRule.PERSONS:
        key, occupancy, signer_name = _person_of_account(petition, membership, account_name, day)
    else:
        key, signer_name = f"u{unit.pk}", account_name or user.email
    signature = PetitionSignature(
        complex_id=petition.complex_id,
        petition=petition,
        channel=SignatureChannel.ONLINE,
        key=key,
        unit=unit,
        occupancy=occupancy,
        signer_name=signer_name[:50],
        user=user,
        signed_at=now,
    )
    if not _insert(signature):
        if petition.rule == CountRule.PERSONS or petition.signatures.filter(user=user).exists():
            raise ApplicationError(_("이미 서명했습니다 (한 사람은 한 번만 셉니다)."))
        raise ApplicationError(
            _("%(unit)s 세대는 이미 서명했습니다 (한 세대는 한 번만 셉니다).")
            % {"unit": unit.label}
        )
    _reach_if_due(petition, now)
    return signature


# --- paper petitions --------------------------------------------------------------------------


def parse_paper_lines(text: str) -> list[tuple[int, str, str, str, str]]:
    """`동,호,성명[,대리한 본인]` one signer a line (tabs work too; "101동", "1203호" accepted)."""
    rows = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in re.split(r"[,\t]", raw)]
        parts += [""] * (4 - len(parts))
        building, unit, name, proxy_for = parts[:4]
        rows.append((number, building, unit, name, proxy_for))
    return rows


def _unit_index(complex):
    return {
        (b, n): u
        for u, b, n in (
            (u, u.building.name, u.number)
            for u in Unit.objects.filter(complex=complex).select_related("building")
        )
    }


@transaction.atomic
def petition_paper_record(
    *, petition: Petition, scan, signers: str, by, note: str = "", now=None
) -> dict:
    """The office records a paper petition it received: the scanned file and, one a line, each
    signer's unit and name (and the principal when a proxy signed, Art. 23②). Every signer must
    be a resident of the petition's scope; on a persons-rule petition the name must be on the
    register for that unit. A signer already counted (online or on an earlier paper) is skipped
    and named; any other bad line refuses the whole paper and writes nothing."""
    from ..services import validate_upload  # the register's upload rules (images, PDF ≤ 10MB)

    now = now or timezone.now()
    day = timezone.localdate(now)
    if not scan:
        raise ApplicationError(_("서면 연서부의 스캔 파일을 첨부해 주세요."), {"field": "scan"})
    validate_upload(scan)
    rows = parse_paper_lines(signers)
    if not rows:
        raise ApplicationError(
            _("서명인을 한 줄에 한 명씩 '동,호,성명' 으로 적어 주세요."), {"field": "signers"}
        )
    petition = _lock_open(petition)
    units = _unit_index(petition.complex)
    in_scope = (
        set(petition.ward.unit_queryset().values_list("pk", flat=True))
        if petition.ward_id
        else None
    )
    problems, planned = [], []
    for line, building, number, name, proxy_for in rows:
        unit = units.get((re.sub(r"\s*동$", "", building), re.sub(r"\s*호$", "", number)))
        where = f"{building}동 {number}호"
        if not name:
            problems.append({"line": line, "message": _("성명이 없습니다.")})
            continue
        if unit is None:
            problems.append(
                {"line": line, "message": _("이 단지에 없는 세대입니다: %(u)s") % {"u": where}}
            )
            continue
        if in_scope is not None and unit.pk not in in_scope:
            problems.append(
                {
                    "line": line,
                    "message": _("%(u)s은(는) %(ward)s 세대가 아닙니다.")
                    % {"u": unit.label, "ward": petition.ward.name},
                }
            )
            continue
        principal = proxy_for or name
        hit = _match_on_register(unit, principal, day)
        if hit is None or (hit == "" and petition.rule == CountRule.PERSONS):
            problems.append(
                {
                    "line": line,
                    "message": _("%(u)s의 입주자명부에 '%(name)s'이(가) 없습니다.")
                    % {"u": unit.label, "name": principal},
                }
            )
            continue
        if petition.rule == CountRule.PERSONS:
            key, occupancy = hit
        else:  # one per household; a unit without register entries rests on the office's record
            key, occupancy = f"u{unit.pk}", (hit[1] if hit else None)
        planned.append((line, unit, name, proxy_for, key, occupancy))
    if problems:
        raise ApplicationError(
            _("서면 연서부에 확인할 줄이 있어 아무것도 저장하지 않았습니다: %(lines)s")
            % {"lines": "; ".join(f"{p['line']}행 {p['message']}" for p in problems)},
            {"field": "signers", "rows": problems},
        )
    paper = PetitionPaper.objects.create(
        complex_id=petition.complex_id,
        petition=petition,
        scan=scan,
        note=(note or "").strip()[:200],
        recorded_by=by,
        recorded_at=now,
    )
    added, skipped = 0, []
    for line, unit, name, proxy_for, key, occupancy in planned:
        signature = PetitionSignature(
            complex_id=petition.complex_id,
            petition=petition,
            channel=SignatureChannel.PAPER,
            key=key,
            unit=unit,
            occupancy=occupancy,
            signer_name=name[:50],
            proxy_for=proxy_for[:50],
            paper=paper,
            signed_at=now,
        )
        if _insert(signature):
            added += 1
        else:
            skipped.append(
                _("%(line)s행 %(u)s %(name)s") % {"line": line, "u": unit.label, "name": name}
            )
    if not added:
        raise ApplicationError(
            _("새로 셀 서명이 없습니다: 모두 이미 서명한 세대·사람입니다 (%(rows)s).")
            % {"rows": ", ".join(skipped)},
            {"field": "signers"},
        )
    petition = _reach_if_due(petition, now)
    return {"paper": paper, "added": added, "skipped": skipped, "petition": petition}
