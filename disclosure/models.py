"""Disclosure: the publication registry, fee summaries for comparisons, record requests."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel

from .duties import DUTIES, DUTY_CHOICES, SECTIONS, STATUS_CHOICES, Status


class DisclosureSettings(models.Model):
    """Per-complex settings of this app, created on first use. 제64조②2: the copy fee per page
    (black and white / colour) is left blank (〇원) by the bylaw: these are the defaults."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="disclosure_settings"
    )
    copy_fee_bw = models.PositiveIntegerField("복사수수료 흑백 (장당, 원)", default=50)
    copy_fee_colour = models.PositiveIntegerField("복사수수료 칼라 (장당, 원)", default=200)
    reminder_days = models.PositiveSmallIntegerField("기한 전 알림 (일)", default=3)

    class Meta:
        verbose_name = "정보공개 설정"
        verbose_name_plural = "정보공개 설정"

    def __str__(self):
        return f"{self.complex} 정보공개 설정"


class Publication(TenantModel):
    """One statutory disclosure of a complex: what, when it was due, when it was published.
    An entry without `published_at` is an obligation not yet met (pending, or missing once its
    due date has passed). `body` is stored masked (services mask before saving)."""

    duty = models.CharField("공개 항목", max_length=40, choices=DUTY_CHOICES)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용", blank=True)
    period = models.DateField("대상 기간", null=True, blank=True)  # 1st of month / Jan 1 of year
    event_on = models.DateField("기준일")  # meeting, receipt, signing day, or a day of the period
    due_on = models.DateField("공개 기한", db_index=True)
    published_at = models.DateTimeField("공개 일시", null=True, blank=True)
    posted_until = models.DateField("게시 종료일", null=True, blank=True)
    status = models.CharField(
        "상태", max_length=10, choices=STATUS_CHOICES, default=Status.PENDING, db_index=True
    )
    source_label = models.CharField("원본", max_length=60, blank=True)  # "council.Minutes"
    source_id = models.BigIntegerField(null=True, blank=True)
    source_url = models.CharField("원본 주소", max_length=300, blank=True)
    reason = models.TextField("사유·비고", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-due_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "duty", "source_label", "source_id"],
                condition=Q(source_id__isnull=False),
                name="publication_unique_source",
            ),
            models.UniqueConstraint(
                fields=["complex", "duty", "period"],
                condition=Q(period__isnull=False, source_id__isnull=True),
                name="publication_unique_period",
            ),
        ]
        indexes = [models.Index(fields=["complex", "status"])]
        verbose_name = "공개 기록"
        verbose_name_plural = "공개 기록"

    def __str__(self):
        return self.title

    @property
    def duty_info(self):
        return DUTIES[self.duty]

    @property
    def section_name(self):
        return SECTIONS[DUTIES[self.duty].section]

    @property
    def is_published(self):
        return self.published_at is not None


class ReminderSent(TenantModel):
    """An entry the office was reminded of before its deadline (sent once)."""

    publication = models.OneToOneField(Publication, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"알림 {self.publication_id}"


class FeeSummary(TenantModel):
    """A complex's issued total of one charge item for one month, and per m² of the complex's
    supply area — never per unit (제64조③ proviso). Filled from fees' issued billing runs by
    `services.fee_summary_refresh`; the comparison reads only this table. `flag` is the anomaly
    rule's finding (≥ 10% m/m or ≥ 7% y/y), `reason` the office's explanation shown with it."""

    period = models.DateField("월")
    item = models.CharField("비목", max_length=30)
    total = models.BigIntegerField("총액 (원)")
    per_m2 = models.DecimalField("㎡당 (원)", max_digits=12, decimal_places=2)
    flag = models.CharField("변동", max_length=100, blank=True)
    reason = models.TextField("변동 사유", blank=True)

    class Meta:
        ordering = ["period", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "period", "item"], name="feesummary_unique_item"
            )
        ]
        indexes = [
            # per_m2 as the last key column: index-only comparisons, also on SQLite
            models.Index(fields=["item", "complex", "period", "per_m2"], name="feesummary_compare")
        ]
        verbose_name = "관리비 요약"
        verbose_name_plural = "관리비 요약"


class ComparisonProfile(models.Model):
    """What groups a complex with similar ones (same district, size, age, heating), kept in one
    narrow table so a comparison over 20,000 complexes is one indexed lookup."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    city = models.CharField(max_length=30)
    district_code = models.CharField(max_length=5)
    heating_type = models.CharField(max_length=12)
    households = models.PositiveIntegerField("세대수")
    area = models.DecimalField("공급면적 합계 (㎡)", max_digits=12, decimal_places=2)
    approved_year = models.PositiveSmallIntegerField()
    size_band = models.CharField(max_length=3)
    age_band = models.CharField(max_length=3)

    class Meta:
        indexes = [
            models.Index(
                fields=["district_code", "heating_type", "size_band", "age_band"],
                name="profile_group",
            ),
            models.Index(fields=["city", "heating_type", "size_band"], name="profile_city"),
        ]

    def __str__(self):
        return f"{self.complex_id} {self.district_code} {self.size_band}/{self.age_band}"


class RequestKind(models.TextChoices):
    INSPECT = "inspect", "열람"
    COPY = "copy", "복사"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "접수"
    FEE_DUE = "fee_due", "수수료 납부 대기"
    PAID = "paid", "수수료 납부 (사본 준비 중)"
    DONE = "done", "완료"
    REJECTED = "rejected", "거절"


RECORD_KINDS = [
    ("bylaw", "규약 및 제 규정"),
    ("repair_plan", "장기수선계획서"),
    ("safety_plan", "안전관리계획서"),
    ("drawings", "설계도서·시설장비 명세"),
    ("minutes", "회의록 (녹음·녹화 포함)"),
    ("accounts", "관리비등 부과·징수·사용 회계서류"),
    ("deposits", "관리비예치금 내역"),
    ("contracts", "사업자 선정 자료 (계약서 등)"),
    ("complaints", "민원처리기록부"),
    ("operating_costs", "입주자대표회의·선거관리위원회 운영비 사용명세"),
    ("construction_drawings", "공사도면·준공도면"),
    ("safety_reports", "안전점검 결과 보고서"),
    ("photos", "교체·보수 사진정보"),
    ("supervision", "감리보고서"),
    ("repair_history", "시설물 교체·유지보수 이력"),
    ("defects", "하자보수 이력"),
    ("other", "그 밖의 관리업무 서류"),
]


class RecordRequest(TenantModel):
    """A resident's written request to inspect or copy one kept record (제64조②): inspection at
    once (no removal), copies within 2 days of paying the copy fee."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("구분", max_length=8, choices=RequestKind.choices)
    record_kind = models.CharField("자료 종류 (제64조①)", max_length=24, choices=RECORD_KINDS)
    record = models.CharField("요청 자료 (한 건)", max_length=200)
    colour = models.BooleanField("칼라 복사", default=False)
    pages = models.PositiveIntegerField("매수", null=True, blank=True)
    fee = models.PositiveIntegerField("복사수수료 (원)", default=0)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    paid_on = models.DateField("수수료 납부일", null=True, blank=True)
    due_on = models.DateField("사본 교부 기한", null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("처리 내용", blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["complex", "status"])]
        verbose_name = "자료 열람·복사 요청"
        verbose_name_plural = "자료 열람·복사 요청"

    def __str__(self):
        return f"{self.get_kind_display()} · {self.record}"
