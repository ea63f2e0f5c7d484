"""One object of each elections model in a tenant's complex, with "ALPHA"-style markers, for the
tenancy walk (tests/test_tenancy_walk.py)."""

from datetime import date, timedelta

from django.utils import timezone

from complexes.models import Ward
from elections import services
from elections.models import (
    Ballot,
    Candidate,
    CandidateDocument,
    CommitteeDecision,
    CommitteeMember,
    Kinship,
    Lottery,
    Recall,
    Recruitment,
)


def populate(tenant):
    c = tenant.complex
    marker = c.slug.upper()
    services.settings_for(c)
    ward = Ward.objects.create(complex=c, name=f"{marker} 선거구")
    ward.units.add(tenant.unit, tenant.lessee_unit)
    today = timezone.localdate()
    CommitteeMember.objects.create(
        complex=c,
        name=f"{marker} 위원",
        unit=tenant.lessee_unit,
        term_start=today,
        term_end=today + timedelta(days=730),
    )
    Recruitment.objects.create(
        complex=c,
        posted_on=today,
        deadline=today + timedelta(days=7),
        seats=3,
        lottery_at=timezone.now() + timedelta(days=8),
        place=f"{marker} 관리사무소",
    )
    now = timezone.now()
    vote = services.vote_create(
        complex=c,
        kind="ward_rep",
        title=f"{marker} 동별 대표자 선거",
        ward=ward,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=3),
        term_start=today + timedelta(days=90),
        generation=3,
    )
    services.vote_announce(vote=vote)
    cand = services.candidate_register(
        vote=vote,
        unit=tenant.unit,
        name=f"{marker} 후보",
        birth_date=date(1970, 1, 1),
        kin=[{"name": f"{marker} 배우자", "relation": "spouse"}],
        statement=f"{marker} 공약",
    )
    CandidateDocument.objects.create(complex=c, candidate=cand, kind="property", issued_on=today)
    Candidate.objects.filter(pk=cand.pk).update(status="eligible")
    CommitteeDecision.objects.create(
        complex=c, vote=vote, subject=f"{marker} 결정", seats=3, yes=2, passed=True
    )
    Lottery.objects.create(
        complex=c, vote=vote, tied=[{"id": cand.pk, "name": marker}], drawn_order=[cand.pk]
    )
    Ballot.objects.create(complex=c, vote=vote, marks={"choice": cand.pk}, receipt_hash=marker)
    recall = Recall.objects.create(
        complex=c,
        office="ward_rep",
        subject_name=f"{marker} 대표",
        subject_unit=tenant.unit,
        ward=ward,
        grounds=["absence"],
        grounds_text=f"{marker} 사유",
        initiation="consent",
    )
    from residents.models import Petition, PetitionSignature

    petition = Petition.objects.create(
        complex=c,
        kind="recall",
        rule="households",
        threshold=1,
        roll_size=2,
        title=f"{marker} 해임 요청",
        summary=f"{marker} 사유",
        target_id=recall.pk,
        representative_name=marker,
        started_at=timezone.now(),
    )
    Recall.objects.filter(pk=recall.pk).update(petition=petition)
    PetitionSignature.objects.create(
        complex=c,
        petition=petition,
        channel="online",
        key=f"u{tenant.lessee_unit.pk}",
        unit=tenant.lessee_unit,
        signer_name=marker,
        user=tenant.lessee,
        signed_at=timezone.now(),
    )
    assert Kinship.objects.filter(complex=c).exists()
