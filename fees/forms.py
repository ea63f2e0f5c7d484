from django import forms

from complexes.models import Unit
from core.uploads import validate_upload

from .items import ITEMS, Basis
from .models import FeeSettings, MiscIncomeKind


class FeeSettingsForm(forms.ModelForm):
    class Meta:
        model = FeeSettings
        fields = [
            "due_day",
            "draft_day",
            "elevator_exempt_floors",
            "elevator_exempt_by_building",
            "late_rate_first_year",
            "late_rate_after_year",
            "late_tier_rule",
            "payment_account",
            "payment_place",
        ]

    # The day rules (due 1–31, draft 1–28) are services.settings_update's.


class ChargeItemForm(forms.Form):
    code = forms.ChoiceField(
        choices=[(c, v[0]) for c, v in ITEMS.items()], widget=forms.HiddenInput
    )
    basis = forms.ChoiceField(label="부과 기준", choices=Basis.choices)
    unit_price = forms.IntegerField(label="단가", required=False, min_value=0)


class UploadForm(forms.Form):
    file = forms.FileField(validators=[validate_upload], label="파일 (CSV UTF-8 또는 XLSX)")


class PeriodForm(forms.Form):
    period = forms.CharField(label="부과 월 (YYYY-MM)", max_length=7)


class UnitChoiceMixin:
    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(complex=complex).select_related(
            "building"
        )
        self.fields["unit"].label_from_instance = lambda u: u.label


class PaymentForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=Unit.objects.none())
    paid_on = forms.DateField(label="입금일", widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.IntegerField(label="금액", min_value=1)
    reference = forms.CharField(label="참조", required=False, max_length=100)


class AdjustmentForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=Unit.objects.none())
    period = forms.CharField(label="반영 월 (YYYY-MM)", max_length=7)
    amount = forms.IntegerField(label="금액 (음수 = 환급)")
    reason = forms.CharField(label="사유", max_length=200)


class MiscIncomeForm(forms.Form):
    period = forms.CharField(label="월 (YYYY-MM)", max_length=7)
    kind = forms.ChoiceField(label="종류", choices=MiscIncomeKind.choices)
    amount = forms.IntegerField(label="금액", min_value=1)
    memo = forms.CharField(label="메모", required=False, max_length=200)


class FeeReductionForm(forms.Form):
    year = forms.IntegerField(label="적용 연도", min_value=2000, max_value=2100)
    amount = forms.IntegerField(label="관리비 차감 적립액 (제80조⑤1)", min_value=0)


class ContingencyForm(forms.Form):
    period = forms.CharField(label="월 (YYYY-MM)", max_length=7)
    item = forms.ChoiceField(label="비목", choices=[(c, v[0]) for c, v in ITEMS.items()])
    amount = forms.IntegerField(label="금액", min_value=1)
    memo = forms.CharField(label="내용 (입대의 의결)", max_length=200)


class DepositForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=Unit.objects.none())
    action = forms.ChoiceField(label="구분", choices=[("collect", "징수"), ("refund", "반환")])
    amount = forms.IntegerField(label="금액 (징수 시)", required=False, min_value=1)
    on = forms.DateField(label="일자", widget=forms.DateInput(attrs={"type": "date"}))
    net_arrears = forms.BooleanField(
        label="반환 전 이 세대 소유자의 미납 관리비를 정산 (제77조②, 선택)", required=False
    )
    memo = forms.CharField(label="메모", required=False, max_length=200)


class MoveOutForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=Unit.objects.none())
    move_out_on = forms.DateField(label="전출일", widget=forms.DateInput(attrs={"type": "date"}))
    usage_amount = forms.IntegerField(label="전출일 검침 사용료", min_value=0, initial=0)
    memo = forms.CharField(label="메모", required=False, max_length=200)


