"""A process that dies while casting or while the box is opened loses no ballot and doubles
none (Art. 12① one vote per household, Art. 48① secrecy; elections/models.py docstring).

Each test runs the step in a separate Python process on the test database, holds it at the
worst moment (the roll marked and the sealed ballot written but not committed; the sealed box
emptied and half of the opened ballots written), and kills it with SIGKILL — no cleanup, no
rollback from Python: PostgreSQL sees the connection vanish and aborts the transaction."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

from core.errors import ApplicationError
from elections import services
from elections.models import Ballot, RollEntry, SealedBallot, VoteState
from tests.elections.helpers import cast_all, end_vote, question_vote

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second process needs the PostgreSQL test db"
)

PRELUDE = """
import sys, time
import django
django.setup()
from django.db import transaction
from elections import services
from elections.models import Ballot, RollEntry, Vote
"""


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _run_until_then_kill(script: str, *args) -> str:
    """Run `script` in a new process until it prints a line, then SIGKILL it; return the line."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script), *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert line, proc.stderr.read()[-3000:]
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    return line


CAST_AND_HOLD = """
entry = RollEntry.objects.select_related("vote").get(pk=int(sys.argv[1]))
with transaction.atomic():
    services.ballot_cast(entry=entry, code=sys.argv[2], marks={"answer": "no"})
    print("marked and sealed, not committed", flush=True)
    time.sleep(300)
"""

CAST_COMMIT_AND_HOLD = """
entry = RollEntry.objects.select_related("vote").get(pk=int(sys.argv[1]))
services.ballot_cast(entry=entry, code=sys.argv[2], marks={"answer": "no"})
print("committed, receipt not yet shown", flush=True)
time.sleep(300)
"""


@pytest.mark.django_db(transaction=True)
def test_a_voter_process_killed_before_or_after_its_commit_loses_and_doubles_nothing(alpha):
    vote = question_vote(alpha.complex)
    entry = vote.roll.select_related("vote").first()
    code = services.invitation_issue(entry=entry)

    # Killed after marking and sealing, before the commit: neither happened; voting again works.
    assert _run_until_then_kill(CAST_AND_HOLD, entry.pk, code)
    assert RollEntry.objects.get(pk=entry.pk).voted_channel == ""
    assert not SealedBallot.objects.filter(vote=vote).exists()
    receipt = services.ballot_cast(entry=entry, code=code, marks={"answer": "yes"})
    assert SealedBallot.objects.filter(vote=vote).count() == 1
    assert services.receipt_check(vote=vote, receipt=receipt)

    # Killed after the commit, before the voter saw the receipt: the ballot is in the box once,
    # and a retry is refused rather than doubled.
    other = vote.roll.select_related("vote").exclude(pk=entry.pk).first()
    other_code = services.invitation_issue(entry=other)
    assert _run_until_then_kill(CAST_COMMIT_AND_HOLD, other.pk, other_code)
    assert RollEntry.objects.get(pk=other.pk).voted_channel == "electronic"
    assert SealedBallot.objects.filter(vote=vote).count() == 2
    with pytest.raises(ApplicationError, match="이미 투표"):
        services.ballot_cast(entry=other, code=other_code, marks={"answer": "yes"})
    assert SealedBallot.objects.filter(vote=vote).count() == 2

    end_vote(vote)
    services.vote_close(vote=vote)
    vote = services.vote_count(vote=vote)
    assert vote.result["answers"] == {"yes": 1, "no": 1}


OPEN_HALF_AND_HOLD = """
real_bulk_create = Ballot.objects.bulk_create

def half_then_hold(rows, *args, **kwargs):
    rows = list(rows)
    real_bulk_create(rows[: len(rows) // 2])
    print(f"sealed box emptied, {len(rows) // 2} of {len(rows)} ballots written", flush=True)
    time.sleep(300)

Ballot.objects.bulk_create = half_then_hold
services.vote_count(vote=Vote.objects.get(pk=int(sys.argv[1])))
"""


@pytest.mark.django_db(transaction=True)
def test_a_count_killed_while_opening_the_box_loses_and_doubles_nothing(alpha):
    """Killed in the middle of opening — sealed rows deleted, half the ballots written, one
    paper ballot deleted and not yet rewritten: all of it rolls back; counting again gives
    every ballot exactly once."""
    from tests.elections.helpers import add_units

    add_units(alpha.complex, 10)
    vote = question_vote(alpha.complex)
    entries = list(vote.roll.select_related("vote")[:11])
    receipts = cast_all(vote, entries[:10], [{"answer": "yes"}] * 7 + [{"answer": "no"}] * 3)
    services.paper_voter_mark(vote=vote, unit=entries[10].unit)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.paper_ballots_enter(vote=vote, ballots=[("valid", {"answer": "no"})])

    line = _run_until_then_kill(OPEN_HALF_AND_HOLD, vote.pk)
    assert "5 of 11" in line
    assert SealedBallot.objects.filter(vote=vote).count() == 10
    assert Ballot.objects.filter(vote=vote).count() == 1  # the paper ballot, as entered
    vote.refresh_from_db()
    assert vote.state == VoteState.CLOSED and vote.result is None

    vote = services.vote_count(vote=vote)
    assert vote.result["answers"] == {"yes": 7, "no": 4}
    assert vote.result["cast"] == 11
    assert Ballot.objects.filter(vote=vote).count() == 11
    assert not SealedBallot.objects.filter(vote=vote).exists()
    assert all(services.receipt_check(vote=vote, receipt=r) for r in receipts)
