"""Petitions, their signatures and the office's paper records (see the package docstring)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel


class PetitionKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "재심의 요청 (제34조①)"
    CONVENE = "convene", "임시회의 소집 요구 (제26조③4호)"
    RECALL = "recall", "해임 요청 서면동의 (제23조②⑥)"
    MANAGEMENT_METHOD = "management_method", "관리방법 변경 제안 (제61조)"


class CountRule(models.TextChoices):
    PERSONS = "persons", "입주자등 N인 이상 (사람 수)"
    HOUSEHOLDS = "households", "입주자등 10분의 1 이상 (세대 수)"


class PetitionStatus(models.TextChoices):
    COLLECTING = "collecting", "서명 받는 중"
    REACHED = "reached", "요건 충족 — 접수됨"


class Petition(TenantModel):
    """A request of residents that takes effect only once `threshold` distinct residents of the
    complex's roll have signed. `threshold` and `roll_size` are fixed when it starts (the
    households of its scope: the ward's, or all of the complex's). `target_id` is the subject in
    the owning app (the resolution, the recall); `payload` what the effect needs."""

    kind = models.CharField("종류", max_length=20, choices=PetitionKind.choices)
    rule = models.CharField("정족 기준", max_length=10, choices=CountRule.choices)
    threshold = models.PositiveIntegerField("필요 인원")
    roll_size = models.PositiveIntegerField("대상 세대 수", null=True, blank=True)
    ward = models.ForeignKey(
        "complexes.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField("제목", max_length=200)
    summary = models.TextField("요청 내용")
    target_id = models.PositiveIntegerField("대상", null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    representative_name = models.CharField("대표인", max_length=100)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField("시작 일시")
    status = models.CharField(
        "상태", max_length=10, choices=PetitionStatus.choices, default=PetitionStatus.COLLECTING
    )
    reached_at = models.DateTimeField("요건 충족 일시", null=True, blank=True)
    outcome = models.CharField("처리 결과", max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            # One open petition per subject: signatures are not split over rival petitions.
            models.UniqueConstraint(
                fields=["complex", "kind", "target_id"],
                condition=Q(status="collecting", target_id__isnull=False),
                name="petition_one_open_per_subject",
            ),
            models.CheckConstraint(condition=Q(threshold__gte=1), name="petition_threshold_min"),
        ]
        verbose_name = "주민 서명 요청"
        verbose_name_plural = "주민 서명 요청"

    def __str__(self):
        return self.title


class PetitionPaper(TenantModel):
    """A paper petition (연서부·서면동의서) the office received and recorded, with its scan."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="papers")
    scan = models.FileField("스캔 파일", upload_to="residents/petitions/%Y/")
    note = models.CharField("비고", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField("등록 일시")

    class Meta:
        ordering = ["recorded_at", "pk"]


class SignatureChannel(models.TextChoices):
    ONLINE = "online", "본인 계정 서명"
    PAPER = "paper", "서면 (관리사무소 등록)"


class PetitionSignature(TenantModel):
    """One resident counted for a petition. `key` is who the signature counts as — the household
    (`u<unit>`) or the registered person (`o<occupancy>:h` head, `o<occupancy>:m<member>`) by the
    petition's rule — and is unique per petition: nobody counts twice, whatever the channel."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    channel = models.CharField("방법", max_length=8, choices=SignatureChannel.choices)
    key = models.CharField(max_length=40)
    unit = models.ForeignKey("complexes.Unit", on_delete=models.PROTECT, related_name="+")
    occupancy = models.ForeignKey(
        "residents.Occupancy", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signer_name = models.CharField("서명인", max_length=50)
    proxy_for = models.CharField("대리한 본인", max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paper = models.ForeignKey(
        PetitionPaper, on_delete=models.CASCADE, null=True, blank=True, related_name="signatures"
    )
    signed_at = models.DateTimeField("서명 일시")

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "petition", "key"], name="petition_one_signature_per_key"
            ),
            models.UniqueConstraint(
                fields=["complex", "petition", "user"],
                condition=Q(user__isnull=False),
                name="petition_one_signature_per_account",
            ),
            models.CheckConstraint(
                condition=Q(channel="online", user__isnull=False, paper__isnull=True)
                | Q(channel="paper", paper__isnull=False),
                name="petition_signature_channel",
            ),
        ]
