"""A membership waiting for the office (issue 12 [1/9]).

When the register cannot decide who a joiner is (no entry for the unit, a different name, an
entry that already has an account), the joiner gets no Membership at all — so no role in the
complex and nothing of it to see, personal or not — but a `JoinRequest` the office approves by
choosing the register entry (occupancy) it belongs to, or rejects with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import TenantModel


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "승인 대기"
    APPROVED = "approved", "승인"
    REJECTED = "rejected", "반려"


class PendingReason(models.TextChoices):
    NO_ENTRY = "no_entry", "입주자명부에 이 세대의 현재 입주자가 없음"
    NAME_DIFFERS = "name_differs", "입력한 성명이 명부의 세대주 성명과 다름"
    AMBIGUOUS = "ambiguous", "같은 성명의 명부 항목이 여럿"
    ALREADY_LINKED = "already_linked", "명부 항목에 이미 다른 계정이 연결됨"
    OWNER_OF_LET_UNIT = (
        "owner_of_let_unit",
        "임대 중인 세대의 소유자 (종이 코드는 거주 세대에 전달됨)",
    )


class JoinRequest(TenantModel):
    unit = models.ForeignKey("complexes.Unit", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    name = models.CharField("입력한 성명", max_length=50)
    reason = models.CharField("승인 대기 사유", max_length=20, choices=PendingReason.choices)
    status = models.CharField(
        "상태", max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField("신청", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("처리", null=True, blank=True)
    occupancy = models.ForeignKey(
        "residents.Occupancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="연결한 명부 항목",
    )
    membership = models.ForeignKey(
        "complexes.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reject_reason = models.CharField("반려 사유", max_length=200, blank=True)

    class Meta:
        app_label = "residents"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "unit", "user"],
                condition=Q(status="pending"),
                name="joinrequest_one_pending",
            )
        ]
        verbose_name = "가입 승인 요청"
        verbose_name_plural = "가입 승인 요청"

    def __str__(self):
        return f"{self.unit} {self.name} ({self.get_status_display()})"
