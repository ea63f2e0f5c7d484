from django import forms

from complexes.models import Unit, Ward
from core.uploads import validate_upload

from .models import (
    RECALL_GROUNDS,
    CandidateDocument,
    CommitteeMember,
    EligibilityCheck,
    Kinship,
    Recall,
    Recruitment,
    Rule,
    VoteKind,
)

DT = {"type": "datetime-local"}
D = {"type": "date"}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def unit_field(complex_, label="세대", required=True):
    return UnitChoiceField(
        Unit.objects.filter(complex=complex_).select_related("building"),
        label=label,
        required=required,
    )


class VoteForm(forms.Form):
    kind = forms.ChoiceField(label="종류", choices=VoteKind.choices)
    title = forms.CharField(label="제목", max_length=200)
    question = forms.CharField(
        label="안건 내용·질문", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    ward = forms.ModelChoiceField(Ward.objects.none(), label="선거구", required=False)
    seats = forms.IntegerField(label="선출 인원", min_value=1, initial=1)
    rule = forms.ChoiceField(
        label="의결 기준 (기타 안건만)",
        choices=[("", "종류에 따름"), *Rule.choices],
        required=False,
    )
    generation = forms.IntegerField(label="기수 (제○기)", required=False, min_value=1)
    term_start = forms.DateField(label="임기 시작", required=False, widget=forms.DateInput(D))
    by_election = forms.BooleanField(label="보궐선거", required=False)
    requested_on = forms.DateField(label="투표 요청일", required=False, widget=forms.DateInput(D))
    announce_on = forms.DateField(label="공고일", required=False, widget=forms.DateInput(D))
    registration_start = forms.DateField(
        label="후보 등록 시작", required=False, widget=forms.DateInput(D)
    )
    registration_end = forms.DateField(
        label="후보 등록 마감", required=False, widget=forms.DateInput(D)
    )
    opens_at = forms.DateTimeField(label="투표 시작", widget=forms.DateTimeInput(DT))
    closes_at = forms.DateTimeField(label="투표 마감", widget=forms.DateTimeInput(DT))
    polling_place = forms.CharField(label="현장 투표소", initial="관리사무소 회의실")

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.filter(complex=complex)


class CandidateForm(forms.Form):
    name = forms.CharField(label="성명(한글)", max_length=50)
    name_hanja = forms.CharField(label="성명(한문)", max_length=50, required=False)
    birth_date = forms.DateField(label="생년월일", widget=forms.DateInput(D))
    address = forms.CharField(label="주소", required=False)
    education = forms.CharField(label="최종학력", required=False)
    employer = forms.CharField(label="직장명", required=False)
    position = forms.CharField(label="직위", required=False)
    career = forms.CharField(
        label="사회경력 및 이력", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    statement = forms.CharField(
        label="소견·공약 (투표 화면에 표시)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    photo = forms.ImageField(validators=[validate_upload], label="사진 (3×4)", required=False)
    is_proxy = forms.BooleanField(
        label="소유자의 배우자·직계존비속으로 출마 (별지 3 위임장)", required=False
    )
    owner_name = forms.CharField(label="위임인(소유자) 성명", required=False)
    relation_to_owner = forms.CharField(label="위임인과의 관계", required=False)
    kin = forms.CharField(
        label="배우자·직계존비속 (가족관계증명서, 한 줄에 '성명,관계')",
        help_text="관계: 배우자 / 직계존속 / 직계비속. 선거관리위원 겸직 여부 확인에 씁니다 (Art. 45②3).",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"unit": unit_field(complex, "동·호"), **self.fields}

    def clean_kin(self):
        labels = {label: value for value, label in Kinship.Relation.choices}
        rows = []
        for n, line in enumerate(self.cleaned_data["kin"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(",")]
            if len(parts) != 2 or parts[1] not in labels:
                raise forms.ValidationError(
                    f"{n}번째 줄: '성명,관계' (관계: 배우자/직계존속/직계비속)"
                )
            rows.append({"name": parts[0], "relation": labels[parts[1]]})
        return rows


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="서류", choices=CandidateDocument.Kind.choices)
    issued_on = forms.DateField(label="발행일", widget=forms.DateInput(D))
    file = forms.FileField(validators=[validate_upload], label="파일", required=False)


class CheckForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="결과", choices=EligibilityCheck.Outcome.choices)
    note = forms.CharField(label="비고", required=False)


class CommitteeVoteForm(forms.Form):
    """A committee decision (Art. 44⑦): yes/no counts of the members present."""

    yes = forms.IntegerField(label="위원 찬성", min_value=0)
    no = forms.IntegerField(label="위원 반대", min_value=0, initial=0)


class RuleForm(CommitteeVoteForm):
    eligible = forms.TypedChoiceField(
        label="결정",
        choices=[("1", "적격 (후보 확정)"), ("0", "부적격")],
        coerce=lambda v: v == "1",
    )


class CommitteeMemberForm(forms.Form):
    name = forms.CharField(label="성명", max_length=50)
    position = forms.ChoiceField(label="직위", choices=CommitteeMember.Position.choices)
    route = forms.ChoiceField(label="위촉 경로", choices=CommitteeMember.Route.choices)
    recommended_by = forms.CharField(label="추천권자 (추천 위촉 시)", required=False)
    term_start = forms.DateField(label="임기 시작", widget=forms.DateInput(D))
    minor_or_guardianship = forms.BooleanField(label="미성년자·피후견인", required=False)

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(complex, "동·호")


class RecruitmentForm(forms.ModelForm):
    class Meta:
        model = Recruitment
        fields = [
            "posted_on",
            "deadline",
            "urgent",
            "place",
            "seats",
            "eligibility",
            "lottery_at",
            "lottery_place",
        ]
        widgets = {
            "posted_on": forms.DateInput(D),
            "deadline": forms.DateInput(D),
            "lottery_at": forms.DateTimeInput(DT),
        }


class RecallForm(forms.Form):
    office = forms.ChoiceField(label="직위", choices=Recall.Office.choices)
    subject_name = forms.CharField(label="해임 대상 성명", max_length=50)
    ward = forms.ModelChoiceField(Ward.objects.none(), label="선거구 (동별 대표자)", required=False)
    grounds = forms.MultipleChoiceField(
        label="해임 사유 (Art. 23①)", choices=RECALL_GROUNDS, widget=forms.CheckboxSelectMultiple
    )
    grounds_text = forms.CharField(label="사유 상세", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(validators=[validate_upload], label="증거자료", required=False)
    evidence_summary = forms.CharField(
        label="증거자료 요지", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    initiation = forms.ChoiceField(label="발의", choices=Recall.Initiation.choices)
    council_resolution = forms.CharField(label="입주자대표회의 의결 (회의·일자)", required=False)

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.filter(complex=complex)
        self.fields = {"subject_unit": unit_field(complex, "해임 대상 세대"), **self.fields}


class RecallVoteForm(forms.Form):
    opens_at = forms.DateTimeField(label="투표 시작", widget=forms.DateTimeInput(DT))
    closes_at = forms.DateTimeField(label="투표 마감", widget=forms.DateTimeInput(DT))


class DefenceForm(forms.Form):
    defence = forms.CharField(label="소명", widget=forms.Textarea(attrs={"rows": 6}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="인증번호 (6자리)",
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label="확인 코드", max_length=11)


class PaperMarkForm(forms.Form):
    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(complex, "동·호 (신분증 확인 후)")


class EndForm(CommitteeVoteForm):
    explained_from = forms.DateField(label="소명 기회 부여일", widget=forms.DateInput(D))
