"""Forms of the residents pages: they parse input; the rules live in services."""

import re
from datetime import date

from django import forms

from complexes.models import Building, Membership, ResidentKind, Role, Unit, Ward
from core.uploads import validate_upload

from .models import (
    Audience,
    ComplaintCategory,
    ComplaintChannel,
    DisputeStep,
    Notice,
    StatutoryKind,
    VoterBasis,
)

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("validators", [validate_upload])
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def unit_choices(complex_):
    return Unit.objects.filter(complex=complex_).select_related("building")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


# --- register -------------------------------------------------------------------------------


class OccupancyForm(forms.Form):
    unit = UnitChoiceField(label="세대", queryset=Unit.objects.none())
    kind = forms.ChoiceField(label="입주 구분", choices=ResidentKind.choices)
    moved_in_on = forms.DateField(label="입주일", widget=DATE)
    name = forms.CharField(label="성명(세대주)", max_length=50)
    birth_date = forms.DateField(label="생년월일", widget=DATE, required=False)
    phone = forms.CharField(label="휴대폰", max_length=20, required=False)
    home_phone = forms.CharField(label="연락처", max_length=20, required=False)
    email = forms.EmailField(label="이메일", required=False)
    vehicles = forms.CharField(
        label="차량",
        required=False,
        help_text="한 줄에 한 대: 차량번호(차종). 예: 12가3456(쏘나타)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    members = forms.CharField(
        label="가족사항",
        required=False,
        help_text="한 줄에 한 명: 관계, 성명, 생년월일(YYYY-MM-DD), 연락처. 공유자는 관계를 '공유자'로.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner_name = forms.CharField(label="소유자 성명 (사용자만)", max_length=50, required=False)
    owner_address = forms.CharField(label="소유자 주소 (사용자만)", max_length=200, required=False)
    owner_phone = forms.CharField(label="소유자 전화 (사용자만)", max_length=20, required=False)
    membership = forms.ModelChoiceField(
        label="연결할 계정", queryset=Membership.objects.none(), required=False
    )
    consent_on = forms.DateField(
        label="개인정보 수집·이용·제공 동의일",
        widget=DATE,
        required=False,
        help_text="별지 제1호서식의 동의란에 서명한 날짜. 동의하지 않았으면 비워 둡니다.",
    )
    memo = forms.CharField(label="메모", max_length=200, required=False)

    def __init__(self, *args, complex, edit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(complex)
        self.fields["membership"].queryset = Membership.objects.filter(
            complex=complex, role=Role.RESIDENT
        ).select_related("user", "unit__building")
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.user.email} · {m.unit.label} · {m.get_resident_kind_display()}"
        )
        if edit:
            for name in ("unit", "kind", "moved_in_on"):
                del self.fields[name]

    def clean_vehicles(self):
        cars = []
        for line in self.cleaned_data["vehicles"].splitlines():
            line = line.strip()
            if not line:
                continue
            m = re.fullmatch(r"(.+?)\s*\((.*)\)", line)
            cars.append((m.group(1).strip(), m.group(2).strip()) if m else (line, ""))
        return cars

    def clean_members(self):
        members = []
        for n, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(",")] + ["", "", "", ""]
            relation, name, birth, phone = parts[:4]
            if not name:
                raise forms.ValidationError(f"{n}번째 줄: 성명이 없습니다.")
            try:
                birth_date = date.fromisoformat(birth) if birth else None
            except ValueError as e:
                raise forms.ValidationError(
                    f"{n}번째 줄: 생년월일은 YYYY-MM-DD로 적어 주세요 ('{birth}')."
                ) from e
            members.append((relation, name, birth_date, phone))
        return members


def occupancy_initial(occupancy) -> dict:
    data = {
        f: getattr(occupancy, f)
        for f in (
            "name",
            "birth_date",
            "phone",
            "home_phone",
            "email",
            "owner_name",
            "owner_address",
            "owner_phone",
            "consent_on",
            "memo",
            "membership",
        )
    }
    data["vehicles"] = "\n".join(
        f"{v.plate}({v.car_type})" if v.car_type else v.plate for v in occupancy.vehicles.all()
    )
    data["members"] = "\n".join(
        ", ".join(
            [m.relation, m.name, m.birth_date.isoformat() if m.birth_date else "", m.phone]
        ).rstrip(", ")
        for m in occupancy.members.all()
    )
    return data


class MoveOutForm(forms.Form):
    moved_out_on = forms.DateField(label="전출일", widget=DATE)


class SettledForm(forms.Form):
    settled_on = forms.DateField(label="관리비 정산 완료일", widget=DATE)


class InviteForm(forms.Form):
    email = forms.EmailField(label="초대할 이메일")


class VoterForm(forms.Form):
    voter_name = forms.CharField(label="의결권자 성명", max_length=50)
    basis = forms.ChoiceField(label="근거", choices=VoterBasis.choices)
    membership = forms.ModelChoiceField(
        label="투표할 계정 (있으면)", queryset=Membership.objects.none(), required=False
    )
    valid_from = forms.DateField(label="시작일", widget=DATE, required=False)
    document = forms.FileField(
        validators=[validate_upload],
        label="서면 통보 또는 위임장 (PDF·사진)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(
            complex_id=unit.complex_id, unit=unit, role=Role.RESIDENT
        ).select_related("user")
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.user.email} ({m.get_resident_kind_display()})"
        )


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        validators=[validate_upload],
        label="입주자명부 파일 (CSV 또는 XLSX)",
        help_text="열: building, unit, kind, moved_in_on, name (필수) · birth_date, phone, email, "
        "cars, owner_name, owner_address, owner_phone, consent_on (선택)",
    )


