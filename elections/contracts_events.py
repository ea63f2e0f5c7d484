"""The election committee's side of Art. 61 proposed by a council resolution
(council/contracts/method_change.py fires "method_change"): a draft management-method vote, as
for the residents' written proposal (elections/petitions.py), decided by more than half of all
households."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import ManagementMethod

from . import services
from .models import VoteKind
from .petitions import VOTE_DAYS, VOTE_OPENS_AFTER_DAYS


def _method_change(change):
    if change.vote_id:
        return  # already has its vote: the event may come twice
    today = change.proposed_on
    opens_day = today + timedelta(days=VOTE_OPENS_AFTER_DAYS)
    to = ManagementMethod(change.to_method).label
    vote = services.vote_create(
        complex=change.complex,
        kind=VoteKind.MANAGEMENT_METHOD,
        title=_("관리방법 변경 투표 (%(to)s)") % {"to": to},
        question=_("관리방법을 %(to)s(으)로 변경하는 데 찬성하십니까? (제61조)") % {"to": to},
        opens_at=timezone.make_aware(datetime.combine(opens_day, time(9))),
        closes_at=timezone.make_aware(
            datetime.combine(opens_day + timedelta(days=VOTE_DAYS), time(18))
        ),
        announce_on=today,
        requested_on=today,
    )
    type(change).objects.filter(pk=change.pk, vote_id__isnull=True).update(vote_id=vote.pk)


def on_contracts_event(sender, *, event, obj, **kwargs):
    if event == "method_change":
        obj.refresh_from_db()
        _method_change(obj)


def connect():
    from council.contracts.events import contracts_event

    contracts_event.connect(on_contracts_event, dispatch_uid="elections.contracts_events")
