"""Secrecy by design (Art. 48①: 비밀투표; spec "How a vote is cast"; elections/models.py
docstring): no column of a ballot references a voter, a unit or the roll; no timestamp or
sequence; and a database administrator reading every table and system column (xmin, ctid) at
any moment — right after casting, or after counting — links no ballot's content to a voter."""

import logging

import pytest
from django.db import connection, models

from core.errors import ApplicationError
from elections import sealing, services
from elections.models import Ballot, RollEntry, SealedBallot, VoteKind
from tests.elections.helpers import (
    add_units,
    cast_all,
    end_vote,
    question_vote,
    ward_election,
    ward_of,
)

# What a database administrator would run to tie ballots to voters.
XMIN_JOIN = """
SELECT count(*) FROM {table} b JOIN elections_rollentry r ON r.xmin = b.xmin
WHERE r.vote_id = %s AND b.vote_id = %s
"""


def _rows(sql, params):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _xmin_links(table, vote):
    return _rows(XMIN_JOIN.format(table=table), [vote.pk, vote.pk])[0][0]


def _marks_in_casting_order(vote):
    """The roll's marks as the administrator sees them: by transaction id (each cast its own)."""
    return _rows(
        "SELECT id FROM elections_rollentry WHERE vote_id = %s AND voted_channel <> '' "
        "ORDER BY xmin::text::bigint",
        [vote.pk],
    )


def test_ballot_table_has_no_column_that_could_identify_a_voter():
    fields = {f.name: f for f in Ballot._meta.get_fields() if getattr(f, "concrete", False)}
    assert set(fields) == {"id", "complex", "vote", "status", "marks", "receipt_hash"}
    relations = {n for n, f in fields.items() if f.is_relation}
    assert relations == {"complex", "vote"}  # no unit, user or roll entry
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in fields.values())
    assert isinstance(fields["id"], models.UUIDField)  # random key, no sequence
    assert Ballot._meta.ordering == ["id"]


def test_sealed_ballot_table_holds_ciphertext_and_nothing_that_orders_or_names():
    fields = {f.name: f for f in SealedBallot._meta.get_fields() if getattr(f, "concrete", False)}
    assert set(fields) == {"id", "complex", "vote", "sealed", "receipt_tag"}
    assert {n for n, f in fields.items() if f.is_relation} == {"complex", "vote"}
    assert isinstance(fields["id"], models.UUIDField)
    assert isinstance(fields["sealed"], models.BinaryField)


def test_roll_entry_has_no_ballot_link_and_no_voting_time():
    names = {f.name for f in RollEntry._meta.get_fields() if getattr(f, "concrete", False)}
    assert not any("ballot" in n for n in names)
    timestamps = {
        f.name for f in RollEntry._meta.concrete_fields if isinstance(f, models.DateTimeField)
    }
    assert timestamps == {"invited_at", "reminded_at"}  # never when they voted


@pytest.mark.django_db(transaction=True)
def test_a_database_administrator_links_no_ballot_to_its_voter_right_after_casting_or_after(
    alpha,
):
    """The crux (Art. 48①): 60 households vote, each in its own committed transaction, as in
    production. Right after casting, the xmin join of ballots to the roll links 0 of 60, and the
    box has no readable ballot whose physical order could follow the marks. The sealed ballots
    the marks' transactions did write are opaque: one length whatever they say, no marks, no
    receipt. After counting, the xmin join still links 0, the physical order is a shuffle of the
    casting order, and nothing in the opened box matches a copy of the sealed box."""
    n = 60
    add_units(alpha.complex, n)
    vote = question_vote(alpha.complex)
    entries = list(vote.roll.select_related("vote").order_by("?")[:n])
    answers = ["no" if i % 3 == 0 else "yes" for i in range(n)]
    receipts = cast_all(vote, entries, [{"answer": a} for a in answers])
    # Ground truth the administrator does not have: receipt → position in casting order.
    cast_index = {services.receipt_hash(vote.pk, r): i for i, r in enumerate(receipts)}

    # Right after casting.
    assert _xmin_links("elections_ballot", vote) == 0
    assert not Ballot.objects.filter(vote=vote).exists()  # nothing readable to order by ctid
    sealed = _rows(
        "SELECT s.id::text, s.sealed, s.receipt_tag FROM elections_sealedballot s "
        "JOIN elections_rollentry r ON r.xmin = s.xmin WHERE s.vote_id = %s ORDER BY s.ctid",
        [vote.pk],
    )
    assert len(sealed) == n  # the marks' transactions wrote these — and they say nothing:
    assert len({len(bytes(b)) for _, b, _ in sealed}) == 1, "one length, yes or no"
    for _, blob, _ in sealed:
        blob = bytes(blob)
        assert not any(word in blob for word in (b'"answer"', b'"yes"', b'"no"', b"status"))
        assert not any(h.encode() in blob for h in cast_index)
        assert not any(r.encode() in blob for r in receipts)
    with pytest.raises(sealing.SealBroken), pytest.MonkeyPatch.context() as mp:
        mp.setattr(sealing, "_master", lambda: b"a database administrator's guess")
        sealing.unseal(vote_id=vote.pk, sealed=sealed[0][1])  # without the servers' key

    # After the close and the count.
    end_vote(vote)
    services.vote_close(vote=vote)
    vote = services.vote_count(vote=vote)
    assert vote.result["answers"] == {"yes": answers.count("yes"), "no": answers.count("no")}
    assert _xmin_links("elections_ballot", vote) == 0
    assert not SealedBallot.objects.filter(vote=vote).exists()
    rows = _rows(
        "SELECT id::text, receipt_hash, xmin::text FROM elections_ballot "
        "WHERE vote_id = %s ORDER BY ctid",
        [vote.pk],
    )
    assert len({x for _, _, x in rows}) == 1, "every ballot carries the counting transaction"
    physical = [cast_index[h] for _, h, _ in rows]
    assert sorted(physical) == list(range(n))
    # The k-th ballot on disk is the k-th voter's no more often than chance (a shuffle has one
    # such fixed point on average; 9 or more happen once in ~10⁶ runs).
    assert sum(p == k for k, p in enumerate(physical)) <= 8
    assert len(_marks_in_casting_order(vote)) == n
    # A copy of the sealed box taken before counting matches nothing in the opened box.
    opened = {v for row in rows for v in row[:2]}
    assert not opened & {v for sid, _, tag in sealed for v in (sid, tag)}
    for receipt in receipts:
        assert services.receipt_check(vote=vote, receipt=receipt)


