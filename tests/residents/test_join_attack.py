"""The attack of issue 12 [1/9], reproduced: a new account holding a leased unit's paper slip
became "owner" and read the real owner's name, birth date, phone, car plate, the owner-only
repair plan and 13 months of bills. Now the register decides (Art. 9①②, 별지 1): the account
cannot become owner, reads nothing personal while it waits, and once approved as the lessee it
sees its own household only and the unit's bills of its own months only — pages and API."""

from datetime import date

import pytest
from django.urls import reverse

from complexes.models import Membership, ResidentKind
from fees import services as fees
from fees.models import Bill
from residents.joining import services as joining
from residents.joining.models import JoinRequest
from tests.factories import UnitFactory, UserFactory
from tests.fees.helpers import import_costs

from .helpers import move_in
from .joining_helpers import LESSEE, OWNER, leased_unit, slip

pytestmark = pytest.mark.django_db

MONTHS = [date(2026, m, 1) for m in (6, 7, 8, 9)]
LEASE_FROM = date(2026, 8, 1)  # JUN, JUL were before the lease: not the lessee's months
PERSONAL = {
    "owner": [OWNER["name"], OWNER["birth"], OWNER["phone"], OWNER["plate"]],
    "lessee": [LESSEE["name"], LESSEE["birth"], LESSEE["phone"], LESSEE["plate"]],
}


