"""The daycare lease (Art. 66⑥: term 3–5 years; rent + deposit × r ÷ 12 ≤ 5% of the monthly
fee income at full capacity, compared unrounded) and insurance (Art. 72, renewal warnings)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import ApplicationError
from residents.community import leases, tasks
from residents.community.lease_models import InsuranceKind
from residents.community.services.leases import daycare_lease_record, insurance_policy_record

CLASSES = [
    {"age": "만0세", "capacity": 3, "fee": 500_000},
    {"age": "만2세", "capacity": 7, "fee": 400_000},
]
INCOME = 3 * 500_000 + 7 * 400_000  # 4,300,000 → cap 215,000


def test_rent_rule_boundary_unrounded():
    """5% of 4,300,000 = 215,000. Deposit 12,000,000 at 3.50% = 35,000/month."""
    assert leases.rent_check(
        monthly_rent=180_000, deposit=12_000_000, rate_bp=350, classes=CLASSES
    ).ok
    # one won over
    assert not leases.rent_check(
        monthly_rent=180_001, deposit=12_000_000, rate_bp=350, classes=CLASSES
    ).ok
    # 0.3 won over the cap still fails: compared unrounded (1,000,001 × 3.6% ÷ 12 = 3,000.003)
    c = leases.rent_check(monthly_rent=212_000, deposit=1_000_001, rate_bp=360, classes=CLASSES)
    assert not c.ok and c.monthly_charge - c.cap < 1


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rent=st.integers(0, 10**7), deposit=st.integers(0, 10**9), bp=st.integers(0, 2000))
def test_rent_rule_monotone_in_rent(rent, deposit, bp):
    a = leases.rent_check(monthly_rent=rent, deposit=deposit, rate_bp=bp, classes=CLASSES)
    b = leases.rent_check(monthly_rent=rent + 1, deposit=deposit, rate_bp=bp, classes=CLASSES)
    assert not (b.ok and not a.ok)
    assert a.upkeep_min * 2 >= rent  # ≥ 50% of the rent to upkeep


@pytest.mark.parametrize(
    "ends,ok",
    [
        (date(2029, 2, 28), True),
        (date(2029, 2, 27), False),
        (date(2031, 2, 28), True),
        (date(2031, 3, 1), False),
    ],
)
def test_term_three_to_five_years(ends, ok):
    if ok:
        leases.check_term(date(2026, 3, 1), ends)
    else:
        with pytest.raises(ApplicationError, match="3년 이상 5년 이하"):
            leases.check_term(date(2026, 3, 1), ends)


def test_daycare_lease_record(alpha):
    values = dict(method="commission", operator="해맑은어린이집", classes=CLASSES, deposit=12_000_000,
                  monthly_rent=180_000, rate_bp=350, rate_bank="국민은행", rate_on=date(2026, 2, 1),
                  starts_on=date(2026, 3, 1), ends_on=date(2029, 2, 28),
                  method_vote="2026-01 주민투표: 전체 580세대 중 312세대 찬성")  # fmt: skip
    with pytest.raises(ApplicationError, match="제66조①"):
        daycare_lease_record(
            complex=alpha.complex, by=alpha.manager, **{**values, "method_vote": ""}
        )
    with pytest.raises(ApplicationError, match="5%"):
        daycare_lease_record(
            complex=alpha.complex, by=alpha.manager, **{**values, "monthly_rent": 180_001}
        )
    with pytest.raises(ApplicationError, match="은행"):
        daycare_lease_record(complex=alpha.complex, by=alpha.manager, **{**values, "rate_bank": ""})
    assert daycare_lease_record(complex=alpha.complex, by=alpha.manager, **values).pk


def test_insurance_renewal_warning_once(alpha):
    today = timezone.localdate()
    insurance_policy_record(
        complex=alpha.complex, by=alpha.manager, kind=InsuranceKind.FIRE, insurer="한화손해보험",
        policy_no="F-1", insured_objects="건물 전체", starts_on=today - timedelta(days=340),
        ends_on=today + timedelta(days=25), premium=3_600_000,
    )  # fmt: skip
    insurance_policy_record(
        complex=alpha.complex, by=alpha.manager, kind=InsuranceKind.FACILITY, insurer="DB손해보험",
        policy_no="L-1", insured_objects="놀이터, 승강기", starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=355), premium=900_000,
    )  # fmt: skip
    with pytest.raises(ApplicationError, match="이미 등록"):
        insurance_policy_record(
            complex=alpha.complex, by=alpha.manager, kind=InsuranceKind.FIRE, insurer="한화손해보험",
            policy_no="F-1", insured_objects="x", starts_on=today, ends_on=today + timedelta(days=1),
            premium=1,
        )  # fmt: skip
    assert tasks.community_reminders(alpha.complex.pk) == 1  # the fire policy, no gaps
    assert tasks.community_reminders(alpha.complex.pk) == 0
