from django import forms
from django.utils.translation import gettext_lazy as _


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("세대 가입 코드"),
        max_length=40,
        help_text=_("관리사무소에서 받은 종이의 10자리 코드 (한 번만 쓸 수 있습니다)"),
    )
    name = forms.CharField(
        label=_("세대주 성명"),
        max_length=50,
        help_text=_(
            "입주자명부에 등록된 성명. 명부와 맞으면 바로 연결되고, 맞지 않으면 관리사무소의 "
            "승인을 기다립니다."
        ),
    )
