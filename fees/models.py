"""Fees: charge items and settings, the month's costs and meter readings, billing runs and
bills, payments, misc income, budgets, fee deposits and move-out settlements (20-fees.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel

from .items import ITEMS, UTILITIES, Basis


class TierRule(models.TextChoices):
    TIERED = "tiered", "1년 초과분만 15% (일별 구간)"
    WHOLE = "whole", "1년 초과 시 전 기간 15%"


class FeeSettings(TenantModel):
    """Per-complex fee settings with the spec's defaults; created on first use, every change
    recorded in FeeSettingsChange."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="fee_settings"
    )
    due_day = models.PositiveSmallIntegerField("납부기한 (다음 달 ○일, 제85조①)", default=25)
    draft_day = models.PositiveSmallIntegerField("초안 작성일 (매월 ○일)", default=5)
    elevator_exempt_floors = models.PositiveSmallIntegerField(
        "승강기 전기료 제외 층 (○층 이하, 별표 6)", default=2
    )
    elevator_exempt_by_building = models.JSONField(
        '동별 제외 층 (예: {"101": 1})', default=dict, blank=True
    )
    late_rate_first_year = models.DecimalField(
        "연체요율 1년 이내 (%/년, 별표 8)", max_digits=5, decimal_places=2, default=12
    )
    late_rate_after_year = models.DecimalField(
        "연체요율 1년 초과 (%/년, 별표 8)", max_digits=5, decimal_places=2, default=15
    )
    late_tier_rule = models.CharField(
        "1년 초과 적용 방식", max_length=8, choices=TierRule.choices, default=TierRule.TIERED
    )
    payment_account = models.CharField(
        "납부 계좌", max_length=100, blank=True, default="관리비 가상계좌 (고지서 참조)"
    )
    payment_place = models.CharField(
        "납부 장소", max_length=100, blank=True, default="관리사무소 · 전 금융기관"
    )
    misc_use_caps = models.JSONField(
        '잡수입 우선 지출 연간 한도 (제80조④ "연간 ○만원", 예: {"labor": 3000000})',
        default=dict,
        blank=True,
    )

    class Meta:
        verbose_name = "관리비 설정"
        verbose_name_plural = "관리비 설정"

    def __str__(self):
        return f"{self.complex} 관리비 설정"

    def late_fee_table(self):
        from .late_fees import LateFeeTable

        return LateFeeTable(
            rate_first_year_bp=int(self.late_rate_first_year * 100),
            rate_after_year_bp=int(self.late_rate_after_year * 100),
            tier_rule=self.late_tier_rule,
        )

    def exempt_floors(self, building_name: str) -> int:
        value = (self.elevator_exempt_by_building or {}).get(str(building_name))
        return int(value) if value is not None else self.elevator_exempt_floors


class FeeSettingsChange(TenantModel):
    """Who changed which fee setting or charge item, from what to what."""

    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    what = models.CharField(max_length=100)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]


class ChargeItem(TenantModel):
    """비목: how one charge item of this complex is split (basis, unit price)."""

    code = models.CharField("코드", max_length=30, choices=[(c, v[0]) for c, v in ITEMS.items()])
    basis = models.CharField("부과 기준", max_length=16, choices=Basis.choices)
    unit_price = models.PositiveIntegerField("단가 (원)", null=True, blank=True)
    active = models.BooleanField("사용", default=True)
    memo = models.CharField("메모", max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "code"], name="chargeitem_unique_code")
        ]

    def __str__(self):
        return ITEMS[self.code][0]

    @property
    def name(self):
        return ITEMS[self.code][0]


