"""Reads of the tenant's structure."""

from django.db.models import Count

from .models import Building, Complex, DistrictOfficial, Membership, Role, Unit, Ward


def office_users(*, complex_id, roles=(Role.MANAGER, Role.STAFF)) -> list:
    """The people the office's notices and reminders go to (manager and staff by default),
    each once, in a stable order."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(memberships__complex_id=complex_id, memberships__role__in=list(roles))
        .distinct()
        .order_by("pk")
    )


def complex_summary(*, complex: Complex) -> dict:
    return {
        "buildings": Building.objects.filter(complex=complex).count(),
        "units": Unit.objects.filter(complex=complex).count(),
        "wards": Ward.objects.filter(complex=complex).count(),
        "members": Membership.objects.filter(complex=complex).values("user").distinct().count(),
    }


def buildings_with_counts(*, complex: Complex):
    return Building.objects.filter(complex=complex).annotate(unit_count=Count("units"))


def wards_with_households(*, complex: Complex) -> list[tuple[Ward, int]]:
    """Each ward with its household count (Art. 17①: wards proportional to households)."""
    wards = list(Ward.objects.filter(complex=complex).prefetch_related("buildings"))
    return [(w, w.unit_queryset().count()) for w in wards]


def complexes_for_user(*, user):
    """The complexes where `user` holds a role (the platform admin: all)."""
    if user.is_superuser:
        return Complex.objects.all()
    return Complex.objects.filter(memberships__user=user).distinct()


def districts_for_user(*, user):
    return DistrictOfficial.objects.filter(user=user)
