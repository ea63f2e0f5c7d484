"""factory_boy factories for the foundation's models. Apps add their own in tests/<app>/."""

from datetime import date
from decimal import Decimal

import factory

from complexes.models import Building, Complex, Membership, ResidentKind, Role, Unit, Ward
from core.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Sequence(lambda n: f"사용자{n}")
    password = factory.django.Password("pw-123456!")


class ComplexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complex

    slug = factory.Sequence(lambda n: f"complex-{n}")
    name = factory.Sequence(lambda n: f"테스트아파트{n}")
    district_code = "11680"
    district_name = "강남구"
    approved_on = date(2010, 1, 15)


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    complex = factory.SubFactory(ComplexFactory)
    name = factory.Sequence(lambda n: str(101 + n))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    complex = factory.SelfAttribute("building.complex")
    number = factory.Sequence(lambda n: str(9000 + n))  # never clashes with "1203"-style numbers
    floor = factory.Sequence(lambda n: n % 25 + 1)
    supply_area = Decimal("84.97")
    type_label = "84A"


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward

    complex = factory.SubFactory(ComplexFactory)
    name = factory.Sequence(lambda n: f"제{n + 1}선거구")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    complex = factory.SubFactory(ComplexFactory)
    role = Role.STAFF


def resident(unit, kind=ResidentKind.OWNER, user=None) -> User:
    user = user or UserFactory()
    Membership.objects.create(
        complex=unit.complex, user=user, role=Role.RESIDENT, unit=unit, resident_kind=kind
    )
    return user


def member(complex_, role, user=None) -> User:
    user = user or UserFactory()
    Membership.objects.create(complex=complex_, user=user, role=role)
    return user