class Cost(TenantModel):
    """One cost row of a billing month (import_costs columns)."""

    period = models.DateField("부과 월")
    item = models.CharField("비목", max_length=30)
    amount = models.BigIntegerField("금액", null=True, blank=True)
    unit_price = models.PositiveIntegerField("단가", null=True, blank=True)
    basis = models.CharField("부과 기준 (이번 달만)", max_length=16, blank=True)
    building = models.ForeignKey(
        "complexes.Building", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    unit_ids = models.JSONField(default=list, blank=True)
    memo = models.CharField("메모", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "id"]
        indexes = [models.Index(fields=["complex", "period"])]


class MeterReading(TenantModel):
    """A unit's meter reading for a month (Art. 63); usage = current − previous, or an estimate
    (Art. 63⑤) recorded with a note; a replaced meter's negative difference is allowed."""

    period = models.DateField("부과 월")
    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    utility = models.CharField("구분", max_length=12, choices=[(u, u) for u in UTILITIES])
    previous = models.DecimalField("전월 지침", max_digits=12, decimal_places=3)
    current = models.DecimalField("당월 지침", max_digits=12, decimal_places=3)
    usage = models.DecimalField("사용량", max_digits=12, decimal_places=3)
    amount = models.BigIntegerField("금액", null=True, blank=True)
    replaced = models.BooleanField("계량기 교체", default=False)
    estimated = models.CharField("추정 방법 (제63조⑤)", max_length=60, blank=True)

    class Meta:
        ordering = ["period", "unit_id", "utility"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "period", "unit", "utility"], name="reading_unique"
            )
        ]


class RunStatus(models.TextChoices):
    DRAFT = "draft", "초안"
    ISSUED = "issued", "발행"


class BillingRun(TenantModel):
    """All bills of a complex for one period: a draft until issued, then immutable."""

    period = models.DateField("부과 월")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.DRAFT)
    issued_on = models.DateField("발행일", null=True, blank=True)
    due_date = models.DateField("납부기한", null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    totals = models.JSONField(default=dict)  # item code → won over all bills
    notes = models.JSONField(default=list)  # notes shown on every bill (e.g. 장기수선계획 없음)
    summary = models.JSONField(default=dict)  # misc income, unit count, totals by section
    memo = models.CharField("메모", max_length=200, blank=True)
    # Arrears count the payments committed up to this moment (Art. 86; 20-fees.md rule 10): the
    # issue holds the payments lock from here, so none is half-counted. Printed on every bill.
    payments_counted_at = models.DateTimeField("입금 반영 기준 시각", null=True, blank=True)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "period"], name="billingrun_unique_period")
        ]

    def __str__(self):
        return f"{self.period:%Y-%m} {self.get_status_display()}"

    @property
    def label(self):
        return f"{self.period.year}년 {self.period.month}월분"


class Bill(TenantModel):
    """납부고지서 (Art. 86): one unit's bill for one period. Its lines are part of the document
    and stored with it (`lines`: [{item, name, section, amount, note}]): a bill is written once
    and never changes after issue, and 5,000 bills write as 5,000 rows, not 125,000."""

    run = models.ForeignKey(BillingRun, on_delete=models.CASCADE, related_name="bills")
    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    period = models.DateField("부과 월")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.DRAFT)
    issued_on = models.DateField("발행일", null=True, blank=True)
    due_date = models.DateField("납부기한")
    supply_area = models.DecimalField(max_digits=8, decimal_places=2)
    lines = models.JSONField(default=list)
    management_fee = models.BigIntegerField(default=0)
    usage_charges = models.BigIntegerField(default=0)
    repair_reserve = models.BigIntegerField(default=0)
    misc_income_credit = models.BigIntegerField(default=0)
    adjustments = models.BigIntegerField(default=0)
    charges = models.BigIntegerField("당월 부과액", default=0)
    late_fee = models.BigIntegerField(default=0)
    arrears = models.BigIntegerField(default=0)
    prepaid = models.BigIntegerField("선납", default=0)
    total_due = models.BigIntegerField(default=0)
    contingency_info = models.BigIntegerField("예비비 사용 (참고)", default=0)

    class Meta:
        ordering = ["period", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "unit", "period"], name="bill_unique_period")
        ]
        indexes = [models.Index(fields=["complex", "period", "status"])]

    @property
    def period_label(self):
        return f"{self.period.year}년 {self.period.month}월분"


class PaymentImport(TenantModel):
    """One bank file imported (its SHA-256, when, by whom, how many rows): the same file is
    never imported twice into a complex (unique constraint)."""

    sha256 = models.CharField(max_length=64)
    filename = models.CharField("파일", max_length=200)
    imported_at = models.DateTimeField("가져온 일시")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rows = models.PositiveIntegerField("행 수")
    created = models.PositiveIntegerField("저장한 입금")
    skipped = models.PositiveIntegerField("이미 있던 입금")

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "sha256"], name="payment_import_once")
        ]