@pytest.mark.django_db
@pytest.mark.parametrize("names", [("김하나", "이두리", "박세나"), ("김하나",)])
def test_sealed_ballots_of_a_vote_have_one_length_whatever_they_say(alpha, names):
    """Blank, one choice among three, yes or no for a sole candidate: the size of a sealed
    ballot gives nothing away."""
    ward, _units = ward_of(alpha.complex, 12)
    vote, candidates = ward_election(alpha.complex, ward, names=names)
    if len(candidates) > 1:
        marks = [{"choice": c.id} for c in candidates]
    else:
        marks = [{"approvals": {str(candidates[0].id): a}} for a in ("yes", "no")]
    entries = list(vote.roll.select_related("vote")[: len(marks) + 2])
    cast_all(vote, entries, marks)
    cast_all(vote, entries[len(marks) :], [{}, {}], status="blank")
    sealed = SealedBallot.objects.filter(vote=vote)
    assert sealed.count() == len(marks) + 2
    assert len({len(bytes(s.sealed)) for s in sealed}) == 1


@pytest.mark.django_db
def test_ballots_list_in_an_order_unrelated_to_casting_order(alpha):
    """40 ballots cast in a known order (candidate 1 then 2 alternating): after counting, the
    listing order is not the casting order."""
    ward, _units = ward_of(alpha.complex, 40)
    vote, (c1, c2) = ward_election(alpha.complex, ward)
    entries = list(vote.roll.order_by("pk"))
    casting = [{"choice": (c1 if i % 2 == 0 else c2).id} for i in range(40)]
    cast_all(vote, entries, casting)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    listed = [b.marks for b in Ballot.objects.filter(vote=vote)]
    assert sorted(map(str, listed)) == sorted(map(str, casting))
    assert listed != casting


@pytest.mark.django_db
def test_a_changed_ballot_key_refuses_to_open_the_box_and_loses_nothing(alpha, settings):
    """Opening with another key than the one the ballots were sealed with: a clear refusal,
    the sealed ballots stay; with the key restored the count goes through."""
    vote = question_vote(alpha.complex)
    entries = list(vote.roll.select_related("vote"))
    cast_all(vote, entries, [{"answer": "yes"}, {"answer": "no"}])
    end_vote(vote)
    services.vote_close(vote=vote)
    settings.BALLOT_SEAL_KEY = "a-different-key"
    with pytest.raises(ApplicationError, match="BALLOT_SEAL_KEY"):
        services.vote_count(vote=vote)
    assert SealedBallot.objects.filter(vote=vote).count() == 2
    assert not Ballot.objects.filter(vote=vote).exists()
    settings.BALLOT_SEAL_KEY = ""
    vote = services.vote_count(vote=vote)
    assert vote.result["answers"] == {"yes": 1, "no": 1}


@pytest.mark.django_db
def test_casting_logs_nothing_about_the_voter_or_the_ballot(alpha, client, caplog):
    vote = question_vote(alpha.complex)
    entry = vote.roll.first()
    code = services.invitation_issue(entry=entry)
    url = f"/c/alpha/vote/{entry.token}/"
    with caplog.at_level(logging.DEBUG):
        client.post(url, {"code": code})
        r = client.post(url, {"answer": "yes"})
    receipt = r.context["receipt"]
    for secret in (entry.token, code, receipt, str(entry.unit_id), "yes"):
        assert secret not in caplog.text


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
    sealed = SealedBallot.objects.get(vote=vote)
    assert receipt not in str(sealed.__dict__)  # stored only as a keyed hash
    assert sealed.receipt_tag != services.receipt_hash(vote.pk, receipt)


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
