"""Art. 80④: joint misc income may first be spent on eight priority uses — within 40% of the
year's budgeted misc income, items 2, 4, 5 within the bylaw's annual caps ("연간 ○만원"), each
use by council resolution; a lawsuit (item 6) only after prior notice and a majority's consent."""

from datetime import date

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from fees import services
from fees.models import MiscIncomeUse

SEP = date(2026, 9, 1)


def resolution(complex_, passed=True):
    from tests.repairs.helpers import resolution as make

    return make(complex_, passed=passed, title="잡수입 우선 지출 의결")


def use(complex_, res, amount, kind="community", **kw):
    return services.misc_income_use_record(
        complex=complex_, period=SEP, use=kind, amount=amount, memo="지원", resolution=res, **kw
    )


def budget(complex_, amount=1_000_000, year=2026):
    services.budget_set(complex=complex_, year=year, amounts={"misc_income": amount})


def test_priority_limit_is_40_percent_of_budgeted_misc_income(alpha):
    """Art. 80④: 1,000,000 won budgeted → 400,000 won for all priority uses of the year."""
    res = resolution(alpha.complex)
    with pytest.raises(ApplicationError, match="잡수입 예산이 없어"):
        use(alpha.complex, res, 1)
    budget(alpha.complex)
    assert services.priority_limit(1_000_000) == 400_000
    use(alpha.complex, res, 300_000)
    with pytest.raises(ApplicationError) as e:
        use(alpha.complex, res, 100_001, kind="donation")
    assert e.value.message == (
        "제80조④ 우선 지출 한도를 넘습니다: 2026년 잡수입 예산 1,000,000원의 40% = 400,000원, "
        "이미 300,000원 지출, 남은 한도 100,000원."
    )
    use(alpha.complex, res, 100_000, kind="donation")  # exactly at the limit
    with pytest.raises(ApplicationError, match="남은 한도 0원"):
        use(alpha.complex, res, 1, kind="voting")
    # Another year has its own budget and limit.
    budget(alpha.complex, 100, year=2027)
    services.misc_income_use_record(
        complex=alpha.complex,
        period=date(2027, 1, 1),
        use="voting",
        amount=40,
        memo="온라인투표",
        resolution=res,
    )
    assert MiscIncomeUse.objects.filter(complex=alpha.complex).count() == 3


def test_each_use_needs_this_complexs_effective_resolution(alpha, beta):
    budget(alpha.complex)
    with pytest.raises(ApplicationError, match="입주자대표회의 의결을 거쳐야"):
        use(alpha.complex, None, 1_000)
    for bad in (resolution(beta.complex), resolution(alpha.complex, passed=False)):
        with pytest.raises(ApplicationError, match="유효한 입주자대표회의 의결이 아닙니다"):
            use(alpha.complex, bad, 1_000)
    assert not MiscIncomeUse.objects.exists()


def test_annual_caps_of_items_2_4_5(alpha):
    """Art. 80④ items 2, 4, 5: "연간 ○만원" — the complex fills the cap in; others have none."""
    budget(alpha.complex, 10_000_000)
    res = resolution(alpha.complex)
    services.misc_use_caps_set(
        complex=alpha.complex, by=alpha.manager, caps={"labor": 1_500_000, "self_governance": None}
    )
    with pytest.raises(ApplicationError, match="연간 한도를 두는 용도가 아닙니다"):
        services.misc_use_caps_set(complex=alpha.complex, by=None, caps={"donation": 1})
    use(alpha.complex, res, 1_000_000, kind="labor")
    with pytest.raises(ApplicationError) as e:
        use(alpha.complex, res, 500_001, kind="labor")
    assert "연간 1,500,000원까지" in e.value.message and "남은 한도 500,000원" in e.value.message
    use(alpha.complex, res, 500_000, kind="labor")
    use(alpha.complex, res, 2_000_000, kind="self_governance")  # no cap set: the 40% alone


def test_lawsuit_needs_prior_notice_and_a_majority(alpha):
    """Art. 80④6: 사전 공지 후 입주자등 과반수의 동의 — alpha has 2 households: 1 is not a majority."""
    budget(alpha.complex)
    res = resolution(alpha.complex)
    with pytest.raises(ApplicationError, match="사전 공지"):
        use(alpha.complex, res, 10_000, kind="lawsuit", consents=2)
    with pytest.raises(ApplicationError, match="동의 1세대 / 전체 2세대"):
        use(alpha.complex, res, 10_000, kind="lawsuit", notice_on=date(2026, 8, 1), consents=1)
    use(alpha.complex, res, 10_000, kind="lawsuit", notice_on=date(2026, 8, 1), consents=2)


def test_uses_page_and_status_on_the_misc_income_page(alpha, beta, as_user):
    budget(alpha.complex)
    res = resolution(alpha.complex)
    client = as_user(alpha.manager)
    url = reverse("fees:misc_income_uses", args=["alpha"])
    body = {
        "which": "use",
        "u-period": "2026-09",
        "u-use": "donation",
        "u-amount": 400_001,
        "u-memo": "수재의연금",
        "u-resolution": res.pk,
    }
    r = client.post(url, body)
    assert r.status_code == 200 and "남은 한도 400,000원" in r.content.decode()
    assert client.post(url, {**body, "u-amount": 250_000}).status_code == 302
    r = client.post(url, {"which": "caps", "k-labor": 1_000_000})
    assert r.status_code == 302
    assert services.fee_settings(alpha.complex).misc_use_caps == {"labor": 1_000_000}
    page = client.get(reverse("fees:misc_income", args=["alpha"])).content.decode()
    assert "한도 400,000원" in page and "남은 한도 150,000원" in page
    assert "1,000,000" in page  # the labor cap
    # Beta's resolution is not even offered, and refused if posted.
    other = resolution(beta.complex)
    r = client.post(url, {**body, "u-amount": 1, "u-resolution": other.pk})
    assert r.status_code == 200 and MiscIncomeUse.objects.count() == 1
    assert as_user(alpha.council).get(url).status_code == 403
    assert as_user(beta.manager).get(url).status_code == 404
