"""Art. 61: a change of the management method proposed in writing by 1/10 of the residents is
decided by more than half of all households — the committee gets the vote (once) only when the
proposal reaches ⌈households/10⌉ distinct households (residents/petitions)."""

import pytest
from django.utils import timezone

from complexes.models import ResidentKind
from core.errors import ApplicationError
from elections.models import Vote, VoteKind, VoteState
from residents.petitions.services import petition_sign
from tests.elections.helpers import add_units
from tests.factories import resident

API = "/api/v1/complexes/alpha"


@pytest.mark.django_db
def test_method_vote_starts_at_one_tenth_of_households(alpha, api):
    units = add_units(alpha.complex, 19)  # + alpha's 2 units = 21 households → 3
    signers = [(resident(u, ResidentKind.LESSEE), u) for u in units[:4]]
    api.force_authenticate(signers[0][0])
    r = api.post(
        f"{API}/petitions/",
        {"kind": "management_method", "representative_name": "대표인", "reason": "관리비 절감"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["roll_size"], body["threshold"]) == (21, 3)
    assert "자치관리 → 위탁관리" in body["title"]
    from residents.models import Petition

    petition = Petition.objects.get(pk=body["id"])
    for user, unit in signers[:2]:
        petition_sign(petition=petition, user=user, unit=unit)
    assert not Vote.objects.filter(kind=VoteKind.MANAGEMENT_METHOD).exists()
    petition_sign(petition=petition, user=signers[2][0], unit=signers[2][1])
    vote = Vote.objects.get(kind=VoteKind.MANAGEMENT_METHOD)
    assert vote.state == VoteState.DRAFT and vote.rule == "all_majority"
    assert vote.requested_on == timezone.localdate()
    assert "위탁관리" in vote.question
    petition.refresh_from_db()
    assert petition.status == "reached" and f"#{vote.pk}" in petition.outcome
    with pytest.raises(ApplicationError, match="이미 필요한 서명"):
        petition_sign(petition=petition, user=signers[3][0], unit=signers[3][1])
    assert Vote.objects.filter(kind=VoteKind.MANAGEMENT_METHOD).count() == 1


@pytest.mark.django_db
def test_committee_sees_signers_of_a_method_proposal_council_does_not(alpha, api):
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{API}/petitions/",
        {"kind": "management_method", "representative_name": "대표인", "reason": "관리비 절감"},
        format="json",
    )
    pk = r.json()["id"]
    for user, sees in ((alpha.committee, True), (alpha.council, False), (alpha.manager, True)):
        api.force_authenticate(user)
        assert (api.get(f"{API}/petitions/{pk}/").json()["signers"] is not None) == sees
