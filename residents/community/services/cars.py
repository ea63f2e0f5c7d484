"""Residents' cars (the register's 차량, 별지 1) with the complex's per-household limit, and
visitors' cars. The seed has no visitor-car rule (spec rule 23): guards may control vehicles
(Art. 62⑤) and the limits here are the council's parking regulation (Art. 103), product
settings labelled so."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Unit
from core.errors import ApplicationError

from ...models import Occupancy, Vehicle
from .. import rules, selectors
from ..models import VisitorCar


def _plate(text: str) -> str:
    plate = rules.normalise_plate(text)
    if not rules.valid_plate(plate):
        raise ApplicationError(
            _("차량번호 형식이 아닙니다 (예: 12가3456, 123가4567, 서울12가3456)."),
            {"field": "plate"},
        )
    return plate


def _current_occupancy(unit, kind: str | None = None) -> Occupancy:
    qs = Occupancy.objects.filter(
        complex_id=unit.complex_id, unit=unit, moved_out_on__isnull=True
    ).order_by("-kind")  # lessee before owner: the household that lives there
    if kind:
        preferred = qs.filter(kind=kind).first()
        if preferred is not None:
            return preferred
    occupancy = qs.first()
    if occupancy is None:
        raise ApplicationError(
            _(
                "입주자명부에 이 세대의 현재 입주 기록이 없습니다. 관리사무소에 등록을 요청해 주세요."
            ),
            {"field": "unit"},
        )
    return occupancy


@transaction.atomic
def car_register(*, unit, plate: str, car_type: str = "", by, kind: str | None = None) -> Vehicle:
    """Register a household's car on its register entry (별지 1's 차량), within the complex's
    per-household limit; a plate belongs to one current household only."""
    plate = _plate(plate)
    occupancy = _current_occupancy(unit, kind)
    Occupancy.objects.select_for_update().filter(pk=occupancy.pk).first()
    limit = selectors.settings_for(complex=unit.complex).cars_per_household
    unit_cars = Vehicle.objects.filter(
        complex_id=unit.complex_id, occupancy__unit=unit, occupancy__moved_out_on__isnull=True
    )
    if unit_cars.filter(plate=plate).exists():
        raise ApplicationError(_("이미 등록한 차량입니다."), {"field": "plate"})
    if unit_cars.count() >= limit:
        raise ApplicationError(
            _("세대당 %(n)s대까지 등록할 수 있습니다 (단지 주차 규정).") % {"n": limit},
            {"field": "plate"},
        )
    if Vehicle.objects.filter(
        complex_id=unit.complex_id, plate=plate, occupancy__moved_out_on__isnull=True
    ).exists():
        raise ApplicationError(
            _("다른 세대에 등록된 차량번호입니다. 관리사무소에 문의해 주세요."), {"field": "plate"}
        )
    return Vehicle.objects.create(
        complex_id=unit.complex_id, occupancy=occupancy, plate=plate, car_type=car_type[:30]
    )


@transaction.atomic
def car_remove(*, vehicle: Vehicle, by) -> None:
    vehicle.delete()


@transaction.atomic
def visitor_register(
    *, unit: Unit, plate: str, visit_from: date, visit_until: date | None = None, purpose="", by
) -> VisitorCar:
    """Register a visitor's car for `visit_from`…`visit_until` (inclusive). Limits (the council's
    parking regulation, product defaults): no past days, at most `visitor_max_days` days, at most
    `visitor_cars_per_day` visitor cars per household on any day. The unit row is locked so two
    registrations of one household do not both pass the daily limit."""
    plate = _plate(plate)
    visit_until = visit_until or visit_from
    today = timezone.localdate()
    if visit_from < today:
        raise ApplicationError(_("지난 날짜로는 등록할 수 없습니다."), {"field": "visit_from"})
    if visit_until < visit_from:
        raise ApplicationError(_("종료일이 시작일보다 앞섭니다."), {"field": "visit_until"})
    settings = selectors.settings_for(complex=unit.complex)
    days = (visit_until - visit_from).days + 1
    if days > settings.visitor_max_days:
        raise ApplicationError(
            _("방문차량은 한 번에 %(n)s일까지 등록할 수 있습니다.")
            % {"n": settings.visitor_max_days},
            {"field": "visit_until"},
        )
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    mine = VisitorCar.objects.filter(
        complex_id=unit.complex_id, unit=unit, cancelled_at__isnull=True
    )
    if mine.filter(plate=plate, visit_from__lte=visit_until, visit_until__gte=visit_from).exists():
        raise ApplicationError(_("이 기간에 이미 등록한 차량입니다."), {"field": "plate"})
    day = visit_from
    while day <= visit_until:
        n = mine.filter(visit_from__lte=day, visit_until__gte=day).count()
        if n >= settings.visitor_cars_per_day:
            raise ApplicationError(
                _("%(d)s에는 이미 방문차량 %(n)s대를 등록했습니다 (세대당 하루 %(n)s대).")
                % {"d": day.isoformat(), "n": settings.visitor_cars_per_day},
                {"field": "visit_from"},
            )
        day += timedelta(days=1)
    return VisitorCar.objects.create(
        complex_id=unit.complex_id,
        unit=unit,
        plate=plate,
        visit_from=visit_from,
        visit_until=visit_until,
        purpose=purpose[:100],
        registered_by=by,
    )


@transaction.atomic
def visitor_cancel(*, visitor: VisitorCar, by) -> VisitorCar:
    visitor = VisitorCar.objects.select_for_update().get(pk=visitor.pk)
    if visitor.cancelled_at is not None:
        raise ApplicationError(_("이미 취소된 방문차량입니다."))
    if visitor.visit_until < timezone.localdate():
        raise ApplicationError(_("이미 끝난 방문은 취소할 수 없습니다."))
    visitor.cancelled_at = timezone.now()
    visitor.save(update_fields=["cancelled_at"])
    return visitor
