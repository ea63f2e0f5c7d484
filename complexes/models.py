"""The tenant: a complex, its buildings, units and wards, and who holds which role in it."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import TenantModel

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(10))


class HeatingType(models.TextChoices):
    CENTRAL = "central", "중앙난방"
    DISTRICT = "district", "지역난방"
    INDIVIDUAL = "individual", "개별난방"


class ManagementMethod(models.TextChoices):
    SELF = "self", "자치관리"
    COMMISSIONED = "commissioned", "위탁관리"


class Complex(models.Model):
    """공동주택 단지 (별표 1). The tenant of every other row."""

    slug = models.SlugField("주소 식별자", max_length=50, unique=True)
    name = models.CharField("단지명", max_length=100)
    address = models.CharField("주소", max_length=200, blank=True)
    city = models.CharField("시·도", max_length=30, default="서울특별시")
    district_code = models.CharField("자치구 코드", max_length=5, db_index=True)
    district_name = models.CharField("자치구", max_length=30)
    approved_on = models.DateField("사용검사일")
    heating_type = models.CharField(
        "난방방식", max_length=12, choices=HeatingType.choices, default=HeatingType.INDIVIDUAL
    )
    management_method = models.CharField(
        "관리방법", max_length=12, choices=ManagementMethod.choices, default=ManagementMethod.SELF
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "단지"
        verbose_name_plural = "단지"

    def __str__(self):
        return self.name


class Building(TenantModel):
    """동."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="buildings")
    name = models.CharField("동", max_length=20)
    floors_above = models.PositiveSmallIntegerField("지상 층수", null=True, blank=True)
    floors_below = models.PositiveSmallIntegerField("지하 층수", null=True, blank=True)

    class Meta:
        ordering = ["complex", "name"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "name"], name="building_unique_name")
        ]
        verbose_name = "동"
        verbose_name_plural = "동"

    def __str__(self):
        return f"{self.name}동"


class Unit(TenantModel):
    """세대. `supply_area` (주택공급면적, m², 2 decimals) drives every area-based split."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="units")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="units")
    number = models.CharField("호", max_length=10)
    floor = models.SmallIntegerField("층")
    supply_area = models.DecimalField("공급면적(㎡)", max_digits=8, decimal_places=2)
    type_label = models.CharField("타입", max_length=20, blank=True)

    class Meta:
        ordering = ["building__name", "floor", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "building", "number"], name="unit_unique_number"
            ),
            models.CheckConstraint(condition=Q(supply_area__gt=0), name="unit_area_positive"),
        ]
        verbose_name = "세대"
        verbose_name_plural = "세대"

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.building.name}동 {self.number}호"


class JoinCode(TenantModel):
    """A unit's paper join code (issue 12): single-use, expires, and printing a new one for the
    unit voids the old. Only a SHA-256 digest of the code is kept: the plain code exists once,
    on the slip the office prints when it issues it (complexes/join_codes.py)."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="join_codes")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="join_codes")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField("발급", default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField("만료")
    used_at = models.DateTimeField("사용", null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    voided_at = models.DateTimeField("무효화", null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(used_at__isnull=True, voided_at__isnull=True),
                name="joincode_one_live_per_unit",
            )
        ]
        verbose_name = "가입 코드"
        verbose_name_plural = "가입 코드"

    def __str__(self):
        return f"{self.unit} 가입 코드 ({self.issued_at:%Y-%m-%d})"


class Ward(TenantModel):
    """선거구 (Art. 17): one or more buildings, or parts of buildings given as units."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="wards")
    name = models.CharField("선거구", max_length=50)
    buildings = models.ManyToManyField(Building, blank=True, related_name="wards")
    units = models.ManyToManyField(Unit, blank=True, related_name="wards")

    class Meta:
        ordering = ["complex", "name"]
        constraints = [models.UniqueConstraint(fields=["complex", "name"], name="ward_unique_name")]
        verbose_name = "선거구"
        verbose_name_plural = "선거구"

    def __str__(self):
        return self.name

    def unit_queryset(self):
        """All units of the ward: those of its buildings plus those listed one by one."""
        return Unit.objects.filter(
            Q(building__in=self.buildings.all()) | Q(pk__in=self.units.all()),
            complex_id=self.complex_id,
        ).distinct()


class Role(models.TextChoices):
    RESIDENT = "resident", "입주자등"
    COUNCIL = "council", "동별 대표자"
    COMMITTEE = "committee", "선거관리위원"
    STAFF = "staff", "관리사무소 직원"
    MANAGER = "manager", "관리사무소장"


class ResidentKind(models.TextChoices):
    OWNER = "owner", "입주자(소유자)"
    LESSEE = "lessee", "사용자(임차인)"


class Membership(TenantModel):
    """A role a person holds in a complex. A resident's membership names the unit and whether
    they are its owner or lessee. One person may hold several memberships."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("역할", max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    resident_kind = models.CharField(
        "입주 구분", max_length=8, choices=ResidentKind.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complex", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "user", "role"],
                condition=Q(unit__isnull=True),
                name="membership_unique_role",
            ),
            models.UniqueConstraint(
                fields=["complex", "user", "role", "unit"],
                condition=Q(unit__isnull=False),
                name="membership_unique_unit_role",
            ),
            models.CheckConstraint(
                condition=(Q(role="resident", unit__isnull=False) & ~Q(resident_kind=""))
                | (~Q(role="resident") & Q(unit__isnull=True, resident_kind="")),
                name="membership_resident_has_unit",
            ),
        ]
        verbose_name = "단지 역할"
        verbose_name_plural = "단지 역할"

    def __str__(self):
        return f"{self.user} · {self.complex} · {self.get_role_display()}"


class DistrictOfficial(models.Model):
    """구청 담당자: reviews every complex of a district; never sees personal data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="district_offices"
    )
    district_code = models.CharField("자치구 코드", max_length=5)
    district_name = models.CharField("자치구", max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "district_code"], name="official_unique")
        ]
        verbose_name = "자치구 담당자"
        verbose_name_plural = "자치구 담당자"

    def __str__(self):
        return f"{self.user} · {self.district_name}"


class Invitation(TenantModel):
    """An emailed link that gives its accepter a role (and for a resident, a unit)."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("이메일")
    role = models.CharField("역할", max_length=12, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True)
    resident_kind = models.CharField(
        "입주 구분", max_length=8, choices=ResidentKind.choices, blank=True
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("만료")
    accepted_at = models.DateTimeField("수락", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "초대"
        verbose_name_plural = "초대"


class UnsoldUnit(TenantModel):
    """A unit not yet sold: its bills of the unsold months — the reserve with them — are
    addressed to the developer (사업주체), not a resident (seed 004, 시행령 31조⑦). Which months
    those are is decided once, in complexes/unsold.py. Its table is still `repairs_unsoldunit`
    (moved from the repairs app without moving a row)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    developer = models.CharField("사업주체", max_length=100)
    since = models.DateField("미분양 시작")
    sold_on = models.DateField("분양일", null=True, blank=True)

    class Meta:
        db_table = "repairs_unsoldunit"
        ordering = ["unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "unit", "since"], name="unsold_unique")
        ]
        verbose_name = "미분양 세대"
        verbose_name_plural = "미분양 세대"
