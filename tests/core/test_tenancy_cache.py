"""What a user is in a complex is cached for a minute (core.tenancy); every change to it —
a membership revoked or granted, a district official appointed or removed, the complex edited —
takes effect on the very next request."""

from django.urls import reverse

from complexes import services
from complexes.models import DistrictOfficial, Membership, Role


def dashboard(slug):
    return reverse("complexes:dashboard", args=[slug])


def units(slug):
    return reverse("complexes:unit_list", args=[slug])


def test_revoked_membership_closes_the_complex_at_once(alpha, as_user):
    client = as_user(alpha.council)
    assert client.get(dashboard("alpha")).status_code == 200  # now cached
    membership = Membership.objects.get(user=alpha.council, complex=alpha.complex)
    services.membership_revoke(membership=membership, by=alpha.manager)
    assert client.get(dashboard("alpha")).status_code == 404


def test_a_new_role_counts_at_once(alpha, as_user):
    client = as_user(alpha.council)
    assert client.get(units("alpha")).status_code == 403  # council is not office; cached
    Membership.objects.create(complex=alpha.complex, user=alpha.council, role=Role.STAFF)
    assert client.get(units("alpha")).status_code == 200


def test_district_official_appointed_and_removed(alpha, as_user, outsider):
    client = as_user(outsider)
    assert client.get(dashboard("alpha")).status_code == 404
    office = DistrictOfficial.objects.create(
        user=outsider, district_code=alpha.complex.district_code, district_name="강남구"
    )
    assert client.get(dashboard("alpha")).status_code == 200
    office.delete()
    assert client.get(dashboard("alpha")).status_code == 404


def test_an_edited_complex_shows_at_once(alpha, as_user):
    client = as_user(alpha.owner)
    assert "알파아파트" in client.get(dashboard("alpha")).content.decode()
    alpha.complex.name = "알파힐스"
    alpha.complex.save()
    assert "알파힐스" in client.get(dashboard("alpha")).content.decode()


def test_superuser_is_read_from_the_request_not_the_cache(alpha, as_user):
    client = as_user(alpha.owner)
    assert client.get(units("alpha")).status_code == 403
    alpha.owner.is_superuser = True
    alpha.owner.save()
    assert client.get(units("alpha")).status_code == 200
