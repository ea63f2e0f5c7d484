"""Data of community life (see the package docstring). Every row carries its complex."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import TenantModel


class CommunitySettings(models.Model):
    """Per-complex settings (created on first use). The seed sets none of these numbers: they are
    the council's regulations (Art. 103) or product settings, labelled so."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="community_settings"
    )
    cars_per_household = models.PositiveSmallIntegerField(
        "세대당 등록 차량 수 한도", default=2, help_text="단지 주차 규정으로 정합니다."
    )
    visitor_max_days = models.PositiveSmallIntegerField(
        "방문차량 1회 등록 최대 일수", default=7, help_text="단지 주차 규정(제품 설정)."
    )
    visitor_cars_per_day = models.PositiveSmallIntegerField(
        "세대당 하루 방문차량 수 한도", default=3, help_text="단지 주차 규정(제품 설정)."
    )
    van_seats_min = models.PositiveSmallIntegerField(
        "차고지 불허 승합차 인승(이상)", default=16, help_text="제65조 표 1나 5) 의 ○인승."
    )
    smoking_ack_days = models.PositiveSmallIntegerField(
        "간접흡연 신고 확인 기한(일)", default=3, help_text="관리규약에 기한이 없어 제품 설정."
    )
    smoking_resolve_days = models.PositiveSmallIntegerField(
        "간접흡연 권고·종결 기한(일)", default=14, help_text="관리규약에 기한이 없어 제품 설정."
    )

    class Meta:
        verbose_name = "공동생활 설정"
        verbose_name_plural = "공동생활 설정"

    def __str__(self):
        return f"{self.complex} 공동생활 설정"


# --- building layout (for neighbour consent, Art. 65 table D 3가·6) -----------------------------


class CorridorType(models.TextChoices):
    STAIR = "stair", "계단식(통로식)"
    CORRIDOR = "corridor", "복도식"


class BuildingLayout(TenantModel):
    """How a building's units share a stairway or corridor. Absent = 통로식, two units per
    stairway (the common plan); the office corrects it (and single units via UnitPlacement)."""

    building = models.OneToOneField(
        "complexes.Building", on_delete=models.CASCADE, related_name="layout"
    )
    corridor_type = models.CharField(
        "복도 형태", max_length=10, choices=CorridorType.choices, default=CorridorType.STAIR
    )
    units_per_stairway = models.PositiveSmallIntegerField("통로당 라인 수", default=2)

    class Meta:
        verbose_name = "동 배치"
        verbose_name_plural = "동 배치"


class UnitPlacement(TenantModel):
    """The office's correction of a unit's line (호 라인) and stairway (통로) when the number
    does not tell them (default: line = the number's last two digits)."""

    unit = models.OneToOneField(
        "complexes.Unit", on_delete=models.CASCADE, related_name="placement"
    )
    line = models.PositiveSmallIntegerField("라인")
    entrance = models.PositiveSmallIntegerField("통로", null=True, blank=True)

    class Meta:
        verbose_name = "세대 배치"
        verbose_name_plural = "세대 배치"


# --- consents (Art. 65) -------------------------------------------------------------------------


class ConsentCase(models.TextChoices):
    """Art. 65 table D (관리주체의 동의기준)."""

    STORAGE_OK = "1ga", "1가. 공용부분 일시 적치 (유익·필요)"
    STORAGE_HARM = "1na", "1나. 공용부분 적치·주차 (유해)"
    SIGN_OK = "2ga", "2가. 지정 장소 광고물·표지물"
    SIGN_HARM = "2na", "2나. 지정 외 장소·미관 저해 광고물"
    PET = "3ga", "3가. 가축 사육 (이웃 서면동의)"
    LOUDSPEAKER = "3na", "3나. 확성기·방송"
    PROTRUSION = "4", "4. 발코니 난간·외벽 돌출물 (실외기·안테나 등)"
    RESTRICTED_AREA = "5", "5. 전기실·기계실·정화조 출입"
    HOME_USE = "6", "6. 세대 내 놀이방·공부방 등 사용 (이웃 동의)"
    FIXTURE = "7", "7. 세대 내 창호·배관·홈네트워크 교체"
    GRINDER = "8", "8. 음식물 분쇄기 (배관 배출)"
    AC_EXHAUST = "9", "9. 실외기 공간이 있는 세대의 외벽 돌출물"


class ConsentStatus(models.TextChoices):
    COLLECTING = "collecting", "이웃 동의 받는 중"
    SUBMITTED = "submitted", "관리주체 결정 대기"
    DECIDED = "decided", "결정됨"
    WITHDRAWN = "withdrawn", "취하"


class ConsentDecision(models.TextChoices):
    CONSENT = "consent", "동의"
    REFUSE = "refuse", "부동의"
    PROHIBITED = "prohibited", "금지"
    ESCORT = "escort", "관리자 입회 조건 출입"


