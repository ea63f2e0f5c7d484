"""`manage.py election_paper marks|counts`: the polling station's paper roll and the paper
box's tally sheet from a file — all or nothing (Arts. 12②, 48; precise rule 4)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from elections import services
from elections.models import Vote
from tests.elections.helpers import cast_all, end_vote, ward_election, ward_of

pytestmark = pytest.mark.django_db


def _run(tmp_path, *args, text):
    f = tmp_path / "paper.csv"
    f.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("election_paper", *args, str(f), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_paper_marks_then_counts_through_the_command(alpha, tmp_path):
    """10 households: 4 vote online, 2 at the polling station (marks), then the tally sheet
    of the paper box is entered after the close; 6 of 10 voted → turnout met (영 11조①)."""
    ward, units = ward_of(alpha.complex, 10)
    vote, (c1, c2) = ward_election(alpha.complex, ward)
    entries = list(vote.roll.order_by("pk"))
    cast_all(vote, entries[:4], [{"choice": c1.id}] * 2 + [{"choice": c2.id}] * 2)
    lines = [f"{u.building.name},{u.number}" for u in units[4:6]]
    # One bad row (a household that already voted online) → nobody is marked.
    bad = "building,unit\n" + "\n".join([*lines, f"{units[0].building.name},{units[0].number}"])
    with pytest.raises(CommandError, match="아무것도 저장하지"):
        _run(tmp_path, "marks", "alpha", str(vote.pk), text=bad)
    assert vote.roll.filter(voted_channel="paper").count() == 0
    out = _run(tmp_path, "marks", "alpha", str(vote.pk), text="building,unit\n" + "\n".join(lines))
    assert "2건" in out and vote.roll.filter(voted_channel="paper").count() == 2

    end_vote(vote)
    services.vote_close(vote=vote)
    # More ballots than households marked on paper → refused, nothing entered.
    with pytest.raises(CommandError):
        _run(tmp_path, "counts", "alpha", str(vote.pk),
             text=f"item,count\n{c1.number},2\n{c2.number},1\n")  # fmt: skip
    f = tmp_path / "unknown.csv"
    f.write_text("item,count\n기호 9,1\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="아무것도"):
        call_command("election_paper", "counts", "alpha", str(vote.pk), str(f), stderr=err)
    assert "2행 item 열" in err.getvalue() and "기호" in err.getvalue()
    assert Vote.objects.get(pk=vote.pk).paper_ballots_entered == 0
    out = _run(tmp_path, "counts", "alpha", str(vote.pk),
               text=f"item,count\n기호 {c1.number},1\n백지,1\n")  # fmt: skip
    assert "2건" in out
    vote = services.vote_count(vote=Vote.objects.get(pk=vote.pk))
    assert vote.result["cast"] == 6 and vote.result["outcome"]["elected"] == [c1.id]


def test_unknown_vote_or_complex_is_an_error(alpha, beta, tmp_path):
    ward, _ = ward_of(beta.complex, 4)
    vote, _ = ward_election(beta.complex, ward)
    with pytest.raises(CommandError, match="없습니다"):
        _run(tmp_path, "marks", "alpha", str(vote.pk), text="building,unit\n101,1203\n")
