"""Builders for fee tests: a small complex with units on several floors and a month's costs."""

from datetime import date
from decimal import Decimal

from complexes.models import Unit
from fees import services
from tests.factories import BuildingFactory, UnitFactory

AREAS = [Decimal("59.90"), Decimal("84.97"), Decimal("84.97"), Decimal("114.50")]


def four_units(complex_, name="301"):
    """101-style building with four units: floors 1, 2, 3, 10 — areas of the spec's example."""
    building = BuildingFactory(complex=complex_, name=name)
    units = []
    for floor, area in zip([1, 2, 3, 10], AREAS, strict=True):
        units.append(
            UnitFactory(building=building, number=f"{floor}01", floor=floor, supply_area=area)
        )
    return building, units


def csv(text: str) -> bytes:
    return text.strip().encode("utf-8")


def import_costs(complex_, period, text):
    return services.costs_import(
        complex=complex_, period=period, data=csv(text), filename="costs.csv"
    )


def import_readings(complex_, period, text):
    return services.readings_import(
        complex=complex_, period=period, data=csv(text), filename="readings.csv"
    )


def only(complex_, units):
    """Delete every other unit of the complex (the shared fixture's units) so splits are exact."""
    Unit.objects.filter(complex=complex_).exclude(pk__in=[u.pk for u in units]).delete()


SEP = date(2026, 9, 1)
OCT = date(2026, 10, 1)