class Payment(TenantModel):
    """A payment received for a unit (bank transfer import or recorded at the office).
    An imported row keeps its file and row position: a row without a bank reference is the same
    payment as one with the same unit, date, amount and row position (import idempotency)."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    paid_on = models.DateField("입금일")
    amount = models.BigIntegerField("금액")
    reference = models.CharField("참조", max_length=100, blank=True)
    source = models.ForeignKey(
        PaymentImport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name="가져온 파일",
    )
    row_number = models.PositiveIntegerField("파일의 행", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-paid_on", "-id"]
        indexes = [
            models.Index(fields=["complex", "unit", "paid_on"]),
            # a draft reads the payments since the last issue (fees.balances)
            models.Index(fields=["complex", "paid_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
            models.UniqueConstraint(
                fields=["complex", "reference"],
                condition=~Q(reference=""),
                name="payment_unique_reference",
            ),
            models.UniqueConstraint(
                fields=["complex", "unit", "paid_on", "amount", "row_number"],
                condition=Q(reference="", row_number__isnull=False),
                name="payment_unique_unreferenced_row",
            ),
        ]


class LedgerClose(TenantModel):
    """A unit's account carried forward after an issued period (fees.ledger.Balance): what it
    owes bill by bill, its credit and the late fees accrued, as of the period's issue date. The
    next draft starts from it and adds the payments since, instead of replaying the history.

    Written by the issue; a payment inserted, changed or deleted with a date on or before `as_of`
    deletes the unit's closes it makes untrue (a PostgreSQL trigger on fees_payment, migration
    0009: every way of writing a payment is covered), and the next draft carries the unit forward
    from an earlier close or replays its history. Not used where the database is not PostgreSQL."""

    # written 5,000 at a time by COPY: no index beyond the three below
    complex = models.ForeignKey(
        "complexes.Complex", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period = models.DateField("부과 월")
    as_of = models.DateField("기준일 (발행일)")
    credit = models.BigIntegerField(default=0)
    accrued = models.BigIntegerField(default=0)  # × late_fees.DENOMINATOR, on the paid parts
    late_fees_billed = models.BigIntegerField(default=0)
    open = models.JSONField(default=list)  # [[period, due_date, charges_unpaid, late_fee_unpaid]]
    late_fee_table = models.CharField(max_length=40)  # LateFeeTable.key the accrual used

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "period", "unit"], name="ledgerclose_unique_period"
            )
        ]
        indexes = [models.Index(fields=["unit", "as_of"])]  # the trigger's DELETE


class Adjustment(TenantModel):
    """A correction of an issued bill, billed on a later period's bill with its reason."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    period = models.DateField("반영 월")
    amount = models.BigIntegerField("금액 (음수 = 환급)")
    reason = models.CharField("사유", max_length=200)
    # the bill line it becomes: a correction (기타), or a usage-charge surplus deducted from the
    # usage charges (사용료, Art. 82③)
    line = models.CharField(
        "고지 항목",
        max_length=16,
        choices=[("adjustment", "정정"), ("usage_refund", "사용료 잉여금 차감 (제82조③)")],
        default="adjustment",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "-id"]


class MiscIncomeKind(models.TextChoices):
    RECYCLING = "recycling", "재활용품 매각"
    ADVERTISING = "advertising", "광고"
    PARKING = "parking", "주차료"
    ELEVATOR_USE = "elevator_use", "승강기 사용료"
    FLEA_MARKET = "flea_market", "알뜰시장"
    LATE_FEES = "late_fees", "연체료"
    INTEREST = "interest", "이자"
    FACILITY = "facility", "시설 사용료"
    OTHER_JOINT = "other_joint", "기타 공동 수입"
    REPEATER_RENT = "repeater_rent", "통신 중계기 임대료 (입주자 기여)"
    DAYCARE_RENT = "daycare_rent", "어린이집 임대료 (입주자 기여)"
    OTHER_OWNER = "other_owner", "기타 입주자 기여 수입"


OWNER_KINDS = {"repeater_rent", "daycare_rent", "other_owner"}


