"""Statutory publications recorded in the disclosure app: the meeting notice (Art. 28①), the
minutes (Art. 35②: the day the office receives them, masked) and the monthly operating-cost
ledger (Art. 37③)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from council import services
from disclosure.models import Publication
from tests.council.helpers import held_meeting, make_council, vote_all

pytestmark = pytest.mark.django_db


def test_notice_minutes_and_costs_are_recorded_as_publications(
    alpha, django_capture_on_commit_callbacks
):
    """Recorded by disclosure's subscribers once each write commits (core/hooks.py)."""
    committed = django_capture_on_commit_callbacks
    _, reps = make_council(alpha.complex, seats=3, seated=3, prefix="홍길")
    with committed(execute=True):
        meeting, (item,) = held_meeting(alpha.complex, reps)
    notice = Publication.objects.get(complex=alpha.complex, duty="council_meeting_notice")
    assert notice.published_at is not None and "안건 1" in notice.body
    assert notice.event_on == timezone.localdate(meeting.starts_at)

    vote_all(item, reps, ["yes"] * 3)
    services.item_decide(item=item)
    for rep in reps:
        services.minutes_sign(meeting=meeting, representative=rep, user=rep.user)
    with committed(execute=True):
        services.minutes_complete_resolutions(meeting=meeting)
    pending = Publication.objects.get(complex=alpha.complex, duty="council_minutes")
    assert pending.published_at is None  # due today, not yet published
    with committed(execute=True):
        services.minutes_publish(meeting=meeting, part="resolutions")
    published = Publication.objects.get(complex=alpha.complex, duty="council_minutes")
    assert published.pk == pending.pk and published.published_at is not None
    assert "찬성 3, 반대 0, 기권 0 으로 가결됨" in published.body
    assert "홍길1" not in published.body  # masked

    day = timezone.localdate()
    services.expense_record(
        complex=alpha.complex, spent_on=day, category="attendance", amount=50_000,
        description="출석수당", representative=reps[0], meeting=meeting,
    )  # fmt: skip
    with committed(execute=True):
        total = services.operating_costs_publish(
            complex=alpha.complex, period=day, now=timezone.now() + timedelta(minutes=1)
        )
    costs = Publication.objects.get(complex=alpha.complex, duty="council_operating_costs")
    assert total == 50_000 and "회의 출석수당: 50,000원" in costs.body
    assert costs.period == day.replace(day=1)
