"""The household's voter on the link (Art. 48②1: code), the ballot, the receipt, the refusal of
a second attempt; the committee closes, counts, breaks a tie by recorded lottery (Art. 44⑧),
certifies by a committee majority (Art. 44⑦) and issues the 별지 5 certificate."""

import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from elections import services
from elections.models import (
    CommitteeDecision,
    Lottery,
    RollEntry,
    SealedBallot,
    Vote,
    VoteKind,
)
from tests.elections.helpers import cast_all, end_vote, question_vote, ward_election, ward_of


def _link(vote, entry):
    return f"/c/{vote.complex.slug}/vote/{entry.token}/"


@pytest.mark.django_db
def test_voter_opens_link_enters_code_votes_gets_receipt_and_cannot_vote_again(alpha, client):
    vote = question_vote(alpha.complex)
    entry = vote.roll.first()
    code = services.invitation_issue(entry=entry)
    url = _link(vote, entry)
    r = client.get(url)
    assert r.status_code == 200 and "인증번호" in r.content.decode()
    r = client.post(url, {"code": "999999" if code != "999999" else "111111"})
    assert "인증번호가 맞지 않습니다" in r.content.decode()
    r = client.post(url, {"code": code}, follow=True)
    assert "찬성" in r.content.decode() and "반대" in r.content.decode()
    r = client.post(url, {"answer": "yes"}, follow=True)
    body = r.content.decode()
    assert "투표했습니다" in body
    receipt = r.context["receipt"]
    assert services.receipt_check(vote=vote, receipt=receipt)
    # A second attempt, even re-posting the ballot: refused, still one ballot.
    r = client.post(url, {"answer": "no"})
    r = client.get(url)
    assert "이미 투표했습니다" in r.content.decode()
    assert SealedBallot.objects.filter(vote=vote).count() == 1


