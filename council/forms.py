from django import forms

from complexes.models import Ward

from .models import (
    ExpenseCategory,
    FilerKind,
    ItemCategory,
    MeetingKind,
    NoticeException,
    Office,
    ProposerKind,
    SuspensionReason,
    VoteChoice,
)

DATE = forms.DateInput(attrs={"type": "date"})


class RepresentativeForm(forms.Form):
    ward = forms.ModelChoiceField(label="선거구", queryset=Ward.objects.none())
    name = forms.CharField(label="성명", max_length=100)
    email = forms.EmailField(
        label="로그인 이메일(선택)", required=False, help_text="포털 계정이 있으면 연결합니다."
    )
    term_start = forms.DateField(label="임기 시작", widget=DATE)
    term_end = forms.DateField(
        label="임기 종료", widget=DATE, required=False, help_text="비우면 2년(제18조①)"
    )
    by_election = forms.BooleanField(label="보궐선거로 선출", required=False)
    birth_year = forms.IntegerField(label="출생연도", required=False, min_value=1900)

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.filter(complex=complex)


class SuspendForm(forms.Form):
    reason = forms.ChoiceField(label="사유", choices=SuspensionReason.choices)
    starts_on = forms.DateField(label="정지 시작", widget=DATE)
    note = forms.CharField(label="비고", required=False, max_length=200)


class EndSeatForm(forms.Form):
    on = forms.DateField(label="자격 상실일", widget=DATE)
    reason = forms.CharField(label="사유", max_length=200)


class OfficerForm(forms.Form):
    office = forms.ChoiceField(label="직위", choices=Office.choices)
    starts_on = forms.DateField(label="취임일", widget=DATE)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="회의 구분", choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(
        label="일시", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label="장소", max_length=200, initial="관리동 입주자대표회의실")
    notice_exception = forms.ChoiceField(
        label="통지기간 예외(제28조① 단서)", choices=NoticeException.choices, required=False
    )
    notice_exception_reason = forms.CharField(label="예외 사유", max_length=300, required=False)
    convened_by = forms.CharField(label="소집권자", max_length=100, required=False)
    convene_request = forms.ModelChoiceField(
        label="소집 요구(제26조③)",
        queryset=None,
        required=False,
        help_text="요구에 따라 여는 임시회의면 고르세요.",
    )

    def __init__(self, *args, convene_requests=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ConveneRequest

        self.fields["convene_request"].queryset = (
            convene_requests if convene_requests is not None else ConveneRequest.objects.none()
        )


class ItemForm(forms.Form):
    """별지 7 의안 제안서."""

    title = forms.CharField(label="안건명", max_length=200)
    category = forms.ChoiceField(label="분류", choices=ItemCategory.choices)
    proposer_kind = forms.ChoiceField(label="제안자 구분", choices=ProposerKind.choices)
    proposer_name = forms.CharField(label="제안자", max_length=100)
    motion = forms.CharField(label="의결주문", widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="제안이유", widget=forms.Textarea(attrs={"rows": 3}))
    content = forms.CharField(label="주요내용", widget=forms.Textarea(attrs={"rows": 4}))
    cost_estimate = forms.IntegerField(label="비용추계(원)", required=False, min_value=0)
    legal_basis = forms.CharField(label="근거", max_length=300, required=False)
    notes = forms.CharField(label="기타", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    attachment = forms.FileField(label="첨부", required=False)


class SubmitItemForm(forms.Form):
    cost_estimate = forms.IntegerField(label="비용추계(원)", required=False, min_value=0)


class ExcludeItemForm(forms.Form):
    reason = forms.CharField(label="제외 사유(제29조②)", max_length=300)


class ScheduleItemForm(forms.Form):
    meeting = forms.ModelChoiceField(label="회의", queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class VoteForm(forms.Form):
    choice = forms.ChoiceField(choices=VoteChoice.choices)


class SpeechForm(forms.Form):
    speech_record = forms.CharField(label="발언록", widget=forms.Textarea(attrs={"rows": 8}))
    item_details = forms.CharField(
        label="안건세부명세", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ObserverForm(forms.Form):
    name = forms.CharField(label="성명", max_length=100)


class ReconsiderationForm(forms.Form):
    """별지 13 재심의 요청서 of the auditor or the office (residents file through a petition:
    council/petitions.py)."""

    filer_kind = forms.ChoiceField(label="요청자", choices=FilerKind.choices)
    representative_name = forms.CharField(label="대표인(요청자) 성명", max_length=100)
    filer_email = forms.EmailField(label="결과 통보 이메일", required=False)
    violation = forms.CharField(
        label="관계규정을 위반하는 내용", widget=forms.Textarea(attrs={"rows": 3})
    )
    proposal = forms.CharField(label="재심의 제안내용", widget=forms.Textarea(attrs={"rows": 3}))


class ResultForm(forms.Form):
    result_text = forms.CharField(label="재심의 결과", widget=forms.Textarea(attrs={"rows": 3}))


class ExpenseForm(forms.Form):
    spent_on = forms.DateField(label="지출일", widget=DATE)
    category = forms.ChoiceField(label="항목", choices=ExpenseCategory.choices)
    amount = forms.IntegerField(label="금액(원)", min_value=1)
    description = forms.CharField(label="내용", max_length=200)
    representative = forms.ModelChoiceField(label="대표자", queryset=None, required=False)
    meeting = forms.ModelChoiceField(label="회의", queryset=None, required=False)
    receipt = forms.FileField(label="증빙", required=False)

    def __init__(self, *args, reps, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = reps
        self.fields["meeting"].queryset = meetings


class SettingsForm(forms.Form):
    seats = forms.IntegerField(
        label="정원(명)", required=False, min_value=1, help_text="비워 두면 선거구 수(제17조)"
    )
    attendance_allowance = forms.IntegerField(
        label="회의 출석수당(1회, 원)", min_value=0, max_value=50_000
    )
    attendance_monthly_cap = forms.IntegerField(label="출석수당 월 한도(원)", min_value=0)
    chair_allowance = forms.IntegerField(label="회장 업무추진비(월, 원)", min_value=0)
    auditor_allowance = forms.IntegerField(label="감사 업무추진비(월, 원)", min_value=0)
    training_yearly = forms.IntegerField(label="교육비(연, 원)", min_value=0)


class ConveneRequestForm(forms.Form):
    requester = forms.ChoiceField(label="요구자", choices=[])
    reason = forms.CharField(label="소집 이유", widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label="접수일", widget=DATE)
    signers = forms.ModelMultipleChoiceField(
        label="요구한 동별 대표자 (구성원 3분의 1 이상일 때)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, reps=None, **kwargs):
        from .models import ConveneRequest, Representative

        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = (
            reps if reps is not None else Representative.objects.none()
        )
        # Residents' 1/10 demand (Art. 26③4) arrives only through a petition.
        self.fields["requester"].choices = [
            c
            for c in ConveneRequest.Requester.choices
            if c[0] != ConveneRequest.Requester.RESIDENTS
        ]
