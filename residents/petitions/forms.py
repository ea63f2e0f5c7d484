"""Forms of the petition pages (the kind-specific start forms live with their owning app)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_upload


class PaperForm(forms.Form):
    """The office records a paper petition: its scan and each signer's unit and name."""

    scan = forms.FileField(
        validators=[validate_upload],
        label=_("스캔 파일 (PDF·사진)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    signers = forms.CharField(
        label=_("서명인 (한 줄에 한 명: 동,호,성명[,대리한 본인])"),
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "101,1203,홍길동"}),
    )
    note = forms.CharField(label=_("비고"), max_length=200, required=False)
