"""입주자대표회의 (Ch. 3, Arts. 17–38): composition, meetings, agenda items, votes, resolutions,
minutes, reconsideration requests and the operating-cost ledger.

Rules live in services.py / majority.py; these models hold data and simple derived values.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel


class CouncilSettings(TenantModel):
    """Per-complex values the bylaw leaves blank (〇), created with the defaults on first use.

    Art. 17: one representative per ward, so the full number of seats (정원) defaults to the
    number of wards; `seats` overrides it. Art. 37②2: attendance allowance ≤ 50,000 won per
    meeting and a monthly cap (〇만원, default 100,000)."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="council_settings"
    )
    seats = models.PositiveSmallIntegerField(
        "정원(명)", null=True, blank=True, help_text="비워 두면 선거구 수(제17조)"
    )
    attendance_allowance = models.PositiveIntegerField("회의 출석수당(1회, 원)", default=50_000)
    attendance_monthly_cap = models.PositiveIntegerField("출석수당 월 한도(원)", default=100_000)
    chair_allowance = models.PositiveIntegerField("회장 업무추진비(월, 원)", default=300_000)
    auditor_allowance = models.PositiveIntegerField("감사 업무추진비(월, 원)", default=100_000)
    training_yearly = models.PositiveIntegerField("교육비(연, 원)", default=500_000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "입주자대표회의 설정"
        verbose_name_plural = "입주자대표회의 설정"


class Representative(TenantModel):
    """동별 대표자: one seat per ward (Art. 17) for a term (Art. 18). `ended_on` is set when the
    seat is lost before the term ends (resignation, recall, disqualification)."""

    # SET_NULL: deleting a ward keeps the council's history (votes, minutes) of its past reps.
    ward = models.ForeignKey(
        "complexes.Ward", on_delete=models.SET_NULL, null=True, related_name="reps"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    name = models.CharField("성명", max_length=100)
    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    term_start = models.DateField("임기 시작")
    term_end = models.DateField("임기 종료")
    by_election = models.BooleanField("보궐선거", default=False)
    ended_on = models.DateField("자격 상실일", null=True, blank=True)
    end_reason = models.CharField("상실 사유", max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        "출생연도", null=True, blank=True, help_text="이사 중 연장자 판단(제26조①)"
    )
    source = models.CharField("선출 근거", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ward__name", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="rep_term_positive"
            )
        ]
        verbose_name = "동별 대표자"
        verbose_name_plural = "동별 대표자"

    def __str__(self):
        return f"{self.name} ({self.ward.name if self.ward else '-'})"

    def last_day(self):
        """The last day in office: the term end or the day before the seat was lost."""
        if self.ended_on and self.ended_on <= self.term_end:
            return self.ended_on - timedelta(days=1)
        return self.term_end

    def seated_on(self, day) -> bool:
        return self.term_start <= day <= self.last_day()


class SuspensionReason(models.TextChoices):
    ETHICS = "ethics", "윤리교육 미이수 (제23조⑬)"
    RECALL = "recall", "해임 투표 진행 중 (제23조③)"
    OFFICE = "office", "임원 해임 투표 진행 중 — 임원 직무만 정지 (제23조⑦)"
    OTHER = "other", "기타"


class Suspension(TenantModel):
    """직무정지: the rep stays in the membership but cannot vote or sign (40-council.md rule 1).
    Reason `office` (Art. 23⑦): only the officer duties — the rep still votes and signs."""

    representative = models.ForeignKey(
        Representative, on_delete=models.CASCADE, related_name="suspensions"
    )
    reason = models.CharField("사유", max_length=10, choices=SuspensionReason.choices)
    starts_on = models.DateField("정지 시작")
    ends_on = models.DateField("정지 해제", null=True, blank=True)
    note = models.CharField("비고", max_length=200, blank=True)
    source = models.CharField("근거", max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = "직무정지"
        verbose_name_plural = "직무정지"

    def active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    def blocks_rep_duties(self, day) -> bool:
        """Active on `day` and suspending the rep's own duties (not officer-only, Art. 23⑦)."""
        return self.active_on(day) and self.reason != SuspensionReason.OFFICE


class Office(models.TextChoices):
    CHAIR = "chair", "회장"
    AUDITOR = "auditor", "감사"
    DIRECTOR = "director", "이사"


class Officer(TenantModel):
    """임원 (Art. 19): the office lasts as long as the rep's seat."""

    representative = models.ForeignKey(
        Representative, on_delete=models.CASCADE, related_name="offices"
    )
    office = models.CharField("직위", max_length=10, choices=Office.choices)
    starts_on = models.DateField("취임일")
    ends_on = models.DateField("퇴임일", null=True, blank=True)

    class Meta:
        ordering = ["office", "-starts_on"]
        verbose_name = "임원"
        verbose_name_plural = "임원"

    def __str__(self):
        return f"{self.get_office_display()} {self.representative.name}"


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "정기회의"
    EXTRAORDINARY = "extraordinary", "임시회의"


class NoticeException(models.TextChoices):
    NONE = "", "해당 없음"
    RECONVENED = "reconvened", "같은 목적으로 다시 소집"
    EMERGENCY = "emergency", "긴급(안전사고 등)"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "소집 준비"
    NOTICED = "noticed", "소집 통지됨"
    HELD = "held", "개최됨"
    CANCELLED = "cancelled", "취소"


class Meeting(TenantModel):
    """정기·임시회의 (Art. 26). The notice (date, place, agenda) goes to every rep at least 5 days
    before (Art. 28①)."""

    number = models.PositiveIntegerField("차수")
    kind = models.CharField("회의 구분", max_length=14, choices=MeetingKind.choices)
    starts_at = models.DateTimeField("일시")
    ends_at = models.DateTimeField("종료 시각", null=True, blank=True)
    place = models.CharField("장소", max_length=200)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    notice_exception = models.CharField(
        "통지기간 예외", max_length=12, choices=NoticeException.choices, blank=True
    )
    notice_exception_reason = models.CharField("예외 사유", max_length=300, blank=True)
    notice_sent_at = models.DateTimeField("통지일시", null=True, blank=True)
    notice_posted_at = models.DateTimeField("게시일시", null=True, blank=True)
    convened_by = models.CharField("소집권자", max_length=100, blank=True)
    recording = models.FileField("녹음·녹화", upload_to="council/recordings/", blank=True)
    memo = models.CharField("비고", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "number"], name="meeting_unique_number")
        ]
        verbose_name = "회의"
        verbose_name_plural = "회의"

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"입주자대표회의 제{self.number}차 {self.get_kind_display()}"


