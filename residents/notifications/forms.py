from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ChannelChoice
from .registry import KINDS, optional_kinds_for


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("받는 방법"), choices=ChannelChoice.choices, widget=forms.RadioSelect
    )
    phone = forms.CharField(
        label=_("휴대전화"),
        required=False,
        max_length=20,
        help_text=_("문자·카카오톡으로 받을 때 필요합니다. 예: 010-1234-5678"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    opt_outs = forms.MultipleChoiceField(
        label=_("받지 않을 알림"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opt_outs"].choices = [
            (k.key, k.label) for k in optional_kinds_for(roles=roles)
        ]


class SenderSettingsForm(forms.Form):
    sms_sender = forms.CharField(
        label=_("발신번호"),
        required=False,
        max_length=20,
        help_text=_("발송 업체에 등록한 번호. 예: 02-555-1234"),
    )
    kakao_pf_id = forms.CharField(label=_("카카오톡 채널 ID (pfId)"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in KINDS.values():
            self.fields[f"tpl_{kind.key}"] = forms.CharField(
                label=_("알림톡 템플릿 ID: %(kind)s") % {"kind": kind.label},
                required=False,
                max_length=64,
            )

    def templates(self) -> dict:
        return {
            name[4:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("tpl_") and value
        }
