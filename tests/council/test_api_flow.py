"""Issue [4/9]: one council meeting end to end through the REST API alone — seat the reps,
officers, a resident's proposal, the office's cost estimate, an urgent meeting (Art. 28①
exception), the notice, attendance, votes, closing the vote (with the not-voted confirmation),
signatures on the day, completion, the speech record with its deadline, and publication."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complexes.models import Role, Ward
from council.models import Representative
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/alpha/council"


def _ok(r, code=200):
    assert r.status_code == code, (r.status_code, r.json())
    return r.json()


def _seat_council(alpha, api, n=5):
    wards = [Ward.objects.create(complex=alpha.complex, name=f"제{i + 1}선거구") for i in range(n)]
    users = [
        member(alpha.complex, Role.COUNCIL, UserFactory(email=f"r{i}@alpha.test", name=f"대표{i}"))
        for i in range(n)
    ]
    api.force_authenticate(alpha.manager)
    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    reps = [
        _ok(
            api.post(
                f"{BASE}/members/",
                {"ward": w.pk, "name": u.name, "email": u.email, "term_start": start},
                format="json",
            ),
            201,
        )["id"]
        for w, u in zip(wards, users, strict=True)
    ]
    return reps, users


def test_a_council_meeting_runs_end_to_end_through_the_api(alpha, api):
    """Art. 19, 28①, 29, 30, 31, 35: the whole meeting through the API."""
    today = timezone.localdate()
    reps, users = _seat_council(alpha, api)
    # Officers (Art. 19) and a rep's unit (Art. 10).
    for rep, office in zip(reps, ["chair", "auditor", "auditor", "director"], strict=False):
        _ok(api.post(f"{BASE}/members/{rep}/officers/", {"office": office,
             "starts_on": today.isoformat()}, format="json"), 201)  # fmt: skip
    r = api.post(f"{BASE}/members/{reps[0]}/officers/", {"office": "auditor",
                 "starts_on": today.isoformat()}, format="json")  # fmt: skip
    assert r.status_code == 400 and "제36조①" in r.json()["message"]
    state = _ok(api.post(f"{BASE}/members/{reps[0]}/unit/", {"unit": alpha.unit.pk}, format="json"))
    assert state["unit"] == alpha.unit.pk and state["offices"] == ["회장"]

    # A resident proposes (Art. 29①); the office submits with the cost estimate (Art. 29②).
    api.force_authenticate(alpha.owner)
    item = _ok(api.post(f"{BASE}/agenda-items/", {"title": "놀이터 바닥 교체",
               "proposer_kind": "residents", "proposer_name": "주민", "motion": "교체한다",
               "reason": "파손", "content": "탄성포장"}, format="json"), 201)["id"]  # fmt: skip
    assert api.post(f"{BASE}/agenda-items/{item}/submit/", {}).status_code == 403
    api.force_authenticate(alpha.manager)
    sub = _ok(api.post(f"{BASE}/agenda-items/{item}/submit/", {"cost_estimate": 12_000_000},
              format="json"))  # fmt: skip
    assert sub["status"] == "submitted" and sub["cost_estimate"] == 12_000_000

    # The chair convenes an urgent meeting today (Art. 28① exception, reason recorded).
    api.force_authenticate(users[0])
    starts = timezone.now().isoformat()
    r = api.post(f"{BASE}/meetings/", {"kind": "extraordinary", "starts_at": starts,
                 "place": "관리동"}, format="json")  # fmt: skip
    assert r.status_code == 400 and "제28조①" in r.json()["message"]
    meeting = _ok(api.post(f"{BASE}/meetings/", {"kind": "extraordinary", "starts_at": starts,
                  "place": "관리동", "notice_exception": "emergency",
                  "notice_exception_reason": "놀이터 안전사고"}, format="json"), 201)["id"]  # fmt: skip
    _ok(api.post(f"{BASE}/meetings/{meeting}/agenda/", {"item": item}, format="json"))
    sent = _ok(api.post(f"{BASE}/meetings/{meeting}/notice/"))
    assert sent["status"] == "noticed" and sent["notice_sent_at"].endswith("+09:00")
    r = api.post(f"{BASE}/meetings/{meeting}/notice/")
    assert r.status_code == 400  # sent once

    # Attendance in person (Art. 31①): the office records it; the chair may not.
    r = api.post(f"{BASE}/meetings/{meeting}/attendance/", {"present": reps[:4]}, format="json")
    assert r.status_code == 403
    api.force_authenticate(alpha.manager)
    held = _ok(api.post(f"{BASE}/meetings/{meeting}/attendance/", {"present": reps[:4]},
               format="json"))  # fmt: skip
    assert held["status"] == "held" and sorted(held["present"]) == sorted(reps[:4])

    # Votes: each rep their own (Art. 31②); three yes, one still missing.
    for u in users[:3]:
        api.force_authenticate(u)
        _ok(api.post(f"{BASE}/agenda-items/{item}/votes/", {"choice": "yes"}, format="json"), 201)
    api.force_authenticate(users[0])
    missing = _ok(api.get(f"{BASE}/agenda-items/{item}/not-voted/"))
    assert [m["id"] for m in missing] == [reps[3]]
    r = api.post(f"{BASE}/agenda-items/{item}/decide/", {}, format="json")
    assert r.status_code == 400 and r.json()["extra"]["missing"] == [reps[3]]
    assert "대표3" in r.json()["message"]
    api.force_authenticate(users[3])
    _ok(api.post(f"{BASE}/agenda-items/{item}/votes/", {"choice": "no"}, format="json"), 201)
    api.force_authenticate(users[0])
    decided = _ok(api.post(f"{BASE}/agenda-items/{item}/decide/", {}, format="json"), 201)
    # Art. 30: membership 5 → 3 yes needed; 3 yes, 1 no → passed.
    assert (decided["passed"], decided["yes"], decided["no"]) == (True, 3, 1)
    assert (decided["membership"], decided["required_yes"]) == (5, 3)

    # Minutes: signed by every attending rep on the day (Art. 35①), then completed.
    api.force_authenticate(users[0])
    r = api.post(f"{BASE}/meetings/{meeting}/minutes/complete/")
    assert r.status_code == 400 and "서명" in r.json()["message"]
    for u in users[:4]:
        api.force_authenticate(u)
        _ok(api.post(f"{BASE}/meetings/{meeting}/minutes/sign/"), 201)
    api.force_authenticate(users[4])  # absent: cannot sign
    assert api.post(f"{BASE}/meetings/{meeting}/minutes/sign/").status_code == 400
    api.force_authenticate(users[0])
    done = _ok(api.post(f"{BASE}/meetings/{meeting}/minutes/complete/"))
    assert done["resolutions_completed_at"] and done["missing_signers"] == []

    # The office publishes the same day (Art. 35②); the speech record is due in 5 days.
    api.force_authenticate(alpha.manager)
    pub = _ok(api.post(f"{BASE}/meetings/{meeting}/minutes/publish/", {"part": "resolutions"},
              format="json"))  # fmt: skip
    assert pub["resolutions_published_at"].endswith("+09:00")  # every time in Asia/Seoul
    assert pub["speech_due"] == (today + timedelta(days=5)).isoformat()
    sp = _ok(api.post(f"{BASE}/meetings/{meeting}/minutes/speech/",
             {"speech_record": "회장: 안건을 상정합니다.", "item_details": "견적서 2건"},
             format="json"))  # fmt: skip
    assert sp["speech_received_at"] and sp["speech_late"] is False
    _ok(api.post(f"{BASE}/meetings/{meeting}/minutes/publish/", {"part": "speech"},
        format="json"))  # fmt: skip

    # A resident reads the published minutes.
    api.force_authenticate(alpha.owner)
    minutes = _ok(api.get(f"{BASE}/meetings/{meeting}/minutes/"))
    assert minutes["resolutions"][0]["passed"] is True
    assert all(a["signed_at"].endswith("+09:00") for a in minutes["attendees"])


def test_confirmed_close_counts_missing_votes_as_not_yes(alpha, api):
    """Art. 30, rule 3: closing with {"confirm": true} while a rep has not voted — the missing
    vote is not a yes: membership 5, 2 yes → rejected."""
    reps, users = _seat_council(alpha, api)
    _ok(api.post(f"{BASE}/members/{reps[0]}/officers/", {"office": "chair",
        "starts_on": timezone.localdate().isoformat()}, format="json"), 201)  # fmt: skip
    item = _ok(api.post(f"{BASE}/agenda-items/", {"title": "경비 용역", "proposer_kind": "manager",
               "proposer_name": "소장", "motion": "m", "reason": "r", "content": "c"},
               format="json"), 201)["id"]  # fmt: skip
    _ok(api.post(f"{BASE}/agenda-items/{item}/submit/", {}, format="json"))
    meeting = _ok(api.post(f"{BASE}/meetings/", {"kind": "extraordinary",
                  "starts_at": timezone.now().isoformat(), "place": "관리동",
                  "notice_exception": "reconvened", "notice_exception_reason": "정족수 미달 재소집"},
                  format="json"), 201)["id"]  # fmt: skip
    _ok(api.post(f"{BASE}/meetings/{meeting}/agenda/", {"item": item}, format="json"))
    _ok(api.post(f"{BASE}/meetings/{meeting}/notice/"))
    _ok(api.post(f"{BASE}/meetings/{meeting}/attendance/", {"present": reps}, format="json"))
    for u in users[:2]:
        api.force_authenticate(u)
        _ok(api.post(f"{BASE}/agenda-items/{item}/votes/", {"choice": "yes"}, format="json"), 201)
    api.force_authenticate(users[1])  # not the chair
    assert api.post(f"{BASE}/agenda-items/{item}/decide/", {"confirm": True},
                    format="json").status_code == 403  # fmt: skip
    api.force_authenticate(alpha.manager)
    out = _ok(api.post(f"{BASE}/agenda-items/{item}/decide/", {"confirm": True}, format="json"),
              201)  # fmt: skip
    assert out["passed"] is False and len(out["not_voted"]) == 3


def test_member_actions_resign_suspend_and_outsiders(alpha, beta, api):
    """Art. 23⑭ (resignation effective on receipt, office ends with the seat, Art. 19②),
    Art. 23⑬ suspension; a manager of another complex gets 404, a rep 403."""
    reps, users = _seat_council(alpha, api, n=3)
    today = timezone.localdate()
    _ok(api.post(f"{BASE}/members/{reps[1]}/officers/", {"office": "director",
        "starts_on": today.isoformat()}, format="json"), 201)  # fmt: skip
    s = _ok(api.post(f"{BASE}/members/{reps[2]}/suspend/", {"reason": "ethics",
            "starts_on": today.isoformat()}, format="json"))  # fmt: skip
    assert s["suspended"] is True
    r = api.post(f"{BASE}/members/{reps[2]}/suspend/", {"reason": "ethics",
                 "starts_on": today.isoformat()}, format="json")  # fmt: skip
    assert r.status_code == 400 and "이미" in r.json()["message"]
    assert (
        _ok(api.post(f"{BASE}/members/{reps[2]}/unsuspend/", {}, format="json"))["suspended"]
        is False
    )
    r = api.post(f"{BASE}/members/{reps[1]}/resign/", {"received_on": "1999-01-01"},
                 format="json")  # fmt: skip
    assert r.status_code == 400 and r.json()["extra"]["field"] == "received_on"
    gone = _ok(api.post(f"{BASE}/members/{reps[1]}/resign/",
               {"received_on": today.isoformat(), "note": "이사"}, format="json"))  # fmt: skip
    assert gone["ended_on"] == today.isoformat() and "제23조⑭" in gone["end_reason"]
    assert Representative.objects.get(pk=reps[1]).offices.get().ends_on == today
    r = api.post(f"{BASE}/members/{reps[0]}/unit/", {"unit": beta.unit.pk}, format="json")
    assert r.status_code == 404  # another complex's unit
    api.force_authenticate(users[0])
    assert api.post(f"{BASE}/members/{reps[2]}/suspend/", {"reason": "ethics",
                    "starts_on": today.isoformat()}, format="json").status_code == 403  # fmt: skip
    api.force_authenticate(beta.manager)
    assert api.post(f"{BASE}/members/{reps[2]}/resign/", {"received_on": today.isoformat()},
                    format="json").status_code == 404  # fmt: skip
    assert api.post(f"{BASE}/meetings/1/notice/").status_code == 404


def test_closing_on_the_page_asks_for_confirmation_and_names_who_has_not_voted(alpha, as_user):
    """Walk finding: the page does not close a vote silently while present reps have not voted;
    it shows who has not voted, and only the confirmed POST records the resolution (Art. 30)."""
    from council.models import Resolution
    from tests.council.helpers import held_meeting, make_council

    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    from council import services

    services.vote_cast(item=item, representative=reps[0], choice="yes", by=reps[0].user)
    client = as_user(alpha.manager)
    url = f"/c/alpha/council/items/{item.pk}/decide/"
    r = client.post(url)
    assert r.status_code == 200 and "decide-confirm" in r.content.decode()
    assert "대표2" in r.content.decode() and "대표3" in r.content.decode()
    assert not Resolution.objects.filter(item=item).exists()
    r = client.post(url, {"confirm": "1"})
    assert r.status_code == 302
    res = Resolution.objects.get(item=item)
    assert res.passed is False and res.yes == 1  # 1 of membership 3 (2 needed)


def test_recontract_objections_and_reconsideration_result_through_the_api(alpha, api):
    """Art. 58②: the objecting households are recorded through the API before the vote (alpha
    has 2 units: 1 objection is 1/10 or more → refused; 0 → the 2/3 vote proceeds). Art. 34③:
    the office files a reconsideration (suspends), the council re-deliberates, the chair posts
    the result through the API and the resolution is effective again."""
    from council import services
    from council.models import ItemCategory, ResolutionStatus
    from tests.council.helpers import held_meeting, make_council, vote_all

    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps, category=ItemCategory.RECONTRACT)
    api.force_authenticate(alpha.manager)
    r = api.post(f"{BASE}/agenda-items/{item.pk}/decide/", {"confirm": True}, format="json")
    assert r.status_code == 400 and "제58조" in r.json()["message"]
    _ok(api.post(f"{BASE}/agenda-items/{item.pk}/objections/", {"objecting_units": 1},
        format="json"))  # fmt: skip
    vote_all(item, reps, ["yes"] * 3)
    r = api.post(f"{BASE}/agenda-items/{item.pk}/decide/", {}, format="json")
    assert r.status_code == 400 and "10분의 1" in r.json()["message"]
    r = api.post(f"{BASE}/agenda-items/{item.pk}/objections/", {"objecting_units": -1},
                 format="json")  # fmt: skip
    assert r.status_code == 400
    _ok(api.post(f"{BASE}/agenda-items/{item.pk}/objections/", {"objecting_units": 0},
        format="json"))  # fmt: skip
    decided = _ok(api.post(f"{BASE}/agenda-items/{item.pk}/decide/", {}, format="json"), 201)
    assert decided["passed"] is True and decided["required_yes"] == 2  # 3 × 2 ≥ 2 × 3

    rec = _ok(api.post(f"{BASE}/reconsiderations/", {"resolution": decided["resolution"],
              "filer_kind": "office", "representative_name": "소장", "violation": "절차 위반",
              "proposal": "재심의"}, format="json"), 201)  # fmt: skip
    r = api.post(f"{BASE}/reconsiderations/{rec['id']}/result/", {"result_text": "원안 유지"},
                 format="json")  # fmt: skip
    assert r.status_code == 400 and "다시 심의" in r.json()["message"]  # not yet re-deliberated
    from council.models import Reconsideration

    redo = Reconsideration.objects.get(pk=rec["id"]).redeliberation_item
    starts = timezone.now()
    later = services.meeting_create(
        complex=alpha.complex, kind="extraordinary", starts_at=starts, place="관리동",
        now=starts - timedelta(days=6),
    )  # fmt: skip
    services.item_schedule(item=redo, meeting=later)
    services.meeting_send_notice(meeting=later, now=starts - timedelta(days=5))
    services.attendance_record(meeting=later, present_ids=[r.pk for r in reps])
    redo.refresh_from_db()
    vote_all(redo, reps, ["yes"] * 3)
    services.item_decide(item=redo)
    api.force_authenticate(reps[1].user)  # not the chair
    assert api.post(f"{BASE}/reconsiderations/{rec['id']}/result/", {"result_text": "x"},
                    format="json").status_code == 403  # fmt: skip
    api.force_authenticate(alpha.manager)
    posted = _ok(api.post(f"{BASE}/reconsiderations/{rec['id']}/result/",
                 {"result_text": "재심의 결과 원안 유지"}, format="json"))  # fmt: skip
    assert posted["result_posted_at"] and posted["status"] == "upheld"
    resolution = services.Resolution.objects.get(pk=decided["resolution"])
    assert resolution.status == ResolutionStatus.EFFECTIVE and resolution.redeliberated
    del meeting


def test_seat_with_a_unit_through_the_api_is_all_or_nothing(alpha, beta, api):
    """Art. 10: the seat can carry the rep's unit; a unit outside the rep's ward refuses the
    whole request (nobody seated)."""
    from complexes.models import Building, Unit

    ward = Ward.objects.create(complex=alpha.complex, name="제1선거구")
    ward.buildings.add(alpha.building)
    other = Building.objects.create(complex=alpha.complex, name="999")
    stray = Unit.objects.create(
        complex=alpha.complex, building=other, number="101", floor=1, supply_area="59.90"
    )
    api.force_authenticate(alpha.manager)
    body = {"ward": ward.pk, "name": "김대표", "term_start": "2026-07-01"}
    r = api.post(f"{BASE}/members/", {**body, "unit": stray.pk}, format="json")
    assert r.status_code == 400 and "제10조" in r.json()["message"]
    assert not Representative.objects.filter(complex=alpha.complex).exists()
    r = api.post(f"{BASE}/members/", {**body, "unit": beta.unit.pk}, format="json")
    assert r.status_code == 400  # another complex's unit is not a choice
    seated = _ok(api.post(f"{BASE}/members/", {**body, "unit": alpha.unit.pk}, format="json"), 201)
    assert seated["unit"] == alpha.unit.pk
