"""Helpers for the residents tests."""

from datetime import date

from complexes.models import Membership, ResidentKind, Role
from residents import services


def move_in(
    unit, kind=ResidentKind.OWNER, moved_in_on=date(2024, 3, 1), name="김민준", by=None, **kw
):
    return services.occupancy_move_in(
        unit=unit, kind=kind, moved_in_on=moved_in_on, name=name, by=by, **kw
    )


def membership_of(user, unit):
    return Membership.objects.get(user=user, unit=unit, role=Role.RESIDENT)


def ctx_for(user, complex_):
    from core.tenancy import resolve_complex

    return resolve_complex(user, complex_.slug)
