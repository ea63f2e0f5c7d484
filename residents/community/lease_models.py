"""The daycare lease (Art. 66; 별첨 3) and the complex's insurance policies (Art. 72)."""

from django.db import models
from django.db.models import Q

from core.models import TenantModel


class DaycareMethod(models.TextChoices):
    FREE_LEASE = "free_lease", "국공립 어린이집 운영을 위한 지방자치단체 무상임대 (제66조①)"
    COMMISSION = "commission", "어린이집 원장 자격자에게 위탁 (제66조①)"


class DaycareLease(TenantModel):
    """A daycare lease or commission with the numbers of the rent rule (Art. 66⑥): capacity and
    monthly fee per age class (`classes`: [{"age": "만0세", "capacity": 3, "fee": 514000}]),
    deposit, monthly rent, and the 1-year deposit rate `rate_bp` (basis points, 3.5% = 350) of
    the bank with the largest household-loan share on `rate_on` (required input)."""

    method = models.CharField("운영 방식", max_length=12, choices=DaycareMethod.choices)
    operator = models.CharField("운영자", max_length=100)
    area = models.DecimalField("면적(㎡)", max_digits=8, decimal_places=2, null=True, blank=True)
    classes = models.JSONField("연령별 정원·보육료", default=list)
    deposit = models.PositiveBigIntegerField("임대보증금(원)", default=0)
    monthly_rent = models.PositiveBigIntegerField("월 임대료(원)", default=0)
    rate_bp = models.PositiveIntegerField("1년 정기예금 금리(bp)", default=0)
    rate_bank = models.CharField("기준 은행", max_length=50, blank=True)
    rate_on = models.DateField("금리 기준일", null=True, blank=True)
    starts_on = models.DateField("계약 시작")
    ends_on = models.DateField("계약 종료")
    method_vote = models.CharField("운영 방식 과반수 찬성 (주민투표)", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="daycare_lease_order"
            )
        ]
        verbose_name = "어린이집 임대"
        verbose_name_plural = "어린이집 임대"


class InsuranceKind(models.TextChoices):
    FIRE = "fire", "화재보험 (제72조1호)"
    FACILITY = "facility", "시설물 배상책임보험 (제72조2호)"
    OTHER = "other", "그 밖의 재난안전사고 보험 (제72조3호)"


class InsurancePolicy(TenantModel):
    """A policy the office must hold (Art. 72); premiums are billed as `insurance` (20-fees)."""

    kind = models.CharField("종류", max_length=10, choices=InsuranceKind.choices)
    insurer = models.CharField("보험사", max_length=60)
    policy_no = models.CharField("증권번호", max_length=60)
    insured_objects = models.CharField("보험 목적물", max_length=300)
    starts_on = models.DateField("보험 시작")
    ends_on = models.DateField("보험 종료")
    premium = models.PositiveBigIntegerField("보험료(원)")

    class Meta:
        ordering = ["ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="insurance_policy_order"
            ),
            models.UniqueConstraint(
                fields=["complex", "insurer", "policy_no"], name="insurance_policy_unique"
            ),
        ]
        verbose_name = "보험"
        verbose_name_plural = "보험"