class ConveneRequest(TenantModel):
    """A request to convene an extraordinary meeting (Art. 26③); if the chair does not send the
    notice within 14 days of receiving it, the eldest director convenes (Art. 26①)."""

    class Requester(models.TextChoices):
        AUDITOR = "auditor", "감사"
        OFFICE = "office", "관리주체"
        RESIDENTS = "residents", "입주자등 10분의 1 이상"
        MEMBERS = "members", "구성원 3분의 1 이상"

    requester = models.CharField("요구자", max_length=10, choices=Requester.choices)
    reason = models.TextField("소집 이유")
    received_on = models.DateField("접수일")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True)
    # Residents' demand (Art. 26③4): the petition whose 1/10 of households made it.
    petition = models.OneToOneField(
        "residents.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convene_request",
    )
    # Members' demand (Art. 26③): the reps who signed it (≥ 1/3, council/convene.py).
    signers = models.ManyToManyField(Representative, blank=True, related_name="+")

    class Meta:
        ordering = ["-received_on"]
        verbose_name = "회의 소집 요구"
        verbose_name_plural = "회의 소집 요구"

    def __str__(self):
        return f"{self.received_on} {self.get_requester_display()}: {self.reason[:30]}"


class NoticeReceipt(TenantModel):
    """One rep's copy of a meeting notice, with the read-receipt token (Art. 28①)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    representative = models.ForeignKey(Representative, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    email = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "meeting", "representative"], name="receipt_unique"
            )
        ]


class Observer(TenantModel):
    """방청 신청 (Art. 27): up to 10 minutes before the start."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="observers")
    name = models.CharField("성명", max_length=100)
    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)


