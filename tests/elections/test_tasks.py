"""Background work (config/celery.py): closing at the end time, reminders, lapses, duties."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from elections import selectors, services, tasks
from elections.models import Recall, Vote
from tests.elections.helpers import cast_all, end_vote, question_vote, ward_election, ward_of


@pytest.mark.django_db
def test_close_due_votes_closes_only_ended_votes_and_is_idempotent(alpha):
    running = question_vote(alpha.complex, title="진행")
    ended = end_vote(question_vote(alpha.complex, title="끝"))
    assert tasks.close_due_votes() == 1
    assert tasks.close_due_votes() == 0
    assert Vote.objects.get(pk=ended.pk).state == "closed"
    assert Vote.objects.get(pk=running.pk).state == "announced"


@pytest.mark.django_db
def test_reminders_go_once_to_households_that_have_not_voted(alpha):
    vote = question_vote(alpha.complex)
    voted = vote.roll.get(unit=alpha.unit)
    cast_all(vote, [voted], [{"answer": "yes"}])
    assert tasks.remind_non_voters() == 1
    assert mail.outbox[-1].to == [alpha.lessee.email] and "독려" in mail.outbox[-1].subject
    assert tasks.remind_non_voters() == 0


@pytest.mark.django_db
def test_send_invitations_task_sends_each_household_once(alpha):
    vote = question_vote(alpha.complex)
    assert tasks.send_invitations(vote.pk) == 2
    assert tasks.send_invitations(vote.pk) == 0


@pytest.mark.django_db
def test_lapse_task_and_duties(alpha):
    ward, units = ward_of(alpha.complex, 40)
    recall = services.recall_file(
        complex=alpha.complex,
        office="ward_rep",
        subject_name="오",
        subject_unit=units[0],
        ward=ward,
        grounds=["law"],
        grounds_text="g",
        evidence_summary="e",
        initiation="council",
        council_resolution="r",
    )
    Recall.objects.filter(pk=recall.pk).update(
        requested_on=timezone.localdate() - timedelta(days=31)
    )
    assert tasks.lapse_recalls() == 1
    vote, (c1, _) = ward_election(alpha.complex, ward)
    cast_all(vote, list(vote.roll.all()[:5]), [{"choice": c1.id}] * 5)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    duties = selectors.duties(complex=alpha.complex, on=timezone.localdate())
    assert any(d["basis"] == "Art. 25③" for d in duties)

    assert tasks.notify_duties() == 1  # alpha's committee member is emailed
    assert "재선출공고" in mail.outbox[-1].body
