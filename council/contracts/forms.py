"""Forms of the contracts pages: input only, the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complexes.models import Unit
from council.models import Resolution

from . import audits, evaluation, renewals
from .models import (
    AuditKind,
    AuditorAppointment,
    AwardMethod,
    Bid,
    Funding,
    GuaranteeHolder,
    GuaranteeKind,
    Opinion,
    ProcurementKind,
    SelectingBody,
    ServiceCategory,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _resolutions(complex):
    return Resolution.objects.filter(complex=complex, passed=True).select_related("item")


class ResolutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.item.title} ({obj.decided_at:%Y-%m-%d}, {obj.yes}/{obj.membership})"


class ProcurementForm(forms.Form):
    title = forms.CharField(label=_("사업명"), max_length=200)
    kind = forms.ChoiceField(label=_("구분"), choices=ProcurementKind.choices)
    service_category = forms.ChoiceField(
        label=_("용역 종류"), choices=[("", "—"), *ServiceCategory.choices], required=False
    )
    funding = forms.ChoiceField(label=_("재원"), choices=Funding.choices)
    estimated_amount = forms.IntegerField(
        label=_("추정금액(원)"), min_value=1, help_text=_("부가세 제외, 전체 계약기간 금액")
    )
    notice_days = forms.IntegerField(label=_("공고 기간(일)"), min_value=1, initial=10)
    documents = forms.CharField(label=_("제출 서류"), widget=forms.Textarea, required=False)


class MethodForm(forms.Form):
    method = forms.ChoiceField(label=_("낙찰방법"), choices=AwardMethod.choices)
    resolution = ResolutionChoice(label=_("낙찰방법 의결"), queryset=Resolution.objects.none())
    by_vote = forms.BooleanField(
        label=_("입주자등 투표로 결정"),
        required=False,
        help_text=_("기준금액 이상일 때만(제56조②)"),
    )

    votes_qualification = forms.IntegerField(
        label=_("투표 결과: 적격심사제 득표"), min_value=0, required=False
    )
    votes_lowest = forms.IntegerField(
        label=_("투표 결과: 최저낙찰제 득표"), min_value=0, required=False
    )
    votes_highest = forms.IntegerField(
        label=_("투표 결과: 최고낙찰제 득표"), min_value=0, required=False
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = _resolutions(complex)

    def service_args(self):
        d = self.cleaned_data
        votes = {
            m: d[f"votes_{m}"]
            for m in ("qualification", "lowest", "highest")
            if d.get(f"votes_{m}") is not None
        }
        return {
            "method": d["method"],
            "resolution": d["resolution"],
            "by_vote": d["by_vote"],
            "votes": votes,
        }


class NoticeForm(forms.Form):
    bid_deadline = forms.DateField(label=_("입찰 마감일"), widget=DATE)


class BidForm(forms.Form):
    company_name = forms.CharField(label=_("상호"), max_length=200)
    business_no = forms.CharField(label=_("사업자등록번호"), max_length=20)
    representative = forms.CharField(label=_("대표자"), max_length=100, required=False)
    price = forms.IntegerField(label=_("입찰가격(원)"), min_value=1)
    credit_grade = forms.CharField(label=_("신용평가등급"), max_length=10, required=False)
    credit_scale = forms.ChoiceField(
        label=_("등급 구분"), choices=[("bond", _("회사채")), ("cp", _("기업어음"))]
    )
    sanctions = forms.IntegerField(label=_("행정처분 건수(최근 3년)"), min_value=0, initial=0)
    households_managed = forms.IntegerField(
        label=_("관리 세대수(주택관리업자)"), min_value=1, required=False
    )
    technicians_all_met = forms.BooleanField(label=_("기술자 제시사항 모두 확보"), required=False)
    technicians = forms.IntegerField(label=_("기술자 수"), min_value=0, initial=0)
    equipment_all_met = forms.BooleanField(label=_("장비 제시사항 모두 확보"), required=False)
    equipment = forms.IntegerField(label=_("장비 수"), min_value=0, initial=0)
    record_cases = forms.IntegerField(label=_("실적 건수"), min_value=0, initial=0)
    plan_mark = forms.DecimalField(label=_("사업계획 평가점"), min_value=0, initial=0)
    partner_mark = forms.DecimalField(label=_("상생발전·지원서비스 평가점"), min_value=0, initial=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("무효 사유"), max_length=200)


class AwardForm(forms.Form):
    resolution = ResolutionChoice(
        label=_("낙찰 승인 의결"), queryset=Resolution.objects.none(), required=False
    )
    lottery_winner = forms.ModelChoiceField(
        label=_("추첨 낙찰자(동점일 때)"), queryset=Bid.objects.none(), required=False
    )
    lottery_note = forms.CharField(label=_("추첨 기록"), max_length=200, required=False)

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = _resolutions(procurement.complex)
        self.fields["lottery_winner"].queryset = Bid.objects.filter(
            procurement=procurement, valid=True
        )


class ContractForm(forms.Form):
    title = forms.CharField(label=_("계약명"), max_length=200)
    kind = forms.ChoiceField(label=_("구분"), choices=ProcurementKind.choices)
    service_category = forms.ChoiceField(
        label=_("용역 종류"), choices=[("", "—"), *ServiceCategory.choices], required=False
    )
    counterparty = forms.CharField(label=_("상대방 상호"), max_length=200, required=False)
    counterparty_business_no = forms.CharField(
        label=_("사업자등록번호"), max_length=20, required=False
    )
    signed_by = forms.ChoiceField(label=_("계약 주체"), choices=SelectingBody.choices)
    signed_on = forms.DateField(label=_("계약일"), widget=DATE)
    start = forms.DateField(label=_("계약 시작일"), widget=DATE)
    end = forms.DateField(
        label=_("계약 종료일"),
        widget=DATE,
        required=False,
        help_text=_("위탁관리 계약은 비우면 단지 설정의 계약기간(제57조②)"),
    )
    total_amount = forms.IntegerField(label=_("계약금액(원)"), min_value=1)
    monthly_amount = forms.IntegerField(label=_("월 금액(원)"), min_value=1, required=False)
    scope = forms.CharField(label=_("계약 내용"), widget=forms.Textarea, required=False)
    body = forms.CharField(
        label=_("계약서 본문(원본)"),
        widget=forms.Textarea,
        required=False,
        help_text=_("공개본에서는 주민등록번호 등 개인정보를 가립니다(제57조③)."),
    )


class RecontractForm(forms.Form):
    resolution = ResolutionChoice(label=_("재계약 추진 의결"), queryset=Resolution.objects.none())
    posted_from = forms.DateField(label=_("게시 시작일"), widget=DATE)
    posted_until = forms.DateField(label=_("게시 종료일"), widget=DATE)
    window_from = forms.DateField(label=_("의견 제출 시작일"), widget=DATE)
    window_until = forms.DateField(label=_("의견 제출 마감일"), widget=DATE)
    place = forms.CharField(label=_("제출 장소·방법"), max_length=200)

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = _resolutions(complex)
        for key, label in renewals.NOTICE_ITEMS.items():
            self.fields[f"item_{key}"] = forms.CharField(
                label=f"{key}. {label}", widget=forms.Textarea(attrs={"rows": 2})
            )

    def items(self):
        return {k: self.cleaned_data[f"item_{k}"] for k in renewals.NOTICE_ITEMS}


class OpinionEntryForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("세대"), queryset=Unit.objects.none())
    choice = forms.ChoiceField(label=_("의견"), choices=Opinion.choices)
    signer = forms.CharField(label=_("성명"), max_length=100)
    signed_on = forms.DateField(label=_("작성일"), widget=DATE)
    reason = forms.CharField(label=_("사유"), max_length=300, required=False)

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(complex=complex).select_related(
            "building"
        )


class RecontractDecideForm(forms.Form):
    approval_resolution = ResolutionChoice(
        label=_("재계약 의결(구성원 3분의 2 이상)"),
        queryset=Resolution.objects.none(),
        required=False,
    )
    other_demands = forms.IntegerField(
        label=_("그 밖의 서면 교체요구 세대수"), min_value=0, initial=0
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approval_resolution"].queryset = _resolutions(complex)


EVALUATORS = 3
EVALUATOR_ROLES = [_("관리사무소장"), _("동별 대표자"), _("입주자등")]


class EvaluationForm(forms.Form):
    """별지 10: three evaluators (office manager, a ward rep, a resident), every item."""

    evaluated_on = forms.DateField(label=_("평가일"), widget=DATE)
    sanctioned = forms.BooleanField(
        label=_("계약기간 중 행정처분 또는 등록기준 미달"), required=False
    )
    renewal_term_from = forms.DateField(label=_("재계약 시작일"), widget=DATE, required=False)
    renewal_term_until = forms.DateField(label=_("재계약 종료일"), widget=DATE, required=False)
    renewal_amount = forms.IntegerField(label=_("재계약 금액(원)"), min_value=1, required=False)

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        for i in range(EVALUATORS):
            self.fields[f"e{i}_name"] = forms.CharField(
                label=f"{EVALUATOR_ROLES[i]} — " + str(_("성명")), max_length=100
            )
            for code, label, maximum in evaluation.items_of(template):
                self.fields[f"e{i}_{code}"] = forms.IntegerField(
                    label=f"{label} ({maximum})", min_value=0, max_value=maximum
                )

    def sheets(self):
        out = []
        for i in range(EVALUATORS):
            out.append(
                {
                    "name": self.cleaned_data[f"e{i}_name"],
                    "role": str(EVALUATOR_ROLES[i]),
                    "scores": {
                        code: self.cleaned_data[f"e{i}_{code}"]
                        for code, _l, _m in evaluation.items_of(self.template)
                    },
                }
            )
        return out


class ResolutionOptionalForm(forms.Form):
    resolution = ResolutionChoice(
        label=_("재계약 의결(구성원 과반수)"), queryset=Resolution.objects.none(), required=False
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = _resolutions(complex)


class RestrictionForm(forms.Form):
    demanding_units = forms.IntegerField(label=_("서면동의 세대수"), min_value=0)


class AuditorForm(forms.Form):
    auditor_name = forms.CharField(label=_("회계감사인(공인회계사·회계법인)"), max_length=200)
    fiscal_year = forms.IntegerField(label=_("회계연도"), min_value=2000)
    not_disciplined = forms.BooleanField(
        label=_("공인회계사법 제48조②1~3호 징계를 받은 사실이 없음을 확인함"), required=False
    )
    not_suspended = forms.BooleanField(
        label=_("공동주택 회계감사 관련 회원 권리 정지 사실이 없음을 확인함"), required=False
    )
    evidence = forms.CharField(label=_("확인 근거"), max_length=300, required=False)
    appointed_on = forms.DateField(label=_("선임일"), widget=DATE)


class AuditReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("구분"), choices=AuditKind.choices)
    appointment = forms.ModelChoiceField(
        label=_("회계감사인"), queryset=AuditorAppointment.objects.none(), required=False
    )
    title = forms.CharField(label=_("제목"), max_length=200)
    period_start = forms.DateField(label=_("감사 대상 기간 시작"), widget=DATE)
    period_end = forms.DateField(label=_("감사 대상 기간 종료"), widget=DATE)
    submitted_on = forms.DateField(label=_("제출(수령)일"), widget=DATE)
    opinion = forms.CharField(label=_("감사 의견"), widget=forms.Textarea, required=False)
    findings = forms.CharField(
        label=_("지적 사항(한 줄에 하나)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointment"].queryset = AuditorAppointment.objects.filter(complex=complex)
        for key, label in audits.SECTIONS.items():
            self.fields[f"s{key}"] = forms.CharField(
                label=f"{key}. {label}",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("없으면 '해당 없음'"),
            )
        for key, label in audits.CHECKLIST.items():
            self.fields[f"c_{key}"] = forms.BooleanField(label=label, required=False)

    def sections(self):
        return {k: self.cleaned_data[f"s{k}"] for k in audits.SECTIONS}

    def checklist(self):
        return {k: self.cleaned_data[f"c_{k}"] for k in audits.CHECKLIST}


class FindingCloseForm(forms.Form):
    action = forms.CharField(label=_("조치 내용"), widget=forms.Textarea)
    closed_on = forms.DateField(label=_("조치 완료일"), widget=DATE)


class SettingsForm(forms.Form):
    award_vote_threshold_works = forms.IntegerField(
        label=_("공사 낙찰방법 주민투표 기준금액(원)"), min_value=1
    )
    award_vote_threshold_services = forms.IntegerField(
        label=_("용역 낙찰방법 주민투표 기준금액(원)"), min_value=1
    )
    management_contract_years = forms.IntegerField(
        label=_("위탁관리 계약기간(년)"), min_value=1, max_value=10
    )
    chair_seal_registered = forms.BooleanField(
        label=_("회장 인감을 관리사무소장에 등록함(제89조②)"), required=False
    )
    chair_guarantee_min = forms.IntegerField(
        label=_("회장 보증 최소금액(원)"),
        min_value=1,
        required=False,
        help_text=_("비우면 500세대 미만 3천만원, 이상 5천만원(제90조②)"),
    )
    accounting_staff_guarantee_min = forms.IntegerField(
        label=_("회계담당자 보증 최소금액(원)"), min_value=1, required=False
    )


class GuaranteeForm(forms.Form):
    holder = forms.ChoiceField(label=_("보증 대상"), choices=GuaranteeHolder.choices)
    holder_name = forms.CharField(label=_("성명"), max_length=100)
    kind = forms.ChoiceField(label=_("종류"), choices=GuaranteeKind.choices)
    amount = forms.IntegerField(label=_("보증금액(원)"), min_value=1)
    issuer = forms.CharField(label=_("발행기관"), max_length=200)
    valid_from = forms.DateField(label=_("보증 시작일"), widget=DATE)
    valid_until = forms.DateField(label=_("보증 종료일"), widget=DATE)


class MethodChangeForm(forms.Form):
    resolution = ResolutionChoice(
        label=_("관리방법 변경 발의 의결"), queryset=Resolution.objects.none()
    )
    termination_ground = forms.CharField(
        label=_("계약 해지 사유(별첨 1 제13조①, 있을 때만)"), max_length=300, required=False
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = _resolutions(complex)
