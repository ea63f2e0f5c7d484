"""Walk finding (issue [4/9]): the demo has a council meeting with an open vote, so the demo
chair can vote on day one (Art. 31①③: present in person, own vote)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.errors import ApplicationError
from council import selectors, services
from council.models import AgendaItem, ItemStatus, MeetingStatus


@pytest.mark.django_db
def test_demo_chair_can_vote_today_and_sees_who_has_not_voted():
    call_command("seed_demo")
    today = timezone.localdate()
    item = AgendaItem.objects.get(
        complex__slug="hanbit",
        status=ItemStatus.SCHEDULED,
        meeting__status=MeetingStatus.HELD,
    )
    assert timezone.localdate(item.meeting.starts_at) == today
    chair = selectors.acting_chair(complex=item.complex, day=today)
    assert chair.user.email == "council@hanbit.demo"
    assert chair in selectors.voters_missing(item=item)
    with pytest.raises(ApplicationError, match="표결하지 않은"):
        services.item_decide(item=item)  # not closed silently
    services.vote_cast(item=item, representative=chair, choice="yes", by=chair.user)
    assert chair not in selectors.voters_missing(item=item)