class ChangeRequestForm(forms.Form):
    name = forms.CharField(label="성명", max_length=50)
    birth_date = forms.DateField(label="생년월일", widget=DATE, required=False)
    phone = forms.CharField(label="휴대폰", max_length=20, required=False)
    home_phone = forms.CharField(label="연락처", max_length=20, required=False)
    email = forms.EmailField(label="이메일", required=False)
    # No owner's contact (별지 1 사용자 기재): a lessee never sees the owner's personal data, not
    # even as recorded on the lessee's own entry (issue 12 [1/9]); the office keeps it.


class SettingsForm(forms.Form):
    complaint_reminder_days = forms.IntegerField(
        label="민원 미처리 알림 기준(일)", min_value=1, max_value=90
    )
    register_grace_days = forms.IntegerField(
        label="명부 파기 유예(일, 정산 완료 후)", min_value=0, max_value=365
    )


# --- complaints -----------------------------------------------------------------------------

COMMON = "common"


class ComplaintForm(forms.Form):
    """A resident's complaint; `where` is one of their units or the common area."""

    category = forms.ChoiceField(label="분류", choices=ComplaintCategory.choices)
    where = forms.ChoiceField(label="대상")
    location = forms.CharField(label="위치 (공용부분이면 자세히)", max_length=100, required=False)
    title = forms.CharField(label="제목", max_length=120)
    body = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(
        label="사진·PDF (선택, 5개까지, 각 10MB 이하)",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["where"].choices = [
            (k, f"우리 세대 ({u.label})") for k, u in self.units.items()
        ] + [(COMMON, "공용부분 (복도, 주차장, 놀이터 등)")]

    def target(self):
        where = self.cleaned_data["where"]
        if where == COMMON:
            return None, True
        return self.units[where], False


class OfficeComplaintForm(forms.Form):
    """The office logs a phone, walk-in or written complaint (Art. 64①9)."""

    channel = forms.ChoiceField(label="접수 경로", choices=ComplaintChannel.choices)
    unit = UnitChoiceField(
        label="세대 (공용부분 민원이면 비움)", queryset=Unit.objects.none(), required=False
    )
    common_area = forms.BooleanField(label="공용부분", required=False)
    location = forms.CharField(label="위치", max_length=100, required=False)
    reporter_name = forms.CharField(label="민원인", max_length=50, required=False)
    reporter_phone = forms.CharField(label="민원인 연락처", max_length=20, required=False)
    category = forms.ChoiceField(label="분류", choices=ComplaintCategory.choices)
    title = forms.CharField(label="제목", max_length=120)
    body = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label="사진·PDF (선택)")

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(complex)


ACTIONS = [
    ("acknowledge", "확인"),
    ("assign", "담당자 배정"),
    ("action", "조치 기록"),
    ("comment", "의견"),
    ("internal", "내부 메모"),
    ("close", "완료 처리"),
    ("reopen", "다시 열기"),
    ("dispute", "분쟁 절차 기록"),
]


class ComplaintActForm(forms.Form):
    action = forms.ChoiceField(choices=ACTIONS)
    text = forms.CharField(label="내용", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    assignee = forms.ModelChoiceField(label="담당자", queryset=None, required=False)
    step = forms.ChoiceField(
        label="분쟁 단계", choices=[("", "—"), *DisputeStep.choices], required=False
    )
    happened_on = forms.DateField(label="일자", widget=DATE, required=False)
    source_unit = UnitChoiceField(label="발생 세대", queryset=Unit.objects.none(), required=False)
    disclose_parties = forms.BooleanField(label="양측에 상대 세대를 알림", required=False)
    files = MultipleFileField(label="사진·PDF")

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        from core.models import User

        self.fields["assignee"].queryset = User.objects.filter(
            memberships__complex=complex, memberships__role__in=[Role.STAFF, Role.MANAGER]
        ).distinct()
        self.fields["source_unit"].queryset = unit_choices(complex)


class ReportForm(forms.Form):
    start = forms.DateField(label="시작일", widget=DATE)
    end = forms.DateField(label="종료일", widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("시작일이 종료일보다 늦습니다.")
        return data


# --- notices --------------------------------------------------------------------------------


class NoticeForm(forms.ModelForm):
    files = MultipleFileField(label="첨부 (사진·PDF, 각 10MB 이하)")

    class Meta:
        model = Notice
        fields = [
            "title",
            "body",
            "audience",
            "building",
            "ward",
            "pinned",
            "publish_at",
            "expires_at",
            "statutory_kind",
            "due_on",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "publish_at": DATETIME,
            "expires_at": DATETIME,
            "due_on": DATE,
        }

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Building.objects.filter(complex=complex)
        self.fields["ward"].queryset = Ward.objects.filter(complex=complex)
        self.fields["audience"].choices = Audience.choices
        self.fields["statutory_kind"].choices = [("", "— 일반 공지 —"), *StatutoryKind.choices]
        self.fields["publish_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["expires_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
