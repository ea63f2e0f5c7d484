"""Art. 26③: a request to convene by 1/3 of the members names its signers — real reps, each
seated and not suspended, counted (3 × signers ≥ membership; 40-council.md precise rule 1)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from council import services
from council.models import ConveneRequest, SuspensionReason
from tests.council.helpers import make_council

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complexes/alpha/council/convene-requests"


def _create(alpha, signers):
    return services.convene_request_create(
        complex=alpha.complex,
        requester=ConveneRequest.Requester.MEMBERS,
        reason="관리비 집행 점검",
        received_on=timezone.localdate(),
        signers=signers,
    )


def test_one_third_of_seven_is_three_signers(alpha):
    """Membership 7 → 3 signers (3 × 3 ≥ 7); 2 are refused with the number needed."""
    _, reps = make_council(alpha.complex, seats=7, seated=7)
    with pytest.raises(ApplicationError, match="3명 필요"):
        _create(alpha, reps[:2])
    req = _create(alpha, reps[:3])
    assert req.signers.count() == 3


def test_suspended_rep_cannot_join_but_stays_in_the_membership(alpha):
    """Rule 1: a suspended rep cannot sign (the membership still counts them: 6 → 2 needed);
    an officer-only suspension (Art. 23⑦) does not stop a rep signing."""
    today = timezone.localdate()
    _, reps = make_council(alpha.complex, seats=6, seated=6)
    services.representative_suspend(
        representative=reps[0], reason=SuspensionReason.ETHICS, starts_on=today
    )
    services.representative_suspend(
        representative=reps[1], reason=SuspensionReason.OFFICE, starts_on=today
    )
    with pytest.raises(ApplicationError, match="직무정지"):
        _create(alpha, reps[:2])
    assert _create(alpha, reps[1:3]).signers.count() == 2


def test_members_request_through_the_api(alpha, beta, api):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    api.force_authenticate(alpha.manager)
    body = {"requester": "members", "reason": "긴급 안건", "received_on": str(timezone.localdate())}
    r = api.post(f"{BASE}/", {**body, "signer_ids": []}, format="json")
    assert r.status_code == 400 and r.json()["extra"]["needed"] == 1
    r = api.post(f"{BASE}/", {**body, "signer_ids": [reps[0].pk]}, format="json")
    assert r.status_code == 201 and r.json()["signers"][0]["name"] == reps[0].name
    old = {**body, "received_on": str(timezone.localdate() - timedelta(days=3650))}
    r = api.post(f"{BASE}/", {**old, "signer_ids": [reps[0].pk]}, format="json")
    assert r.status_code == 400 and "임기 중" in r.json()["message"]
    api.force_authenticate(reps[1].user)
    assert api.get(f"{BASE}/").json()["results"][0]["signers_count"] == 1
    assert api.post(f"{BASE}/", body, format="json").status_code == 403
    api.force_authenticate(beta.manager)
    assert api.get(f"{BASE}/").status_code == 404
