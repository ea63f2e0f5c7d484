"""The council API: same rules and errors as the pages; roles; pinned query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council import services
from council.models import ResolutionStatus
from tests.council.helpers import held_meeting, make_council, vote_all

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/alpha/council"


def test_seat_member_and_list(alpha, api):
    """Art. 17, 18: POST members seats a rep; the term defaults to 2 years."""
    wards, _ = make_council(alpha.complex, seats=2, seated=0)
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/members/",
        {"ward": wards[0].pk, "name": "김대표", "term_start": "2026-07-01"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["term_end"] == "2028-06-30"
    r = api.post(
        f"{BASE}/members/",
        {"ward": wards[0].pk, "name": "박대표", "term_start": "2026-08-01"},
        format="json",
    )
    assert r.status_code == 400 and "선거구마다 1명" in r.json()["message"]
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/members/").status_code == 200
    r = api.post(f"{BASE}/members/", {"ward": wards[1].pk, "name": "x", "term_start": "2026-07-01"})
    assert r.status_code == 403


def test_meeting_notice_rule_is_400(alpha, api):
    """Art. 28①: 3 days ahead → 400 with the rule's message."""
    api.force_authenticate(alpha.manager)
    soon = (timezone.now() + timedelta(days=3)).isoformat()
    r = api.post(
        f"{BASE}/meetings/",
        {"kind": "regular", "starts_at": soon, "place": "회의실"},
        format="json",
    )
    assert r.status_code == 400 and "제28조①" in r.json()["message"]
    later = (timezone.now() + timedelta(days=6)).isoformat()
    r = api.post(
        f"{BASE}/meetings/",
        {"kind": "regular", "starts_at": later, "place": "회의실"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["title"] == "입주자대표회의 제1차 정기회의"


def test_propose_schedule_and_vote_through_the_api(alpha, api):
    """Art. 29, 31: propose → office submits → agenda; a rep votes for themself only."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{BASE}/agenda-items/",
        {"title": "CCTV 증설", "proposer_kind": "residents", "proposer_name": "주민",
         "motion": "CCTV 10대를 증설한다", "reason": "방범", "content": "지하주차장"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 201, r.json()
    item_id = r.json()["id"]
    r = api.post(
        f"{BASE}/agenda-items/",
        {"title": "x", "proposer_kind": "manager", "proposer_name": "x", "motion": "x",
         "reason": "x", "content": "x"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 400
    _meeting, (other,) = held_meeting(alpha.complex, reps)
    api.force_authenticate(reps[0].user)
    r = api.post(f"{BASE}/agenda-items/{other.pk}/votes/", {"choice": "yes"}, format="json")
    assert r.status_code == 201
    r = api.post(
        f"{BASE}/agenda-items/{other.pk}/votes/",
        {"choice": "yes", "representative": reps[1].pk},
        format="json",
    )
    assert r.status_code == 400 and "대리" in r.json()["message"]
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/agenda-items/{other.pk}/votes/").status_code == 403
    # the resident's item is not visible to another resident until on a noticed agenda
    api.force_authenticate(alpha.lessee)
    assert api.get(f"{BASE}/agenda-items/{item_id}/").status_code == 404


def test_agenda_endpoint_refuses_noticed_meeting(alpha, api):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps)
    extra = services.item_propose(
        complex=alpha.complex, by=None, proposer_kind="manager", proposer_name="소장",
        title="추가", motion="m", reason="r", content="",
    )  # fmt: skip
    services.item_submit(item=extra)
    api.force_authenticate(alpha.manager)
    r = api.post(f"{BASE}/meetings/{meeting.pk}/agenda/", {"item": extra.pk}, format="json")
    assert r.status_code == 400 and "통지" in r.json()["message"]
    r = api.get(f"{BASE}/meetings/{meeting.pk}/agenda/")
    assert [i["id"] for i in r.json()] == [item.pk]


def test_minutes_and_pdf_and_reconsideration(alpha, api):
    """별첨 2 numbers in the API; a reconsideration suspends (Art. 34①)."""
    _, reps = make_council(alpha.complex, seats=10, seated=9)
    meeting, (item,) = held_meeting(alpha.complex, reps, present=reps[:7])
    vote_all(item, reps[:7], ["yes"] * 5 + ["no", "abstain"])
    resolution = services.item_decide(item=item)
    api.force_authenticate(alpha.manager)
    m = api.get(f"{BASE}/meetings/{meeting.pk}/minutes/").json()
    assert (m["seats"], m["unfilled"], m["membership"], m["required_yes"]) == (10, 1, 9, 5)
    assert (m["present"], m["absent"]) == (7, 2)
    assert m["resolutions"][0]["effective"] is True
    pdf = api.get(f"{BASE}/meetings/{meeting.pk}/minutes/pdf/")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/meetings/{meeting.pk}/minutes/").status_code == 404
    r = api.post(
        f"{BASE}/reconsiderations/",
        {"resolution": resolution.pk, "filer_kind": "residents", "representative_name": "대표인",
         "filer_names": "\n".join(f"주민{i}" for i in range(9)), "violation": "위반",
         "proposal": "재심의"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 400, r.json()  # typed-in names: residents sign a petition instead
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.EFFECTIVE
    r = api.post(
        f"{BASE}/reconsiderations/",
        {"resolution": resolution.pk, "filer_kind": "office", "representative_name": "x",
         "violation": "x", "proposal": "x"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 403
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/reconsiderations/",
        {"resolution": resolution.pk, "filer_kind": "office", "representative_name": "소장",
         "violation": "위반", "proposal": "재심의"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 201, r.json()
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.SUSPENDED


def test_expenses_api_cap_and_roles(alpha, api):
    """Art. 37②2 through the API."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, _ = held_meeting(alpha.complex, reps)
    api.force_authenticate(alpha.manager)
    body = {
        "spent_on": timezone.localdate().isoformat(),
        "category": "attendance",
        "amount": 60000,
        "description": "출석수당",
        "representative": reps[0].pk,
        "meeting": meeting.pk,
    }
    r = api.post(f"{BASE}/expenses/", body, format="json")
    assert r.status_code == 400 and "제37조②2" in r.json()["message"]
    r = api.post(f"{BASE}/expenses/", {**body, "amount": 50000}, format="json")
    assert r.status_code == 201
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/expenses/").status_code == 403
    api.force_authenticate(reps[0].user)
    assert api.get(f"{BASE}/expenses/").json()["results"][0]["amount"] == 50000


def test_meeting_list_query_count_is_pinned(alpha, api):
    """No N+1: listing meetings costs the same for 1 or 5 meetings."""
    api.force_authenticate(alpha.manager)
    start = timezone.now() + timedelta(days=10)

    def count():
        with CaptureQueriesContext(connection) as q:
            assert api.get(f"{BASE}/meetings/").status_code == 200
        return len(q)

    services.meeting_create(complex=alpha.complex, kind="regular", starts_at=start, place="a")
    count()  # the user's roles are cached from then on (core.tenancy), for both counts
    one = count()
    for i in range(4):
        services.meeting_create(
            complex=alpha.complex,
            kind="regular",
            starts_at=start + timedelta(days=i + 1),
            place="a",
        )
    assert count() == one


def test_resolutions_endpoint_reports_effectiveness(alpha, api):
    """Other apps' records show "approved" only while the resolution is effective (Art. 34①)."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    resolution = services.item_decide(item=item)
    api.force_authenticate(alpha.owner)
    assert api.get(f"{BASE}/resolutions/{resolution.pk}/").json()["effective"] is True
    services.reconsideration_file(
        resolution=resolution, filer_kind="office", representative_name="소장",
        violation="v", proposal="p",
    )  # fmt: skip
    body = api.get(f"{BASE}/resolutions/{resolution.pk}/").json()
    assert (body["status"], body["effective"]) == ("suspended", False)


@pytest.mark.parametrize(
    "endpoint", ["members", "agenda-items", "resolutions", "reconsiderations", "expenses"]
)
def test_list_query_counts_do_not_grow(alpha, api, endpoint):
    """No N+1 on any council list: one meeting's rows vs three meetings' rows."""
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    api.force_authenticate(alpha.manager)

    def one_meeting():
        _meeting, (item,) = held_meeting(alpha.complex, reps)
        vote_all(item, reps, ["yes"] * 3)
        resolution = services.item_decide(item=item)
        services.reconsideration_file(
            resolution=resolution, filer_kind="office", representative_name="소장",
            violation="v", proposal="p",
        )  # fmt: skip
        services.expense_record(
            complex=alpha.complex, spent_on=timezone.localdate(), category="other",
            amount=1000, description="다과 아님: 회의 자료 인쇄",
        )  # fmt: skip

    def count():
        with CaptureQueriesContext(connection) as q:
            assert api.get(f"{BASE}/{endpoint}/").status_code == 200
        return len(q)

    one_meeting()
    count()  # the user's roles are cached from then on (core.tenancy), for both counts
    first = count()
    one_meeting()
    one_meeting()
    assert count() == first
