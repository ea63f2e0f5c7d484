"""Reads of the tenant's structure."""

from django.db.models import Count

from .models import Building, Complex, DistrictOfficial, Membership, Role, Unit, Ward


def office_emails(*, complex_id) -> list[str]:
    """Where the office's notices and reminders go: the manager's and staff's emails."""
    return sorted(
        set(
            Membership.objects.filter(
                complex_id=complex_id, role__in=[Role.MANAGER, Role.STAFF]
            ).values_list("user__email", flat=True)
        )
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
