"""Residents' petitions (residents/petitions): a request that needs N distinct residents counts
only residents on the complex's roll, each once, signing from their own account or on a paper
petition the office records with its scan; the effect happens once, at the threshold.

The attacks of issue [1/9] are reproduced first: one lessee (and the committee account) filing a
"10 residents" reconsideration with ten made-up names (Art. 34①)."""

import threading

import pytest
from django.db import close_old_connections

from complexes.models import ResidentKind
from core.errors import ApplicationError
from council import services as council
from council.models import (
    AgendaItem,
    ConveneRequest,
    FilerKind,
    Reconsideration,
    ResolutionStatus,
)
from residents.models import Petition, PetitionSignature
from residents.petitions import services
from tests.council.helpers import held_meeting, make_council, vote_all
from tests.factories import UserFactory, resident
from tests.residents.petition_helpers import (
    add_units,
    household,
    registered_residents,
    scan,
)

API = "/api/v1/complexes/alpha"


def _resolution(alpha):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    _meeting, (item,) = held_meeting(alpha.complex, reps)
    vote_all(item, reps, ["yes"] * 3)
    return council.item_decide(item=item)


def _reconsideration_petition(alpha, resolution, by):
    return services.petition_start(
        complex=alpha.complex,
        kind="reconsideration",
        title="재심의 요청",
        summary="입찰 없이 수의계약",
        representative_name="대표인",
        by=by,
        target_id=resolution.pk,
        payload={"violation": "입찰 없이 수의계약 (제55조)", "proposal": "경쟁입찰로 다시 선정"},
    )


def _effective(resolution) -> bool:
    resolution.refresh_from_db()
    return resolution.status == ResolutionStatus.EFFECTIVE


# --- the attack: ten made-up names -------------------------------------------------------------


