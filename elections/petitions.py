"""The election committee's two residents' petitions (residents/petitions does the counting):

* a recall's written consent by 1/10 of the ward's households (ward rep, Art. 23②) or of all
  households (directly elected chair or auditor, Art. 23⑥): on the threshold the committee
  receives the request, the defence period starts and the vote is due within 30 days;
* a change of the management method proposed by 1/10 of the residents (Art. 61): on the threshold
  the committee gets a draft management-method vote (more than half of all households decide).
"""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complexes.models import ManagementMethod, Role
from residents.petitions import registry
from residents.petitions.models import CountRule, PetitionKind

from . import services
from .models import Recall, VoteKind

# The draft vote the committee reviews and announces: voting opens 10 days after the request
# and closes a week later, inside the 30 days of Art. 100-style requests that vote_create checks.
VOTE_OPENS_AFTER_DAYS = 10
VOTE_DAYS = 7


def _recall_reached(petition) -> str:
    """Art. 23②⑥: 1/10 consented — the committee receives the request (once)."""
    recall = Recall.objects.select_for_update().get(
        complex_id=petition.complex_id, pk=petition.target_id
    )
    if recall.state != Recall.State.COLLECTING:
        return _("해임 요청이 이미 진행 중입니다.")
    services._recall_request(recall)
    return _(
        "선거관리위원회에 해임절차 요청 (%(day)s) — 소명 기한 %(due)s, 요청일부터 30일 이내 투표"
    ) % {"day": f"{recall.requested_on:%Y-%m-%d}", "due": f"{recall.defence_due:%Y-%m-%d}"}


def _other_method(complex_) -> str:
    if complex_.management_method == ManagementMethod.SELF:
        return ManagementMethod.COMMISSIONED
    return ManagementMethod.SELF


class ManagementMethodPetitionForm(forms.Form):
    representative_name = forms.CharField(label=gettext_lazy("대표인 성명"), max_length=100)
    reason = forms.CharField(
        label=gettext_lazy("변경 제안 이유"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, complex, **kwargs):
        super().__init__(*args, **kwargs)
        to = ManagementMethod(_other_method(complex)).label
        now = ManagementMethod(complex.management_method).label
        self.fields["reason"].help_text = _("%(now)s에서 %(to)s(으)로 변경을 제안합니다.") % {
            "now": now,
            "to": to,
        }


def _prepare_management_method(ctx, data) -> dict:
    complex_ = ctx.complex
    now = ManagementMethod(complex_.management_method).label
    to = _other_method(complex_)
    return {
        "title": _("관리방법 변경 제안: %(now)s → %(to)s")
        % {"now": now, "to": ManagementMethod(to).label},
        "summary": data["reason"],
        "representative_name": data["representative_name"],
        "payload": {"from": complex_.management_method, "to": to},
    }


def _management_method_reached(petition) -> str:
    """Art. 61: proposed in writing by 1/10 of the residents — decided by more than half of all
    households in favour; the committee gets the vote as a draft to announce."""
    today = timezone.localdate(petition.reached_at)
    opens_day = today + timedelta(days=VOTE_OPENS_AFTER_DAYS)
    opens_at = timezone.make_aware(datetime.combine(opens_day, time(9)))
    closes_at = timezone.make_aware(
        datetime.combine(opens_day + timedelta(days=VOTE_DAYS), time(18))
    )
    to = ManagementMethod(petition.payload["to"]).label
    vote = services.vote_create(
        complex=petition.complex,
        kind=VoteKind.MANAGEMENT_METHOD,
        title=_("관리방법 변경 투표 (%(to)s)") % {"to": to},
        question=_("관리방법을 %(to)s(으)로 변경하는 데 찬성하십니까? (제61조)") % {"to": to},
        opens_at=opens_at,
        closes_at=closes_at,
        announce_on=today,
        requested_on=today,
        by=petition.started_by,
    )
    return _(
        "선거관리위원회에 관리방법 변경 투표 요청 — 투표 #%(pk)s 초안 (%(opens)s 시작, 공고 필요)"
    ) % {"pk": vote.pk, "opens": f"{opens_day:%Y-%m-%d}"}


def register() -> None:
    registry.register(
        registry.KindSpec(
            kind=PetitionKind.RECALL,
            rule=CountRule.HOUSEHOLDS,
            article="제23조②⑥",
            reviewers=(Role.COMMITTEE,),
            on_reached=_recall_reached,
        )
    )
    registry.register(
        registry.KindSpec(
            kind=PetitionKind.MANAGEMENT_METHOD,
            rule=CountRule.HOUSEHOLDS,
            article="제61조",
            reviewers=(Role.COMMITTEE,),
            form=ManagementMethodPetitionForm,
            prepare=_prepare_management_method,
            on_reached=_management_method_reached,
        )
    )
