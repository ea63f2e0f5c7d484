"""Art. 90 guarantees (70-procurement.md rules 21–23): who must hold which, how much, and the
flags the office sees (missing; lapsing within 30 days)."""

from dataclasses import dataclass
from datetime import date, timedelta

from complexes.models import Unit
from core.errors import ApplicationError

from . import rules
from .models import Guarantee, GuaranteeHolder, GuaranteeKind
from .services import settings_for


def _households(complex) -> int:
    return Unit.objects.filter(complex=complex).count()


def required_min(*, complex, holder: str) -> int | None:
    """The minimum amount for `holder` (None: no minimum set by the bylaw)."""
    s = settings_for(complex)
    if holder == GuaranteeHolder.CHAIR:
        return rules.chair_guarantee_min(
            households=_households(complex), setting=s.chair_guarantee_min
        )
    if holder == GuaranteeHolder.ACCOUNTING:
        if not s.accounting_staff_guarantee_min:
            raise ApplicationError(
                "회계담당자 보증 최소금액(관리규약 ○○원)을 먼저 계약 설정에 입력해 주세요 "
                "(제90조③).",
                {"field": "accounting_staff_guarantee_min"},
            )
        return s.accounting_staff_guarantee_min
    return None


def guarantee_record(
    *,
    complex,
    holder: str,
    holder_name: str,
    kind: str,
    amount: int,
    issuer: str,
    valid_from: date,
    valid_until: date,
) -> Guarantee:
    """Art. 90①: the office manager holds a 공제증권, 보증보험증권 or 공탁증서 (법 66조).
    Art. 90②: the chair with a registered seal holds mutual aid or guarantee insurance of at
    least the chair minimum. Art. 90③: the accounting staff at least its minimum."""
    if holder not in GuaranteeHolder.values:
        raise ApplicationError("보증 대상이 올바르지 않습니다.", {"field": "holder"})
    if kind not in GuaranteeKind.values:
        raise ApplicationError("보증 종류가 올바르지 않습니다.", {"field": "kind"})
    if not (holder_name or "").strip() or not (issuer or "").strip():
        raise ApplicationError("성명과 발행기관을 입력해 주세요.", {"field": "holder_name"})
    if amount is None or int(amount) <= 0:
        raise ApplicationError("보증금액은 0원보다 커야 합니다.", {"field": "amount"})
    if valid_from is None or valid_until is None or valid_until < valid_from:
        raise ApplicationError("보증 기간이 올바르지 않습니다.", {"field": "valid_until"})
    if holder == GuaranteeHolder.CHAIR and kind == GuaranteeKind.DEPOSIT:
        raise ApplicationError(
            "회장은 공제 또는 보증보험에 가입해야 합니다 (제90조②).", {"field": "kind"}
        )
    minimum = required_min(complex=complex, holder=holder)
    if minimum is not None and int(amount) < minimum:
        raise ApplicationError(
            f"{GuaranteeHolder(holder).label}의 보증금액은 {minimum:,}원 이상이어야 합니다 "
            f"(제90조).",
            {"field": "amount", "minimum": minimum},
        )
    return Guarantee.objects.create(
        complex=complex,
        holder=holder,
        holder_name=holder_name.strip(),
        kind=kind,
        amount=int(amount),
        issuer=issuer.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )


@dataclass(frozen=True)
class Flag:
    kind: str  # "missing" / "lapsing"
    holder: str
    until: date | None = None

    @property
    def label(self) -> str:
        return str(GuaranteeHolder(self.holder).label)


def flags(*, complex, today: date) -> list[Flag]:
    """Rule 23: a required guarantee with none in force today → missing; the one in force
    ending within 30 days with no successor → lapsing. The chair's is required only where the
    chair registered a seal (89②); the accounting staff's once its minimum is set."""
    s = settings_for(complex)
    needed = [GuaranteeHolder.MANAGER]
    if s.chair_seal_registered:
        needed.append(GuaranteeHolder.CHAIR)
    if s.accounting_staff_guarantee_min:
        needed.append(GuaranteeHolder.ACCOUNTING)
    out = []
    for holder in needed:
        rows = Guarantee.objects.filter(complex=complex, holder=holder, valid_until__gte=today)
        current = rows.filter(valid_from__lte=today).order_by("-valid_until").first()
        if current is None:
            out.append(Flag("missing", holder))
            continue
        lapse = current.valid_until
        successor = rows.filter(valid_from__lte=lapse + timedelta(days=1), valid_until__gt=lapse)
        if lapse - today <= timedelta(days=rules.GUARANTEE_WARNING_DAYS) and not successor.exists():
            out.append(Flag("lapsing", holder, lapse))
    return out
