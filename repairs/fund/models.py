"""The repair reserve fund (장기수선충당금), above fees: usage plans (별지 12) and their documents,
the reserve ledger's manual entries (Art. 80②, 63④), the yearly 별지 6 status (Art. 79①).
Models of the `repairs` app (registered through repairs/models.py); tables unchanged.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel
from repairs.plan.models import Component


class UsagePlanStatus(models.TextChoices):
    DRAFT = "draft", "작성 중"
    APPROVED = "approved", "의결됨"
    CONTRACTED = "contracted", "계약 체결"
    EXECUTED = "executed", "집행 완료"
    CANCELLED = "cancelled", "취소"


class Procurement(models.TextChoices):
    COMPETITIVE = "competitive", "일반경쟁입찰"
    LIMITED = "limited", "제한경쟁입찰"
    DESIGNATED = "designated", "지명경쟁입찰"
    NEGOTIATED = "negotiated", "수의계약"


class UsagePlan(TenantModel):
    """장기수선충당금 사용계획서 (별지 12). Drafted by the office, resolved by the council before
    the bidding notice (Art. 79②); then the contract and the spending are recorded against it."""

    title = models.CharField("공사명", max_length=200)
    component = models.ForeignKey(
        Component, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    plan_cycle_years = models.PositiveSmallIntegerField(
        "계획상 수선주기(년)", null=True, blank=True
    )
    plan_repair_rate = models.DecimalField(
        "계획상 수선율(%)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    elapsed_years = models.PositiveSmallIntegerField("경과연수", null=True, blank=True)
    reason = models.TextField("사유", blank=True)
    description = models.TextField("공사 내용", blank=True)
    location = models.CharField("위치", max_length=200, blank=True)
    period_start = models.DateField("공사 시작 예정일", null=True, blank=True)
    period_end = models.DateField("공사 종료 예정일", null=True, blank=True)
    estimated_amount = models.PositiveBigIntegerField("예정 금액(원)")
    procurement = models.CharField(
        "사업자 선정 방법",
        max_length=12,
        choices=Procurement.choices,
        default=Procurement.COMPETITIVE,
    )
    # Seed 004 exception: defect dispute/diagnosis costs with written consent of a majority of owners.
    defect_exception = models.BooleanField(
        "하자 분쟁·진단 비용 (입주자 과반수 서면동의)", default=False
    )
    status = models.CharField(
        "상태", max_length=10, choices=UsagePlanStatus.choices, default=UsagePlanStatus.DRAFT
    )
    resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("의결 반영", null=True, blank=True)
    contractor = models.CharField("계약 상대방", max_length=200, blank=True)
    contract_amount = models.PositiveBigIntegerField("계약 금액(원)", null=True, blank=True)
    contracted_on = models.DateField("계약일", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "장기수선충당금 사용계획서"
        verbose_name_plural = "장기수선충당금 사용계획서"

    def __str__(self):
        return self.title


class DocumentKind(models.TextChoices):
    DRAWING = "drawing", "도면"
    PHOTO_BEFORE = "photo_before", "공사 전 사진"
    PHOTO_AFTER = "photo_after", "공사 후 사진"
    CONTRACT = "contract", "계약서"
    OTHER = "other", "기타"


class UsagePlanDocument(TenantModel):
    """Drawings and photos before/after, kept permanently (Art. 64①13–15)."""

    usage_plan = models.ForeignKey(UsagePlan, on_delete=models.RESTRICT, related_name="documents")
    kind = models.CharField("종류", max_length=14, choices=DocumentKind.choices)
    file = models.FileField("파일", upload_to="repairs/%Y/%m/")
    caption = models.CharField("설명", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    @property
    def filename(self) -> str:
        return PurePosixPath(self.file.name).name

    class Meta:
        ordering = ["uploaded_at"]


class EntryKind(models.TextChoices):
    OPENING = "opening", "이월 잔액"
    MISC_INCOME = "misc_income", "잡수입 적립 (제80조②)"
    INTEREST = "interest", "이자"
    DEVELOPER = "developer", "사업주체 납부 (미분양)"
    SPENDING = "spending", "공사 집행"
    METER = "meter", "계량기 검정·교체 (제63조④)"


CREDIT_KINDS = {EntryKind.OPENING, EntryKind.MISC_INCOME, EntryKind.INTEREST, EntryKind.DEVELOPER}


class ReserveEntry(TenantModel):
    """A ledger entry of the reserve other than the accruals billed on the monthly bills (those
    come from fees). `amount` is positive won; credit or debit follows from `kind`."""

    entry_date = models.DateField("일자")
    kind = models.CharField("구분", max_length=12, choices=EntryKind.choices)
    amount = models.PositiveBigIntegerField("금액(원)")
    memo = models.CharField("적요", max_length=200)
    usage_plan = models.ForeignKey(
        UsagePlan, on_delete=models.RESTRICT, null=True, blank=True, related_name="entries"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry_date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="entry_amount_pos")]
        verbose_name = "장기수선충당금 원장"
        verbose_name_plural = "장기수선충당금 원장"

    @property
    def signed(self) -> int:
        return self.amount if self.kind in CREDIT_KINDS else -self.amount


class AnnualStatus(TenantModel):
    """별지 6 as prepared in January for December 31 of the previous year (Art. 79①): the figures
    frozen, to be published by March 31."""

    year = models.PositiveSmallIntegerField("기준연도")
    figures = models.JSONField("현황")
    prepared_at = models.DateTimeField(auto_now_add=True)
    publish_by = models.DateField("공개 기한")
    published_at = models.DateTimeField("공개일", null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "year"], name="annual_status_unique")
        ]
