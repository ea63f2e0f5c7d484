from django import forms

from core.uploads import validate_upload

from .models import (
    Component,
    DocumentKind,
    EntryKind,
    Procurement,
    ReserveEntry,
    UsagePlan,
)

DATE = forms.DateInput(attrs={"type": "date"})


class PlanImportForm(forms.Form):
    file = forms.FileField(validators=[validate_upload], label="계획 파일 (CSV/XLSX)")
    start = forms.CharField(label="계획기간 시작 (YYYY-MM)", max_length=7)
    end = forms.CharField(label="계획기간 종료 (YYYY-MM)", max_length=7)
    reason = forms.CharField(label="사유", max_length=300, required=False)


class ResolutionMixin:
    """An optional council resolution the change is based on (시행규칙 7조②; Art. 83① phases
    through the bylaw amendment)."""

    def add_resolution(self, resolutions):
        self.fields["resolution"] = forms.ModelChoiceField(
            label="근거 의결 (있으면)", queryset=resolutions, required=False
        )


class PhasesForm(ResolutionMixin, forms.Form):
    phases = forms.CharField(
        label="적립 단계",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="한 줄에 하나씩 시작월:종료월:요율 (예: 2001-01:2010-12:20)",
    )
    reason = forms.CharField(label="사유·근거 (규약 개정 등)", max_length=300, required=False)


class ComponentForm(ResolutionMixin, forms.ModelForm):
    reason = forms.CharField(label="조정 사유", max_length=300)
    owners_consent = forms.BooleanField(
        label="전체 입주자 과반수 서면동의를 받았습니다 (3년 전 조정, 법 제29조③)", required=False
    )

    class Meta:
        model = Component
        fields = [
            "category",
            "name",
            "method",
            "cycle_years",
            "first_year",
            "repair_rate",
            "quantity",
            "unit",
            "unit_cost",
        ]


class RemoveComponentForm(ResolutionMixin, forms.Form):
    reason = forms.CharField(label="조정 사유", max_length=300)
    owners_consent = forms.BooleanField(
        label="전체 입주자 과반수 서면동의를 받았습니다 (3년 전 조정, 법 제29조③)", required=False
    )


class ReviewForm(ResolutionMixin, forms.Form):
    reviewed_on = forms.DateField(label="검토일", widget=DATE)
    findings = forms.CharField(label="검토사항", widget=forms.Textarea(attrs={"rows": 4}))
    adjusted = forms.BooleanField(label="조정이 필요함", required=False)


class EntryForm(forms.ModelForm):
    class Meta:
        model = ReserveEntry
        fields = ["entry_date", "kind", "amount", "memo"]
        widgets = {"entry_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c
            for c in EntryKind.choices
            if c[0] not in (EntryKind.SPENDING, EntryKind.MISC_INCOME, EntryKind.DEVELOPER)
        ]


class UsagePlanForm(forms.ModelForm):
    class Meta:
        model = UsagePlan
        fields = [
            "title",
            "component",
            "reason",
            "description",
            "location",
            "period_start",
            "period_end",
            "estimated_amount",
            "procurement",
            "defect_exception",
        ]
        widgets = {"period_start": DATE, "period_end": DATE}

    def __init__(self, *args, revision=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = revision.components.all() if revision else Component.objects.none()
        self.fields["component"].queryset = qs
        self.fields["procurement"].choices = Procurement.choices


class ApproveForm(forms.Form):
    resolution = forms.ModelChoiceField(label="입주자대표회의 의결", queryset=None)

    def __init__(self, *args, resolutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = resolutions


class ContractForm(forms.Form):
    contractor = forms.CharField(label="계약 상대방", max_length=200)
    amount = forms.IntegerField(label="계약 금액(원)", min_value=1)
    contracted_on = forms.DateField(label="계약일", widget=DATE)


class SpendingForm(forms.Form):
    entry_date = forms.DateField(label="집행일", widget=DATE)
    amount = forms.IntegerField(label="집행 금액(원)", min_value=1)
    memo = forms.CharField(label="적요", max_length=200, required=False)
    final = forms.BooleanField(label="공사 완료 (집행 완료로 표시)", required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="종류", choices=DocumentKind.choices)
    file = forms.FileField(validators=[validate_upload], label="파일")
    caption = forms.CharField(label="설명", max_length=200, required=False)


class CertificateForm(forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=None)
    start = forms.CharField(label="시작 (YYYY-MM)", max_length=7)
    end = forms.CharField(label="종료 (YYYY-MM)", max_length=7)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SettingsForm(forms.Form):
    minimum_price_per_m2 = forms.DecimalField(
        label="최소 적립단가(원/㎡·월, 제83조③)", min_value=0, decimal_places=2, max_digits=10
    )
    temporary_approval_on = forms.DateField(
        label="전체 세대 임시사용승인일 (있으면)", required=False, widget=DATE
    )


class UnsoldForm(forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=None)
    developer = forms.CharField(label="사업주체", max_length=100)
    since = forms.DateField(label="미분양 시작", widget=DATE)
    sold_on = forms.DateField(label="분양일", required=False, widget=DATE)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SoldForm(forms.Form):
    sold_on = forms.DateField(label="분양일", widget=DATE)


class DeveloperStatementForm(forms.Form):
    """A developer's statement for its unsold units over a range of months (시행령 31조⑦)."""

    developer = forms.ChoiceField(label="사업주체")
    start = forms.CharField(label="시작 (YYYY-MM)", max_length=7)
    end = forms.CharField(label="종료 (YYYY-MM)", max_length=7)

    def __init__(self, *args, developers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["developer"].choices = [(d, d) for d in developers]
