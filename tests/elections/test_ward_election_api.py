"""Issue [4/9]: one ward election end to end through the REST API — the vote, candidates with
their documents, eligibility checks and the committee's ruling, the account link, the roll and
invitations, e-ballots plus paper marks, the close, the paper tally, the count, the committee's
certification, the 별지 5 certificate and the winner seated on the council (Art. 25②).

Only the passage of time is simulated (moving the vote's window, as a clock would); every act
is an API call, and each voter's link and code come from the invitation e-mail."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complexes.models import ResidentKind
from elections.models import Vote
from tests.elections.helpers import ward_of
from tests.factories import UserFactory, resident

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/alpha/elections"


def _ok(r, code=200):
    assert r.status_code == code, (r.status_code, r.json())
    return r.json()


def _shift(vote_id, *, open_now=False, closed=False):
    """The clock moves on: the voting period begins, or it has ended."""
    now = timezone.now()
    if open_now:
        window = (now - timedelta(hours=1), now + timedelta(hours=1))
    else:
        window = (now - timedelta(hours=2), now - timedelta(minutes=1))
    Vote.objects.filter(pk=vote_id).update(opens_at=window[0], closes_at=window[1])


def _invitation(unit_label):
    for m in mail.outbox:
        if unit_label in m.body:
            token = re.search(r"/ballot/([^/\s]+)/", m.body) or re.search(
                r"링크: \S+/(\S+?)/?\s", m.body
            )
            code = re.search(r"인증번호: (\S+)", m.body).group(1)
            return token.group(1), code
    raise AssertionError(f"no invitation for {unit_label}")


def test_a_ward_election_runs_end_to_end_through_the_api(alpha, api):
    """영 11조① (2+ candidates: more than half of the ward's 10 households vote — 6 — and the
    most votes wins), Art. 12②/48② (paper + electronic, one per household), Art. 44⑦ (committee
    decisions by a majority of its full size), Art. 25② (results posted, winner seated)."""
    ward, units = ward_of(alpha.complex, 10)
    owners = [
        resident(u, ResidentKind.OWNER, UserFactory(email=f"owner{i}@alpha.test", name=f"소유{i}"))
        for i, u in enumerate(units)
    ]
    api.force_authenticate(alpha.committee)
    now = timezone.now()
    today = timezone.localdate()
    vote = _ok(api.post(f"{BASE}/votes/", {"kind": "ward_rep", "title": "제9선거구 동별 대표자",
               "ward": ward.pk, "opens_at": (now + timedelta(days=3)).isoformat(),
               "closes_at": (now + timedelta(days=4)).isoformat(),
               "term_start": (today + timedelta(days=90)).isoformat(), "generation": 5},
               format="json"), 201)["id"]  # fmt: skip
    vbase = f"{BASE}/votes/{vote}"
    cands = []
    for i in (0, 1):
        cands.append(_ok(api.post(f"{vbase}/candidates/", {"unit": units[i].pk,
                     "name": f"후보{i}", "birth_date": "1970-05-05", "statement": "공약"},
                     format="json"), 201)["id"])  # fmt: skip
    # Link each candidate to their account; a stranger's account is refused.
    r = api.post(f"{vbase}/candidates/{cands[0]}/account/", {"email": owners[5].email},
                 format="json")  # fmt: skip
    assert r.status_code == 400 and r.json()["extra"]["field"] == "email"
    for c, owner in zip(cands, owners, strict=False):
        assert _ok(api.post(f"{vbase}/candidates/{c}/account/", {"email": owner.email},
                   format="json"))["user"] == owner.pk  # fmt: skip
    # Documents (별지 2), the checks, the ruling (Art. 44⑦: 1 yes is never a majority).
    for c in cands:
        _ok(api.post(f"{vbase}/candidates/{c}/documents/", {"kind": "fees_paid",
            "issued_on": today.isoformat()}, format="json"), 201)  # fmt: skip
        state = _ok(api.get(f"{vbase}/candidates/{c}/eligibility/"))
        assert state["documents"] and state["checks"]
        r = api.post(f"{vbase}/candidates/{c}/ruling/", {"eligible": True, "yes": 3},
                     format="json")  # fmt: skip
        pending = [ch for ch in state["checks"] if ch["outcome"] != "pass"]
        if pending:
            assert r.status_code == 400 and "적격이 아닌 항목" in r.json()["message"]
        for ch in pending:
            _ok(api.post(f"{vbase}/candidates/{c}/checks/", {"item": ch["item"],
                "outcome": "pass", "note": "위원회 확인"}, format="json"))  # fmt: skip
        r = api.post(f"{vbase}/candidates/{c}/ruling/", {"eligible": True, "yes": 1},
                     format="json")  # fmt: skip
        assert r.status_code == 400 and "Art. 44⑦" in r.json()["message"]
        ruled = _ok(api.post(f"{vbase}/candidates/{c}/ruling/", {"eligible": True, "yes": 3},
                    format="json"))  # fmt: skip
        assert ruled["status"] == "eligible"
    # A resident cannot rule.
    api.force_authenticate(owners[3])
    assert api.post(f"{vbase}/candidates/{cands[0]}/ruling/", {"eligible": False, "yes": 3},
                    format="json").status_code == 403  # fmt: skip

    # The roll is frozen at the announcement; each household gets its link and code by e-mail.
    api.force_authenticate(alpha.committee)
    assert _ok(api.post(f"{vbase}/announce/"))["roll_size"] == 10
    mail.outbox.clear()
    assert _ok(api.post(f"{vbase}/invitations/"))["sent"] == 10

    _shift(vote, open_now=True)
    choices = [cands[0], cands[0], cands[0], cands[1], cands[1]]
    receipts = []
    for unit, choice in zip(units[:5], choices, strict=True):
        token, code = _invitation(unit.label)
        receipts.append(_ok(api.post(f"{vbase}/ballots/", {"token": token, "code": code,
                        "choice": choice}, format="json"), 201)["receipt"])  # fmt: skip
    # The polling station: household 6 votes on paper; household 1 already voted online.
    assert _ok(api.post(f"{vbase}/paper-mark/", {"unit": units[5].pk}, format="json"))
    r = api.post(f"{vbase}/paper-mark/", {"unit": units[0].pk}, format="json")
    assert r.status_code == 400
    token, code = _invitation(units[5].label)
    r = api.post(f"{vbase}/ballots/", {"token": token, "code": code, "choice": cands[1]},
                 format="json")  # fmt: skip
    assert r.status_code == 400  # first recorded counts, the second is refused

    _shift(vote, closed=True)
    assert _ok(api.post(f"{vbase}/close/"))["state"] == "closed"
    _ok(api.post(f"{vbase}/paper-ballots/", {"counts": {f"c{cands[0]}": 1}}, format="json"))
    assert _ok(api.post(f"{vbase}/count/"))["state"] == "counted"
    result = _ok(api.get(f"{vbase}/result/"))
    assert result["cast"] == 6 and result["outcome"]["elected"] == [cands[0]]
    r = api.post(f"{vbase}/certify/", {"yes": 1}, format="json")
    assert r.status_code == 400  # Art. 44⑦: 1 yes is not a majority of the committee
    assert _ok(api.post(f"{vbase}/certify/", {"yes": 3}, format="json"))["state"] == "certified"
    pdf = api.get(f"{BASE}/votes/{vote}/certificates/{cands[0]}/pdf/")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"

    # The voter checks their receipt; the winner sits on the council (Art. 25②).
    api.force_authenticate(owners[0])
    assert _ok(api.post(f"{vbase}/receipt/", {"receipt": receipts[0]}, format="json"))["counted"]
    members = _ok(api.get("/api/v1/complexes/alpha/council/members/"))
    members = members["results"] if isinstance(members, dict) else members
    seated = [m for m in members if m["ward"] == ward.pk]
    assert [m["name"] for m in seated] == [owners[0].name]  # seated under the linked account


def test_candidate_account_link_on_the_page(alpha, as_user):
    """The committee links a candidate to the account of a resident of the candidate's unit on
    the candidate page (the same service as the API); another unit's resident is refused."""
    from elections.models import Candidate
    from tests.elections.helpers import ward_election

    ward, units = ward_of(alpha.complex, 4)
    _vote, (c1, _c2) = ward_election(alpha.complex, ward)
    stranger = resident(units[3], ResidentKind.OWNER, UserFactory(email="x@alpha.test"))
    client = as_user(alpha.committee)
    url = f"/c/alpha/elections/candidates/{c1.pk}/"
    Candidate.objects.filter(pk=c1.pk).update(user=None)
    client.post(url, {"form": "account", "email": stranger.email})
    assert Candidate.objects.get(pk=c1.pk).user_id is None
    owner = c1.user  # ward_election registered the owner of the unit
    client.post(url, {"form": "account", "email": owner.email})
    assert Candidate.objects.get(pk=c1.pk).user_id == owner.pk
    assert owner.email in client.get(url).content.decode()
