"""The committee (Arts. 44–45) and candidate eligibility (영 11조③, Art. 45②, Art. 18, 별지 2)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from complexes.models import ResidentKind
from core.errors import ApplicationError
from elections import services
from elections.models import CommitteeMember, EligibilityCheck, VoteKind
from tests.elections.helpers import future_window, ward_of
from tests.factories import UserFactory, resident

TODAY = timezone.localdate


def _vote(complex_, ward, **kw):
    opens, closes = future_window()
    vote = services.vote_create(
        complex=complex_,
        kind=VoteKind.WARD_REP,
        title="선거",
        ward=ward,
        opens_at=opens,
        closes_at=closes,
        term_start=TODAY() + timedelta(days=90),
        **kw,
    )
    return services.vote_announce(vote=vote)


@pytest.mark.django_db
def test_committee_decision_needs_majority_of_full_size():
    """Art. 44⑦ (precise rule 9): 5 seats → 3 yes, even with only 4 members seated."""
    from tests.factories import ComplexFactory

    c = ComplexFactory()
    cfg = services.settings_for(c)
    cfg.committee_seats = 5
    cfg.save()
    assert not services.committee_decide(complex=c, subject="x", yes=2, no=0).passed
    assert services.committee_decide(complex=c, subject="x", yes=3, no=1).passed
    with pytest.raises(ApplicationError):
        services.committee_decide(complex=c, subject="x", yes=4, no=2)


@pytest.mark.django_db
def test_recruitment_notice_seven_days_or_three_if_urgent(alpha):
    """Art. 44②1: posted 7 days (3 if urgent) before the application deadline."""
    d = date(2026, 3, 2)
    lottery = timezone.now().replace(year=2026, month=3, day=20)
    with pytest.raises(ApplicationError, match="7일"):
        services.recruitment_post(
            complex=alpha.complex,
            posted_on=d,
            deadline=d + timedelta(days=6),
            seats=3,
            lottery_at=lottery,
        )
    services.recruitment_post(
        complex=alpha.complex,
        posted_on=d,
        deadline=d + timedelta(days=7),
        seats=3,
        lottery_at=lottery,
    )
    services.recruitment_post(
        complex=alpha.complex,
        posted_on=d,
        deadline=d + timedelta(days=3),
        seats=3,
        lottery_at=lottery,
        urgent=True,
    )


@pytest.mark.django_db
def test_recommendation_only_after_two_failed_calls_and_in_order(alpha):
    """Art. 44③: after 2 open calls failed, the chair appoints recommended members, one per
    recommender, in the listed order (council chair, 통장, 노인회, 부녀회)."""
    lottery = timezone.now() + timedelta(days=10)
    kwargs = dict(
        complex=alpha.complex, unit=alpha.unit, term_start=TODAY(), route="recommendation"
    )
    with pytest.raises(ApplicationError, match="2회 이상"):
        services.committee_member_add(name="가", recommended_by="입주자대표회의 회장", **kwargs)
    for _ in range(2):
        r = services.recruitment_post(
            complex=alpha.complex,
            posted_on=TODAY(),
            deadline=TODAY() + timedelta(days=7),
            seats=3,
            lottery_at=lottery,
        )
        services.recruitment_close(recruitment=r, applicants=1)
    with pytest.raises(ApplicationError, match="순서"):
        services.committee_member_add(name="나", recommended_by="통장", **kwargs)
    services.committee_member_add(name="가", recommended_by="입주자대표회의 회장", **kwargs)
    services.committee_member_add(name="나", recommended_by="통장", **kwargs)


@pytest.mark.django_db
def test_committee_size_and_one_reappointment(alpha):
    """Art. 44① (size) and Art. 45① (2 years, one consecutive reappointment)."""
    start = date(2022, 1, 1)
    m = services.committee_member_add(
        complex=alpha.complex, name="박위원", unit=alpha.unit, term_start=start
    )
    assert m.term_end == date(2023, 12, 31)
    services.committee_member_end(member=m, status=CommitteeMember.Status.ENDED)
    m2 = services.committee_member_add(
        complex=alpha.complex, name="박위원", unit=alpha.unit, term_start=date(2024, 1, 1)
    )
    assert m2.reappointment
    services.committee_member_end(member=m2, status=CommitteeMember.Status.ENDED)
    with pytest.raises(ApplicationError, match="한 번만 연임"):
        services.committee_member_add(
            complex=alpha.complex, name="박위원", unit=alpha.unit, term_start=date(2026, 1, 1)
        )
    for i in range(3):  # < 500 households → 3 seats by default
        services.committee_member_add(
            complex=alpha.complex, name=f"위원{i}", unit=alpha.unit, term_start=TODAY()
        )
    with pytest.raises(ApplicationError, match="정원"):
        services.committee_member_add(
            complex=alpha.complex, name="넷째", unit=alpha.unit, term_start=TODAY()
        )


@pytest.mark.django_db
def test_committee_member_cannot_stand_and_candidate_kin_loses_committee_seat(alpha):
    """Art. 45②2–3: a committee member cannot stand; a candidate's spouse or lineal relative
    cannot sit on the committee (the seat is lost); nor can a candidate join the committee."""
    ward, units = ward_of(alpha.complex, 10)
    vote = _vote(alpha.complex, ward)
    services.committee_member_add(
        complex=alpha.complex, name="최위원", unit=units[0], term_start=TODAY()
    )
    spouse = services.committee_member_add(
        complex=alpha.complex, name="한배우", unit=units[1], term_start=TODAY()
    )
    with pytest.raises(ApplicationError, match="선거관리위원은 후보자가 될 수 없습니다"):
        services.candidate_register(
            vote=vote, unit=units[0], name="최위원", birth_date=date(1960, 1, 1)
        )
    services.candidate_register(
        vote=vote,
        unit=units[1],
        name="한후보",
        birth_date=date(1960, 1, 1),
        kin=[{"name": "한배우", "relation": "spouse"}],
    )
    spouse.refresh_from_db()
    assert spouse.status == "disqualified" and "Art. 45②3" in spouse.status_reason
    with pytest.raises(ApplicationError, match="45②3"):
        services.committee_member_add(
            complex=alpha.complex, name="한배우", unit=units[1], term_start=TODAY()
        )
    with pytest.raises(ApplicationError, match="45②2"):
        services.committee_member_add(
            complex=alpha.complex, name="한후보", unit=units[1], term_start=TODAY()
        )


@pytest.mark.django_db
def test_candidate_checks_ward_ownership_arrears_documents_and_one_per_unit(alpha):
    """영 11조①③, 별지 2, precise rule 7, Art. 10."""
    ward, units = ward_of(alpha.complex, 10)
    vote = _vote(alpha.complex, ward)
    owner = UserFactory(name="정소유")
    resident(units[2], ResidentKind.OWNER, owner)
    c = services.candidate_register(
        vote=vote, unit=units[2], name="정소유", birth_date=date(1970, 5, 5), user=owner
    )
    checks = {ch.item: ch for ch in c.checks.all()}
    assert checks["ward_owner"].outcome == "pass"
    assert checks["arrears"].outcome == "pass"  # fees ledger: no issued bills → 0 months
    assert checks["fees_paid"].outcome == "pass"
    assert checks["committee"].outcome == "pass"
    assert checks["documents"].outcome == "pending"
    assert any(k.startswith("disq:") and v.outcome == "pending" for k, v in checks.items())
    services.candidate_document_add(
        candidate=c, kind="property", issued_on=vote.announce_on - timedelta(days=1)
    )
    services.candidate_document_add(candidate=c, kind="resident_reg", issued_on=vote.announce_on)
    assert c.checks.get(item="documents").outcome == "fail"  # issued before the announcement
    with pytest.raises(ApplicationError, match="적격이 아닌"):
        services.candidate_rule(candidate=c, eligible=True, yes=3)
    with pytest.raises(ApplicationError, match=r"Art\. 10"):
        services.candidate_register(
            vote=vote, unit=units[2], name="정둘째", birth_date=date(1990, 1, 1)
        )
    outsider_unit = alpha.unit  # not in the ward
    o = services.candidate_register(
        vote=vote, unit=outsider_unit, name="밖사람", birth_date=date(1980, 1, 1)
    )
    assert o.checks.get(item="ward_owner").outcome == "fail"


@pytest.mark.django_db
def test_candidate_ruled_eligible_by_committee_majority(alpha):
    ward, units = ward_of(alpha.complex, 10)
    vote = _vote(alpha.complex, ward)
    c = services.candidate_register(
        vote=vote, unit=units[3], name="임후보", birth_date=date(1970, 1, 1)
    )
    for ch in c.checks.exclude(outcome="pass"):
        services.eligibility_record(
            candidate=c, item=ch.item, outcome=EligibilityCheck.Outcome.PASS, note="확인"
        )
    with pytest.raises(ApplicationError, match=r"Art\. 44⑦"):
        services.candidate_rule(candidate=c, eligible=True, yes=1)
    services.candidate_rule(candidate=c, eligible=True, yes=2)
    c.refresh_from_db()
    assert c.status == "eligible"


@pytest.mark.django_db
def test_registration_only_within_the_period(alpha):
    """Art. 25①3: candidates register during the announced period."""
    ward, units = ward_of(alpha.complex, 10)
    vote = _vote(
        alpha.complex,
        ward,
        registration_start=TODAY() + timedelta(days=1),
        registration_end=TODAY() + timedelta(days=1),
    )
    with pytest.raises(ApplicationError, match="후보 등록 기간"):
        services.candidate_register(
            vote=vote, unit=units[0], name="늦은", birth_date=date(1970, 1, 1)
        )


@pytest.mark.django_db
def test_ward_announcement_sixty_days_before_term(alpha):
    """Art. 25①: announced at least 60 days before the terms end (by-elections excepted)."""
    ward, _ = ward_of(alpha.complex, 4)
    opens, closes = future_window()
    with pytest.raises(ApplicationError, match="60일"):
        services.vote_create(
            complex=alpha.complex,
            kind=VoteKind.WARD_REP,
            title="x",
            ward=ward,
            opens_at=opens,
            closes_at=closes,
            term_start=TODAY() + timedelta(days=59),
        )
    services.vote_create(
        complex=alpha.complex,
        kind=VoteKind.WARD_REP,
        title="x",
        ward=ward,
        opens_at=opens,
        closes_at=closes,
        term_start=TODAY() + timedelta(days=59),
        by_election=True,
    )


@pytest.mark.django_db
def test_direct_election_of_chair_needs_500_households_or_adoption(alpha):
    """영 12조, Art. 21: under 500 households the council elects, unless direct election was
    adopted by the residents."""
    opens, closes = future_window()
    with pytest.raises(ApplicationError, match=r"Art\. 21"):
        services.vote_create(
            complex=alpha.complex,
            kind=VoteKind.CHAIR,
            title="회장",
            opens_at=opens,
            closes_at=closes,
        )
    cfg = services.settings_for(alpha.complex)
    cfg.direct_election_adopted = True
    cfg.save()
    services.vote_create(
        complex=alpha.complex, kind=VoteKind.CHAIR, title="회장", opens_at=opens, closes_at=closes
    )


@pytest.mark.django_db
def test_fees_paid_certificate_is_issued_from_the_ledger(alpha, as_user, tmp_path):
    """별지 2 구비서류 3: issued by the office from the fee ledger; filed with the documents."""
    import subprocess

    ward, units = ward_of(alpha.complex, 4)
    vote = _vote(alpha.complex, ward)
    c = services.candidate_register(
        vote=vote, unit=units[0], name="완납인", birth_date=date(1970, 1, 1)
    )
    r = as_user(alpha.manager).get(f"/c/alpha/elections/candidates/{c.pk}/fees-paid/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    path = tmp_path / "f.pdf"
    path.write_bytes(r.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert (
        "확인서" in text
        and "모두 납부하였음" in text
        and "완납인" in text
        and units[0].label in text
    )
    assert c.documents.filter(kind="fees_paid").exists()
    assert (
        as_user(alpha.owner).get(f"/c/alpha/elections/candidates/{c.pk}/fees-paid/pdf/").status_code
        == 403
    )


@pytest.mark.django_db
def test_member_resigns_or_is_removed_after_explanation(alpha, as_user):
    """Art. 46②④: resignation on arrival; removal after ≥ 5 days to explain, by a majority of
    the full committee (3 seats → 2)."""
    a = services.committee_member_add(
        complex=alpha.complex, name="갑", unit=alpha.unit, term_start=TODAY()
    )
    b = services.committee_member_add(
        complex=alpha.complex, name="을", unit=alpha.unit, term_start=TODAY()
    )
    c = as_user(alpha.committee)
    c.post("/c/alpha/elections/committee/", {"form": "resign", "member": a.pk, "reason": "이사"})
    a.refresh_from_db()
    assert a.status == "resigned"
    r = c.post(
        "/c/alpha/elections/committee/",
        {
            "form": "remove",
            "member": b.pk,
            "reason": "특정 후보 선거운동 (Art. 46①3)",
            "explained_from": str(TODAY() - timedelta(days=4)),
            "yes": 2,
            "no": 0,
        },
        follow=True,
    )
    assert "5일 이상" in r.content.decode()
    c.post(
        "/c/alpha/elections/committee/",
        {
            "form": "remove",
            "member": b.pk,
            "reason": "특정 후보 선거운동 (Art. 46①3)",
            "explained_from": str(TODAY() - timedelta(days=5)),
            "yes": 2,
            "no": 0,
        },
    )
    b.refresh_from_db()
    assert b.status == "removed"
    with pytest.raises(ApplicationError, match="45②4"):
        services.committee_member_add(
            complex=alpha.complex, name="을", unit=alpha.unit, term_start=TODAY()
        )


@pytest.mark.django_db
def test_term_limit_proviso_only_after_two_announcements_without_candidates(alpha):
    """Art. 18① proviso (under 500 households, two announcements without a candidate)."""
    from elections.models import Vote

    ward, _ = ward_of(alpha.complex, 6)
    opens, closes = future_window()
    kwargs = dict(
        complex=alpha.complex,
        kind=VoteKind.WARD_REP,
        title="재선출",
        ward=ward,
        opens_at=opens,
        closes_at=closes,
        term_start=TODAY() + timedelta(days=90),
    )
    with pytest.raises(ApplicationError, match="2회의 선출공고"):
        services.vote_create(rule="ward_two_thirds", **kwargs)
    for _ in range(2):
        v = services.vote_create(**kwargs)
        Vote.objects.filter(pk=v.pk).update(
            state="counted", result={"candidates": [], "outcome": {}}
        )
    vote = services.vote_create(rule="ward_two_thirds", **kwargs)
    assert vote.rule == "ward_two_thirds"
