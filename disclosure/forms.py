from django import forms

from .duties import DUTY_CHOICES
from .models import RECORD_KINDS, RequestKind


class DateInput(forms.DateInput):
    input_type = "date"


class PublicationForm(forms.Form):
    duty = forms.ChoiceField(label="공개 항목", choices=DUTY_CHOICES)
    title = forms.CharField(label="제목", max_length=200)
    event_on = forms.DateField(
        label="기준일",
        widget=DateInput,
        help_text="회의일(소집 공고), 접수일(회의록), 계약 체결일(계약서), 처분 확정일(행정처분) 등",
    )
    body = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 12}))
    posted_until = forms.DateField(label="게시 종료일 (선택)", required=False, widget=DateInput)
    masking_confirmed = forms.BooleanField(
        label="개인정보(성명·주민등록번호·전화번호·동호수)가 가려진 내용을 확인했습니다.",
        required=False,
    )


class RecordRequestForm(forms.Form):
    kind = forms.ChoiceField(label="구분", choices=RequestKind.choices, widget=forms.RadioSelect)
    record_kind = forms.ChoiceField(label="자료 종류 (제64조①)", choices=RECORD_KINDS)
    record = forms.CharField(
        label="요청 자료 (한 건)", max_length=200, help_text="예: 2026년 10월 입주자대표회의 회의록"
    )
    colour = forms.BooleanField(label="칼라 복사", required=False)


class QuoteForm(forms.Form):
    pages = forms.IntegerField(label="매수", min_value=1)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label="수수료 납부일", widget=DateInput)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="처리 내용 / 거절 사유", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TakeDownForm(forms.Form):
    posted_until = forms.DateField(label="게시 종료일 (마지막 게시일)", widget=DateInput)
