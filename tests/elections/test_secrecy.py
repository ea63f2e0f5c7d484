"""Secrecy by design (Art. 48①: 비밀투표; spec "How a vote is cast"; elections/models.py
docstring): no column of a ballot references a voter, a unit or the roll; no timestamp or
sequence; ballots come back in an order unrelated to casting order; after the box is shaken,
even PostgreSQL's xmin and physical order carry nothing."""

import pytest
from django.db import connection, models

from elections import services
from elections.models import Ballot, RollEntry, VoteKind
from tests.elections.helpers import cast_all, question_vote, ward_election, ward_of


def test_ballot_table_has_no_column_that_could_identify_a_voter():
    fields = {f.name: f for f in Ballot._meta.get_fields() if getattr(f, "concrete", False)}
    assert set(fields) == {"id", "complex", "vote", "status", "marks", "receipt_hash"}
    relations = {n for n, f in fields.items() if f.is_relation}
    assert relations == {"complex", "vote"}  # no unit, user or roll entry
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in fields.values())
    assert isinstance(fields["id"], models.UUIDField)  # random key, no sequence
    assert Ballot._meta.ordering == ["id"]


def test_roll_entry_has_no_ballot_link_and_no_voting_time():
    names = {f.name for f in RollEntry._meta.get_fields() if getattr(f, "concrete", False)}
    assert not any("ballot" in n for n in names)
    timestamps = {
        f.name for f in RollEntry._meta.concrete_fields if isinstance(f, models.DateTimeField)
    }
    assert timestamps == {"invited_at", "reminded_at"}  # never when they voted


@pytest.mark.django_db
def test_ballots_list_in_an_order_unrelated_to_casting_order(alpha):
    """40 ballots cast in a known order (candidate 1 then 2 alternating): the listing order is
    not the casting order, neither by Django's ordering nor (after mixing) by physical order."""
    ward, _units = ward_of(alpha.complex, 40)
    vote, (c1, c2) = ward_election(alpha.complex, ward)
    entries = list(vote.roll.order_by("pk"))
    casting = [{"choice": (c1 if i % 2 == 0 else c2).id} for i in range(40)]
    cast_all(vote, entries, casting)
    listed = [b.marks for b in Ballot.objects.filter(vote=vote)]
    assert sorted(map(str, listed)) == sorted(map(str, casting))
    assert listed != casting
    services.ballot_box_mix(vote=vote)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT marks::text, xmin::text FROM elections_ballot WHERE vote_id = %s", [vote.pk]
        )
        rows = cur.fetchall()
    physical = [r[0] for r in rows]
    assert physical != [str(m).replace("'", '"') for m in casting]
    assert len({r[1] for r in rows}) == 1, "after mixing every ballot shares one transaction id"


@pytest.mark.django_db
def test_the_committee_sees_turnout_not_choices_until_close(alpha, as_user):
    """Nobody sees running tallies: the result page and API answer only after counting."""
    vote = question_vote(alpha.complex)
    entries = list(vote.roll.all())
    cast_all(vote, entries[:1], [{"answer": "yes"}])
    api = as_user(alpha.committee)
    r = api.get(f"/api/v1/complexes/alpha/elections/votes/{vote.pk}/result/")
    assert r.status_code == 400
    r = api.get(f"/api/v1/complexes/alpha/elections/votes/{vote.pk}/turnout/")
    assert r.status_code == 200 and r.json()["voted"] == 1
    assert "yes" not in r.content.decode()


@pytest.mark.django_db
def test_receipt_proves_inclusion_not_content(alpha):
    vote = question_vote(alpha.complex, kind=VoteKind.MANAGEMENT_METHOD, title="관리방법 변경")
    entry = vote.roll.first()
    (receipt,) = cast_all(vote, [entry], [{"answer": "no"}])
    assert services.receipt_check(vote=vote, receipt=receipt)
    assert services.receipt_check(vote=vote, receipt=receipt.lower())
    assert not services.receipt_check(vote=vote, receipt="AAAAA-AAAAA")
    ballot = Ballot.objects.get(vote=vote)
    assert receipt not in str(ballot.__dict__)  # stored only as a keyed hash


def test_no_admin_page_lists_ballots_and_the_roll_admin_hides_codes():
    """No admin page can browse ballots; the roll's admin never shows the link token or code."""
    from django.contrib import admin

    from elections.admin import RollEntryAdmin

    assert Ballot not in admin.site._registry
    assert {"token", "code_hash"} <= set(RollEntryAdmin.exclude)


@pytest.mark.django_db
def test_the_receipt_is_not_kept_in_the_session(alpha, client):
    """The session row is readable by a database administrator and tied to a browser or
    account: the receipt must never be stored there."""
    from django.contrib.sessions.models import Session

    vote = question_vote(alpha.complex)
    entry = vote.roll.first()
    code = services.invitation_issue(entry=entry)
    url = f"/c/alpha/vote/{entry.token}/"
    client.post(url, {"code": code})
    r = client.post(url, {"answer": "yes"})
    receipt = r.context["receipt"]
    for s in Session.objects.all():
        assert receipt not in str(s.get_decoded())
