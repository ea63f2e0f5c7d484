"""The resident register (입주자명부, Art. 9③, 별지 1), who votes for a household (Art. 12),
complaints (민원, Art. 62①5, Art. 64①9) with the floor-noise and indirect-smoking dispute paths
(Arts. 68–71-3), and notices (공지사항).

Personal data lives in `Occupancy`, `Vehicle`, `HouseholdMember` and `RegisterChangeRequest`:
only the complex's office staff read them, and a resident reads their own (see selectors).
"""

import uuid
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from complexes.models import ResidentKind
from core.models import TenantModel

# 별지 1's consent text (개인정보 보호법 제15조·제17조·제23조·제24조), recorded with each entry.
CONSENT_PURPOSES = "온라인투표, 체납관리 및 비상시 연락"
CONSENT_RETENTION = "입주일로부터 관리비등의 정산을 완료하고 전출한 날까지"
CONSENT_THIRD_PARTIES = (
    "한국전력공사, 가스공급사, 경찰서, 법원, 지방자치단체 (관리비등의 체납자에 대한 조치 등)"
)
CONSENT_ITEMS = "성명, 생년월일, 주소, 연락처, 영상 등"


class ResidentSettings(models.Model):
    """Per-complex settings of this app (created on first use with these defaults)."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="resident_settings"
    )
    complaint_reminder_days = models.PositiveSmallIntegerField(
        "민원 미처리 알림 기준(일)",
        default=7,
        help_text="접수 후 이 일수가 지나도록 완료되지 않은 민원을 관리사무소에 알립니다.",
    )
    register_grace_days = models.PositiveSmallIntegerField(
        "명부 파기 유예(일)",
        default=30,
        help_text="전출 후 관리비 정산이 끝난 날부터 이 일수가 지나면 명부의 개인정보를 파기합니다.",
    )

    class Meta:
        verbose_name = "입주자 설정"
        verbose_name_plural = "입주자 설정"

    def __str__(self):
        return f"{self.complex} 입주자 설정"


class ResidentSettingsChange(TenantModel):
    """Every change of `ResidentSettings`, recorded."""

    field = models.CharField(max_length=50)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]


# --- the register ---------------------------------------------------------------------------


class Occupancy(TenantModel):
    """One household's residency of a unit as owner (입주자) or lessee (사용자): 별지 1's entry.

    Residency begins when ownership or the lease starts and ends when it is lost (Art. 9①②);
    `moved_out_on` is set only by `services.occupancy_move_out`. After move-out and the fee
    settlement (`settled_on`) the personal fields are erased (`anonymised_at`), keeping the unit,
    kind and dates that bills and arrears (Art. 13②, 16) still need.
    """

    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.RESTRICT, related_name="occupancies"
    )
    kind = models.CharField("입주 구분", max_length=8, choices=ResidentKind.choices)
    moved_in_on = models.DateField("입주일")
    moved_out_on = models.DateField("전출일", null=True, blank=True)
    settled_on = models.DateField("관리비 정산 완료일", null=True, blank=True)
    # The account of this household's head, when it has one.
    membership = models.ForeignKey(
        "complexes.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occupancies",
        verbose_name="연결된 계정",
    )
    name = models.CharField("성명(세대주)", max_length=50)
    birth_date = models.DateField("생년월일", null=True, blank=True)
    phone = models.CharField("휴대폰", max_length=20, blank=True)
    home_phone = models.CharField("연락처", max_length=20, blank=True)
    email = models.EmailField("이메일", blank=True)
    # For a lessee (별지 1 "사용자 기재"): the owner's contact.
    owner_name = models.CharField("소유자 성명", max_length=50, blank=True)
    owner_address = models.CharField("소유자 주소", max_length=200, blank=True)
    owner_phone = models.CharField("소유자 전화", max_length=20, blank=True)
    # Consent (별지 1): what was agreed to and when; empty date = not consented.
    consent_on = models.DateField("개인정보 동의일", null=True, blank=True)
    consent_purposes = models.CharField("수집·이용 목적", max_length=200, default=CONSENT_PURPOSES)
    consent_retention = models.CharField("보유기간", max_length=200, default=CONSENT_RETENTION)
    consent_third_parties = models.CharField(
        "제3자 제공", max_length=300, default=CONSENT_THIRD_PARTIES
    )
    memo = models.CharField("메모", max_length=200, blank=True)
    anonymised_at = models.DateTimeField("개인정보 파기일시", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__building__name", "unit__floor", "unit__number", "-moved_in_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_out_on__isnull=True)
                | Q(moved_out_on__gte=models.F("moved_in_on")),
                name="occupancy_out_after_in",
            ),
            models.UniqueConstraint(
                fields=["complex", "unit", "kind", "moved_in_on"], name="occupancy_unique_start"
            ),
        ]
        indexes = [models.Index(fields=["complex", "unit", "kind"])]
        verbose_name = "입주자명부"
        verbose_name_plural = "입주자명부"

    def __str__(self):
        return f"{self.unit.label} {self.get_kind_display()} ({self.moved_in_on:%Y-%m-%d}~)"

    @property
    def is_current(self) -> bool:
        return self.moved_out_on is None

    def active_on(self, day: date) -> bool:
        return self.moved_in_on <= day and (self.moved_out_on is None or day <= self.moved_out_on)


class Vehicle(TenantModel):
    occupancy = models.ForeignKey(Occupancy, on_delete=models.CASCADE, related_name="vehicles")
    plate = models.CharField("차량번호", max_length=20)
    car_type = models.CharField("차종", max_length=30, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.plate} ({self.car_type})" if self.car_type else self.plate


class HouseholdMember(TenantModel):
    """가족사항 (별지 1). A co-owner is recorded here with relation "공유자"."""

    occupancy = models.ForeignKey(Occupancy, on_delete=models.CASCADE, related_name="members")
    relation = models.CharField("세대주와의 관계", max_length=20)
    name = models.CharField("성명", max_length=50)
    birth_date = models.DateField("생년월일", null=True, blank=True)
    phone = models.CharField("연락처", max_length=20, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.relation} {self.name}"


class VoterBasis(models.TextChoices):
    HEAD = "head", "세대주 본인"
    CO_OWNER = "co_owner", "공유자 중 선임 (서면 통보, 제12조①)"
    PROXY = "proxy", "세대주 대리 (위임장, 제12조③)"


class VoterDesignation(TenantModel):
    """Who casts the household's one vote (Art. 12①③). At most one current per unit."""

    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.CASCADE, related_name="voter_designations"
    )
    occupancy = models.ForeignKey(
        Occupancy, on_delete=models.CASCADE, related_name="voter_designations"
    )
    voter_name = models.CharField("의결권자 성명", max_length=50)
    basis = models.CharField("근거", max_length=10, choices=VoterBasis.choices)
    membership = models.ForeignKey(
        "complexes.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="투표할 계정",
    )
    document = models.FileField("서면·위임장", upload_to="residents/voters/%Y/", blank=True)
    valid_from = models.DateField("시작일")
    ended_on = models.DateField("종료일", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "unit"],
                condition=Q(ended_on__isnull=True),
                name="voter_one_current_per_unit",
            )
        ]

    def __str__(self):
        return f"{self.unit.label} 의결권자 {self.voter_name}"


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", "확인 대기"
    APPROVED = "approved", "반영"
    REJECTED = "rejected", "반려"


