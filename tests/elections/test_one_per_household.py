"""One ballot per household per vote (Art. 12①), enforced by the database — also when the same
household tries twice at the same moment from two devices, or mixes paper and electronic
(precise rule 4: the first recorded counts, the second is refused)."""

import threading

import pytest
from django.db import close_old_connections

from core.errors import ApplicationError
from elections import services
from elections.models import RollEntry, SealedBallot
from tests.elections.helpers import question_vote


@pytest.mark.django_db
def test_second_electronic_ballot_is_refused(alpha):
    vote = question_vote(alpha.complex)
    entry = vote.roll.first()
    code = services.invitation_issue(entry=entry)
    services.ballot_cast(entry=entry, code=code, marks={"answer": "yes"})
    entry.refresh_from_db()
    with pytest.raises(ApplicationError, match="이미 투표"):
        services.ballot_cast(entry=entry, code=None, marks={"answer": "no"})
    assert SealedBallot.objects.filter(vote=vote).count() == 1


@pytest.mark.django_db
def test_paper_after_electronic_is_refused_and_electronic_after_paper(alpha):
    vote = question_vote(alpha.complex)
    e1, e2 = list(vote.roll.all()[:2])
    services.ballot_cast(
        entry=e1, code=services.invitation_issue(entry=e1), marks={"answer": "yes"}
    )
    with pytest.raises(ApplicationError, match="이미 투표"):
        services.paper_voter_mark(vote=vote, unit=e1.unit)
    services.paper_voter_mark(vote=vote, unit=e2.unit)
    e2.refresh_from_db()
    with pytest.raises(ApplicationError, match="이미 투표"):
        services.ballot_cast(entry=e2, code=None, marks={"answer": "no"})
    assert RollEntry.objects.get(pk=e2.pk).voted_channel == "paper"


@pytest.mark.django_db
def test_wrong_code_is_refused_and_locks_after_five(alpha):
    """Art. 48②1: identity by the one-time code."""
    vote = question_vote(alpha.complex)
    entry = vote.roll.first()
    services.invitation_issue(entry=entry)
    for _ in range(5):
        with pytest.raises(ApplicationError, match="인증번호가 맞지"):
            services.ballot_cast(entry=entry, code="000000x", marks={"answer": "yes"})
        entry.refresh_from_db()
    with pytest.raises(ApplicationError, match="5회"):
        services.ballot_cast(entry=entry, code="123456", marks={"answer": "yes"})
    assert not SealedBallot.objects.filter(vote=vote).exists()


@pytest.mark.django_db(transaction=True)
def test_two_devices_at_the_same_moment_give_one_ballot(alpha):
    """Two threads (two connections) cast for the same household at once, many times over:
    exactly one ballot each time — the conditional UPDATE on the roll row decides."""
    vote = question_vote(alpha.complex)
    entries = list(vote.roll.all()[:2])
    for entry in entries:
        code = services.invitation_issue(entry=entry)
        barrier = threading.Barrier(4)
        outcomes = []

        def attempt(channel, entry=entry, code=code, barrier=barrier, outcomes=outcomes):
            close_old_connections()
            try:
                barrier.wait()
                if channel == "paper":
                    services.paper_voter_mark(vote=vote, unit=entry.unit)
                else:
                    fresh = RollEntry.objects.select_related("vote").get(pk=entry.pk)
                    services.ballot_cast(entry=fresh, code=code, marks={"answer": "yes"})
                outcomes.append("ok")
            except ApplicationError:
                outcomes.append("refused")
            finally:
                close_old_connections()

        threads = [
            threading.Thread(target=attempt, args=(c,))
            for c in ("electronic", "electronic", "electronic", "paper")
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert outcomes.count("ok") == 1, outcomes
        assert outcomes.count("refused") == 3
    voted = RollEntry.objects.filter(vote=vote).exclude(voted_channel="")
    assert voted.count() == 2
    electronic = voted.filter(voted_channel="electronic").count()
    assert SealedBallot.objects.filter(vote=vote).count() == electronic


def _verify(entry, code):
    services.voter_verify(entry=entry, code=code)


def _cast(entry, code):
    services.ballot_cast(entry=entry, code=code, marks={"answer": "yes"})


def _guess_at_once(entry, codes, attempt=_verify) -> list[str]:
    """Each code from its own thread and connection, released at the same moment: through the
    code page (voter_verify) or with the ballot itself (the API: ballot_cast with a code)."""
    barrier = threading.Barrier(len(codes))
    outcomes = []

    def guess(code):
        close_old_connections()
        try:
            barrier.wait()
            attempt(entry, code)
            outcomes.append("right")
        except ApplicationError as e:
            kinds = {"맞지 않습니다": "wrong", "5회": "locked", "이미 투표": "voted"}
            outcomes.append(next((k for text, k in kinds.items() if text in e.message), e))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=guess, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", [_verify, _cast], ids=["code page", "ballot with code"])
def test_concurrent_guesses_check_at_most_five_codes(alpha, attempt):
    """Art. 48②1: the five-wrong-codes lockout holds when the guesses arrive together: of 12
    simultaneous wrong codes exactly 5 are compared (and counted), 7 are refused unchecked, and
    then even the right code is refused until the committee re-sends it."""
    vote = question_vote(alpha.complex)
    entry = vote.roll.select_related("vote").first()
    for _ in range(2):  # a re-sent code starts a fresh count
        code = services.invitation_issue(entry=entry)
        wrong = [f"{(int(code) + k) % 1_000_000:06d}" for k in range(1, 13)]
        outcomes = _guess_at_once(entry, wrong, attempt)
        assert sorted(outcomes) == ["locked"] * 7 + ["wrong"] * 5, outcomes
        assert RollEntry.objects.get(pk=entry.pk).code_attempts == 5
        with pytest.raises(ApplicationError, match="5회"):
            services.voter_verify(entry=entry, code=code)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", [_verify, _cast], ids=["code page", "ballot with code"])
def test_the_right_code_among_concurrent_guesses_counts_no_attempt(alpha, attempt):
    """The right code, arriving with 9 wrong ones, is accepted if it comes before the lock and
    costs no attempt; at most 5 wrong codes are ever compared (after a ballot is cast, the
    rest are refused as "already voted", unchecked)."""
    vote = question_vote(alpha.complex)
    entry = vote.roll.select_related("vote").first()
    code = services.invitation_issue(entry=entry)
    wrong = [f"{(int(code) + k) % 1_000_000:06d}" for k in range(1, 10)]
    outcomes = _guess_at_once(entry, [*wrong, code], attempt)
    assert set(outcomes) <= {"wrong", "locked", "right", "voted"}, outcomes
    assert outcomes.count("right") <= 1 and outcomes.count("wrong") <= 5
    assert RollEntry.objects.get(pk=entry.pk).code_attempts == outcomes.count("wrong")
    if attempt is _verify:  # verifying does not end the guessing: exactly five are compared
        assert outcomes.count("wrong") == 5
    cast = attempt is _cast and "right" in outcomes
    assert SealedBallot.objects.filter(vote=vote).count() == (1 if cast else 0)
    assert "voted" not in outcomes or cast
