"""The tenancy boundary, in one place.

Every complex-scoped page and API view resolves the complex from its URL slug once, together
with the user's roles there (`ComplexContext`), and fetches tenant rows only through `scoped()`
and `get_scoped()`. A complex the user has no part in answers 404 (the same answer as one that
does not exist); a member without the role a view needs gets 403.
"""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from complexes.models import Complex, DistrictOfficial, Membership, Role

OFFICE = frozenset({Role.STAFF, Role.MANAGER})
# Pseudo-roles that do not come from a Membership row.
DISTRICT = "district"  # a district official looking at a complex of their district
ADMIN = "admin"  # the platform admin (is_superuser): passes every role check


@dataclass(frozen=True)
class ComplexContext:
    complex: Complex
    user: object
    roles: frozenset = field(default_factory=frozenset)
    memberships: tuple = ()

    def has(self, *roles) -> bool:
        return ADMIN in self.roles or bool(self.roles.intersection(roles))

    def require(self, *roles) -> None:
        if not self.has(*roles):
            raise PermissionDenied("이 화면을 볼 권한이 없습니다.")

    @property
    def is_office(self) -> bool:
        return self.has(*OFFICE)

    @property
    def is_manager(self) -> bool:
        return self.has(Role.MANAGER)

    @property
    def resident_memberships(self) -> tuple:
        return tuple(m for m in self.memberships if m.role == Role.RESIDENT)

    @property
    def unit_ids(self) -> frozenset:
        return frozenset(m.unit_id for m in self.resident_memberships)


def resolve_complex(user, slug: str) -> ComplexContext:
    """The complex of `slug` as `user` may see it, or 404."""
    if not user.is_authenticated:
        raise Http404
    # One query for the complex and whether the user is an official of its district: this runs
    # on every page of a complex.
    officials = DistrictOfficial.objects.filter(user=user, district_code=OuterRef("district_code"))
    complex_ = Complex.objects.filter(slug=slug).annotate(is_district=Exists(officials)).first()
    if complex_ is None:
        raise Http404
    memberships = tuple(
        Membership.objects.filter(complex=complex_, user=user).select_related("unit__building")
    )
    roles = {m.role for m in memberships}
    if user.is_superuser:
        roles.add(ADMIN)
    if complex_.is_district:
        roles.add(DISTRICT)
    if not roles:
        raise Http404
    return ComplexContext(complex_, user, frozenset(roles), memberships)


def scoped(ctx: ComplexContext, model):
    """All rows of `model` that belong to the context's complex."""
    return model._default_manager.filter(complex=ctx.complex)


def get_scoped(ctx: ComplexContext, model_or_queryset, **lookup):
    """One row of the context's complex, or 404 — also when it exists in another complex."""
    qs = model_or_queryset
    if not hasattr(qs, "model"):
        qs = qs._default_manager.all()
    return get_object_or_404(qs.filter(complex=ctx.complex), **lookup)


def complex_view(*roles):
    """Decorate a page view `view(request, ctx, **kwargs)` reached at /c/<slug>/….

    With `roles`, the user needs one of them in this complex (403 otherwise).
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            ctx = resolve_complex(request.user, slug)
            if roles:
                ctx.require(*roles)
            request.complex_ctx = ctx
            return view(request, ctx, *args, **kwargs)

        return wrapper

    return decorator