def issue_months(complex_):
    for period in MONTHS:
        import_costs(complex_, period, "item,amount\ngeneral_admin,100000\ntv_license,2500")
        issued_on = date(period.year + period.month // 12, period.month % 12 + 1, 10)
        fees.billing_run_issue(complex=complex_, period=period, issued_on=issued_on)


@pytest.fixture
def lease(alpha):
    lease = leased_unit(alpha, lease_from=LEASE_FROM)
    issue_months(alpha.complex)
    return lease


def bills_of(unit):
    return {b.period: b for b in Bill.objects.filter(unit=unit)}


def everything_a_resident_reads(client, api, user, unit):
    """(page or API path, status, body) of every place a resident reads bills, the register
    and the repair plan."""
    bills = bills_of(unit)
    pages = [
        "/c/alpha/",
        reverse("fees:bill_list", args=["alpha"]),
        reverse("residents:my_register", args=["alpha"]),
        reverse("repairs:components", args=["alpha"]),
    ]
    for b in bills.values():
        pages += [
            reverse("fees:bill_detail", args=["alpha", b.pk]),
            reverse("fees:bill_pdf", args=["alpha", b.pk]),
        ]
    client.force_login(user)
    api.force_authenticate(user)
    seen = [(p, *_answer(client.get(p))) for p in pages]
    apis = [
        "/api/v1/complexes/alpha/bills/",
        f"/api/v1/complexes/alpha/units/{unit.pk}/residents/",
        "/api/v1/complexes/alpha/residents/",
        "/api/v1/complexes/alpha/repair-plan/",
        *[f"/api/v1/complexes/alpha/bills/{b.pk}/" for b in bills.values()],
    ]
    seen += [(p, *_answer(api.get(p))) for p in apis]
    return seen


def _answer(response):
    body = response.content.decode(errors="replace") if response.status_code == 200 else ""
    return response.status_code, body


@pytest.mark.parametrize("typed", ["박공격", OWNER["name"], " 김 소유 "])
def test_a_leased_units_slip_gives_no_owner_and_nothing_personal(alpha, lease, client, api, typed):
    """Whatever name the holder of the lessee's slip types — their own, or the owner's (a lessee
    knows it from the lease) — they wait for the office and read nothing: no bills, no register
    data, no owner-only repair plan, on pages or the API."""
    attacker = UserFactory(email="attacker@x.test")
    client.force_login(attacker)
    r = client.post("/join/", {"code": slip(lease.unit), "name": typed, "resident_kind": "owner"})
    assert r.status_code == 302
    assert not Membership.objects.filter(user=attacker).exists()
    assert JoinRequest.objects.get(user=attacker).status == "pending"
    for path, status, body in everything_a_resident_reads(client, api, attacker, lease.unit):
        assert status == 404, path
        for secret in PERSONAL["owner"] + PERSONAL["lessee"]:
            assert secret not in body, (path, secret)


@pytest.fixture
def approved_lessee(alpha, lease, client):
    """The attacker's account, approved by the office as what the register says it is: the
    unit's lessee (the office chose the lessee's entry)."""
    user = UserFactory(email="newlessee@x.test")
    client.force_login(user)
    client.post("/join/", {"code": slip(lease.unit), "name": "이임차 본인"})
    request = JoinRequest.objects.get(user=user)
    joining.join_request_approve(request=request, occupancy=lease.lessee, by=alpha.staff)
    return user


def test_the_approved_lessee_never_becomes_owner_nor_reads_the_owners_data(
    alpha, lease, approved_lessee, client, api
):
    m = Membership.objects.get(user=approved_lessee)
    assert m.resident_kind == ResidentKind.LESSEE
    seen = {
        path: (status, body)
        for path, status, body in everything_a_resident_reads(
            client, api, approved_lessee, lease.unit
        )
    }
    for path, (_, body) in seen.items():
        for secret in PERSONAL["owner"]:
            assert secret not in body, (path, secret)
    # owner-only repair plan: 403 on the page and the API
    assert seen[reverse("repairs:components", args=["alpha"])][0] == 403
    assert seen["/api/v1/complexes/alpha/repair-plan/"][0] == 403
    # the lessee's own entry is theirs to read, without the owner's contact recorded on it
    body = seen[reverse("residents:my_register", args=["alpha"])][1]
    assert LESSEE["phone"] in body and "서울시 강남구 어딘가" not in body
    api.force_authenticate(approved_lessee)
    rows = api.get(f"/api/v1/complexes/alpha/units/{lease.unit.pk}/residents/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [r["id"] for r in rows] == [lease.lessee.pk]
    assert not {"owner_name", "owner_phone", "owner_address", "memo"} & set(rows[0])


def test_the_lessee_sees_bills_of_its_own_months_only(alpha, lease, approved_lessee, client, api):
    bills = bills_of(lease.unit)
    mine = [p for p in MONTHS if p >= LEASE_FROM]
    before = [p for p in MONTHS if p < LEASE_FROM]
    client.force_login(approved_lessee)
    listed = client.get(reverse("fees:bill_list", args=["alpha"])).content.decode()
    for p in before:
        assert (
            client.get(reverse("fees:bill_detail", args=["alpha", bills[p].pk])).status_code == 404
        )
        assert client.get(reverse("fees:bill_pdf", args=["alpha", bills[p].pk])).status_code == 404
        assert reverse("fees:bill_detail", args=["alpha", bills[p].pk]) not in listed
    for p in mine:
        assert (
            client.get(reverse("fees:bill_detail", args=["alpha", bills[p].pk])).status_code == 200
        )
    # the 12-month chart, last month and the payments of the latest bill: the lease's months only
    page = client.get(reverse("fees:bill_detail", args=["alpha", bills[MONTHS[-1]].pk]))
    body = page.content.decode()
    assert 'data-period="2026-08"' in body and 'data-period="2026-09"' in body
    assert 'data-period="2026-06"' not in body and 'data-period="2026-07"' not in body
    first = client.get(reverse("fees:bill_detail", args=["alpha", bills[LEASE_FROM].pk]))
    assert 'data-testid="last-month">—' in first.content.decode()  # July was not theirs
    api.force_authenticate(approved_lessee)
    rows = api.get("/api/v1/complexes/alpha/bills/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert sorted(r["id"] for r in rows) == sorted(bills[p].pk for p in mine)
    for p in before:
        assert api.get(f"/api/v1/complexes/alpha/bills/{bills[p].pk}/").status_code == 404


def test_the_owner_never_reads_the_lessees_data(alpha, lease, client, api):
    """The reverse: the owner of the let unit (approved by the office, since a let unit's slip
    proves nothing about ownership) reads its own entry only."""
    owner = UserFactory(email="realowner@x.test")
    client.force_login(owner)
    client.post("/join/", {"code": slip(lease.unit), "name": OWNER["name"]})
    request = JoinRequest.objects.get(user=owner)
    joining.join_request_approve(request=request, occupancy=lease.owner, by=alpha.staff)
    assert Membership.objects.get(user=owner).resident_kind == ResidentKind.OWNER
    for path, _status, body in everything_a_resident_reads(client, api, owner, lease.unit):
        for secret in PERSONAL["lessee"]:
            assert secret not in body, (path, secret)
    assert client.get(reverse("repairs:components", args=["alpha"])).status_code == 200
    assert len(client.get("/c/alpha/bills/").content.decode()) > 0
    assert set(bills_of(lease.unit)) == set(MONTHS)
    api.force_authenticate(owner)
    rows = api.get("/api/v1/complexes/alpha/bills/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert len(rows) == len(MONTHS)  # owner since 2020: every month is theirs


def test_a_successor_owner_sees_only_its_own_months(alpha, client, api):
    """Owners too see the bills of their own occupancy only (issue 12): the previous owner's
    months stay the previous owner's."""
    unit = UnitFactory(building=alpha.building, number="1901", floor=19)
    before = move_in(unit, moved_in_on=date(2019, 1, 1), name="전소유")
    from residents import services as register

    register.occupancy_move_out(occupancy=before, moved_out_on=date(2026, 7, 31), by=None)
    move_in(unit, moved_in_on=LEASE_FROM, name="새소유")
    issue_months(alpha.complex)
    user = UserFactory()
    client.force_login(user)
    assert client.post("/join/", {"code": slip(unit), "name": "새소유"}).status_code == 302
    assert Membership.objects.get(user=user).resident_kind == ResidentKind.OWNER
    api.force_authenticate(user)
    rows = api.get("/api/v1/complexes/alpha/bills/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert sorted(r["period"] for r in rows) == ["2026-08", "2026-09"]
    body = client.get(reverse("residents:my_register", args=["alpha"])).content.decode()
    assert "전소유" not in body
