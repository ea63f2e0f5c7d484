"""The API end to end: a direct auditor election (영 12조: candidates ≤ seats, each needs more
than half yes) with electronic and paper ballots; candidates; the committee; a recall with
consent collection and defence (Art. 23)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from elections import services
from elections.models import Candidate, Vote
from tests.elections.helpers import add_units


@pytest.mark.django_db
def test_auditor_election_through_the_api(alpha, api):
    cfg = services.settings_for(alpha.complex)
    cfg.direct_election_adopted = True  # Art. 21 (alpha has under 500 households)
    cfg.save()
    units = add_units(alpha.complex, 8)  # 10 households → at least 1 must vote (1/10)
    api.force_authenticate(alpha.committee)
    now = timezone.now()
    r = api.post(
        "/api/v1/complexes/alpha/elections/votes/",
        {
            "kind": "auditor",
            "title": "감사 선거",
            "seats": 2,
            "opens_at": (now + timedelta(days=3)).isoformat(),
            "closes_at": (now + timedelta(days=4)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    vote_id = r.json()["id"]
    base = f"/api/v1/complexes/alpha/elections/votes/{vote_id}"
    for i, name in enumerate(["감사갑", "감사을"]):
        r = api.post(
            f"{base}/candidates/",
            {"unit": units[i].pk, "name": name, "birth_date": "1965-01-01", "statement": "공정"},
            format="json",
        )
        assert r.status_code == 201, r.json()
    assert api.post(f"{base}/announce/").json()["roll_size"] == 10
    Candidate.objects.filter(vote_id=vote_id).update(status="eligible")
    Vote.objects.filter(pk=vote_id).update(
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=1)
    )
    vote = Vote.objects.get(pk=vote_id)
    c1, c2 = vote.candidates.order_by("number")
    entries = list(vote.roll.order_by("pk"))
    for e in entries[:3]:
        code = services.invitation_issue(entry=e)
        r = api.post(
            f"{base}/ballots/",
            {"token": e.token, "code": code, "approvals": {str(c1.id): "yes", str(c2.id): "no"}},
            format="json",
        )
        assert r.status_code == 201, r.json()
    r = api.post(f"{base}/paper-mark/", {"unit": entries[3].unit_id}, format="json")
    assert r.status_code == 200
    assert (
        api.post(f"{base}/paper-mark/", {"unit": entries[0].unit_id}, format="json").status_code
        == 400
    )
    assert (
        api.post(f"{base}/paper-ballots/", {"counts": {"valid": 1}}, format="json").status_code
        == 400
    )  # before close
    Vote.objects.filter(pk=vote_id).update(
        closes_at=now - timedelta(minutes=1), opens_at=now - timedelta(hours=1)
    )
    assert api.post(f"{base}/close/").json()["state"] == "closed"
    r = api.post(f"{base}/paper-ballots/", {"counts": {"valid": 1, f"c{c1.id}": 2}}, format="json")
    assert r.status_code == 400 and "유효 투표지" in r.json()["message"]
    r = api.post(
        f"{base}/paper-ballots/",
        {"counts": {"valid": 1, f"c{c1.id}": 1, f"c{c2.id}": 1}},
        format="json",
    )
    assert r.status_code == 200
    assert api.post(f"{base}/count/").json()["state"] == "counted"
    result = api.get(f"{base}/result/").json()
    # 4 voted; 감사갑 4 yes (> 2), 감사을 1 yes → only 감사갑 elected (too few auditors → Art. 20).
    assert result["cast"] == 4 and result["outcome"]["elected"] == [c1.id]
    assert "Art. 20" in result["fallback"]
    assert api.post(f"{base}/certify/", {"yes": 2}, format="json").json()["state"] == "certified"
    pdf = api.get(f"/api/v1/complexes/alpha/elections/votes/{vote_id}/certificates/{c1.id}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    api.force_authenticate(alpha.owner)
    assert api.get(f"{base}/result/").status_code == 200  # published after certification
    names = [c["name"] for c in api.get(f"{base}/candidates/").json()["results"]]
    assert names == ["감사갑", "감사을"]
    assert "birth_date" not in api.get(f"{base}/candidates/").json()["results"][0]


@pytest.mark.django_db
def test_committee_and_recall_through_the_api(alpha, api):
    api.force_authenticate(alpha.committee)
    r = api.post(
        "/api/v1/complexes/alpha/elections/committee/",
        {
            "name": "위원갑",
            "unit": alpha.lessee_unit.pk,
            "position": "chair",
            "term_start": str(date(2026, 1, 1)),
        },
        format="json",
    )
    assert r.status_code == 201 and r.json()["term_end"] == "2027-12-31"
    api.force_authenticate(alpha.owner)
    assert (
        api.post(
            "/api/v1/complexes/alpha/elections/committee/",
            {"name": "x", "term_start": "2026-01-01"},
            format="json",
        ).status_code
        == 403
    )
    r = api.post(
        "/api/v1/complexes/alpha/elections/recalls/",
        {
            "office": "chair",
            "subject_name": "회장님",
            "subject_unit": alpha.lessee_unit.pk,
            "grounds": ["bribe"],
            "grounds_text": "업체 금품 수수",
            "evidence_summary": "계좌 내역",
            "initiation": "consent",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    recall_id = r.json()["id"]
    r = api.post(
        f"/api/v1/complexes/alpha/elections/recalls/{recall_id}/consent/",
        {"unit": alpha.unit.pk},
        format="json",
    )
    assert (
        r.status_code == 200 and r.json()["state"] == "defence"
    )  # 2 households → 1 consent is 1/10
    r = api.post(
        f"/api/v1/complexes/alpha/elections/recalls/{recall_id}/consent/",
        {"unit": alpha.lessee_unit.pk},
        format="json",
    )
    assert r.status_code == 400  # not the user's own unit
    r = api.post(
        f"/api/v1/complexes/alpha/elections/recalls/{recall_id}/defence/",
        {"defence": "x"},
        format="json",
    )
    assert r.status_code == 403  # only the subject or the committee
    api.force_authenticate(alpha.committee)
    r = api.post(
        f"/api/v1/complexes/alpha/elections/recalls/{recall_id}/defence/",
        {"defence": "서면 소명서 접수"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["defence"] == "서면 소명서 접수"