class BudgetForm(forms.Form):
    """The year's budget per item, and the council resolution approving it (Art. 78①): only this
    complex's passed resolutions in force are offered (`resolutions`)."""

    def __init__(self, *args, codes, initial_amounts, resolutions=None, resolution=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .items import item_name

        if resolutions is not None:
            self.fields["resolution"] = forms.ModelChoiceField(
                label="승인 의결 (입주자대표회의, 제78조①)",
                queryset=resolutions,
                required=False,
                initial=resolution,
                empty_label="— 아직 승인 전 —",
            )
        for code in codes:
            label = "잡수입" if code == "misc_income" else item_name(code)
            self.fields[code] = forms.IntegerField(
                label=label, required=False, min_value=0, initial=initial_amounts.get(code)
            )


class ViolationFineForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label="세대", queryset=Unit.objects.none())
    period = forms.CharField(label="부과 월 (YYYY-MM)", max_length=7)
    amount = forms.IntegerField(label="금액 (입대의 의결 한도 이내)", min_value=1)
    reason = forms.CharField(label="위반 내용", max_length=200)
    warned_on = forms.DateField(label="1차 경고일", widget=forms.DateInput(attrs={"type": "date"}))
    response_until = forms.DateField(
        label="소명 기한", widget=forms.DateInput(attrs={"type": "date"})
    )


class YearSettlementForm(forms.Form):
    """The council's approval of the year-end settlement (Art. 80⑤; 시행령 제14조)."""

    resolution = forms.ModelChoiceField(label="승인 의결 (입주자대표회의)", queryset=None)
    reduction = forms.IntegerField(
        label="관리비 차감 적립액 (제80조⑤1, 비우면 최소 80%)", required=False, min_value=0
    )

    def __init__(self, *args, resolutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = resolutions


class MiscIncomeUseForm(forms.Form):
    """A use of joint misc income on an Art. 80④ priority use, with its council resolution."""

    period = forms.CharField(label="월 (YYYY-MM)", max_length=7)
    use = forms.ChoiceField(label="용도 (제80조④)", choices=())
    amount = forms.IntegerField(label="금액", min_value=1)
    memo = forms.CharField(label="내용", max_length=200)
    resolution = forms.ModelChoiceField(label="입주자대표회의 의결", queryset=None)
    notice_on = forms.DateField(
        label="사전 공지일 (소송비용만)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consents = forms.IntegerField(label="동의 세대 수 (소송비용만)", required=False, min_value=0)

    def __init__(self, *args, resolutions, **kwargs):
        from .models import PriorityUse

        super().__init__(*args, **kwargs)
        self.fields["use"].choices = PriorityUse.choices
        self.fields["resolution"].queryset = resolutions


class MiscUseCapsForm(forms.Form):
    """Annual caps of Art. 80④ items 2, 4, 5 (the bylaw's "연간 ○만원"); empty = no cap."""

    def __init__(self, *args, caps, **kwargs):
        from .models import CAPPED_USES

        super().__init__(*args, **kwargs)
        for use in CAPPED_USES:
            self.fields[use.value] = forms.IntegerField(
                label=f"{use.label} 연간 한도 (원)",
                required=False,
                min_value=0,
                initial=caps.get(use.value),
            )


class UsageReconciliationForm(forms.Form):
    """Art. 82③: what was paid to the supplier for a usage item of an issued period."""

    period = forms.CharField(label="부과 월 (YYYY-MM)", max_length=7)
    item = forms.ChoiceField(label="사용료 비목", choices=())
    paid = forms.IntegerField(label="공급자 납부액 (원)", min_value=0)
    action = forms.ChoiceField(label="잉여금 처리 (제82조③)", choices=())
    memo = forms.CharField(label="메모", required=False, max_length=200)

    def __init__(self, *args, items, **kwargs):
        from .items import item_name
        from .models import SurplusAction

        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(c, item_name(c)) for c in items]
        self.fields["action"].choices = SurplusAction.choices


class MeterVerificationForm(UnitChoiceMixin, forms.Form):
    """Art. 63②: a meter's verification expiry date."""

    unit = forms.ModelChoiceField(label="세대", queryset=Unit.objects.none())
    utility = forms.ChoiceField(label="구분", choices=())
    expires_on = forms.DateField(
        label="검정 유효기간 만료일", widget=forms.DateInput(attrs={"type": "date"})
    )
    serial = forms.CharField(label="계량기 번호", required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        from .items import UTILITY_NAMES

        super().__init__(*args, **kwargs)
        self.fields["utility"].choices = list(UTILITY_NAMES.items())
