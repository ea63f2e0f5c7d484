"""Roles: the committee runs votes (Art. 47); others read; ballots are never listed; results
only after counting/certification. Another complex → 404 (the walk covers every route)."""

import pytest

from elections.models import Vote
from tests.elections.helpers import question_vote


@pytest.mark.django_db
def test_only_the_committee_manages_votes(alpha, as_user):
    vote = question_vote(alpha.complex)
    for user in (alpha.manager, alpha.council, alpha.owner):
        c = as_user(user)
        assert c.get("/c/alpha/elections/votes/new/").status_code == 403
        assert c.post(f"/c/alpha/elections/votes/{vote.pk}/close/").status_code == 403
        assert c.get(f"/c/alpha/elections/votes/{vote.pk}/roll/").status_code == 403
        assert c.get(f"/c/alpha/elections/votes/{vote.pk}/").status_code == 200
    assert (
        as_user(alpha.committee).get(f"/c/alpha/elections/votes/{vote.pk}/roll/").status_code == 200
    )


@pytest.mark.django_db
def test_committee_creates_and_announces_a_vote_through_the_page(alpha, as_user):
    c = as_user(alpha.committee)
    r = c.post(
        "/c/alpha/elections/votes/new/",
        {
            "kind": "management_method",
            "title": "위탁관리 → 자치관리 변경",
            "seats": 1,
            "opens_at": "2030-01-05T09:00",
            "closes_at": "2030-01-06T18:00",
            "requested_on": "2030-01-01",
            "announce_on": "2030-01-01",
            "polling_place": "관리사무소",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    vote = Vote.objects.get(title="위탁관리 → 자치관리 변경")
    assert vote.rule == "all_majority"
    c.post(f"/c/alpha/elections/votes/{vote.pk}/announce/")
    vote.refresh_from_db()
    assert vote.state == "announced" and vote.roll_size == 2


@pytest.mark.django_db
def test_api_roles_and_secrecy(alpha, api):
    vote = question_vote(alpha.complex)
    base = f"/api/v1/complexes/alpha/elections/votes/{vote.pk}"
    api.force_authenticate(alpha.owner)
    assert api.get("/api/v1/complexes/alpha/elections/votes/").status_code == 200
    assert api.post(f"{base}/close/").status_code == 403
    assert api.get(f"{base}/ballots/").status_code == 405  # never listed
    assert api.get(f"{base}/result/").status_code == 400
    entry = vote.roll.get(unit=alpha.unit)
    from elections import services

    code = services.invitation_issue(entry=entry)
    r = api.post(
        f"{base}/ballots/", {"token": entry.token, "code": code, "answer": "yes"}, format="json"
    )
    assert r.status_code == 201 and "receipt" in r.json()
    r = api.post(
        f"{base}/ballots/", {"token": entry.token, "code": code, "answer": "no"}, format="json"
    )
    assert r.status_code == 400 and "이미 투표" in r.json()["message"]
    assert api.post(f"{base}/receipt/", {"receipt": "XXXXX-XXXXX"}, format="json").json() == {
        "counted": False
    }
    api.force_authenticate(alpha.committee)
    t = api.get(f"{base}/turnout/").json()
    assert t["voted"] == 1 and t["roll_size"] == 2


@pytest.mark.django_db
def test_api_list_has_pinned_queries(alpha, api, django_assert_max_num_queries):
    for i in range(5):
        question_vote(alpha.complex, title=f"안건 {i}")
    api.force_authenticate(alpha.owner)
    with django_assert_max_num_queries(8):
        r = api.get("/api/v1/complexes/alpha/elections/votes/")
    assert r.json()["count"] == 5


@pytest.mark.django_db
def test_other_complex_api_is_404(alpha, beta, api):
    vote = question_vote(alpha.complex)
    api.force_authenticate(beta.committee)
    assert api.get(f"/api/v1/complexes/alpha/elections/votes/{vote.pk}/").status_code == 404
    assert api.get(f"/api/v1/complexes/beta/elections/votes/{vote.pk}/").status_code == 404


@pytest.mark.django_db
def test_polling_station_page_marks_then_enters_the_box_after_close(alpha, as_user):
    """Arts. 12②, 48②2: the committee marks the household at the station; the box's tally is
    entered only after the close."""
    from tests.elections.helpers import end_vote

    vote = question_vote(alpha.complex)
    c = as_user(alpha.committee)
    url = f"/c/alpha/elections/votes/{vote.pk}/paper/"
    r = c.post(url, {"form": "mark", "unit": alpha.unit.pk}, follow=True)
    assert "투표지를 교부하세요" in r.content.decode()
    r = c.post(url, {"form": "mark", "unit": alpha.unit.pk}, follow=True)
    assert "이미 투표한 세대" in r.content.decode()
    end_vote(vote)
    c.post(f"/c/alpha/elections/votes/{vote.pk}/close/")
    r = c.post(url, {"form": "ballots", "yes": "2"}, follow=True)
    assert "2장입니다" in r.content.decode()  # only 1 household voted on paper
    c.post(url, {"form": "ballots", "yes": "1"})
    vote.refresh_from_db()
    assert vote.paper_ballots_entered == 1