class Attendance(TenantModel):
    """출석 — in person only (Art. 31①)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    representative = models.ForeignKey(
        Representative, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField("출석", default=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "meeting", "representative"], name="attendance_unique"
            )
        ]


class ProposerKind(models.TextChoices):
    REPRESENTATIVE = "rep", "동별 대표자"
    MANAGER = "manager", "관리사무소장"
    RESIDENTS = "residents", "입주자등"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "제안됨"
    SUBMITTED = "submitted", "회장에게 제출됨"
    SCHEDULED = "scheduled", "상정 예정"
    PASSED = "passed", "가결"
    REJECTED = "rejected", "부결"
    EXCLUDED = "excluded", "제외"


class Majority(models.TextChoices):
    MEMBERS = "members", "구성원 과반수 (제30조)"
    TWO_THIRDS = "two_thirds", "구성원 3분의 2 이상 (제58조②)"


class ItemCategory(models.TextChoices):
    GENERAL = "general", "일반"
    BUDGET = "budget", "예산·결산"
    DEPOSIT = "deposit", "관리비예치금 증액"
    PROJECT = "project", "개별 사업(공사·용역·물품)"
    USAGE_PLAN = "usage_plan", "장기수선충당금 사용계획"
    CONTRACTOR = "contractor", "사업자 선정"
    RECONTRACT = "recontract", "주택관리업자 재계약"
    RECONSIDERATION = "reconsideration", "재심의"
    OTHER = "other", "기타"


class AgendaItem(TenantModel):
    """의안 (Art. 29, 별지 7). `number` (의안번호) is given when the chair receives it."""

    number = models.PositiveIntegerField("의안번호", null=True, blank=True)
    title = models.CharField("안건명", max_length=200)
    category = models.CharField(
        "분류", max_length=16, choices=ItemCategory.choices, default=ItemCategory.GENERAL
    )
    proposer_kind = models.CharField("제안자 구분", max_length=10, choices=ProposerKind.choices)
    proposer_name = models.CharField("제안자", max_length=100)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_on = models.DateField("제안일")
    motion = models.TextField("의결주문")
    reason = models.TextField("제안이유")
    content = models.TextField("주요내용")
    cost_estimate = models.PositiveBigIntegerField("비용추계(원)", null=True, blank=True)
    legal_basis = models.CharField("근거", max_length=300, blank=True)
    notes = models.TextField("기타", blank=True)
    attachment = models.FileField("첨부", upload_to="council/items/", blank=True)
    status = models.CharField(
        max_length=10, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    exclusion_reason = models.CharField("제외 사유", max_length=300, blank=True)
    majority = models.CharField(
        "의결 정족수", max_length=12, choices=Majority.choices, default=Majority.MEMBERS
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    order = models.PositiveSmallIntegerField("상정 순서", default=0)
    objecting_units = models.PositiveIntegerField(
        "재계약 이의제기 세대 수",
        null=True,
        blank=True,
        help_text="주택관리업자 재계약: 입주자등 의견청취 결과 (제58조①②)",
    )
    reconsideration = models.OneToOneField(
        "Reconsideration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="redeliberation_item",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "order", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "number"],
                condition=Q(number__isnull=False),
                name="item_unique_number",
            )
        ]
        verbose_name = "안건"
        verbose_name_plural = "안건"

    def __str__(self):
        return f"제{self.number}호 {self.title}" if self.number else self.title


class VoteChoice(models.TextChoices):
    YES = "yes", "찬성"
    NO = "no", "반대"
    ABSTAIN = "abstain", "기권"


class Vote(TenantModel):
    """One present rep's vote on one item at one meeting (Art. 31③)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    representative = models.ForeignKey(
        Representative, on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField("의사표시", max_length=8, choices=VoteChoice.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "item", "meeting", "representative"], name="vote_unique"
            )
        ]


class ResolutionStatus(models.TextChoices):
    EFFECTIVE = "effective", "유효"
    SUSPENDED = "suspended", "효력 정지(재심의 중)"
    REVOKED = "revoked", "재심의로 취소"


class Resolution(TenantModel):
    """의결: the decided outcome of an agenda item at a meeting. Other apps (budgets, usage plans,
    contractor selections) link here; they are approved only while `resolution_is_effective`.

    A reconsideration request (Art. 34①) turns status to SUSPENDED until the council has
    re-deliberated (Art. 34③)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="resolutions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    passed = models.BooleanField("가결")
    yes = models.PositiveSmallIntegerField("찬성")
    no = models.PositiveSmallIntegerField("반대")
    abstain = models.PositiveSmallIntegerField("기권")
    seats = models.PositiveSmallIntegerField("정원")
    seated = models.PositiveSmallIntegerField("선출 인원")
    membership = models.PositiveSmallIntegerField("구성원")
    required_yes = models.PositiveSmallIntegerField("의결정족수")
    present = models.PositiveSmallIntegerField("참석")
    status = models.CharField(
        max_length=10, choices=ResolutionStatus.choices, default=ResolutionStatus.EFFECTIVE
    )
    redeliberated = models.BooleanField("재심의 완료", default=False)
    decided_at = models.DateTimeField("의결일시")

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "item", "meeting"], name="resolution_unique_item_meeting"
            )
        ]
        verbose_name = "의결"
        verbose_name_plural = "의결"

    def __str__(self):
        verdict = "가결" if self.passed else "부결"
        return f"{self.item.title} — {verdict} ({self.meeting.title})"

    @property
    def tally_text(self) -> str:
        verdict = "가결됨" if self.passed else "부결됨"
        return f"찬성 {self.yes}, 반대 {self.no}, 기권 {self.abstain} 으로 {verdict}"


class Minutes(TenantModel):
    """회의록 (Art. 35, 별첨 2): the resolutions part (2-1/2-2), signed by every attending rep on
    the meeting day, and the speech record with item details, due within 5 days."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    order_of_business = models.TextField(
        "회의 진행순서", default="1. 개회선언\n2. 국민의례\n3. 안건상정 및 토의\n4. 폐회"
    )
    decisions_note = models.TextField("비고", blank=True)
    resolutions_completed_at = models.DateTimeField("의결사항 확정", null=True, blank=True)
    resolutions_published_at = models.DateTimeField("의결사항 공개", null=True, blank=True)
    speech_record = models.TextField("발언록", blank=True)
    item_details = models.TextField("안건세부명세", blank=True)
    speech_received_at = models.DateTimeField("발언록 접수", null=True, blank=True)
    speech_published_at = models.DateTimeField("발언록 공개", null=True, blank=True)
    written_by = models.CharField("작성자", max_length=100, blank=True)

    class Meta:
        verbose_name = "회의록"
        verbose_name_plural = "회의록"


