"""Procurement, contracts, renewals and audits (70-procurement.md "Data").

Models of the council app (registered through council/models.py); rules live in the services
and the pure modules of this package.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TenantModel

from . import rules


class ContractSettings(TenantModel):
    """Per-complex values the bylaw leaves blank (○), created with the defaults on first use:
    Art. 56②(vote) thresholds (rule 3) and Art. 57② management-contract term (rule 7)."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="contract_settings"
    )
    award_vote_threshold_works = models.PositiveBigIntegerField(
        _("공사 낙찰방법 주민투표 기준금액(원)"), default=rules.DEFAULT_WORKS_THRESHOLD
    )
    award_vote_threshold_services = models.PositiveBigIntegerField(
        _("용역 낙찰방법 주민투표 기준금액(원)"), default=rules.DEFAULT_SERVICES_THRESHOLD
    )
    management_contract_years = models.PositiveSmallIntegerField(
        _("위탁관리 계약기간(년)"), default=rules.DEFAULT_MANAGEMENT_YEARS
    )
    chair_seal_registered = models.BooleanField(
        _("회장 인감 관리사무소장에 등록(제89조②)"), default=False
    )
    chair_guarantee_min = models.PositiveBigIntegerField(
        _("회장 보증 최소금액(원)"),
        null=True,
        blank=True,
        help_text=_("비우면 500세대 미만 3천만원, 이상 5천만원(제90조②)"),
    )
    accounting_staff_guarantee_min = models.PositiveBigIntegerField(
        _("회계담당자 보증 최소금액(원)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("계약 설정")
        verbose_name_plural = _("계약 설정")


class ProcurementKind(models.TextChoices):
    MANAGEMENT = "management_company", _("주택관리업자")
    WORKS = "works", _("공사")
    SERVICE = "service", _("용역")
    PURCHASE = "purchase", _("물품 구입")
    SALE = "sale_or_lease", _("매각·임대")


class ServiceCategory(models.TextChoices):
    SECURITY = "security", _("경비")
    CLEANING = "cleaning", _("미화(청소)")
    DISINFECTION = "disinfection", _("소독")
    ELEVATOR = "elevator", _("승강기 유지관리")
    RECYCLING = "recycling", _("재활용품 수거")
    OTHER = "other", _("기타")


class Funding(models.TextChoices):
    FEES = "fees", _("관리비")
    RESERVE = "reserve", _("장기수선충당금")
    DEFECT = "defect_deposit", _("하자보수보증금")
    MISC = "misc_income", _("잡수입")


class AwardMethod(models.TextChoices):
    QUALIFICATION = "qualification", _("적격심사제")
    LOWEST = "lowest", _("최저낙찰제")
    HIGHEST = "highest", _("최고낙찰제")


class SelectingBody(models.TextChoices):
    COUNCIL = "council", _("입주자대표회의")
    OFFICE = "office", _("관리주체")


class ProcurementStatus(models.TextChoices):
    DRAFT = "draft", _("준비")
    NOTICED = "noticed", _("입찰 공고")
    AWARDED = "awarded", _("낙찰")
    CONTRACTED = "contracted", _("계약 체결")
    CANCELLED = "cancelled", _("취소")


class Procurement(TenantModel):
    """사업 (ProcurementProject): one case from the council's resolution to the contract."""

    title = models.CharField(_("사업명"), max_length=200)
    kind = models.CharField(_("구분"), max_length=20, choices=ProcurementKind.choices)
    service_category = models.CharField(
        _("용역 종류"), max_length=20, choices=ServiceCategory.choices, blank=True
    )
    funding = models.CharField(_("재원"), max_length=20, choices=Funding.choices)
    selecting_body = models.CharField(_("선정 주체"), max_length=10, choices=SelectingBody.choices)
    estimated_amount = models.PositiveBigIntegerField(_("추정금액(원, 부가세 제외, 전체 기간)"))
    award_method = models.CharField(
        _("낙찰방법"), max_length=20, choices=AwardMethod.choices, blank=True
    )
    method_resolution = models.ForeignKey(
        "council.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("낙찰방법 의결"),
    )
    method_by_vote = models.BooleanField(_("입주자등 투표로 결정"), default=False)
    method_votes = models.JSONField(_("낙찰방법 투표 결과"), default=dict, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("공고 기간(일)"), default=10)
    documents = models.TextField(_("제출 서류"), blank=True)
    bid_deadline = models.DateField(_("입찰 마감일"), null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ProcurementStatus.choices, default=ProcurementStatus.DRAFT
    )
    notice_published_at = models.DateTimeField(_("입찰 공고일시"), null=True, blank=True)
    award_bid = models.ForeignKey(
        "council.Bid", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    award_resolution = models.ForeignKey(
        "council.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("낙찰 승인 의결"),
    )
    awarded_at = models.DateTimeField(_("낙찰일시"), null=True, blank=True)
    lottery_note = models.CharField(_("추첨 기록"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("입찰 사업")
        verbose_name_plural = _("입찰 사업")

    def __str__(self):
        return self.title

    @property
    def scoring_template(self) -> str:
        if self.kind == ProcurementKind.MANAGEMENT:
            return "management"
        return "works" if self.kind == ProcurementKind.WORKS else "service"


class Bid(TenantModel):
    """입찰: one bidder's offer and its 별지 9 inputs."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="bids")
    company_name = models.CharField(_("상호"), max_length=200)
    business_no = models.CharField(_("사업자등록번호"), max_length=20)
    representative = models.CharField(_("대표자"), max_length=100, blank=True)
    price = models.PositiveBigIntegerField(_("입찰가격(원)"))
    valid = models.BooleanField(_("유효"), default=True)
    disqualified_reason = models.CharField(_("무효 사유"), max_length=200, blank=True)
    credit_grade = models.CharField(_("신용평가등급"), max_length=10, blank=True)
    credit_scale = models.CharField(
        _("등급 구분"),
        max_length=4,
        choices=[("bond", _("회사채")), ("cp", _("기업어음"))],
        default="bond",
    )
    sanctions = models.PositiveSmallIntegerField(_("행정처분 건수(최근 3년)"), default=0)
    households_managed = models.PositiveIntegerField(_("관리 세대수"), null=True, blank=True)
    technicians_all_met = models.BooleanField(_("기술자 제시사항 모두 확보"), default=False)
    technicians = models.PositiveSmallIntegerField(_("기술자 수"), default=0)
    equipment_all_met = models.BooleanField(_("장비 제시사항 모두 확보"), default=False)
    equipment = models.PositiveSmallIntegerField(_("장비 수"), default=0)
    record_cases = models.PositiveSmallIntegerField(_("실적 건수"), default=0)
    plan_mark = models.DecimalField(_("사업계획 평가점"), max_digits=6, decimal_places=2, default=0)
    partner_mark = models.DecimalField(
        _("상생발전·지원서비스 평가점"), max_digits=6, decimal_places=2, default=0
    )
    scores = models.JSONField(_("별지 9 배점"), default=dict, blank=True)
    total = models.DecimalField(_("총점"), max_digits=6, decimal_places=2, null=True, blank=True)
    price_deviation = models.CharField(_("가격 편차 d(분수)"), max_length=60, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procurement", "price", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "procurement", "business_no"], name="bid_one_per_company"
            )
        ]
        verbose_name = _("입찰")
        verbose_name_plural = _("입찰")

    def __str__(self):
        return f"{self.company_name} ({self.price:,}원)"


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("이행 중")
    ENDED = "ended", _("만료")
    RENEWED = "renewed", _("재계약됨")
    TERMINATED = "terminated", _("해지")


class Contract(TenantModel):
    """계약: the signed contract (Art. 57). `end` is the last day (E)."""

    procurement = models.ForeignKey(
        Procurement, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    kind = models.CharField(_("구분"), max_length=20, choices=ProcurementKind.choices)
    service_category = models.CharField(
        _("용역 종류"), max_length=20, choices=ServiceCategory.choices, blank=True
    )
    title = models.CharField(_("계약명"), max_length=200)
    counterparty = models.CharField(_("상대방 상호"), max_length=200)
    counterparty_business_no = models.CharField(_("사업자등록번호"), max_length=20, blank=True)
    signed_by = models.CharField(_("계약 주체"), max_length=10, choices=SelectingBody.choices)
    signed_on = models.DateField(_("계약일"))
    start = models.DateField(_("계약 시작일"))
    end = models.DateField(_("계약 종료일"))
    total_amount = models.PositiveBigIntegerField(_("계약금액(원)"))
    monthly_amount = models.PositiveBigIntegerField(_("월 금액(원)"), null=True, blank=True)
    scope = models.TextField(_("계약 내용"), blank=True)
    body = models.TextField(_("계약서 본문(원본)"), blank=True)
    masked_body = models.TextField(_("공개본(개인정보 제외)"), blank=True)
    published_at = models.DateTimeField(_("공개일시"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="successors"
    )
    status = models.CharField(
        max_length=12, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="contract_term")
        ]
        verbose_name = _("계약")
        verbose_name_plural = _("계약")

    def __str__(self):
        return self.title

    @property
    def publish_due(self):
        return rules.contract_publish_due(self.signed_on)


class RenewalOutcome(models.TextChoices):
    PENDING = "pending", _("진행 중")
    RENEWED = "renewed", _("재계약")
    REFUSED = "refused", _("재계약 불가(경쟁입찰)")
    BARRED = "barred", _("입찰참가 제한")


class Recontract(TenantModel):
    """Art. 58: re-contracting the management company by private contract."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="recontracts")
    resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_on = models.DateField(_("재계약 추진 의결일"))
    items = models.JSONField(_("공고 사항(제58조① 1~8호)"), default=dict)
    posted_from = models.DateField(_("게시 시작일"))
    posted_until = models.DateField(_("게시 종료일"))
    window_from = models.DateField(_("의견 제출 시작일"))
    window_until = models.DateField(_("의견 제출 마감일"))
    place = models.CharField(_("제출 장소·방법"), max_length=200)
    households = models.PositiveIntegerField(_("전체 세대수(고정)"))
    other_demands = models.PositiveIntegerField(_("그 밖의 서면 교체요구 세대수"), default=0)
    approval_resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        max_length=10, choices=RenewalOutcome.choices, default=RenewalOutcome.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("공고일시"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-resolved_on", "-pk"]
        verbose_name = _("주택관리업자 재계약")
        verbose_name_plural = _("주택관리업자 재계약")


class Opinion(models.TextChoices):
    AGREE = "agree", _("동의")
    DISAGREE = "disagree", _("부동의")


class OpinionForm(TenantModel):
    """별지 8: one unit's opinion; the latest form within the window counts (open reading 8)."""

    recontract = models.ForeignKey(Recontract, on_delete=models.CASCADE, related_name="opinions")
    unit = models.ForeignKey("complexes.Unit", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("의견"), max_length=10, choices=Opinion.choices)
    reason = models.CharField(_("사유"), max_length=300, blank=True)
    signer = models.CharField(_("성명"), max_length=100)
    signed_on = models.DateField(_("작성일"))
    channel = models.CharField(_("제출 방법"), max_length=20, default="paper")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "recontract", "unit"], name="opinion_one_per_unit"
            )
        ]
        verbose_name = _("재계약 의견서(별지 8)")
        verbose_name_plural = _("재계약 의견서(별지 8)")


class PerformanceEvaluation(TenantModel):
    """Art. 59, 별지 10: an existing service contractor evaluated before E − 45 days."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="evaluations")
    template = models.CharField(_("평가표"), max_length=20)
    evaluated_on = models.DateField(_("평가일"))
    sheets = models.JSONField(_("평가위원별 점수"), default=list)  # [{name, role, scores}]
    score = models.DecimalField(_("평가점수(평균)"), max_digits=7, decimal_places=3)
    score_exact = models.CharField(_("평가점수(분수)"), max_length=40)
    sanctioned = models.BooleanField(_("계약기간 중 행정처분·등록기준 미달"), default=False)
    renewal_term_from = models.DateField(_("재계약 시작일"), null=True, blank=True)
    renewal_term_until = models.DateField(_("재계약 종료일"), null=True, blank=True)
    renewal_amount = models.PositiveBigIntegerField(_("재계약 금액(원)"), null=True, blank=True)
    resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        max_length=10, choices=RenewalOutcome.choices, default=RenewalOutcome.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = _("사업수행실적 평가(별지 10)")
        verbose_name_plural = _("사업수행실적 평가(별지 10)")


class RestrictionBasis(models.TextChoices):
    ART_60_1 = "60_1", _("제60조① 주택관리업자 교체요구")
    ART_60_2 = "60_2", _("제60조② 용역사업자 입찰참가 제한 요구")


class BidRestriction(TenantModel):
    """Art. 60: a company barred from the next tender."""

    company_name = models.CharField(_("상호"), max_length=200)
    business_no = models.CharField(_("사업자등록번호"), max_length=20, blank=True)
    basis = models.CharField(_("근거"), max_length=6, choices=RestrictionBasis.choices)
    demanding_units = models.PositiveIntegerField(_("요구 세대수"))
    households = models.PositiveIntegerField(_("전체 세대수"))
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_on = models.DateField(_("기록일"))
    lifted_on = models.DateField(_("해제일"), null=True, blank=True)

    class Meta:
        ordering = ["-recorded_on"]
        verbose_name = _("입찰참가 제한")
        verbose_name_plural = _("입찰참가 제한")


class AuditorAppointment(TenantModel):
    """Art. 91: the external auditor, with the 법 26조④ exclusions checked and declared."""

    auditor_name = models.CharField(_("회계감사인"), max_length=200)
    fiscal_year = models.PositiveSmallIntegerField(_("회계연도"))
    not_disciplined = models.BooleanField(_("공인회계사법 48조②1~3 징계 없음"), default=False)
    not_suspended = models.BooleanField(_("회원 권리 정지 없음(공동주택 감사 관련)"), default=False)
    evidence = models.CharField(_("확인 근거"), max_length=300, blank=True)
    appointed_on = models.DateField(_("선임일"))

    class Meta:
        ordering = ["-fiscal_year", "-pk"]
        verbose_name = _("회계감사인 선임")
        verbose_name_plural = _("회계감사인 선임")


class AuditKind(models.TextChoices):
    AUDITOR = "auditor", _("감사 보고서(제19조⑤)")
    EXTERNAL = "external", _("외부 회계감사(제64조③9)")


class AuditReport(TenantModel):
    """Art. 92: the audit report, sections 1–8 each filled or "해당 없음"."""

    kind = models.CharField(_("구분"), max_length=10, choices=AuditKind.choices)
    appointment = models.ForeignKey(
        AuditorAppointment, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    title = models.CharField(_("제목"), max_length=200)
    period_start = models.DateField(_("감사 대상 기간 시작"))
    period_end = models.DateField(_("감사 대상 기간 종료"))
    sections = models.JSONField(_("제92조 기재사항"), default=dict)
    opinion = models.TextField(_("감사 의견"), blank=True)
    checklist = models.JSONField(_("제93조 점검표"), default=dict, blank=True)
    submitted_on = models.DateField(_("제출(수령)일"))
    published_at = models.DateTimeField(_("공개일시"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="audit_period"
            )
        ]
        verbose_name = _("감사 보고서")
        verbose_name_plural = _("감사 보고서")

    def __str__(self):
        return self.title


class AuditFinding(TenantModel):
    """A finding of a report and the council's action on it, tracked to closure."""

    report = models.ForeignKey(AuditReport, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("지적 사항"))
    action = models.TextField(_("조치 내용"), blank=True)
    closed_on = models.DateField(_("조치 완료일"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("감사 지적사항")
        verbose_name_plural = _("감사 지적사항")


class GuaranteeHolder(models.TextChoices):
    MANAGER = "office_manager", _("관리사무소장")
    CHAIR = "chair", _("입주자대표회의 회장")
    ACCOUNTING = "accounting_staff", _("회계담당자")


class GuaranteeKind(models.TextChoices):
    MUTUAL_AID = "mutual_aid", _("공제증권")
    INSURANCE = "guarantee_insurance", _("보증보험증권")
    DEPOSIT = "deposit", _("공탁증서")


class Guarantee(TenantModel):
    """Art. 90: the office manager's, the chair's and the accounting staff's guarantees."""

    holder = models.CharField(_("보증 대상"), max_length=20, choices=GuaranteeHolder.choices)
    holder_name = models.CharField(_("성명"), max_length=100)
    kind = models.CharField(_("종류"), max_length=20, choices=GuaranteeKind.choices)
    amount = models.PositiveBigIntegerField(_("보증금액(원)"))
    issuer = models.CharField(_("발행기관"), max_length=200)
    valid_from = models.DateField(_("보증 시작일"))
    valid_until = models.DateField(_("보증 종료일"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["holder", "-valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="guarantee_period"
            )
        ]
        verbose_name = _("보증")
        verbose_name_plural = _("보증")


class MethodChange(TenantModel):
    """Art. 61: a switch between self-management and commission proposed by council resolution
    (the residents' written proposal runs as an elections petition). `vote_id` is the residents'
    vote the election committee holds (elections.Vote, set by its subscriber)."""

    resolution = models.ForeignKey("council.Resolution", on_delete=models.PROTECT, related_name="+")
    from_method = models.CharField(_("현재 관리방법"), max_length=20)
    to_method = models.CharField(_("변경할 관리방법"), max_length=20)
    proposed_on = models.DateField(_("발의일"))
    termination_ground = models.CharField(
        _("계약 해지 사유(별첨 1 제13조①)"), max_length=300, blank=True
    )
    effective_on = models.DateField(_("변경 예정일"), null=True, blank=True)
    vote_id = models.PositiveIntegerField(_("주민투표 번호"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("관리방법 변경 발의")
        verbose_name_plural = _("관리방법 변경 발의")
