"""Issue [4/9]: scheduling a recall vote and the consent signers through the API (Art. 23)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complexes.models import ResidentKind
from council import selectors as council_selectors
from council import services as council_services
from council.models import Representative
from tests.elections.helpers import ward_of
from tests.factories import UserFactory, resident

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/alpha/elections/recalls"


def test_recall_signers_and_schedule_vote_through_the_api(alpha, beta, api):
    """Art. 23②: 1/10 of the ward's 10 households consent (1 signer); the office and the
    committee see who signed, a resident only the count. Art. 23③④: the committee schedules the
    vote after the defence (≥ 10 days' publication); the rep — seated without a unit — is
    suspended from the notice (found by the seat)."""
    today = timezone.localdate()
    ward, units = ward_of(alpha.complex, 10)
    rep = council_services.representative_seat(
        complex=alpha.complex, ward=ward, user_or_name="오대표", term_start=today - timedelta(60)
    )
    signer = resident(units[4], ResidentKind.OWNER, UserFactory(email="sign@alpha.test"))
    api.force_authenticate(signer)
    recall = api.post(
        f"{BASE}/",
        {"office": "ward_rep", "subject_name": "오대표", "subject_unit": units[0].pk,
         "ward": ward.pk, "grounds": ["absence"], "grounds_text": "3회 연속 불참",
         "evidence_summary": "회의록", "initiation": "consent"},
        format="json",
    )  # fmt: skip
    assert recall.status_code == 201, recall.json()
    rid = recall.json()["id"]
    r = api.post(f"{BASE}/{rid}/consent/", {"unit": units[4].pk}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "defence"
    assert api.get(f"{BASE}/{rid}/signers/").status_code == 403  # a resident: the count only
    api.force_authenticate(alpha.committee)
    signers = api.get(f"{BASE}/{rid}/signers/").json()
    assert [s["unit"] for s in signers] == [units[4].pk]
    now = timezone.now()
    r = api.post(f"{BASE}/{rid}/schedule-vote/", {"opens_at": (now + timedelta(days=12)).isoformat(),
                 "closes_at": (now + timedelta(days=13)).isoformat()}, format="json")  # fmt: skip
    assert r.status_code == 400 and "소명" in r.json()["message"]  # the defence comes first
    api.post(f"{BASE}/{rid}/defence/", {"defence": "입원"}, format="json")
    r = api.post(f"{BASE}/{rid}/schedule-vote/", {"opens_at": (now + timedelta(days=5)).isoformat(),
                 "closes_at": (now + timedelta(days=6)).isoformat()}, format="json")  # fmt: skip
    assert r.status_code == 400 and "10일" in r.json()["message"]
    r = api.post(f"{BASE}/{rid}/schedule-vote/", {"opens_at": (now + timedelta(days=12)).isoformat(),
                 "closes_at": (now + timedelta(days=13)).isoformat()}, format="json")  # fmt: skip
    assert r.status_code == 201 and r.json()["state"] == "voting"
    rep = Representative.objects.get(pk=rep.pk)
    assert council_selectors.is_suspended(representative=rep, day=today)
    api.force_authenticate(signer)
    assert api.post(f"{BASE}/{rid}/schedule-vote/", {}, format="json").status_code == 403
    api.force_authenticate(beta.committee)
    assert api.get(f"{BASE}/{rid}/signers/").status_code == 404
