"""The long-term repair plan (장기수선계획), below fees: the plan and its revisions, components,
phases (별표 9 rate) and 3-yearly reviews, and the reserve settings (Art. 83③).

A plan has revisions; each revision is a full snapshot (period, components, phases), so every
adjustment is kept (Art. 64①2: permanent record) and can be diffed against the previous one.
The current revision (highest number) drives the bills' reserve line (repairs/plan/reserve.py).
Models of the `repairs` app (registered through repairs/models.py); tables unchanged.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TenantModel


class RepairSettings(TenantModel):
    """Per-complex settings of the reserve (created on first use)."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="repair_settings"
    )
    # Art. 83③: the minimum monthly price per m² the ministry sets; 0 = none configured.
    minimum_price_per_m2 = models.DecimalField(
        "최소 적립단가(원/㎡·월)", max_digits=10, decimal_places=2, default=Decimal("0")
    )
    # seed 004: the temporary use approval of all units, when it came before the use approval.
    temporary_approval_on = models.DateField("전체 세대 임시사용승인일", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "장기수선충당금 설정"
        verbose_name_plural = "장기수선충당금 설정"


class RepairSettingsChange(TenantModel):
    """Every change of RepairSettings, recorded."""

    field = models.CharField(max_length=40)
    old_value = models.CharField(max_length=100, blank=True)
    new_value = models.CharField(max_length=100, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]


class RepairPlan(TenantModel):
    """One plan per complex, with its revision history."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="repair_plan"
    )
    title = models.CharField("계획명", max_length=100, default="장기수선계획")
    established_on = models.DateField("수립일")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "장기수선계획"
        verbose_name_plural = "장기수선계획"

    def __str__(self):
        return self.title


class RevisionKind(models.TextChoices):
    ESTABLISHED = "established", "수립"
    IMPORT = "import", "파일 가져오기"
    ADJUSTMENT = "adjustment", "조정"
    PHASES = "phases", "적립요율 변경"


class PlanRevision(TenantModel):
    """A full snapshot of the plan: period (first month .. last month), components, phases."""

    plan = models.ForeignKey(RepairPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("차수")
    kind = models.CharField("구분", max_length=12, choices=RevisionKind.choices)
    start_month = models.DateField("계획기간 시작(월)")
    end_month = models.DateField("계획기간 종료(월)")
    reason = models.CharField("사유", max_length=300, blank=True)
    # 시행규칙 7조②: the office drafts an adjustment, the council resolves it.
    resolution_ref = models.CharField("의결 내용", max_length=200, blank=True)
    resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "plan", "number"], name="revision_unique"),
            models.CheckConstraint(
                condition=Q(end_month__gte=models.F("start_month")), name="revision_period_order"
            ),
        ]
        verbose_name = "장기수선계획 차수"
        verbose_name_plural = "장기수선계획 차수"

    def __str__(self):
        return f"{self.number}차 ({self.get_kind_display()})"

    @property
    def months(self) -> int:
        return (
            (self.end_month.year - self.start_month.year) * 12
            + (self.end_month.month - self.start_month.month)
            + 1
        )


class ComponentCategory(models.TextChoices):
    EXTERIOR = "exterior", "건물외부"
    INTERIOR = "interior", "건물내부"
    ELECTRICAL = "electrical", "전기·소화·승강기·지능형 홈네트워크"
    PLUMBING = "plumbing", "급수·가스·배수·환기"
    HEATING = "heating", "난방·급탕"
    OUTDOOR = "outdoor", "옥외 부대시설·옥외 복리시설"


class RepairMethod(models.TextChoices):
    FULL = "full", "전면교체"
    PARTIAL = "partial", "부분수리"


class Component(TenantModel):
    """공사종별: one line of the plan. Occurrences fall in first_year, first_year + cycle, … up
    to the end of the plan period; each costs quantity × unit_cost × repair_rate / 100."""

    revision = models.ForeignKey(PlanRevision, on_delete=models.CASCADE, related_name="components")
    category = models.CharField("구분", max_length=12, choices=ComponentCategory.choices)
    name = models.CharField("공사종별", max_length=100)
    method = models.CharField("수선방법", max_length=8, choices=RepairMethod.choices)
    cycle_years = models.PositiveSmallIntegerField(
        "수선주기(년)", validators=[MinValueValidator(1)]
    )
    first_year = models.PositiveSmallIntegerField("최초 수선연도")
    repair_rate = models.DecimalField(
        "수선율(%)",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    quantity = models.DecimalField("수량", max_digits=14, decimal_places=3)
    unit = models.CharField("단위", max_length=20)
    unit_cost = models.DecimalField("단가(원)", max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "revision", "category", "name"], name="component_unique"
            ),
            models.CheckConstraint(condition=Q(cycle_years__gt=0), name="component_cycle_pos"),
        ]
        verbose_name = "공사종별"
        verbose_name_plural = "공사종별"

    def __str__(self):
        return self.name


class ReservePhase(TenantModel):
    """연차별 적립요율 (Art. 83①): months [start_month, end_month] accumulate rate % of the total."""

    revision = models.ForeignKey(PlanRevision, on_delete=models.CASCADE, related_name="phases")
    start_month = models.DateField("시작(월)")
    end_month = models.DateField("종료(월)")
    rate = models.DecimalField("적립요율(%)", max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["start_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "revision", "start_month"], name="phase_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end_month__gte=models.F("start_month")), name="phase_period_order"
            ),
        ]
        verbose_name = "적립 단계"
        verbose_name_plural = "적립 단계"

    @property
    def months(self) -> int:
        return (
            (self.end_month.year - self.start_month.year) * 12
            + (self.end_month.month - self.start_month.month)
            + 1
        )


class PlanReview(TenantModel):
    """3-yearly review of the plan by the council and office (공동주택관리법 29조②), recorded and
    kept; an adjustment it leads to is a new revision."""

    plan = models.ForeignKey(RepairPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("검토일")
    findings = models.TextField("검토사항")
    adjusted = models.BooleanField("조정 필요", default=False)
    revision = models.ForeignKey(
        PlanRevision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on"]
        verbose_name = "장기수선계획 검토"
        verbose_name_plural = "장기수선계획 검토"
