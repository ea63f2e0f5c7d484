"""Parking leased for car sharing (Art. 67) and opened to outsiders (Art. 67-2): recorded only
with the basis the bylaw requires, and published on the board at once (67③, 67-2③)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Unit
from core.errors import ApplicationError

from ...models import Audience, Notice, StatutoryKind
from ..parking_models import OperatorKind, ParkingArrangement, ParkingKind


def _check(a: ParkingArrangement) -> None:
    """Art. 67①②③ and 67-2①②."""
    has_resolution = bool(a.resolution.strip())
    if a.spaces < 1 or not a.locations.strip():
        raise ApplicationError(_("주차면 수와 위치를 적어 주세요."), {"field": "spaces"})
    if a.consent_yes > a.households_total:
        raise ApplicationError(
            _("동의 세대 수가 전체 세대 수(%(n)s)보다 많습니다.") % {"n": a.households_total},
            {"field": "consent_yes"},
        )
    if a.kind == ParkingKind.LEASE:
        if a.operator_kind != OperatorKind.CAR_SHARING:
            raise ApplicationError(
                _(
                    "주차장 임대는 카셰어링(도시교통정비 촉진법 33조①4)에만 할 수 있습니다 (제67조①)."
                ),
                {"field": "operator_kind"},
            )
        if not has_resolution and not a.majority:
            raise ApplicationError(
                _(
                    "입주자대표회의 의결 또는 전체 입주자등 과반수 동의가 필요합니다 (제67조②): "
                    "동의 %(y)s/%(n)s세대."
                )
                % {"y": a.consent_yes, "n": a.households_total},
                {"field": "resolution"},
            )
        if not has_resolution:
            raise ApplicationError(
                _("임대 주차면 수와 위치는 입주자대표회의 의결로 정합니다 (제67조③)."),
                {"field": "resolution"},
            )
    else:
        if a.operator_kind not in (OperatorKind.LOCAL_GOVERNMENT, OperatorKind.PUBLIC_CORPORATION):
            raise ApplicationError(
                _(
                    "외부인 개방은 지방자치단체나 지방공사가 직접 운영하는 경우만 됩니다 (제67조의2①)."
                ),
                {"field": "operator_kind"},
            )
        if not a.hours.strip():
            raise ApplicationError(_("개방 시간을 적어 주세요 (제67조의2②)."), {"field": "hours"})
        if not has_resolution or not a.majority:
            raise ApplicationError(
                _(
                    "입주자대표회의 의결과 전체 입주자등 과반수 동의가 모두 필요합니다 "
                    "(제67조의2②): 동의 %(y)s/%(n)s세대."
                )
                % {"y": a.consent_yes, "n": a.households_total},
                {"field": "consent_yes"},
            )


@transaction.atomic
def parking_record(*, complex, by, **values) -> ParkingArrangement:
    """Record a lease or opening with its basis and post it on the notice board."""
    a = ParkingArrangement(
        complex=complex,
        recorded_by=by,
        households_total=Unit.objects.filter(complex=complex).count(),
        **values,
    )
    if a.kind not in ParkingKind.values:
        raise ApplicationError(_("구분을 골라 주세요."), {"field": "kind"})
    _check(a)
    a.save()
    from ...services import notice_save

    article = "제67조③" if a.kind == ParkingKind.LEASE else "제67조의2③"
    body = "\n".join(
        line
        for line in [
            f"{a.get_kind_display()}",
            f"운영자: {a.operator}",
            f"주차면: {a.spaces}면 ({a.locations})",
            f"개방 시간: {a.hours}" if a.hours else "",
            f"기간: {a.starts_on:%Y-%m-%d}~{a.ends_on:%Y-%m-%d}" if a.ends_on else "",
            f"근거: {a.resolution}" if a.resolution else "",
            f"입주자등 동의: {a.consent_yes}/{a.households_total}세대" if a.consent_yes else "",
            a.other_terms,
        ]
        if line
    )
    a.notice = notice_save(
        notice=Notice(
            complex=complex,
            title=f"{a.get_kind_display()} 공지 ({article})",
            body=body,
            audience=Audience.ALL,
            statutory_kind=StatutoryKind.PARKING,
            due_on=timezone.localdate(),
            author=by,
        ),
        by=by,
    )
    a.save(update_fields=["notice"])
    return a
