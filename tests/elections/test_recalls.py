"""Recalls (Art. 23): 1/10 written consent or a council resolution, a ≥ 5-day defence, grounds
and defence shown ≥ 10 days before a ward vote, suspension from the notice, the vote's own
threshold, a failed recall lifts the suspension, a vote not held within 30 days lapses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complexes.models import ResidentKind
from core.errors import ApplicationError
from elections import services
from elections.models import Recall
from residents.petitions.services import petition_paper_record, petition_sign
from tests.elections.helpers import cast_all, end_vote, open_vote, ward_of
from tests.factories import resident

TODAY = timezone.localdate


def _recall(alpha, ward, units, initiation="consent"):
    return services.recall_file(
        complex=alpha.complex,
        office="ward_rep",
        subject_name="오대표",
        subject_unit=units[0],
        ward=ward,
        grounds=["absence"],
        grounds_text="3회 연속 무단 불참",
        evidence_summary="회의록 3건",
        initiation=initiation,
        council_resolution="제12차 회의" if initiation == "council" else "",
    )


@pytest.mark.django_db
def test_ward_recall_consent_threshold_is_one_tenth_of_the_ward(alpha):
    """Art. 23②: ≥ 1/10 of the ward's households — 21 households → 3 consents, each a resident
    of the ward signing from their own account (the recall's petition); a second account of a
    household that consented is refused, a household outside the ward too; 2 → still
    collecting, the 3rd → the committee receives the request (once)."""
    ward, units = ward_of(alpha.complex, 21)
    r = _recall(alpha, ward, units)
    assert services.recall_consent_needed(r) == 3
    assert r.petition.threshold == 3 and r.petition.ward_id == ward.pk
    signers = [resident(u, ResidentKind.LESSEE) for u in units[1:5]]

    def consent(user, unit):
        petition_sign(petition=r.petition, user=user, unit=unit)

    consent(signers[0], units[1])
    with pytest.raises(ApplicationError, match="이미 서명"):
        consent(resident(units[1], ResidentKind.OWNER), units[1])
    with pytest.raises(ApplicationError, match="세대의 입주자등만"):
        consent(alpha.owner, alpha.unit)
    consent(signers[1], units[2])
    r.refresh_from_db()
    assert r.state == "collecting"
    consent(signers[2], units[3])
    r.refresh_from_db()
    assert r.state == "defence" and r.requested_on == TODAY()
    assert r.defence_due == TODAY() + timedelta(days=5)
    with pytest.raises(ApplicationError, match="이미 필요한 서명"):
        consent(signers[3], units[4])


@pytest.mark.django_db
def test_recall_paper_consent_names_unit_and_principal(alpha):
    """Art. 23② 서면동의서: each consent names the 동·호 and, when a proxy signed, the
    principal; the office records the paper with its scan, the principal must be on the
    register of that unit."""
    from tests.residents.petition_helpers import household, scan

    ward, units = ward_of(alpha.complex, 10)
    _, occupancy = household(units[1], alpha.manager, name="최본인", account=False)
    r = _recall(alpha, ward, units)
    with pytest.raises(ApplicationError, match="최본인"):
        petition_paper_record(
            petition=r.petition,
            scan=scan(),
            signers=f"301,{units[1].number},최대리,최본인아님",
            by=alpha.manager,
        )
    result = petition_paper_record(
        petition=r.petition,
        scan=scan(),
        signers=f"301동,{units[1].number}호,최대리,최본인",
        by=alpha.manager,
    )
    assert result["added"] == 1
    signature = r.petition.signatures.get()
    assert (signature.signer_name, signature.proxy_for) == ("최대리", "최본인")
    assert signature.occupancy_id == occupancy.pk and signature.paper.scan
    r.refresh_from_db()
    assert r.state == "defence"


@pytest.mark.django_db
def test_recall_requires_grounds_and_evidence(alpha):
    ward, units = ward_of(alpha.complex, 4)
    with pytest.raises(ApplicationError, match="증거"):
        services.recall_file(
            complex=alpha.complex,
            office="ward_rep",
            subject_name="x",
            subject_unit=units[0],
            ward=ward,
            grounds=["law"],
            grounds_text="x",
            initiation="consent",
        )
    with pytest.raises(ApplicationError, match="23①"):
        services.recall_file(
            complex=alpha.complex,
            office="ward_rep",
            subject_name="x",
            subject_unit=units[0],
            ward=ward,
            grounds=["dislike"],
            grounds_text="x",
            evidence_summary="e",
            initiation="consent",
        )


@pytest.mark.django_db
def test_ward_recall_schedule_suspension_and_failed_vote_lifts_it(alpha):
    """Art. 23③④⑤: council-initiated; the vote waits for the defence; grounds and defence
    public ≥ 10 days before the vote; suspended from the notice; 40 households, 21 vote, 10 yes
    → rejected and the suspension lifted."""
    ward, units = ward_of(alpha.complex, 40)
    r = _recall(alpha, ward, units, initiation="council")
    assert r.state == "defence"
    now = timezone.now()
    with pytest.raises(ApplicationError, match="소명 기한"):
        services.recall_schedule_vote(
            recall=r, opens_at=now + timedelta(days=12), closes_at=now + timedelta(days=13)
        )
    services.recall_defence_submit(recall=r, text="불참 사유는 입원이었습니다.")
    with pytest.raises(ApplicationError, match="10일 전"):
        services.recall_schedule_vote(
            recall=r, opens_at=now + timedelta(days=9), closes_at=now + timedelta(days=10)
        )
    with pytest.raises(ApplicationError, match="30일"):
        services.recall_schedule_vote(
            recall=r, opens_at=now + timedelta(days=20), closes_at=now + timedelta(days=31)
        )
    vote = services.recall_schedule_vote(
        recall=r, opens_at=now + timedelta(days=11), closes_at=now + timedelta(days=12)
    )
    r.refresh_from_db()
    assert r.state == "voting" and r.suspended and vote.roll_size == 40
    vote = open_vote(vote)
    entries = list(vote.roll.all())
    cast_all(vote, entries[:21], [{"answer": "yes"}] * 10 + [{"answer": "no"}] * 11)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    services.vote_certify(vote=vote, yes=2)
    r.refresh_from_db()
    assert r.state == "rejected" and not r.suspended and "해제" in r.state_note


@pytest.mark.django_db
def test_ward_recall_passes_with_majority_of_voters(alpha):
    ward, units = ward_of(alpha.complex, 40)
    r = _recall(alpha, ward, units, initiation="council")
    services.recall_defence_submit(recall=r, text="소명")
    now = timezone.now()
    vote = open_vote(
        services.recall_schedule_vote(
            recall=r, opens_at=now + timedelta(days=11), closes_at=now + timedelta(days=12)
        )
    )
    cast_all(vote, list(vote.roll.all()[:21]), [{"answer": "yes"}] * 11 + [{"answer": "no"}] * 10)
    end_vote(vote)
    services.vote_close(vote=vote)
    services.vote_count(vote=vote)
    services.vote_certify(vote=vote, yes=2)
    r.refresh_from_db()
    assert r.state == "recalled"


@pytest.mark.django_db
def test_recall_not_voted_within_30_days_lapses_and_is_recorded(alpha):
    """Precise rule 5: the request lapses after 30 days without a vote; the lapse is recorded."""
    ward, units = ward_of(alpha.complex, 10)
    r = _recall(alpha, ward, units, initiation="council")
    assert not services.recall_lapse(recall=r, on=TODAY() + timedelta(days=30))
    assert services.recall_lapse(recall=r, on=TODAY() + timedelta(days=31))
    r.refresh_from_db()
    assert r.state == Recall.State.LAPSED and "30일" in r.state_note


@pytest.mark.django_db
def test_recall_pages_consent_and_defence(alpha, as_user):
    ward, units = ward_of(alpha.complex, 9)
    ward.units.add(alpha.unit)  # the owner's unit is in the ward: 10 households → 1 consent
    r = _recall(alpha, ward, units)
    c = as_user(alpha.owner)
    page = c.get(f"/c/alpha/elections/recalls/{r.pk}/").content.decode()
    assert f"/c/alpha/petitions/{r.petition.pk}/" in page and "0 / 1세대" in page
    page = c.get(f"/c/alpha/petitions/{r.petition.pk}/").content.decode()
    assert "이 요청에 서명합니다" in page
    c.post(f"/c/alpha/petitions/{r.petition.pk}/sign/", {"unit": alpha.unit.pk})
    r.refresh_from_db()
    assert r.state == "defence"
    r.subject_user = alpha.council
    r.save()
    c = as_user(alpha.council)
    c.post(f"/c/alpha/elections/recalls/{r.pk}/", {"form": "defence", "defence": "사실과 다릅니다"})
    r.refresh_from_db()
    assert r.defence == "사실과 다릅니다"