@pytest.mark.django_db
def test_link_of_another_complex_is_404(alpha, beta, client):
    vote = question_vote(alpha.complex)
    entry = vote.roll.first()
    assert client.get(f"/c/beta/vote/{entry.token}/").status_code == 404
    assert client.get("/c/alpha/vote/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_invitations_email_a_code_and_the_link(alpha):
    vote = question_vote(alpha.complex)
    sent = services.invitations_send(vote=vote)
    assert sent == 2  # the owner's and the lessee's households have accounts
    body = mail.outbox[0].body
    assert "/c/alpha/vote/" in body and "인증번호:" in body


@pytest.mark.django_db
def test_ward_election_tie_lottery_certify_certificate(alpha, as_user, tmp_path):
    """영 11조①: 40 households, 22 vote (> half), 11–11 tie → lottery, recorded; certified by 3 of
    5 committee seats (Art. 44⑦); 별지 5 certificate renders with the name and ward."""
    cfg = services.settings_for(alpha.complex)
    cfg.committee_seats = 5  # the bylaw's size; vacancies do not lower it
    cfg.save()
    ward, _ = ward_of(alpha.complex, 40)
    vote, (c1, c2) = ward_election(alpha.complex, ward)
    entries = list(vote.roll.order_by("pk"))
    cast_all(vote, entries[:22], [{"choice": c1.id}] * 11 + [{"choice": c2.id}] * 11)
    client = as_user(alpha.committee)
    base = f"/c/alpha/elections/votes/{vote.pk}"
    r = client.post(f"{base}/close/", follow=True)
    assert "마감 시각" in r.content.decode()  # never closed early
    end_vote(vote)
    client.post(f"{base}/close/")
    client.post(f"{base}/count/")
    vote.refresh_from_db()
    assert vote.state == "counted" and sorted(vote.result["outcome"]["tied"]) == sorted(
        [c1.id, c2.id]
    )
    r = client.post(f"{base}/certify/", {"yes": 3, "no": 0}, follow=True)
    assert "추첨" in r.content.decode()
    client.post(f"{base}/lottery/", {"witnesses": "입주자 2인"})
    lottery = Lottery.objects.get(vote=vote)
    assert lottery.witnesses == "입주자 2인" and len(lottery.drawn_order) == 2
    r = client.post(f"{base}/certify/", {"yes": 2, "no": 0}, follow=True)
    assert "과반(3명)" in r.content.decode()  # 5 seats → 3 yes needed, even with vacancies
    client.post(f"{base}/certify/", {"yes": 3, "no": 1})
    vote.refresh_from_db()
    assert vote.state == "certified"
    assert CommitteeDecision.objects.filter(vote=vote, passed=True).exists()
    winner = lottery.drawn_order[0]
    assert vote.result["outcome"]["elected"] == [winner]
    r = client.get(f"{base}/certificates/{winner}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    path = tmp_path / "cert.pdf"
    path.write_bytes(r.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    name = c1.name if winner == c1.id else c2.name
    assert "당" in text and "선" in text and name in text and "제9선거구" in text
    assert "별지 제5호서식" in text
    loser = c2.id if winner == c1.id else c1.id
    assert client.get(f"{base}/certificates/{loser}/pdf/", follow=True).status_code == 200
    assert (
        "당선인이 아닙니다"
        in client.get(f"{base}/certificates/{loser}/pdf/", follow=True).content.decode()
    )


@pytest.mark.django_db
def test_exactly_half_turnout_leaves_ward_vacant_and_schedules_reannouncement(alpha):
    """영 11조①, Art. 25③: 40 households, 20 vote → nobody elected; re-announce within 30 days."""
    ward, _ = ward_of(alpha.complex, 40)
    vote, (c1, _c2) = ward_election(alpha.complex, ward)
    cast_all(vote, list(vote.roll.all()[:20]), [{"choice": c1.id}] * 20)
    end_vote(vote)
    services.vote_close(vote=vote)
    vote = services.vote_count(vote=vote)
    assert vote.result["outcome"]["elected"] == []
    assert vote.reannounce_by == timezone.localdate() + timedelta(days=30)


@pytest.mark.django_db
def test_paper_ballots_join_the_count_only_after_close(alpha):
    """Arts. 12②, 48①: the polling station marks the household; the box is entered after the
    close, never more ballots than paper voters; the count waits for them."""
    vote = question_vote(alpha.complex, kind=VoteKind.BYLAW)
    e1, e2 = list(vote.roll.all()[:2])
    services.paper_voter_mark(vote=vote, unit=e1.unit)
    cast_all(vote, [e2], [{"answer": "yes"}])
    with pytest.raises(Exception, match="마감 후"):
        services.paper_ballots_enter(vote=vote, ballots=[("valid", {"answer": "yes"})])
    end_vote(vote)
    services.vote_close(vote=vote)
    with pytest.raises(Exception, match="아직 입력되지"):
        services.vote_count(vote=vote)
    with pytest.raises(Exception, match="1세대인데"):
        services.paper_ballots_enter(vote=vote, ballots=[("valid", {"answer": "yes"})] * 2)
    services.paper_ballots_enter(vote=vote, ballots=[("valid", {"answer": "yes"})])
    vote = services.vote_count(vote=vote)
    assert vote.result["answers"] == {"yes": 2, "no": 0}
    assert vote.result["outcome"]["passed"] is True  # 2 yes of 2 households (> half)
    assert vote.result["paper"] == 1 and vote.result["electronic"] == 1


@pytest.mark.django_db
def test_bylaw_passes_when_yes_exceeds_half_of_all_households(alpha):
    """Art. 100: more than half of ALL households. alpha has 2 units + 4 → 6 households; 3 yes is
    exactly half (fails), 4 yes passes."""
    from tests.elections.helpers import add_units

    add_units(alpha.complex, 4)
    for yes, passed in ((3, False), (4, True)):
        vote = question_vote(alpha.complex, title=f"개정 {yes}")
        entries = list(vote.roll.all())
        assert vote.roll_size == 6
        cast_all(vote, entries[:yes], [{"answer": "yes"}] * yes)
        end_vote(vote)
        services.vote_close(vote=vote)
        vote = services.vote_count(vote=vote)
        assert vote.result["outcome"]["passed"] is passed


@pytest.mark.django_db
def test_repair_plan_roll_is_owners_only(alpha):
    """Art. 48①6: the owner of each unit votes, not the lessee (precise rule 2)."""
    vote = question_vote(alpha.complex, kind=VoteKind.REPAIR_PLAN, title="장기수선계획 조정")
    assert vote.roll_scope == "owners"
    lessee_entry = vote.roll.get(unit=alpha.lessee_unit)
    owner_entry = vote.roll.get(unit=alpha.unit)
    assert lessee_entry.voter_user is None and owner_entry.voter_user == alpha.owner
    bylaw = question_vote(alpha.complex, title="규약")
    assert bylaw.roll.get(unit=alpha.lessee_unit).voter_user == alpha.lessee


@pytest.mark.django_db
def test_bylaw_vote_must_end_within_30_days_of_request(alpha):
    """Art. 100: the vote is held within 30 days of the request."""
    now = timezone.now()
    with pytest.raises(Exception, match="30일"):
        services.vote_create(
            complex=alpha.complex,
            kind=VoteKind.BYLAW,
            title="늦은 투표",
            opens_at=now + timedelta(days=25),
            closes_at=now + timedelta(days=32),
            requested_on=timezone.localdate(),
        )


@pytest.mark.django_db
def test_vote_states_refuse_out_of_order_steps(alpha):
    vote = question_vote(alpha.complex)
    with pytest.raises(Exception, match="마감된 투표만"):
        services.vote_count(vote=vote)
    with pytest.raises(Exception, match="이미 공고"):
        services.vote_announce(vote=vote)
    Vote.objects.filter(pk=vote.pk).update(state="draft")
    assert RollEntry.objects.filter(vote=vote).count() == vote.roll_size
