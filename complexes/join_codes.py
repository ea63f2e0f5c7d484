"""Paper join codes (issue 12 [1/9]): what the office prints for a household.

* A code is single-use and expires (settings.JOIN_CODE_DAYS, default 30 days).
* Printing a new code for a unit voids the unit's previous one (at most one live code per unit,
  a partial unique constraint).
* Codes come from `secrets` (10 characters of a 32-letter alphabet: 50 bits), only their
  SHA-256 digest is stored, a code is looked up by its digest and compared with
  `hmac.compare_digest`, so neither the database nor the response time tells a guesser
  anything; attempts are rate-limited per client and per account by the view
  (ACCOUNT_RATE_LIMITS["join_code"]).

What an account becomes with a code (owner, lessee or a membership waiting for the office) is
the register's decision: residents/joining/services.py.
"""

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError

from .models import JoinCode, Unit, new_join_code

# Zero-width characters a copy-paste may carry, besides whitespace and the printed hyphen.
_NOISE = re.compile(r"[\s\-\u2010-\u2015\u200b-\u200d\u2060\ufeff]")


def normalise_code(text: str) -> str:
    """NFKC (full-width `ＡＢＣ` → `ABC`), no spaces, hyphens or zero-width characters, upper."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).upper()


def code_digest(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    """A freshly printed code: the only moment the plain code exists."""

    unit: Unit
    code: str
    expires_at: datetime

    @property
    def printed(self) -> str:
        return f"{self.code[:5]}-{self.code[5:]}"


def join_codes_issue(*, units, by=None) -> list[IssuedCode]:
    """Print new codes for `units` (all of one complex), voiding each unit's live code.

    All-or-nothing; issues for one unit are serialised by a row lock on the unit.
    """
    units = list(units)
    now = timezone.now()
    expires_at = now + timedelta(days=settings.JOIN_CODE_DAYS)
    issued = []
    with transaction.atomic():
        locked = set(
            Unit.objects.select_for_update()
            .filter(pk__in=[u.pk for u in units])
            .values_list("pk", flat=True)
        )
        JoinCode.objects.filter(
            unit_id__in=locked, used_at__isnull=True, voided_at__isnull=True
        ).update(voided_at=now)
        rows = []
        for unit in units:
            code = new_join_code()
            issued.append(IssuedCode(unit, code, expires_at))
            rows.append(
                JoinCode(
                    complex_id=unit.complex_id,
                    unit=unit,
                    digest=code_digest(code),
                    issued_at=now,
                    issued_by=by,
                    expires_at=expires_at,
                )
            )
        JoinCode.objects.bulk_create(rows)
    return issued


def join_code_issue(*, unit: Unit, by=None, code: str | None = None) -> IssuedCode:
    """Print a new code for one unit, voiding its live one. `code` lets the demo data print a
    known code; anything else gets a random one."""
    if code is None:
        return join_codes_issue(units=[unit], by=by)[0]
    code = normalise_code(code)
    now = timezone.now()
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        JoinCode.objects.filter(unit=unit, used_at__isnull=True, voided_at__isnull=True).update(
            voided_at=now
        )
        row = JoinCode.objects.create(
            complex_id=unit.complex_id,
            unit=unit,
            digest=code_digest(code),
            issued_at=now,
            issued_by=by,
            expires_at=now + timedelta(days=settings.JOIN_CODE_DAYS),
        )
    return IssuedCode(unit, code, row.expires_at)


WRONG_CODE = "가입 코드가 맞지 않습니다. 종이에 적힌 10자리를 확인하세요."


def join_code_consume(*, code: str, user) -> JoinCode:
    """Use a code for `user`: lock it, check it is live, mark it used.

    Call inside the transaction that records what the code gave (residents.joining), so a
    failure there leaves the code unused. Each dead code says why it is dead.
    """
    digest = code_digest(code)
    if len(normalise_code(code)) == 0:
        raise ApplicationError("가입 코드를 입력하세요.", {"field": "code"})
    row = (
        JoinCode.objects.select_for_update(of=("self",))
        .select_related("unit__building", "complex")
        .filter(digest=digest)
        .first()
    )
    if row is None or not hmac.compare_digest(row.digest, digest):
        raise ApplicationError(WRONG_CODE, {"field": "code"})
    if row.used_at is not None:
        raise ApplicationError(
            "이미 사용된 가입 코드입니다. 가입 코드는 한 번만 쓸 수 있으니 관리사무소에 새 코드를 "
            "요청하세요.",
            {"field": "code", "reason": "used"},
        )
    if row.voided_at is not None:
        raise ApplicationError(
            "관리사무소가 이 세대의 코드를 새로 발급해 이 코드는 더 이상 쓸 수 없습니다. 가장 "
            "최근에 받은 코드를 입력하세요.",
            {"field": "code", "reason": "voided"},
        )
    now = timezone.now()
    if row.expires_at <= now:
        until = timezone.localtime(row.expires_at).strftime("%Y-%m-%d")
        raise ApplicationError(
            f"가입 코드의 유효기간({until}까지)이 지났습니다. 관리사무소에 새 코드를 요청하세요.",
            {"field": "code", "reason": "expired"},
        )
    row.used_at = now
    row.used_by = user
    row.save(update_fields=["used_at", "used_by"])
    return row


def code_status(*, complex) -> dict[int, JoinCode]:
    """Per unit of `complex`, its most recently issued code (to show whether it was used,
    voided or has expired)."""
    latest = {}
    for row in JoinCode.objects.filter(complex=complex).order_by("unit_id", "-issued_at"):
        latest.setdefault(row.unit_id, row)
    return latest
