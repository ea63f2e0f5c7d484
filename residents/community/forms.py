"""Forms of the community pages (input shape only; rules live in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complexes.models import Unit

from ..forms import UnitChoiceField, unit_choices
from .groups_models import MemberKind
from .models import ConsentCase, ConsentDecision, Facility
from .parking_models import ParkingArrangement

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class UnitField(UnitChoiceField):
    pass


def _units(form, units):
    form.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).select_related(
        "building"
    )
    if len(units) == 1:
        form.fields["unit"].initial = units[0].pk


class FacilityForm(forms.ModelForm):
    class Meta:
        model = Facility
        fields = [
            "name", "description", "access", "sharing_resolution", "opens_at", "closes_at",
            "slot_minutes", "capacity", "fee_per_slot", "max_slots_per_day",
            "max_active_bookings", "book_ahead_days", "cancel_before_hours", "active",
        ]  # fmt: skip
        widgets = {"opens_at": TIME, "closes_at": TIME}

    def validate_unique(self):  # the service names the clash
        pass

    def _post_clean(self):  # constraints are checked by the service with clear messages
        pass


class BookingForm(forms.Form):
    unit = UnitField(label=_("세대"), queryset=Unit.objects.none())
    day = forms.DateField(label=_("날짜"), widget=DATE)
    start = forms.TimeField(label=_("시작"), widget=TIME)
    slots = forms.IntegerField(label=_("예약 단위 수"), min_value=1, max_value=48, initial=1)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, units)


class CarForm(forms.Form):
    unit = UnitField(label=_("세대"), queryset=Unit.objects.none())
    plate = forms.CharField(label=_("차량번호"), max_length=20)
    car_type = forms.CharField(label=_("차종"), max_length=30, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, units)


class VisitorForm(forms.Form):
    unit = UnitField(label=_("방문 세대"), queryset=Unit.objects.none())
    plate = forms.CharField(label=_("차량번호"), max_length=20)
    visit_from = forms.DateField(label=_("방문 시작일"), widget=DATE)
    visit_until = forms.DateField(label=_("방문 종료일"), widget=DATE, required=False)
    purpose = forms.CharField(label=_("방문 목적"), max_length=100, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, units)


class PlateLookupForm(forms.Form):
    plate = forms.CharField(label=_("차량번호 또는 뒤 4자리"), max_length=20)


class ConsentForm(forms.Form):
    unit = UnitField(label=_("세대"), queryset=Unit.objects.none())
    case = forms.ChoiceField(label=_("신청 유형 (제65조 동의기준)"), choices=ConsentCase.choices)
    description = forms.CharField(label=_("신청 내용"), widget=forms.Textarea(attrs={"rows": 4}))
    place = forms.CharField(label=_("장소"), max_length=100, required=False)
    period_start = forms.DateField(label=_("기간 시작"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("기간 끝"), widget=DATE, required=False)
    pledge = forms.FileField(label=_("사고 책임 서약서 (돌출물 설치 시 필수)"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, units)


class PaperConsentForm(forms.Form):
    unit = UnitField(label=_("동의 세대"), queryset=Unit.objects.none())
    answer = forms.TypedChoiceField(
        label=_("답변"), choices=[("1", _("동의")), ("0", _("부동의"))], coerce=lambda v: v == "1"
    )
    signer_name = forms.CharField(label=_("서명인"), max_length=50)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("결정"), choices=ConsentDecision.choices)
    reasons = forms.CharField(
        label=_("사유"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [c for c in ConsentDecision.choices if c[0] in allowed]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("단체명"), max_length=60)
    purpose = forms.CharField(label=_("목적"), max_length=200)
    formed_on = forms.DateField(label=_("결성일"), widget=DATE)
    main_activities = forms.CharField(
        label=_("주요 활동"), widget=forms.Textarea(attrs={"rows": 3})
    )
    rules = forms.CharField(
        label=_("회칙"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    members = forms.CharField(
        label=_("회원 명단"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "한 줄에 한 명: 성명, 직위, 동-호(예: 101-1203), 연락처, 구분(입주자등/전문가/시민단체/인근주민). "
            "첫 줄이 대표자입니다."
        ),
    )

    KINDS = {
        "입주자등": MemberKind.RESIDENT, "전문가": MemberKind.EXPERT,
        "시민단체": MemberKind.CIVIC, "인근주민": MemberKind.NEIGHBOURHOOD, "": MemberKind.RESIDENT,
    }  # fmt: skip

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.complex = complex

    def clean_members(self):
        rows = []
        units = {f"{u.building.name}-{u.number}": u for u in unit_choices(self.complex)}
        for i, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split(",")] + [""] * 5
            name, position, unit_text, phone, kind_text = cells[:5]
            kind = self.KINDS.get(kind_text)
            if kind is None:
                raise forms.ValidationError(_("%(i)s번째 줄: 구분을 알 수 없습니다.") % {"i": i})
            unit = units.get(unit_text.replace(" ", "")) if unit_text else None
            if unit_text and unit is None:
                raise forms.ValidationError(
                    _("%(i)s번째 줄: 이 단지에 %(u)s 세대가 없습니다.") % {"i": i, "u": unit_text}
                )
            rows.append(
                {
                    "name": name,
                    "position": position,
                    "unit": unit,
                    "phone": phone,
                    "kind": kind,
                    "is_representative": not rows,
                }
            )
        if not rows:
            raise forms.ValidationError(_("회원을 한 명 이상 적어 주세요."))
        return rows


class GroupDecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("결정"),
        choices=[("1", _("지원")), ("0", _("지원하지 않음"))],
        coerce=lambda v: v == "1",
    )
    resolution = forms.CharField(label=_("입주자대표회의 의결 (회차·안건)"), max_length=200)
    reasons = forms.CharField(
        label=_("지원하지 않는 사유 (제39조④)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SmokingForm(forms.Form):
    unit = UnitField(label=_("신고 세대"), queryset=Unit.objects.none())
    where = forms.ChoiceField(
        label=_("발생 장소"),
        choices=[
            ("unit", _("세대 간 (베란다·화장실 등에서 넘어옴)")),
            ("common", _("공용부분 (계단실·복도·주차장 등)")),
        ],
    )
    location = forms.CharField(label=_("위치"), max_length=100, required=False)
    body = forms.CharField(
        label=_("내용 (일시, 빈도 등)"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, units)


class ParkingForm(forms.ModelForm):
    class Meta:
        model = ParkingArrangement
        fields = [
            "kind", "operator", "operator_kind", "spaces", "locations", "hours", "other_terms",
            "resolution", "resolved_on", "consent_yes", "starts_on", "ends_on",
        ]  # fmt: skip
        widgets = {"resolved_on": DATE, "starts_on": DATE, "ends_on": DATE}

    def _post_clean(self):  # the service checks the bylaw's basis with clear messages
        pass
