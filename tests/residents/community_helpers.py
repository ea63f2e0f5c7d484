"""Helpers for the community-life tests: a small stair-core building with occupied units."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from complexes.models import ResidentKind
from tests.factories import BuildingFactory, UnitFactory, resident


def grid(complex_, name="105", floors=(3, 4, 5), lines=(1, 2, 3, 4)):
    """units[(floor, line)] of a new building, numbered 301, 302 …"""
    b = BuildingFactory(complex=complex_, name=name)
    units = {}
    for f in floors:
        for line in lines:
            units[(f, line)] = UnitFactory(building=b, number=f"{f}{line:02d}", floor=f)
    return b, units


def occupy(*units):
    return [resident(u, ResidentKind.OWNER) for u in units]


def at(days: int, hour: int, minute: int = 0):
    """An aware datetime `days` from today at hour:minute, Asia/Seoul."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
