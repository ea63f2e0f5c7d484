from django import forms

from .models import Building, ResidentKind, Role, Unit, Ward


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["name", "floors_above", "floors_below"]
        help_texts = {"name": "예: 101"}


class UnitForm(forms.ModelForm):
    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.complex = complex
        self.fields["building"].queryset = Building.objects.filter(complex=complex)

    class Meta:
        model = Unit
        fields = ["building", "number", "floor", "supply_area", "type_label"]

    def clean_supply_area(self):
        area = self.cleaned_data["supply_area"]
        if area is not None and area <= 0:
            raise forms.ValidationError("공급면적은 0보다 커야 합니다.")
        return area

    def clean(self):
        data = super().clean()
        building, number = data.get("building"), data.get("number")
        if building and number:
            clash = Unit.objects.filter(complex=self.complex, building=building, number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("number", f"{building.name}동 {number}호가 이미 있습니다.")
        return data


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label="세대 파일 (CSV 또는 XLSX)",
        help_text="열: building, unit, floor, supply_area, type(선택). 첫 줄은 머리글입니다.",
    )


class WardForm(forms.ModelForm):
    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buildings"].queryset = Building.objects.filter(complex=complex)
        self.fields["units"].queryset = Unit.objects.filter(complex=complex).select_related(
            "building"
        )
        self.fields["buildings"].widget = forms.CheckboxSelectMultiple()
        self.fields["buildings"].queryset = self.fields["buildings"].queryset
        self.fields["units"].help_text = "동의 일부(층·라인)만 속할 때 세대를 골라 넣습니다."

    class Meta:
        model = Ward
        fields = ["name", "buildings", "units"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label="이메일")
    role = forms.ChoiceField(label="역할", choices=Role.choices)
    unit = forms.ModelChoiceField(
        label="세대 (입주자만)", queryset=Unit.objects.none(), required=False
    )
    resident_kind = forms.ChoiceField(
        label="입주 구분 (입주자만)", choices=[("", "—"), *ResidentKind.choices], required=False
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(complex=complex).select_related(
            "building"
        )