class ConsentApplication(TenantModel):
    """A resident's application for the office's consent (Art. 65, 영 19조②)."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.CASCADE, related_name="+")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    case = models.CharField("유형(제65조 표)", max_length=4, choices=ConsentCase.choices)
    description = models.TextField("신청 내용")
    place = models.CharField("장소", max_length=100, blank=True)
    period_start = models.DateField("기간 시작", null=True, blank=True)
    period_end = models.DateField("기간 끝", null=True, blank=True)
    pledge = models.FileField("책임 서약서", upload_to="residents/consents/%Y/", blank=True)
    status = models.CharField(
        "상태", max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.SUBMITTED
    )
    filed_at = models.DateTimeField("신청 일시", default=timezone.now)
    decision = models.CharField("결정", max_length=10, choices=ConsentDecision.choices, blank=True)
    reasons = models.TextField("결정 사유", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="consent_period_order",
            )
        ]
        verbose_name = "동의 신청"
        verbose_name_plural = "동의 신청"

    def __str__(self):
        return f"{self.get_case_display()} ({self.unit_id})"


class NeighbourConsent(TenantModel):
    """One neighbouring household's answer (Art. 65 table D 3가·6; open reading 3: one answer
    per unit). `adjacent`: a directly affected unit (same-floor wall neighbour or directly
    above / below) whose yes is required without exception. `answer` null = not yet answered."""

    application = models.ForeignKey(
        ConsentApplication, on_delete=models.CASCADE, related_name="neighbours"
    )
    unit = models.ForeignKey("complexes.Unit", on_delete=models.CASCADE, related_name="+")
    adjacent = models.BooleanField("직접 영향 세대", default=False)
    in_group = models.BooleanField("같은 통로·복도 층", default=True)
    answer = models.BooleanField("동의", null=True)
    written = models.BooleanField("서면 동의서", default=False)
    signer_name = models.CharField("서명인", max_length=50, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "unit"], name="neighbour_consent_one_per_unit"
            )
        ]


# --- shared facilities and bookings (Art. 67-3; Art. 103 regulation) ---------------------------


class FacilityAccess(models.TextChoices):
    RESIDENTS = "residents", "입주자등만"
    SHARED = "shared", "입주자등 + 인근 단지 입주자 (제67조의3)"


class Facility(TenantModel):
    """A 주민공동시설 the office lets residents book, with the council's booking rules."""

    name = models.CharField("시설명", max_length=50)
    description = models.CharField("설명", max_length=300, blank=True)
    access = models.CharField(
        "이용 대상", max_length=10, choices=FacilityAccess.choices, default=FacilityAccess.RESIDENTS
    )
    sharing_resolution = models.CharField(
        "공유 근거 (입주자대표회의 의결·과반수 동의)", max_length=200, blank=True
    )
    opens_at = models.TimeField("운영 시작")
    closes_at = models.TimeField("운영 종료")
    slot_minutes = models.PositiveSmallIntegerField("예약 단위(분)", default=60)
    capacity = models.PositiveSmallIntegerField(
        "동시 이용 예약 수", default=1, help_text="1이면 한 번에 한 세대만 예약합니다."
    )
    fee_per_slot = models.PositiveIntegerField("예약 단위당 사용료(원)", default=0)
    max_slots_per_day = models.PositiveSmallIntegerField("세대당 하루 최대 예약 단위", default=2)
    max_active_bookings = models.PositiveSmallIntegerField("세대당 진행 중 예약 수 한도", default=4)
    book_ahead_days = models.PositiveSmallIntegerField("예약 가능 기간(일)", default=14)
    cancel_before_hours = models.PositiveSmallIntegerField("취소 마감(시작 전 시간)", default=2)
    active = models.BooleanField("운영 중", default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "name"], name="facility_unique_name"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="facility_hours"
            ),
            models.CheckConstraint(condition=Q(slot_minutes__gte=10), name="facility_slot_min"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="facility_capacity_min"),
        ]
        verbose_name = "공동시설"
        verbose_name_plural = "공동시설"

    def __str__(self):
        return self.name


class BookingStatus(models.TextChoices):
    ACTIVE = "active", "예약"
    CANCELLED = "cancelled", "취소"


class Booking(TenantModel):
    """A household's booking of a facility for [starts_at, ends_at). For a facility of capacity
    1 (`exclusive`) PostgreSQL refuses two active overlapping bookings by an exclusion constraint
    (migration 0006_booking_no_overlap); the service also locks the facility row, which enforces larger
    capacities and the quotas."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="bookings")
    unit = models.ForeignKey("complexes.Unit", on_delete=models.CASCADE, related_name="+")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_at = models.DateTimeField("시작")
    ends_at = models.DateTimeField("끝")
    exclusive = models.BooleanField(default=True)
    fee = models.PositiveIntegerField("사용료(원)", default=0)
    status = models.CharField(
        "상태", max_length=10, choices=BookingStatus.choices, default=BookingStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_order"
            )
        ]
        indexes = [models.Index(fields=["complex", "facility", "starts_at"])]
        verbose_name = "시설 예약"
        verbose_name_plural = "시설 예약"


# --- visitor cars (a council regulation, spec rule 23) --------------------------------------------


class VisitorCar(TenantModel):
    """A visitor's car a household registers for a date range (inclusive, Asia/Seoul)."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.CASCADE, related_name="+")
    plate = models.CharField("차량번호", max_length=20)
    visit_from = models.DateField("방문 시작일")
    visit_until = models.DateField("방문 종료일")
    purpose = models.CharField("방문 목적", max_length=100, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-visit_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visit_until__gte=models.F("visit_from")), name="visitor_car_order"
            )
        ]
        indexes = [models.Index(fields=["complex", "plate"])]
        verbose_name = "방문차량"
        verbose_name_plural = "방문차량"


class CommunityReminder(TenantModel):
    """A reminder sent once (the tasks' idempotency key): `kind` and the object it is about."""

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "kind", "object_id"], name="community_reminder_once"
            )
        ]


# The groups (Arts. 39–43) live in their own module.
from .groups_models import (  # noqa: E402, F401
    CommunityGroup,
    GroupExpense,
    GroupFunding,
    GroupMember,
    GroupReport,
    GroupStatus,
    MemberKind,
)
from .lease_models import (  # noqa: E402, F401
    DaycareLease,
    DaycareMethod,
    InsuranceKind,
    InsurancePolicy,
)
from .parking_models import OperatorKind, ParkingArrangement, ParkingKind  # noqa: E402, F401
