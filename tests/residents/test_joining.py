"""Joining with a paper code: the register decides who you are (issue 12 [1/9], Art. 9①②,
별지 1). Codes are single-use, expire, and reprinting voids the old one; the joiner never
chooses owner or lessee; what the register cannot decide waits for the office."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from complexes.join_codes import code_digest, join_code_issue
from complexes.models import JoinCode, Membership, ResidentKind, Role
from residents.joining import services
from residents.joining.models import JoinRequest, JoinRequestStatus, PendingReason
from residents.models import Occupancy
from tests.factories import UnitFactory, UserFactory

from .helpers import move_in
from .joining_helpers import LESSEE, OWNER, leased_unit, slip

pytestmark = pytest.mark.django_db


def join(client, user, code, name):
    client.force_login(user)
    return client.post("/join/", {"code": code, "name": name})


def resident_memberships(user):
    return Membership.objects.filter(user=user, role=Role.RESIDENT)


# --- codes ----------------------------------------------------------------------------------


def test_only_a_digest_of_the_code_is_stored(alpha):
    issued = join_code_issue(unit=alpha.unit)
    row = JoinCode.objects.get(unit=alpha.unit)
    assert row.digest == code_digest(issued.code) and issued.code not in row.digest
    assert len(issued.code) == 10 and issued.printed == f"{issued.code[:5]}-{issued.code[5:]}"
    # 30 days by default (settings.JOIN_CODE_DAYS)
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)


def test_a_code_works_once(alpha, client):
    """Issue 12: single-use. The second account gets a clear message and nothing."""
    lease = leased_unit(alpha)
    code = slip(lease.unit)
    first, second = UserFactory(), UserFactory()
    assert join(client, first, code, LESSEE["name"]).status_code == 302
    r = join(client, second, code, LESSEE["name"])
    assert r.status_code == 200 and "이미 사용된 가입 코드입니다" in r.content.decode()
    assert not resident_memberships(second).exists()
    assert not JoinRequest.objects.filter(user=second).exists()


def test_an_expired_code_is_refused(alpha, client):
    lease = leased_unit(alpha)
    code = slip(lease.unit)
    JoinCode.objects.filter(unit=lease.unit).update(expires_at=timezone.now() - timedelta(days=1))
    r = join(client, UserFactory(), code, LESSEE["name"])
    assert "유효기간" in r.content.decode() and "지났습니다" in r.content.decode()
    assert not Membership.objects.filter(unit=lease.unit).exists()


@override_settings(JOIN_CODE_DAYS=2)
def test_the_lifetime_is_a_setting(alpha):
    join_code_issue(unit=alpha.unit)
    row = JoinCode.objects.get(unit=alpha.unit)
    assert row.expires_at - row.issued_at == timedelta(days=2)


def test_reprinting_voids_the_old_code(alpha, client):
    lease = leased_unit(alpha)
    old = slip(lease.unit)
    new = slip(lease.unit)
    r = join(client, UserFactory(), old, LESSEE["name"])
    assert "더 이상 쓸 수 없습니다" in r.content.decode()
    assert join(client, UserFactory(), new, LESSEE["name"]).status_code == 302
    assert JoinCode.objects.filter(unit=lease.unit, used_at__isnull=True).count() == 1  # the old


def test_wrong_code_and_messy_typing(alpha, client):
    lease = leased_unit(alpha)
    code = slip(lease.unit)
    r = join(client, UserFactory(), "ABCDE-FGHJK", LESSEE["name"])
    assert "가입 코드가 맞지 않습니다" in r.content.decode()
    # lower case, full-width, a zero-width space: the same code
    messy = code.lower().replace("-", " ")
    messy = messy[:3] + "\u200b" + messy[3:]
    messy = messy.translate({ord(c): ord(c) + 0xFEE0 for c in "abcdefghijklmnopqrstuvwxyz"})
    assert join(client, UserFactory(), messy, LESSEE["name"]).status_code == 302


def test_a_refusal_leaves_the_code_unused(alpha, client):
    """All-or-nothing: an account already linked to the unit is refused, the code stays live."""
    lease = leased_unit(alpha)
    user = UserFactory()
    assert join(client, user, slip(lease.unit), LESSEE["name"]).status_code == 302
    code = slip(lease.unit)
    r = join(client, user, code, LESSEE["name"])
    assert "이미" in r.content.decode() and "연결되어 있습니다" in r.content.decode()
    assert JoinCode.objects.get(digest=code_digest(code)).used_at is None


@override_settings(ACCOUNT_RATE_LIMITS={"join_code": "3/h/ip,3/h/user"})
def test_guessing_is_rate_limited(alpha, client):
    user = UserFactory()
    client.force_login(user)
    for _ in range(3):
        r = client.post("/join/", {"code": "AAAAA-AAAAA", "name": "박공격"})
        assert r.status_code == 200
    r = client.post("/join/", {"code": slip(alpha.unit), "name": "박공격"})
    assert r.status_code == 429 and "시도가 너무 많습니다" in r.content.decode()
    assert not JoinRequest.objects.filter(user=user).exists()


# --- the register decides -------------------------------------------------------------------


def test_the_register_makes_the_lessee_a_lessee(alpha, client):
    lease = leased_unit(alpha)
    user = UserFactory()
    r = join(client, user, slip(lease.unit), " 이 임차\u200b ")  # spaces, zero-width: same name
    assert r.status_code == 302 and r["Location"] == "/c/alpha/"
    m = resident_memberships(user).get()
    assert (m.unit, m.resident_kind) == (lease.unit, ResidentKind.LESSEE)
    lease.lessee.refresh_from_db()
    assert lease.lessee.membership == m


def test_the_owner_of_an_unlet_unit_joins_as_owner(alpha, client):
    unit = UnitFactory(building=alpha.building, number="1601", floor=16)
    entry = move_in(unit, name="홍길동")
    user = UserFactory()
    assert join(client, user, slip(unit), "홍길동").status_code == 302
    m = resident_memberships(user).get()
    assert m.resident_kind == ResidentKind.OWNER
    entry.refresh_from_db()
    assert entry.membership == m


def test_the_form_has_no_owner_lessee_choice(alpha, client):
    client.force_login(UserFactory())
    body = client.get("/join/").content.decode()
    assert 'name="resident_kind"' not in body and 'name="name"' in body
    # and sending one changes nothing
    lease = leased_unit(alpha)
    user = UserFactory()
    client.force_login(user)
    client.post("/join/", {"code": slip(lease.unit), "name": "박공격", "resident_kind": "owner"})
    assert not resident_memberships(user).exists()


@pytest.mark.parametrize(
    "name,reason",
    [
        ("박공격", PendingReason.NAME_DIFFERS),
        (OWNER["name"], PendingReason.OWNER_OF_LET_UNIT),
    ],
)
def test_what_the_register_cannot_decide_waits(alpha, client, name, reason):
    """A different name, or the owner's name on a let unit's slip, gives no membership — no
    role in the complex at all — but a request the office decides."""
    lease = leased_unit(alpha)
    user = UserFactory()
    r = join(client, user, slip(lease.unit), name)
    assert r.status_code == 302 and r["Location"] == "/join/"
    assert not Membership.objects.filter(user=user).exists()
    request = JoinRequest.objects.get(user=user)
    assert (request.status, request.reason, request.unit) == ("pending", reason, lease.unit)
    page = client.get("/join/").content.decode()
    assert "승인을 기다리고" in page and OWNER["phone"] not in page
    assert client.get("/c/alpha/").status_code == 404


def test_no_entry_and_an_already_linked_entry_wait(alpha, client):
    empty = UnitFactory(building=alpha.building, number="1701", floor=17)
    user = UserFactory()
    join(client, user, slip(empty), "홍길동")
    assert JoinRequest.objects.get(user=user).reason == PendingReason.NO_ENTRY
    lease = leased_unit(alpha)
    join(client, UserFactory(), slip(lease.unit), LESSEE["name"])
    second = UserFactory()
    join(client, second, slip(lease.unit), LESSEE["name"])
    assert JoinRequest.objects.get(user=second).reason == PendingReason.ALREADY_LINKED
    assert not Membership.objects.filter(user=second).exists()


def test_a_second_request_for_the_same_unit_is_refused(alpha, client):
    lease = leased_unit(alpha)
    user = UserFactory()
    join(client, user, slip(lease.unit), "박공격")
    code = slip(lease.unit)
    r = join(client, user, code, "박공격")
    assert "승인을 기다리고 있습니다" in r.content.decode()
    assert JoinCode.objects.get(digest=code_digest(code)).used_at is None


def test_a_blank_name_is_refused(alpha, client):
    r = join(client, UserFactory(), slip(alpha.unit), " \u200b ")
    assert r.status_code == 200
    assert not JoinRequest.objects.exists()


def test_join_by_api(alpha, api):
    lease = leased_unit(alpha)
    user, other = UserFactory(), UserFactory()
    api.force_authenticate(user)
    r = api.post("/api/v1/join/", {"code": slip(lease.unit), "name": LESSEE["name"]})
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "member" and r.json()["resident_kind"] == "lessee"
    api.force_authenticate(other)
    r = api.post("/api/v1/join/", {"code": slip(lease.unit), "name": OWNER["name"]})
    assert r.status_code == 201 and r.json()["status"] == "pending"
    assert r.json()["resident_kind"] == ""
    r = api.post("/api/v1/join/", {"code": "AAAAA-AAAAA", "name": "x"})
    assert r.status_code == 400 and "가입 코드가 맞지 않습니다" in r.json()["message"]
    api.force_authenticate(None)
    assert api.post("/api/v1/join/", {"code": "x", "name": "x"}).status_code in (401, 403)


# --- the office decides ---------------------------------------------------------------------


def page_url(tenant, name="join_request_list", *args):
    return reverse(f"residents:{name}", args=[tenant.complex.slug, *args])


@pytest.fixture
def pending(alpha, client):
    lease = leased_unit(alpha)
    user = UserFactory(email="newcomer@x.test")
    join(client, user, slip(lease.unit), "이 임차인")  # not quite the register's name
    client.logout()
    return lease, user, JoinRequest.objects.get(user=user)


def test_office_approves_by_choosing_the_entry(alpha, pending, as_user):
    lease, user, request = pending
    office = as_user(alpha.staff)
    body = office.get(page_url(alpha)).content.decode()
    assert "newcomer@x.test" in body and "이 임차인" in body and "data-confirm" in body
    assert f'value="{lease.lessee.pk}"' in body and f'value="{lease.owner.pk}"' in body
    r = office.post(
        page_url(alpha, "join_request_decide", request.pk),
        {"decision": "approve", "occupancy": lease.lessee.pk},
    )
    assert r.status_code == 302
    m = Membership.objects.get(user=user)
    assert (m.unit, m.resident_kind) == (lease.unit, ResidentKind.LESSEE)
    request.refresh_from_db()
    lease.lessee.refresh_from_db()
    assert request.status == JoinRequestStatus.APPROVED and lease.lessee.membership == m
    assert request.decided_by == alpha.staff
    # twice: refused with a message, nothing doubled
    r = office.post(
        page_url(alpha, "join_request_decide", request.pk),
        {"decision": "approve", "occupancy": lease.lessee.pk},
        follow=True,
    )
    assert "이미 처리된" in r.content.decode()
    assert Membership.objects.filter(user=user).count() == 1


def test_office_rejects_with_a_reason(alpha, pending, as_user, client):
    _lease, user, request = pending
    office = as_user(alpha.manager)
    r = office.post(
        page_url(alpha, "join_request_decide", request.pk), {"decision": "reject"}, follow=True
    )
    assert "반려 사유를 입력하세요" in r.content.decode()
    office.post(
        page_url(alpha, "join_request_decide", request.pk),
        {"decision": "reject", "reason": "명부와 다른 분입니다"},
    )
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.REJECTED
    assert not Membership.objects.filter(user=user).exists()
    client.force_login(user)
    assert "명부와 다른 분입니다" in client.get("/join/").content.decode()


def test_approving_with_another_units_entry_is_refused(alpha, pending, as_user):
    _lease, user, request = pending
    other = move_in(UnitFactory(building=alpha.building, number="1801", floor=18), name="남남")
    r = as_user(alpha.staff).post(
        page_url(alpha, "join_request_decide", request.pk),
        {"decision": "approve", "occupancy": other.pk},
        follow=True,
    )
    assert "명부 항목을 선택하세요" in r.content.decode()
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.parametrize("who", ["council", "committee", "owner", "lessee"])
def test_approval_page_is_office_only(alpha, pending, client, who):
    _, _user, request = pending
    client.force_login(getattr(alpha, who))
    assert client.get(page_url(alpha)).status_code == 403
    r = client.post(
        page_url(alpha, "join_request_decide", request.pk), {"decision": "reject", "reason": "x"}
    )
    assert r.status_code == 403
    assert JoinRequest.objects.get(pk=request.pk).status == "pending"


def test_approval_page_of_another_complex_is_404(alpha, beta, pending, client, outsider):
    _, _, request = pending
    for user in (beta.manager, outsider):
        client.force_login(user)
        assert client.get(page_url(alpha)).status_code == 404
        # beta's office cannot reach alpha's request through beta's URL either
        r = client.post(
            page_url(beta, "join_request_decide", request.pk),
            {"decision": "reject", "reason": "x"},
        )
        assert r.status_code == 404
    assert JoinRequest.objects.get(pk=request.pk).status == "pending"


def api_url(tenant, *rest):
    return "/api/v1/complexes/" + tenant.complex.slug + "/join-requests/" + "".join(rest)


def test_api_office_lists_approves_and_rejects(
    alpha, pending, api, client, django_assert_max_num_queries
):
    lease, user, request = pending
    api.force_authenticate(alpha.staff)
    with django_assert_max_num_queries(12):
        r = api.get(api_url(alpha), {"status": "pending"})
    assert r.status_code == 200
    rows = r.json()["results"] if isinstance(r.json(), dict) else r.json()
    assert [row["id"] for row in rows] == [request.pk]
    assert {e["id"] for e in rows[0]["entries"]} == {lease.owner.pk, lease.lessee.pk}
    r = api.post(api_url(alpha, f"{request.pk}/approve/"), {"occupancy": 999999}, format="json")
    assert r.status_code == 400 and r.json()["extra"]["field"] == "occupancy"
    r = api.post(api_url(alpha, f"{request.pk}/approve/"), {"occupancy": "x"}, format="json")
    assert r.status_code == 400
    r = api.post(
        api_url(alpha, f"{request.pk}/approve/"), {"occupancy": lease.lessee.pk}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert Membership.objects.get(user=user).resident_kind == "lessee"
    r = api.post(api_url(alpha, f"{request.pk}/reject/"), {"reason": "늦음"}, format="json")
    assert r.status_code == 400 and "이미 처리된" in r.json()["message"]
    second = UserFactory()
    join(client, second, slip(lease.unit), "박공격")
    other = JoinRequest.objects.get(user=second)
    r = api.post(api_url(alpha, f"{other.pk}/reject/"), {}, format="json")
    assert r.status_code == 400
    r = api.post(api_url(alpha, f"{other.pk}/reject/"), {"reason": "모르는 분"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "rejected"


@pytest.mark.parametrize("who", ["council", "committee", "owner", "lessee"])
def test_api_is_office_only(alpha, pending, api, who):
    _, _, request = pending
    api.force_authenticate(getattr(alpha, who))
    assert api.get(api_url(alpha)).status_code == 403
    assert api.get(api_url(alpha, f"{request.pk}/")).status_code == 403
    r = api.post(api_url(alpha, f"{request.pk}/reject/"), {"reason": "x"}, format="json")
    assert r.status_code == 403


def test_api_other_complex_is_404(alpha, beta, pending, api, outsider):
    _, _, request = pending
    for user in (beta.manager, outsider):
        api.force_authenticate(user)
        assert api.get(api_url(alpha)).status_code == 404
        assert api.get(api_url(beta, f"{request.pk}/")).status_code == 404
        r = api.post(api_url(beta, f"{request.pk}/reject/"), {"reason": "x"}, format="json")
        assert r.status_code == 404
    assert JoinRequest.objects.get(pk=request.pk).status == "pending"


def test_service_refuses_an_anonymised_entry(alpha, pending):
    lease, _, request = pending
    Occupancy.objects.filter(pk=lease.lessee.pk).update(anonymised_at=timezone.now())
    lease.lessee.refresh_from_db()
    with pytest.raises(services.ApplicationError):
        services.join_request_approve(request=request, occupancy=lease.lessee, by=alpha.staff)


@pytest.mark.django_db(transaction=True)
def test_two_accounts_racing_for_one_code_one_wins(alpha):
    """Single-use under concurrency: the code row is locked, the second use sees it used."""
    import threading

    from django.db import connection

    lease = leased_unit(alpha)
    code = slip(lease.unit)
    users = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(user):
        try:
            barrier.wait()
            services.join_by_code(user=user, code=code, name=LESSEE["name"])
            outcomes.append("joined")
        except services.ApplicationError as e:
            outcomes.append(e.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[0] == "joined" and "이미 사용된" in sorted(outcomes)[1]
    assert Membership.objects.filter(unit=lease.unit).count() == 1
