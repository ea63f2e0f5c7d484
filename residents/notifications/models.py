"""Who wants which message how (NotificationPreference), how a complex sends
(SenderSettings), and what was sent to whom (Delivery)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TenantModel


class ChannelChoice(models.TextChoices):
    EMAIL = "email", _("이메일")
    SMS = "sms", _("문자(SMS)")
    KAKAO = "kakao", _("카카오톡 알림톡")


class NotificationPreference(TenantModel):
    """A person's choice in one complex: the channel, the mobile number for SMS/KakaoTalk, and
    the kinds they do not want (mandatory kinds are sent anyway, registry.Kind.mandatory)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs"
    )
    channel = models.CharField(
        _("받는 방법"), max_length=8, choices=ChannelChoice.choices, default=ChannelChoice.EMAIL
    )
    phone = models.CharField(_("휴대전화"), max_length=20, blank=True)
    opt_outs = models.JSONField(_("받지 않는 알림"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complex", "user"], name="notification_pref_once")
        ]

    def __str__(self):
        return f"{self.user} @ {self.complex_id}: {self.channel}"


class SenderSettings(TenantModel):
    """How a complex sends SMS and 알림톡: its registered sender number (발신번호) and its
    KakaoTalk channel (pfId) with the approved template id of each kind."""

    sms_sender = models.CharField(_("발신번호"), max_length=20, blank=True)
    kakao_pf_id = models.CharField(_("카카오톡 채널 ID (pfId)"), max_length=64, blank=True)
    kakao_templates = models.JSONField(_("알림톡 템플릿 ID (종류별)"), default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["complex"], name="sender_settings_once")]

    def __str__(self):
        return f"sender settings of {self.complex_id}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    SENT = "sent", _("발송")
    FALLBACK = "fallback", _("문자로 대체 발송")
    FAILED = "failed", _("실패")
    SKIPPED = "skipped", _("수신 거부")


class Delivery(models.Model):
    """One message of one kind to one recipient. `complex` is empty only for messages that
    belong to no complex (a district official's weekly digest). Texts are stored as sent,
    except secrets (a voting code), which are stored as markers and given to the sending task
    only (never stored: elections keep codes as hashes)."""

    complex = models.ForeignKey(
        "complexes.Complex", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("종류"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("발송 방법"), max_length=8, choices=ChannelChoice.choices)
    sent_channel = models.CharField(
        _("실제 발송"), max_length=8, choices=ChannelChoice.choices, blank=True
    )
    address = models.CharField(_("받는 곳"), max_length=254)
    subject = models.CharField(_("제목"), max_length=300, blank=True)
    text = models.TextField(_("본문"))
    alimtalk_text = models.TextField(blank=True)
    has_secrets = models.BooleanField(default=False)
    key = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        _("상태"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    provider_id = models.CharField(_("업체 메시지 ID"), max_length=200, blank=True)
    error = models.TextField(_("오류"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("시도 횟수"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["complex", "-created_at"], name="delivery_log")]
        constraints = [
            # A caller's key (e.g. "bill:123") makes a second notify() of the same thing harmless.
            models.UniqueConstraint(
                fields=["complex", "kind", "key", "address"],
                condition=~models.Q(key=""),
                name="delivery_once_per_key",
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.address} ({self.status})"

    @property
    def done(self) -> bool:
        return self.status in (DeliveryStatus.SENT, DeliveryStatus.FALLBACK, DeliveryStatus.SKIPPED)
