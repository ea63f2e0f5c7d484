"""Parking leased for car sharing (Art. 67) and parking opened to outsiders (Art. 67-2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel


class ParkingKind(models.TextChoices):
    LEASE = "lease", "카셰어링 주차장 임대 (제67조)"
    OPENING = "opening", "외부인 주차장 개방 (제67조의2)"


class OperatorKind(models.TextChoices):
    CAR_SHARING = "car_sharing", "자동차대여사업자 (카셰어링, 도시교통정비 촉진법 33조①4)"
    LOCAL_GOVERNMENT = "local_government", "지방자치단체 직접 운영"
    PUBLIC_CORPORATION = "public_corporation", "지방공사 (지방공기업법 76조)"
    OTHER = "other", "기타"


class ParkingArrangement(TenantModel):
    """A recorded parking lease or opening with its basis: the council's resolution and/or the
    residents' consent tally (`consent_yes` of `households_total`, all households of the
    complex when recorded). `notice` is the board notice published with it (67③, 67-2③)."""

    kind = models.CharField("구분", max_length=10, choices=ParkingKind.choices)
    operator = models.CharField("운영자", max_length=100)
    operator_kind = models.CharField("운영자 구분", max_length=20, choices=OperatorKind.choices)
    spaces = models.PositiveIntegerField("주차면 수")
    locations = models.CharField("위치", max_length=200)
    hours = models.CharField("개방 시간", max_length=100, blank=True)
    other_terms = models.TextField("그 밖의 조건", blank=True)
    resolution = models.CharField("입주자대표회의 의결", max_length=200, blank=True)
    resolved_on = models.DateField("의결일", null=True, blank=True)
    consent_yes = models.PositiveIntegerField("동의 세대 수", default=0)
    households_total = models.PositiveIntegerField("전체 세대 수")
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일", null=True, blank=True)
    notice = models.ForeignKey(
        "residents.Notice", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="parking_arrangement_order",
            ),
            models.CheckConstraint(condition=Q(spaces__gte=1), name="parking_arrangement_spaces"),
        ]
        verbose_name = "주차장 임대·개방"
        verbose_name_plural = "주차장 임대·개방"

    @property
    def majority(self) -> bool:
        """ "과반수" / "과반수 이상" = more than half of all households (open reading 6)."""
        return self.consent_yes * 2 > self.households_total