class RegisterChangeRequest(TenantModel):
    """A resident's correction of their own entry; the office confirms it before it applies."""

    occupancy = models.ForeignKey(
        Occupancy, on_delete=models.CASCADE, related_name="change_requests"
    )
    changes = models.JSONField("요청 내용")
    status = models.CharField(
        max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField("반려 사유", max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at"]


# --- complaints -----------------------------------------------------------------------------


class ComplaintCategory(models.TextChoices):
    FACILITY = "facility", "시설 보수"
    NOISE = "noise", "층간소음"
    SMOKING = "smoking", "간접흡연"
    PARKING = "parking", "주차"
    CLEANING = "cleaning", "청소"
    SECURITY = "security", "경비·보안"
    FEES = "fees", "관리비"
    OTHER = "other", "기타"


DISPUTE_CATEGORIES = {ComplaintCategory.NOISE, ComplaintCategory.SMOKING}


class ComplaintChannel(models.TextChoices):
    ONLINE = "online", "온라인"
    PHONE = "phone", "전화"
    VISIT = "visit", "방문"
    WRITTEN = "written", "서면"


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "접수"
    ACKNOWLEDGED = "acknowledged", "확인"
    IN_PROGRESS = "in_progress", "처리 중"
    CLOSED = "closed", "완료"


class DisputeStep(models.TextChoices):
    """Steps of the dispute paths. Noise (Art. 71): investigation → request to the source
    household → the noise committee asked → its meeting of both sides → guidance to a dispute
    committee. Smoking (Art. 71-3): recommendation to stop → guidance to the district committee."""

    INVESTIGATED = "investigated", "관리주체 사실조사 (제71조①)"
    STOP_REQUESTED = "stop_requested", "발생 세대에 중단 요청·차음조치 권고 (제71조①)"
    COMMITTEE_REFERRED = "committee_referred", "층간소음 관리위원회 조정 요청 (제71조③)"
    COMMITTEE_MEETING = "committee_meeting", "층간소음 관리위원회 다자면담 (제71조④)"
    SMOKING_STOP_RECOMMENDED = "smoking_stop", "발생 세대에 흡연 중단 권고 (제71조의3①)"
    GUIDED_TO_DISPUTE_BODY = "guided", "분쟁조정위원회 신청 안내 (제71조⑤·제71조의3③)"


class Complaint(TenantModel):
    """민원. `unit` is the household that complains (null: logged for a common area without a
    unit); `location` says where. In a noise/smoking dispute `source_unit` is the household the
    nuisance comes from — shown only to the office unless it decides otherwise."""

    unit = models.ForeignKey(
        "complexes.Unit",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name="세대",
    )
    common_area = models.BooleanField("공용부분", default=False)
    location = models.CharField("위치", max_length=100, blank=True)
    category = models.CharField("분류", max_length=10, choices=ComplaintCategory.choices)
    title = models.CharField("제목", max_length=120)
    body = models.TextField("내용")
    channel = models.CharField(
        "접수 경로",
        max_length=10,
        choices=ComplaintChannel.choices,
        default=ComplaintChannel.ONLINE,
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="complaints_filed",
    )
    reporter_name = models.CharField("민원인", max_length=50, blank=True)
    reporter_phone = models.CharField("민원인 연락처", max_length=20, blank=True)
    status = models.CharField(
        "상태", max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints_assigned",
        verbose_name="담당자",
    )
    result = models.TextField("처리 결과", blank=True)
    filed_at = models.DateTimeField("접수일시", default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField("완료일시", null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Dispute path (Arts. 71, 71-3)
    source_unit = models.ForeignKey(
        "complexes.Unit",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="발생 세대",
    )
    dispute_step = models.CharField(
        "분쟁 단계", max_length=20, choices=DisputeStep.choices, blank=True
    )
    disclose_parties = models.BooleanField(
        "당사자 세대 공개",
        default=False,
        help_text="관리사무소가 결정한 경우에만 양측에 상대 세대를 알립니다.",
    )

    class Meta:
        ordering = ["-filed_at", "-pk"]
        indexes = [
            models.Index(fields=["complex", "status"]),
            models.Index(fields=["complex", "filed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(common_area=True),
                name="complaint_unit_or_common",
            )
        ]
        verbose_name = "민원"
        verbose_name_plural = "민원"

    def __str__(self):
        return f"[{self.get_category_display()}] {self.title}"

    @property
    def is_dispute(self) -> bool:
        return self.category in DISPUTE_CATEGORIES

    @property
    def is_open(self) -> bool:
        return self.status != ComplaintStatus.CLOSED


class EventKind(models.TextChoices):
    FILED = "filed", "접수"
    ACKNOWLEDGED = "acknowledged", "확인"
    ASSIGNED = "assigned", "담당자 배정"
    ACTION = "action", "조치"
    COMMENT = "comment", "의견"
    DISPUTE_STEP = "dispute_step", "분쟁 절차"
    CLOSED = "closed", "완료"
    REOPENED = "reopened", "재접수"


class ComplaintEvent(TenantModel):
    """One entry of the complaint's history (민원처리기록부, Art. 64①9). `internal` entries are
    office notes the resident does not see."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=14, choices=EventKind.choices)
    text = models.TextField(blank=True)
    step = models.CharField(max_length=20, choices=DisputeStep.choices, blank=True)
    happened_on = models.DateField(null=True, blank=True)
    internal = models.BooleanField("내부 메모", default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_office = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


def _attachment_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"residents/{instance.complex_id}/{uuid.uuid4().hex}{suffix}"


class ComplaintAttachment(TenantModel):
    """A photo or PDF of a complaint: stored under MEDIA_ROOT (never served directly), handed
    out only by a view that checks the complaint is visible to the requester."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        ComplaintEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# --- notices --------------------------------------------------------------------------------


class Audience(models.TextChoices):
    ALL = "all", "전체"
    BUILDING = "building", "동"
    WARD = "ward", "선거구"


class StatutoryKind(models.TextChoices):
    """Publications the bylaw orders onto the notice board (60-disclosure.md), each with its
    article; the notice's `due_on` is the deadline the disclosure view checks."""

    COUNCIL_MEETING = "council_meeting", "입주자대표회의 소집 공고 (제28조①)"
    MINUTES = "minutes", "회의록 공개 (제35조②·제49조⑤)"
    COMMITTEE_MEETING = "committee_meeting", "선거관리위원회 회의 공고 (제49조③)"
    COMMITTEE_RECRUIT = "committee_recruit", "선거관리위원 모집 공고 (제44조②)"
    RECONSIDERATION = "reconsideration", "재심의 결과 공고 (제34조③)"
    RECONTRACT = "recontract", "주택관리업자 재계약 의견청취 (제58조①)"
    CONTRACT = "contract", "계약서 공개 (제57조③)"
    OPERATING_COSTS = "operating_costs", "입주자대표회의 운영비 사용내역 (제37조③)"
    CONTINGENCY = "contingency", "예비비 사용 (제80조⑥)"
    MISC_INCOME = "misc_income", "잡수입 현황 (제80조⑦)"
    RESERVE_STATUS = "reserve_status", "장기수선충당금 적립·사용 현황 (제79조①)"
    INSPECTION = "inspection", "주민 참여 검수 공고 (제38조③)"
    PARKING = "parking", "주차장 임대·개방 공지 (제67조③·제67조의2③)"
    FACILITY_OPENING = "facility_opening", "주민공동시설 개방 공지 (제67조의3③)"
    SANCTION = "sanction", "행정처분 등 공개 (제64조④)"
    BYLAW_AMENDMENT = "bylaw_amendment", "관리규약 개정 공고 (제100조②)"
    NOISE_PREVENTION = "noise_prevention", "층간소음 예방 홍보 (제68조④)"
    OTHER = "other", "기타 법정 공고"


class Notice(TenantModel):
    """공지사항. Audience all / one building / one ward; visible between `publish_at` and
    `expires_at`; pinned ones first. A statutory notice carries its kind and due date."""

    title = models.CharField("제목", max_length=150)
    body = models.TextField("내용")
    audience = models.CharField(
        "대상", max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    building = models.ForeignKey(
        "complexes.Building",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="대상 동",
    )
    ward = models.ForeignKey(
        "complexes.Ward",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="대상 선거구",
    )
    pinned = models.BooleanField("상단 고정", default=False)
    publish_at = models.DateTimeField("게시 시작", default=timezone.now)
    expires_at = models.DateTimeField("게시 종료", null=True, blank=True)
    statutory_kind = models.CharField(
        "법정 공고 종류", max_length=20, choices=StatutoryKind.choices, blank=True
    )
    due_on = models.DateField("법정 게시 기한", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pinned", "-publish_at", "-pk"]
        indexes = [models.Index(fields=["complex", "publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="notice_expires_after_publish",
            ),
            models.CheckConstraint(
                condition=(Q(audience="all") & Q(building__isnull=True) & Q(ward__isnull=True))
                | (Q(audience="building") & Q(building__isnull=False) & Q(ward__isnull=True))
                | (Q(audience="ward") & Q(ward__isnull=False) & Q(building__isnull=True)),
                name="notice_audience_target",
            ),
        ]
        verbose_name = "공지사항"
        verbose_name_plural = "공지사항"

    def __str__(self):
        return self.title

    @property
    def published_on(self) -> date:
        return timezone.localtime(self.publish_at).date()

    @property
    def on_time(self) -> bool | None:
        """For a statutory notice: was it published by its due date? (None: no deadline)."""
        if not self.due_on:
            return None
        return self.published_on <= self.due_on

    def audience_label(self) -> str:
        if self.audience == Audience.BUILDING and self.building_id:
            return f"{self.building.name}동"
        if self.audience == Audience.WARD and self.ward_id:
            return self.ward.name
        return "전체"


class NoticeAttachment(TenantModel):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


# Residents' petitions (Arts. 23②⑥, 26③4, 34①, 61) live in their own module.
from .joining.models import JoinRequest, JoinRequestStatus, PendingReason  # noqa: E402, F401
from .petitions.models import (  # noqa: E402, F401
    CountRule,
    Petition,
    PetitionKind,
    PetitionPaper,
    PetitionSignature,
    PetitionStatus,
    SignatureChannel,
)