class MiscIncome(TenantModel):
    """잡수입 (Art. 80): owners' contributions go to the repair reserve (Art. 80②); joint income
    is appropriated per Art. 80④⑤."""

    period = models.DateField("월")
    kind = models.CharField("종류", max_length=16, choices=MiscIncomeKind.choices)
    amount = models.BigIntegerField("금액")
    memo = models.CharField("메모", max_length=200, blank=True)

    class Meta:
        ordering = ["-period", "id"]

    @property
    def is_owner_income(self):
        return self.kind in OWNER_KINDS


class FeeReduction(TenantModel):
    """Art. 80⑤1: the misc income set aside to reduce a fiscal year's management fees; credited
    1/12 a month by supply area (Precise rule 14)."""

    year = models.PositiveSmallIntegerField("적용 연도")
    amount = models.BigIntegerField("관리비 차감 적립액")
    memo = models.CharField("메모", max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complex", "year"], name="feereduction_unique_year")
        ]


class ContingencyUse(TenantModel):
    """예비비 사용 (Art. 80⑥): shown separately on the bill, not added to the amount due."""

    period = models.DateField("월")
    item = models.CharField("사용 비목", max_length=30)
    amount = models.BigIntegerField("금액")
    memo = models.CharField("내용", max_length=200)
    resolution = models.ForeignKey(
        "council.Resolution", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class Budget(TenantModel):
    """사업계획서·예산안 (Art. 78①): the year's budget per charge item (misc income as
    `misc_income`), approved by a council resolution."""

    year = models.PositiveSmallIntegerField("연도")
    item = models.CharField("비목", max_length=30)
    amount = models.BigIntegerField("연간 예산")
    resolution = models.ForeignKey(
        "council.Resolution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="승인 의결 (제78조①)",
    )

    class Meta:
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "year", "item"], name="budget_unique_item")
        ]


class DepositKind(models.TextChoices):
    COLLECTED = "collected", "징수"
    REFUNDED = "refunded", "반환"
    NETTED = "netted", "체납 정산"


