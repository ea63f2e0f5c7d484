"""Who sees what on the repairs pages, and the helpers the pages share."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from complexes.models import ResidentKind, Role
from core.errors import ApplicationError
from core.tenancy import DISTRICT, OFFICE, scoped
from council.models import Resolution, ResolutionStatus

OFFICE_ROLES = tuple(OFFICE)


# --- who sees what ----------------------------------------------------------------------------


def is_owner(ctx) -> bool:
    return any(m.resident_kind == ResidentKind.OWNER for m in ctx.resident_memberships)


def can_see_plan(ctx) -> bool:
    """Office, council, the district, and owners (plan summary and reserve balance)."""
    return ctx.is_office or ctx.has(Role.COUNCIL, DISTRICT) or is_owner(ctx)


def require_plan(ctx):
    if not can_see_plan(ctx):
        raise PermissionDenied(
            "장기수선계획은 관리사무소, 입주자대표회의, 소유자만 볼 수 있습니다."
        )


def lessee_units(ctx) -> list:
    return [m.unit for m in ctx.resident_memberships if m.resident_kind == ResidentKind.LESSEE]


def _errors(form, error: ApplicationError):
    form.add_error(None, error.message)
    for problem in error.extra.get("problems", []):
        form.add_error(None, problem)
    for row in error.extra.get("rows", []):
        where = f"{row['line']}행" + (f" {row['column']} 열" if row.get("column") else "")
        form.add_error(None, f"{where}: {row['message']}")


def _today():
    return timezone.localdate()


def _resolutions(ctx):
    """The council resolutions in force (Art. 34) a plan, review or usage plan may cite."""
    return (
        scoped(ctx, Resolution)
        .filter(passed=True, status=ResolutionStatus.EFFECTIVE)
        .select_related("item", "meeting")
    )
