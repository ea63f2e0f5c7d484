"""The council's two residents' petitions (residents/petitions does the counting):

* a reconsideration of a resolution by 10 or more residents naming a representative
  (Art. 34①: 입주자등 10인 이상 — persons on the register) suspends the resolution;
* an extraordinary meeting demanded by 1/10 of the residents (Art. 26③4: households) becomes a
  request the chair must convene within 14 days (Art. 26①).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complexes.models import Role
from residents.petitions import registry
from residents.petitions.models import CountRule, PetitionKind

from . import services
from .models import ConveneRequest, FilerKind, Resolution


class ReconsiderationPetitionForm(forms.Form):
    """별지 13 재심의 요청서, filed once 10 residents have signed."""

    resolution = forms.ModelChoiceField(
        label=gettext_lazy("대상 의결"), queryset=Resolution.objects.none()
    )
    representative_name = forms.CharField(label=gettext_lazy("대표인 성명"), max_length=100)
    filer_email = forms.EmailField(label=gettext_lazy("결과 통보 이메일"), required=False)
    violation = forms.CharField(
        label=gettext_lazy("관계규정을 위반하는 내용"), widget=forms.Textarea(attrs={"rows": 3})
    )
    proposal = forms.CharField(
        label=gettext_lazy("재심의 제안내용"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = Resolution.objects.filter(
            complex=complex, passed=True, status="effective"
        ).select_related("item")


class ConvenePetitionForm(forms.Form):
    representative_name = forms.CharField(label=gettext_lazy("대표인 성명"), max_length=100)
    reason = forms.CharField(
        label=gettext_lazy("소집 이유"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)


def _prepare_reconsideration(ctx, data) -> dict:
    resolution = data["resolution"]
    services.reconsideration_check(resolution=resolution)
    services.reconsideration_texts_check(
        representative_name=data["representative_name"],
        violation=data["violation"],
        proposal=data["proposal"],
    )
    return {
        "title": _("재심의 요청: %(item)s") % {"item": resolution.item},
        "summary": data["violation"].strip(),
        "representative_name": data["representative_name"],
        "target_id": resolution.pk,
        "payload": {
            "violation": data["violation"].strip(),
            "proposal": data["proposal"].strip(),
            "filer_email": data.get("filer_email") or "",
        },
    }


def _reconsideration_reached(petition) -> str:
    """Art. 34①: filed on the 10th resident's signature; the resolution is suspended."""
    resolution = Resolution.objects.get(complex_id=petition.complex_id, pk=petition.target_id)
    services.reconsideration_file(
        resolution=resolution,
        filer_kind=FilerKind.RESIDENTS,
        representative_name=petition.representative_name,
        violation=petition.payload["violation"],
        proposal=petition.payload["proposal"],
        filer_email=petition.payload.get("filer_email", ""),
        petition=petition,
        by=petition.started_by,
        now=petition.reached_at,
    )
    return _("재심의 요청서 제출 — 의결의 효력 정지 (제34조①)")


def _prepare_convene(ctx, data) -> dict:
    return {
        "title": _("임시회의 소집 요구"),
        "summary": data["reason"],
        "representative_name": data["representative_name"],
        "payload": {"reason": data["reason"].strip()},
    }


def _convene_reached(petition) -> str:
    """Art. 26③4: 1/10 of the residents demanded it; the chair has 14 days (Art. 26①)."""
    request = services.convene_request_create(
        complex=petition.complex,
        requester=ConveneRequest.Requester.RESIDENTS,
        reason=petition.payload["reason"],
        received_on=timezone.localdate(petition.reached_at),
        petition=petition,
    )
    return _("임시회의 소집 요구 접수 (%(day)s) — 회장은 14일 이내에 소집해야 합니다 (제26조①)") % {
        "day": f"{request.received_on:%Y-%m-%d}"
    }


def register() -> None:
    registry.register(
        registry.KindSpec(
            kind=PetitionKind.RECONSIDERATION,
            rule=CountRule.PERSONS,
            persons=services.RESIDENT_FILERS_MIN,
            article="제34조①",
            reviewers=(Role.COUNCIL,),
            form=ReconsiderationPetitionForm,
            prepare=_prepare_reconsideration,
            on_reached=_reconsideration_reached,
        )
    )
    registry.register(
        registry.KindSpec(
            kind=PetitionKind.CONVENE,
            rule=CountRule.HOUSEHOLDS,
            article="제26조③4호",
            reviewers=(Role.COUNCIL,),
            form=ConvenePetitionForm,
            prepare=_prepare_convene,
            on_reached=_convene_reached,
        )
    )