class FeeDeposit(TenantModel):
    """관리비예치금 ledger per unit (Art. 77, Art. 64① item 7)."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    kind = models.CharField("구분", max_length=10, choices=DepositKind.choices)
    amount = models.BigIntegerField("금액")
    on = models.DateField("일자")
    memo = models.CharField("메모", max_length=200, blank=True)

    class Meta:
        ordering = ["-on", "-id"]


class MoveOutSettlement(TenantModel):
    """중간정산 on move-out (Art. 85②③)."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    move_out_on = models.DateField("전출일")
    period = models.DateField("해당 월")
    average_fee = models.BigIntegerField("직전 3개월 평균 관리비")
    days_in_month = models.PositiveSmallIntegerField()
    days_lived = models.PositiveSmallIntegerField()
    interim_fee = models.BigIntegerField("중간정산 관리비")
    usage_amount = models.BigIntegerField("검침 사용료", default=0)
    arrears = models.BigIntegerField("미납액", default=0)
    total = models.BigIntegerField("정산 합계")
    memo = models.CharField("메모", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-move_out_on", "-id"]


class PdfBatch(TenantModel):
    """A combined PDF of a period's bills, rendered in the background with progress."""

    period = models.DateField()
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, default="pending")
    file = models.FileField(upload_to="fees/pdf/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]


class ViolationFine(TenantModel):
    """위반금 (Art. 97): after a written warning, from the second violation, up to the amount the
    council resolved, with a chance to respond first; billed as its own `violation_fine` line of
    the period, and its income is misc income."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    period = models.DateField("부과 월")
    amount = models.BigIntegerField("금액")
    reason = models.CharField("위반 내용", max_length=200)
    warned_on = models.DateField("1차 경고일")
    response_until = models.DateField("소명 기한")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "-id"]


class PriorityUse(models.TextChoices):
    """Art. 80④: the eight uses joint misc income may first be spent on."""

    COMMUNITY = "community", "1. 공동체활성화 단체 지원비용"
    SELF_GOVERNANCE = "self_governance", "2. 주민자치 활동비용 (자율방범대 운영, 경로잔치 등)"
    VOTING = "voting", "3. 투표 참여 촉진 비용 (온라인투표 등)"
    LABOR = "labor", "4. 전기검침·재활용품 분리수거 노무인력 지원비용"
    COMMUNITY_FACILITY = "community_facility", "5. 커뮤니티(주민공동시설 등) 시설 운영비용"
    LAWSUIT = "lawsuit", "6. 소송비용 (사전 공지 후 입주자등 과반수 동의)"
    DONATION = "donation", "7. 기부금·불우이웃돕기성금·수재의연금 등"
    NOISE_COMMITTEE = "noise_committee", "8. 층간소음 관리위원회 경비 (제70조②)"


# Art. 80④ items 2, 4 and 5 carry an annual cap the complex's bylaw fills in ("연간 ○만원").
CAPPED_USES = (PriorityUse.SELF_GOVERNANCE, PriorityUse.LABOR, PriorityUse.COMMUNITY_FACILITY)


class MiscIncomeUse(TenantModel):
    """A use of joint misc income on one of Art. 80④'s priority uses: within 40% of the year's
    budgeted misc income (and the use's annual cap), each by council resolution; a lawsuit also
    after prior notice and the consent of a majority of the residents (item 6)."""

    period = models.DateField("월")
    use = models.CharField("용도", max_length=20, choices=PriorityUse.choices)
    amount = models.BigIntegerField("금액")
    memo = models.CharField("내용", max_length=200)
    resolution = models.ForeignKey(
        "council.Resolution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="입주자대표회의 의결",
    )
    notice_on = models.DateField("사전 공지일 (소송)", null=True, blank=True)
    consents = models.PositiveIntegerField("동의 세대 수 (소송)", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "-id"]
        indexes = [models.Index(fields=["complex", "period"])]


class YearSettlement(TenantModel):
    """결산서 (Art. 78, Art. 80⑤) as the council approved it: the year's actuals against the
    budget per item and the appropriation of the joint misc income left after Art. 80④ uses
    (≥ 80% to reduce next year's fees, the rest to the contingency reserve). `figures` is the
    snapshot approved; it never changes afterwards."""

    year = models.PositiveSmallIntegerField("회계연도")
    figures = models.JSONField(default=dict)
    reduction = models.BigIntegerField("관리비 차감 적립 (제80조⑤1)")
    contingency = models.BigIntegerField("예비비 적립 (제80조⑤2)")
    resolution = models.ForeignKey(
        "council.Resolution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="승인 의결",
    )
    approved_at = models.DateTimeField("승인일시")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "year"], name="yearsettlement_unique_year")
        ]

    def __str__(self):
        return f"{self.year}년 결산"


class SurplusAction(models.TextChoices):
    NONE = "none", "잉여금 없음"
    REFUND = "refund", "즉시 반환"
    DEDUCT = "deduct", "다음 달 사용료에서 차감"


class UsageReconciliation(TenantModel):
    """Art. 82③: a usage charge collected on a supplier's behalf, reconciled per item and period —
    billed to the units vs paid to the supplier. A surplus is refunded at once or deducted from
    next month's usage charges (`shares`: each unit's part, in proportion to what it was billed)."""

    period = models.DateField("부과 월")
    item = models.CharField("비목", max_length=30)
    billed = models.BigIntegerField("부과액")
    paid = models.BigIntegerField("공급자 납부액")
    surplus = models.BigIntegerField("잉여금 (부과 − 납부)")
    action = models.CharField(
        "잉여금 처리", max_length=8, choices=SurplusAction.choices, default=SurplusAction.NONE
    )
    shares = models.JSONField(default=list, blank=True)  # [[unit_id, won], …]
    deducted_in = models.DateField("차감 월", null=True, blank=True)
    memo = models.CharField("메모", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-period", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "period", "item"], name="usagereconciliation_unique"
            )
        ]


class MeterVerification(TenantModel):
    """Art. 63②: a unit's meter must be re-verified (or replaced by a verified one) before its
    verification (검정) expires; the office is reminded 90 and 30 days before."""

    unit = models.ForeignKey("complexes.Unit", on_delete=models.RESTRICT, related_name="+")
    utility = models.CharField("구분", max_length=12, choices=[(u, u) for u in UTILITIES])
    expires_on = models.DateField("검정 유효기간 만료일")
    serial = models.CharField("계량기 번호", max_length=60, blank=True)
    notified_90_on = models.DateField(null=True, blank=True)
    notified_30_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["expires_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "unit", "utility"], name="meterverification_unique"
            )
        ]
        indexes = [models.Index(fields=["complex", "expires_on"])]
