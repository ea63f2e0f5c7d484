"""Community activation groups (공동체 활성화 단체, Arts. 39–43; 별첨 5; 별지 5-1, 5-2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import TenantModel


class GroupStatus(models.TextChoices):
    FILED = "filed", "결성 신고 접수 (별지 5-1)"
    APPROVED = "approved", "지원 결정"
    REFUSED = "refused", "지원 거부"
    DISSOLVED = "dissolved", "해산"


class CommunityGroup(TenantModel):
    """A group and its formation report (별지 5-1, Art. 39②)."""

    name = models.CharField("단체명", max_length=60)
    purpose = models.CharField("목적", max_length=200)
    formed_on = models.DateField("결성일")
    main_activities = models.TextField("주요 활동")
    rules = models.TextField("회칙", blank=True)
    status = models.CharField(
        "상태", max_length=10, choices=GroupStatus.choices, default=GroupStatus.FILED
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_at = models.DateTimeField("신고 일시", default=timezone.now)
    resolution = models.CharField("입주자대표회의 의결", max_length=200, blank=True)
    decided_on = models.DateField("결정일", null=True, blank=True)
    refusal_reasons = models.TextField("거부 사유", blank=True)
    refusal_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "name"], name="community_group_unique_name"),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reasons=""),
                name="community_group_refusal_has_reasons",
            ),
        ]
        verbose_name = "공동체 활성화 단체"
        verbose_name_plural = "공동체 활성화 단체"

    def __str__(self):
        return self.name


class MemberKind(models.TextChoices):
    RESIDENT = "resident", "입주자등"
    EXPERT = "expert", "전문가 (예외)"
    CIVIC = "civic", "시민단체 회원 (예외)"
    NEIGHBOURHOOD = "neighbourhood", "인근 주민 (별첨 5 §3③, 예외)"


class GroupMember(TenantModel):
    """A member (별지 5-1 member list: position, 동·호, phone). Only `resident` members with a
    unit of the complex count toward the ten (Art. 39①; open reading 1)."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("성명", max_length=50)
    position = models.CharField("직위", max_length=30, blank=True)
    kind = models.CharField("구분", max_length=15, choices=MemberKind.choices)
    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    phone = models.CharField("연락처", max_length=20, blank=True)
    is_representative = models.BooleanField("대표자", default=False)

    class Meta:
        ordering = ["-is_representative", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(is_representative=True),
                name="group_one_representative",
            ),
            models.CheckConstraint(
                condition=~Q(kind="resident") | Q(unit__isnull=False),
                name="group_resident_member_has_unit",
            ),
        ]


class FundingStatus(models.TextChoices):
    REQUESTED = "requested", "지원 신청 (별지 5-1)"
    NOTIFIED = "notified", "지원 결정 통보"
    APPLIED = "applied", "교부 신청 (별지 5-2)"
    PUBLISHED = "published", "지원금 공개 중"
    TRANSFERRED = "transferred", "이체 완료"
    CANCELLED = "cancelled", "취소 (잡수입 환원)"


class GroupFunding(TenantModel):
    """A funding request and its path (Art. 41①, 별첨 5 §6): council resolution and notice →
    별지 5-2 within 10 days or cancelled → published 10 days → transfer within 5 days after."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="fundings")
    purpose = models.CharField("사업 목적", max_length=200)
    period = models.CharField("사업 기간", max_length=60, blank=True)
    cost_basis = models.TextField("소요 비용 산출 근거", blank=True)
    requested_amount = models.PositiveBigIntegerField("신청 금액(원)")
    requested_on = models.DateField("신청일")
    council_amount = models.PositiveBigIntegerField("지원 결정 금액(원)", null=True, blank=True)
    resolution = models.CharField("입주자대표회의 의결", max_length=200, blank=True)
    notified_on = models.DateField("결정 통보일", null=True, blank=True)
    applied_on = models.DateField("교부 신청일 (별지 5-2)", null=True, blank=True)
    published_from = models.DateField("공개 시작", null=True, blank=True)
    published_until = models.DateField("공개 끝", null=True, blank=True)
    transferred_on = models.DateField("이체일", null=True, blank=True)
    status = models.CharField(
        "상태", max_length=12, choices=FundingStatus.choices, default=FundingStatus.REQUESTED
    )
    cancelled_reason = models.CharField("취소 사유", max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = "단체 지원금"
        verbose_name_plural = "단체 지원금"


class ReceiptKind(models.TextChoices):
    CARD = "card", "신용카드매출전표"
    CASH = "cash", "현금영수증"
    TAX = "tax", "세금계산서"


class GroupExpense(TenantModel):
    """A group's spending with its receipt (Art. 39③; 별첨 5 §11). Spending is reported to the
    council before it is made (`reported_before`)."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="expenses")
    spent_on = models.DateField("사용일")
    amount = models.PositiveBigIntegerField("금액(원)")
    item = models.CharField("내용", max_length=200)
    receipt_kind = models.CharField("증빙", max_length=6, choices=ReceiptKind.choices)
    receipt = models.FileField("증빙 파일", upload_to="residents/groups/%Y/", blank=True)
    reported_before = models.BooleanField("사전 보고", default=False)

    class Meta:
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="group_expense_amount")
        ]


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", "월별 사용내역 (별첨 5 §11④)"
    YEARLY = "yearly", "연간 정산·감사 의견 (별첨 5 §12)"


class GroupReport(TenantModel):
    """The office's monthly expense statement of a group (published by the 5th of the next
    month, 별첨 5 §11④) or the council's yearly settlement with its audit opinion (within one
    month of the fiscal year's end, §12). `period` is the month's first day or the FY's last."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField("구분", max_length=8, choices=ReportKind.choices)
    period = models.DateField("대상 기간")
    total = models.PositiveBigIntegerField("사용 합계(원)")
    audit_opinion = models.TextField("감사 의견", blank=True)
    published_on = models.DateField("공개일")
    due_on = models.DateField("공개 기한")

    class Meta:
        ordering = ["-period", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "kind", "period"], name="group_report_once_per_period"
            ),
            models.CheckConstraint(
                condition=~Q(kind="yearly") | ~Q(audit_opinion=""), name="group_yearly_has_audit"
            ),
        ]

    @property
    def late(self) -> bool:
        return self.published_on > self.due_on