@pytest.mark.django_db
def test_a_lessee_typing_ten_names_no_longer_suspends_a_resolution(alpha, api):
    """Art. 34①: the old request body — a lessee's account naming ten residents — is refused
    with a clear message; the resolution stays in force and nothing is filed."""
    resolution = _resolution(alpha)
    api.force_authenticate(alpha.lessee)
    r = api.post(
        f"{API}/council/reconsiderations/",
        {"resolution": resolution.pk, "filer_kind": "residents", "representative_name": "대표인",
         "filer_names": "\n".join(f"주민{i}" for i in range(10)), "violation": "위반",
         "proposal": "재심의"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 400 and "10인" in r.json()["message"]
    assert _effective(resolution)
    assert not Reconsideration.objects.exists()
    with pytest.raises(ApplicationError, match="입주자 서명"):
        council.reconsideration_file(
            resolution=resolution,
            filer_kind=FilerKind.RESIDENTS,
            representative_name="대표인",
            violation="v",
            proposal="p",
        )
    assert _effective(resolution)


@pytest.mark.django_db
def test_the_committee_account_cannot_file_as_ten_residents(alpha, api, as_user):
    """The committee account is no resident: the page answers 403, the API's residents filing
    400, and it cannot start or sign a petition (403)."""
    resolution = _resolution(alpha)
    c = as_user(alpha.committee)
    assert c.get(f"/c/alpha/council/resolutions/{resolution.pk}/reconsider/").status_code == 403
    api.force_authenticate(alpha.committee)
    r = api.post(
        f"{API}/council/reconsiderations/",
        {"resolution": resolution.pk, "filer_kind": "residents", "representative_name": "위원",
         "violation": "위반", "proposal": "재심의"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 400
    r = api.post(
        f"{API}/petitions/",
        {"kind": "reconsideration", "resolution": resolution.pk, "representative_name": "위원",
         "violation": "위반", "proposal": "재심의"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 403
    assert _effective(resolution)


@pytest.mark.django_db
def test_one_lessee_with_ten_accounts_counts_once(alpha):
    """A lessee who joins ten accounts to their unit (the paper join code works for any account)
    is still one person on the register: accounts with made-up names are refused, a second
    account under the register name is the same person."""
    resolution = _resolution(alpha)
    unit = add_units(alpha.complex, 1)[0]
    head, _ = household(unit, alpha.manager, name="김임차")
    petition = _reconsideration_petition(alpha, resolution, head)
    for i in range(9):
        fake = resident(unit, ResidentKind.LESSEE, UserFactory(name=f"가짜{i}"))
        with pytest.raises(ApplicationError, match="입주자명부의 세대주·세대원 이름과 다릅니다"):
            services.petition_sign(petition=petition, user=fake, unit=unit)
    services.petition_sign(petition=petition, user=head, unit=unit)
    twin = resident(unit, ResidentKind.LESSEE, UserFactory(name="김임차"))
    with pytest.raises(ApplicationError, match="이미 서명"):
        services.petition_sign(petition=petition, user=twin, unit=unit)
    assert petition.signatures.count() == 1
    assert _effective(resolution)


# --- Art. 34①: 10 persons on the register ------------------------------------------------------


@pytest.mark.django_db
def test_reconsideration_boundary_nine_then_ten_registered_residents(alpha):
    """Art. 34① 입주자등(10인 이상): 9 signatures → nothing; the 10th files the request (the
    filers are the signers), suspends the resolution and puts the re-deliberation on the
    agenda — once; an 11th signature is refused."""
    resolution = _resolution(alpha)
    people = registered_residents(alpha.complex, 11, alpha.manager)
    petition = _reconsideration_petition(alpha, resolution, people[0][0])
    assert petition.threshold == 10 and petition.rule == "persons"
    for user, unit in people[:9]:
        services.petition_sign(petition=petition, user=user, unit=unit)
    assert _effective(resolution)
    assert not Reconsideration.objects.exists()
    services.petition_sign(petition=petition, user=people[9][0], unit=people[9][1])
    assert not _effective(resolution)
    rec = Reconsideration.objects.get()
    assert rec.filer_kind == "residents" and rec.petition_id == petition.pk
    assert len(rec.filer_names.splitlines()) == 10 and "주민501-9" in rec.filer_names
    assert AgendaItem.objects.filter(reconsideration=rec).count() == 1
    petition.refresh_from_db()
    assert petition.status == "reached" and "효력 정지" in petition.outcome
    with pytest.raises(ApplicationError, match="이미 필요한 서명"):
        services.petition_sign(petition=petition, user=people[10][0], unit=people[10][1])
    assert Reconsideration.objects.count() == 1


@pytest.mark.django_db
def test_household_members_on_the_register_each_count(alpha):
    """Persons, not households (40-council.md rule 6): a head and two recorded family members
    are three residents, each from their own account under their register name."""
    resolution = _resolution(alpha)
    unit = add_units(alpha.complex, 1)[0]
    head, _ = household(unit, alpha.manager, name="박가장", members=["박배우", "박자녀"])
    petition = _reconsideration_petition(alpha, resolution, head)
    for name in ("박배우", "박자녀"):
        services.petition_sign(
            petition=petition,
            user=resident(unit, ResidentKind.LESSEE, UserFactory(name=name)),
            unit=unit,
        )
    services.petition_sign(petition=petition, user=head, unit=unit)
    assert petition.signatures.count() == 3
    keys = set(petition.signatures.values_list("key", flat=True))
    assert len(keys) == 3


@pytest.mark.django_db
def test_persons_must_be_on_the_register_and_living_here(alpha):
    """An account without a register entry, or whose household moved out, does not count."""
    from datetime import date

    from residents.models import Occupancy

    resolution = _resolution(alpha)
    petition = _reconsideration_petition(alpha, resolution, alpha.owner)
    with pytest.raises(ApplicationError, match="입주자명부에 현재 입주자로 등재된"):
        services.petition_sign(petition=petition, user=alpha.owner, unit=alpha.unit)
    unit = add_units(alpha.complex, 1)[0]
    user, occupancy = household(unit, alpha.manager, name="이전출")
    Occupancy.objects.filter(pk=occupancy.pk).update(moved_out_on=date(2025, 1, 31))
    with pytest.raises(ApplicationError, match="현재 거주하는 세대"):
        services.petition_sign(petition=petition, user=user, unit=unit)
    assert petition.signatures.count() == 0


@pytest.mark.django_db
def test_paper_petition_names_must_be_on_the_register(alpha):
    """A paper petition the office records counts only register names of the units given;
    one made-up name refuses the whole paper (each bad line named) and writes nothing; a scan
    is required; a signer already counted online is skipped and named."""
    resolution = _resolution(alpha)
    people = registered_residents(alpha.complex, 10, alpha.manager)
    petition = _reconsideration_petition(alpha, resolution, people[0][0])
    services.petition_sign(petition=petition, user=people[0][0], unit=people[0][1])
    lines = [f"501,{u.number},{usr.name}" for usr, u in people]
    bad = [*lines[1:], f"501,{people[1][1].number},지어낸이름", "999,101,유령"]
    with pytest.raises(ApplicationError) as e:
        services.petition_paper_record(
            petition=petition, scan=scan(), signers="\n".join(bad), by=alpha.manager
        )
    assert "10행" in e.value.message and "지어낸이름" in e.value.message
    assert "11행" in e.value.message and "없는 세대" in e.value.message
    assert petition.papers.count() == 0 and petition.signatures.count() == 1
    with pytest.raises(ApplicationError, match="스캔 파일"):
        services.petition_paper_record(
            petition=petition, scan=None, signers="\n".join(lines), by=alpha.manager
        )
    result = services.petition_paper_record(
        petition=petition, scan=scan(), signers="\n".join(lines[:9]), by=alpha.manager
    )
    assert result["added"] == 8 and len(result["skipped"]) == 1  # people[0] signed online
    assert _effective(resolution)
    result = services.petition_paper_record(
        petition=petition, scan=scan(), signers=lines[9], by=alpha.manager
    )
    assert not _effective(resolution)
    assert result["petition"].status == "reached"
    assert petition.signatures.filter(channel="paper").count() == 9


@pytest.mark.django_db(transaction=True)
def test_two_residents_signing_at_once_at_the_threshold_file_once(alpha):
    """The 10th and an 11th resident sign at the same moment (two connections): the petition's
    row lock lets exactly one of them reach the threshold — one reconsideration, one agenda item;
    the other gets a clear refusal, never a 500."""
    resolution = _resolution(alpha)
    people = registered_residents(alpha.complex, 11, alpha.manager)
    petition = _reconsideration_petition(alpha, resolution, people[0][0])
    for user, unit in people[:9]:
        services.petition_sign(petition=petition, user=user, unit=unit)
    barrier = threading.Barrier(2)
    outcomes = []

    def sign(user, unit):
        close_old_connections()
        try:
            barrier.wait()
            services.petition_sign(petition=petition, user=user, unit=unit)
            outcomes.append("ok")
        except ApplicationError as e:
            outcomes.append(e.message)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=sign, args=person) for person in people[9:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1
    assert any("이미 필요한 서명" in o for o in outcomes if o != "ok")
    assert Reconsideration.objects.count() == 1
    assert AgendaItem.objects.filter(category="reconsideration").count() == 1
    assert PetitionSignature.objects.filter(petition=petition).count() == 10
    assert not _effective(resolution)


# --- Art. 26③4: 1/10 of the households ---------------------------------------------------------


def _convene(alpha, by):
    return services.petition_start(
        complex=alpha.complex,
        kind="convene",
        title="임시회의 소집 요구",
        summary="주차장 공사 설명 요구",
        representative_name="대표인",
        by=by,
        payload={"reason": "주차장 공사 설명 요구"},
    )


@pytest.mark.django_db
def test_convene_boundary_is_one_tenth_of_households(alpha):
    """Art. 26③4 (입주자등의 10분의 1 이상이 연서): 30 households → 3 (⌈30/10⌉); two
    accounts of one unit are one household; 2 households → nothing, the 3rd → the request the
    chair must convene within 14 days (Art. 26①)."""
    people = registered_residents(alpha.complex, 28, alpha.manager)  # + alpha's 2 units = 30
    petition = _convene(alpha, people[0][0])
    assert (petition.roll_size, petition.threshold) == (30, 3)
    services.petition_sign(petition=petition, user=people[0][0], unit=people[0][1])
    same_unit = resident(people[0][1], ResidentKind.OWNER, UserFactory(name="집주인"))
    with pytest.raises(ApplicationError, match="이미 서명"):
        services.petition_sign(petition=petition, user=same_unit, unit=people[0][1])
    services.petition_sign(petition=petition, user=alpha.owner, unit=alpha.unit)
    assert not ConveneRequest.objects.exists()
    services.petition_sign(petition=petition, user=people[1][0], unit=people[1][1])
    request = ConveneRequest.objects.get()
    assert request.requester == "residents" and request.petition_id == petition.pk
    assert request.reason == "주차장 공사 설명 요구"


@pytest.mark.django_db
def test_office_cannot_type_in_a_residents_convene_request(alpha, as_user):
    """Art. 26③4 arrives only through a petition: the service refuses it without one, the
    office's form no longer offers it."""
    from datetime import date

    with pytest.raises(ApplicationError, match="입주자 서명"):
        council.convene_request_create(
            complex=alpha.complex, requester="residents", reason="x", received_on=date.today()
        )
    page = as_user(alpha.manager).get("/c/alpha/council/convene-requests/new/").content.decode()
    assert 'value="residents"' not in page and 'value="auditor"' in page


@pytest.mark.django_db
def test_households_paper_without_register_entries_rests_on_the_office_record(alpha):
    """A unit with no register entry counts on the office's paper record (one per unit); a unit
    with entries must show a name on its register."""
    add_units(alpha.complex, 8)  # 10 households → 1 needed
    petition = _convene(alpha, alpha.lessee)
    unit = add_units(alpha.complex, 1, building_name="777")[0]
    household(unit, alpha.manager, name="진짜주민", account=False)
    with pytest.raises(ApplicationError, match="입주자명부에 '아무개'"):
        services.petition_paper_record(
            petition=petition,
            scan=scan(),
            signers=f"777,{unit.number},아무개",
            by=alpha.manager,
        )
    result = services.petition_paper_record(
        petition=petition,
        scan=scan(),
        signers=f"{alpha.building.name}동,{alpha.unit.number}호,홍길동",
        by=alpha.manager,
    )
    assert result["added"] == 1 and result["petition"].status == "reached"
    assert ConveneRequest.objects.filter(petition=petition).count() == 1


# --- pages and API: start, sign, count, paper; who sees names ----------------------------------


@pytest.mark.django_db
def test_pages_start_sign_count_and_paper(alpha, as_user):
    resolution = _resolution(alpha)
    people = registered_residents(alpha.complex, 2, alpha.manager)
    user, unit = people[0]
    c = as_user(user)
    r = c.get(f"/c/alpha/council/resolutions/{resolution.pk}/reconsider/")
    assert r.status_code == 302 and "/petitions/new/reconsideration/" in r["Location"]
    r = c.post(
        f"/c/alpha/petitions/new/reconsideration/?resolution={resolution.pk}",
        {
            "resolution": resolution.pk,
            "representative_name": user.name,
            "violation": "입찰 없이 수의계약",
            "proposal": "경쟁입찰",
        },
    )
    petition = Petition.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/petitions/{petition.pk}/")
    c.post(f"/c/alpha/petitions/{petition.pk}/sign/", {"unit": unit.pk})
    page = c.get(f"/c/alpha/petitions/{petition.pk}/").content.decode()
    assert "1</strong> / 10" in page and "서명했습니다" in page
    # the office records a paper petition
    m = as_user(alpha.manager)
    r = m.post(
        f"/c/alpha/petitions/{petition.pk}/paper/",
        {"scan": scan(), "signers": f"501,{people[1][1].number},{people[1][0].name}"},
    )
    assert r.status_code == 302
    assert petition.signatures.count() == 2
    assert "주민501-1" in m.get(f"/c/alpha/petitions/{petition.pk}/").content.decode()
    listing = as_user(alpha.lessee).get("/c/alpha/petitions/").content.decode()
    assert "2 / 10" in listing


@pytest.mark.django_db
def test_signer_names_only_for_the_office_and_the_receiving_body(alpha, api):
    """Who signed is personal data: the office and the council (a reconsideration goes to it)
    see the names; the committee and other residents see the count; a signer sees their own."""
    resolution = _resolution(alpha)
    people = registered_residents(alpha.complex, 1, alpha.manager)
    petition = _reconsideration_petition(alpha, resolution, people[0][0])
    services.petition_sign(petition=petition, user=people[0][0], unit=people[0][1])
    council_user = alpha.council
    for user, sees in (
        (alpha.manager, True),
        (alpha.staff, True),
        (council_user, True),
        (alpha.committee, False),
        (alpha.lessee, False),
        (people[0][0], False),
    ):
        api.force_authenticate(user)
        body = api.get(f"{API}/petitions/{petition.pk}/").json()
        assert body["count"] == 1 and body["threshold"] == 10
        assert (body["signers"] is not None) == sees, user
    assert body["my_signatures"][0]["signer_name"] == "주민501-0"
    api.force_authenticate(alpha.lessee)
    assert "주민501-0" not in api.get(f"{API}/petitions/").content.decode()


@pytest.mark.django_db
def test_api_start_sign_and_paper(alpha, api):
    people = registered_residents(alpha.complex, 8, alpha.manager)  # 10 households → 1
    api.force_authenticate(people[0][0])
    r = api.post(
        f"{API}/petitions/",
        {"kind": "convene", "representative_name": "대표인", "reason": "설명 요구"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["threshold"] == 1
    r = api.post(f"{API}/petitions/", {"kind": "convene"}, format="json")
    assert r.status_code == 400 and "reason" in r.json()["extra"]["fields"]
    r = api.post(f"{API}/petitions/{pk}/sign/", {"unit": alpha.unit.pk}, format="json")
    assert r.status_code == 400  # not this account's unit
    r = api.post(f"{API}/petitions/{pk}/paper/", {"signers": "x"}, format="multipart")
    assert r.status_code == 403  # residents do not record paper petitions
    r = api.post(f"{API}/petitions/{pk}/sign/", {"unit": people[0][1].pk}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "reached"
    assert ConveneRequest.objects.filter(petition_id=pk).exists()
    r = api.post(f"{API}/petitions/{pk}/sign/", {"unit": people[1][1].pk}, format="json")
    assert r.status_code == 400
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{API}/petitions/{pk}/paper/",
        {"scan": scan(), "signers": f"501,{people[2][1].number},{people[2][0].name}"},
        format="multipart",
    )
    assert r.status_code == 400 and "이미 필요한 서명" in r.json()["message"]


@pytest.mark.django_db
def test_outsiders_get_404_and_wrong_roles_403(alpha, beta, api, as_user):
    petition = _convene(alpha, alpha.lessee)
    urls = [
        "/c/alpha/petitions/",
        f"/c/alpha/petitions/{petition.pk}/",
        f"/c/alpha/petitions/{petition.pk}/paper/",
        "/c/alpha/petitions/new/convene/",
    ]
    c = as_user(beta.manager)
    for url in urls:
        assert c.get(url).status_code == 404, url
    assert c.post(f"/c/alpha/petitions/{petition.pk}/sign/", {"unit": 1}).status_code == 404
    api.force_authenticate(beta.manager)
    assert api.get(f"{API}/petitions/{petition.pk}/").status_code == 404
    # beta's own slug with alpha's id: not found either
    assert api.get(f"/api/v1/complexes/beta/petitions/{petition.pk}/").status_code == 404
    # wrong roles
    r = as_user(alpha.lessee)
    assert r.get(f"/c/alpha/petitions/{petition.pk}/paper/").status_code == 403
    co = as_user(alpha.council)
    assert co.get("/c/alpha/petitions/new/convene/").status_code == 403
    assert co.post(f"/c/alpha/petitions/{petition.pk}/sign/", {"unit": 1}).status_code == 403
    api.force_authenticate(alpha.council)
    assert api.post(f"{API}/petitions/{petition.pk}/sign/", {"unit": 1}).status_code == 403


@pytest.mark.django_db
def test_petition_list_api_has_a_pinned_query_count(alpha, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        api.force_authenticate(alpha.lessee)
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(f"{API}/petitions/").status_code == 200
        return len(ctx.captured_queries)

    _convene(alpha, alpha.lessee)
    count_queries()  # the complex context is cached after the first request
    one = count_queries()
    for _ in range(5):
        _convene(alpha, alpha.lessee)
    assert count_queries() == one