class MinutesSignature(TenantModel):
    """A rep's authenticated confirmation of the resolutions part, with time (Art. 35①)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="signatures")
    representative = models.ForeignKey(Representative, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "minutes", "representative"], name="signature_unique"
            )
        ]


class FilerKind(models.TextChoices):
    AUDITOR = "auditor", "감사"
    OFFICE = "office", "관리주체"
    RESIDENTS = "residents", "입주자등 10인 이상"


class ReconsiderationStatus(models.TextChoices):
    PENDING = "pending", "재심의 대기"
    UPHELD = "upheld", "원안 유지"
    OVERTURNED = "overturned", "의결 취소"


class Reconsideration(TenantModel):
    """재심의 요청 (Art. 34, 별지 13). Filing suspends the resolution until re-deliberation."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="reconsiderations"
    )
    filer_kind = models.CharField("요청자", max_length=10, choices=FilerKind.choices)
    representative_name = models.CharField("대표인(요청자) 성명", max_length=100)
    filer_names = models.TextField("연명자", blank=True, help_text="한 줄에 한 명")
    filer_email = models.EmailField("결과 통보 이메일", blank=True)
    resolved_content = models.TextField("의결한 내용")
    violation = models.TextField("관계규정을 위반하는 내용")
    proposal = models.TextField("재심의 제안내용")
    filed_at = models.DateTimeField("제출일시")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Residents' request (Art. 34①): the petition whose 10 registered residents filed it.
    petition = models.OneToOneField(
        "residents.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reconsideration",
    )
    status = models.CharField(
        max_length=10,
        choices=ReconsiderationStatus.choices,
        default=ReconsiderationStatus.PENDING,
    )
    result_text = models.TextField("재심의 결과", blank=True)
    result_posted_at = models.DateTimeField("결과 공고", null=True, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = "재심의 요청"
        verbose_name_plural = "재심의 요청"

    def __str__(self):
        return f"재심의: {self.resolution.item.title}"


class ExpenseCategory(models.TextChoices):
    TRAINING = "training", "교육비"
    ATTENDANCE = "attendance", "회의 출석수당"
    CHAIR = "chair", "회장 업무추진비"
    AUDITOR = "auditor", "감사 업무추진비"
    INSURANCE = "insurance", "회장 보증보험"
    OTHER = "other", "그 밖의 운영비"


class Expense(TenantModel):
    """운영비 사용내역 (Art. 37②③): the office's monthly ledger with receipts, 5 years."""

    period = models.DateField("귀속 월", help_text="그 달 1일")
    spent_on = models.DateField("지출일")
    category = models.CharField("항목", max_length=10, choices=ExpenseCategory.choices)
    amount = models.PositiveBigIntegerField("금액(원)")
    representative = models.ForeignKey(
        Representative, on_delete=models.PROTECT, null=True, blank=True, related_name="expenses"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="expenses"
    )
    description = models.CharField("내용", max_length=200)
    receipt = models.FileField("증빙", upload_to="council/receipts/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive")
        ]
        verbose_name = "운영비 지출"
        verbose_name_plural = "운영비 지출"


class ReminderLog(TenantModel):
    """One reminder sent (kind + key), so a task run twice sends it once."""

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complex", "kind", "key"], name="reminder_unique")
        ]
