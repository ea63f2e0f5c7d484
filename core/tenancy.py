"""The tenancy boundary, in one place.

Every complex-scoped page and API view resolves the complex from its URL slug once, together
with the user's roles there (`ComplexContext`), and fetches tenant rows only through `scoped()`
and `get_scoped()`. A complex the user has no part in answers 404 (the same answer as one that
does not exist); a member without the role a view needs gets 403.
"""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from complexes.models import Complex, DistrictOfficial, Membership, Role
from core.cache import forget

OFFICE = frozenset({Role.STAFF, Role.MANAGER})
# Pseudo-roles that do not come from a Membership row.
DISTRICT = "district"  # a district official looking at a complex of their district
ADMIN = "admin"  # the platform admin (is_superuser): passes every role check
# Any Membership of the complex (office, council, committee, resident), i.e. not a district
# official who merely oversees it: pages that name the complex's people (elections, the notice
# board) require it, since officials see no personal data (00-overview.md privacy rules).
MEMBER = "member"


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
    def is_member(self) -> bool:
        """Someone of the complex (or the platform admin), not a district official only."""
        return self.has(MEMBER)

    @property
    def is_manager(self) -> bool:
        return self.has(Role.MANAGER)

    @property
    def resident_memberships(self) -> tuple:
        return tuple(m for m in self.memberships if m.role == Role.RESIDENT)

    @property
    def unit_ids(self) -> frozenset:
        return frozenset(m.unit_id for m in self.resident_memberships)


# What a user is in a complex is read on every page (and the resident's bill page must serve
# 400 req/s, issue 4), so it is kept in the cache for a minute. Every change to a membership, a
# district official or a complex forgets the entries it touches at once (receivers below); the
# minute only bounds a change racing with a page that is reading the old state.
CONTEXT_TTL = 60


def _context_key(user_id, slug) -> str:
    return f"tenancy:{user_id}:{slug}"


def _load_context(user, slug: str):
    """(complex, memberships, is district official) from the database, or None."""
    officials = DistrictOfficial.objects.filter(user=user, district_code=OuterRef("district_code"))
    complex_ = Complex.objects.filter(slug=slug).annotate(is_district=Exists(officials)).first()
    if complex_ is None:
        return None
    memberships = tuple(
        Membership.objects.filter(complex=complex_, user=user).select_related("unit__building")
    )
    return complex_, memberships, complex_.is_district


def resolve_complex(user, slug: str) -> ComplexContext:
    """The complex of `slug` as `user` may see it, or 404."""
    if not user.is_authenticated:
        raise Http404
    key = _context_key(user.pk, slug)
    loaded = cache.get(key)
    if loaded is None:
        loaded = _load_context(user, slug)
        if loaded is None:
            raise Http404
        cache.set(key, loaded, CONTEXT_TTL)
    complex_, memberships, is_district = loaded
    roles = {m.role for m in memberships}
    if roles:
        roles.add(MEMBER)
    if user.is_superuser:  # read from the request's user, never from the cache
        roles.add(ADMIN)
    if is_district:
        roles.add(DISTRICT)
    if not roles:
        raise Http404
    return ComplexContext(complex_, user, frozenset(roles), memberships)


def forget_contexts(*, user_ids, slugs) -> None:
    forget([_context_key(u, s) for u in set(user_ids) for s in set(slugs)])


def on_membership_changed(sender, instance, **kwargs):
    slugs = Complex.objects.filter(pk=instance.complex_id).values_list("slug", flat=True)
    forget_contexts(user_ids=[instance.user_id], slugs=slugs)


def on_official_changed(sender, instance, **kwargs):
    slugs = Complex.objects.filter(district_code=instance.district_code).values_list(
        "slug", flat=True
    )
    forget_contexts(user_ids=[instance.user_id], slugs=slugs)


def on_complex_changed(sender, instance, **kwargs):
    members = Membership.objects.filter(complex_id=instance.pk).values_list("user_id", flat=True)
    officials = DistrictOfficial.objects.filter(district_code=instance.district_code)
    forget_contexts(
        user_ids=[*members, *officials.values_list("user_id", flat=True)], slugs=[instance.slug]
    )


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
