"""The public "reserve balance against the plan" chart (60-disclosure.md: "Plots where people
would rather look than read: … reserve balance vs. plan"; 제79조①, 별지 6). The figures are the
repairs app's own: the reserve ledger's balance and the projection's "should have accumulated"."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from disclosure import selectors
from repairs.fund.ledger import ledger_totals
from repairs.fund.status import annual_status
from repairs.plan.projection import project, schedule_for
from repairs.selectors import current_revision
from repairs.services import entry_record
from tests.repairs.helpers import plan_alpha

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def planned(alpha):
    """alpha with the small test plan (2011–2050; 15% in 2011–2020, facade repainted 2019) and a
    reserve ledger opened in 2016."""
    plan_alpha(alpha.complex)
    c = alpha.complex
    entry_record(
        complex=c, kind="opening", entry_date=date(2016, 6, 1), amount=50_000_000, memo="이월"
    )
    entry_record(
        complex=c, kind="interest", entry_date=date(2019, 12, 31), amount=1_200_000, memo="이자"
    )
    entry_record(
        complex=c, kind="meter", entry_date=date(2022, 3, 15), amount=3_000_000, memo="계량기 교체"
    )
    entry_record(
        complex=c, kind="interest", entry_date=date(2026, 6, 30), amount=800_000, memo="이자"
    )
    return alpha


def test_each_year_is_the_repairs_ledger_and_projection(planned):
    """Past years as of December 31: the balance is the ledger's (= 별지 6 ⑤), the target is
    repairs.plan.projection's should_have as of that year end; the current year as of today."""
    c = planned.complex
    data = selectors.reserve_vs_plan(complex=c, today=TODAY)
    assert data["has_plan"] and [y["year"] for y in data["years"]] == list(range(2016, 2027))
    schedule = schedule_for(complex=c, revision=current_revision(complex=c))
    for y in data["years"][:-1]:
        end = date(y["year"], 12, 31)
        assert y["balance"] == ledger_totals(complex=c, until=end).balance
        assert y["balance"] == annual_status(complex=c, year=y["year"])["balance"]
        expected = project(schedule=schedule, balance=y["balance"], today=date(y["year"] + 1, 1, 1))
        assert (y["should_have"], y["percent_funded"]) == (
            expected.should_have,
            expected.percent_funded,
        )
    now = data["years"][-1]
    assert (
        now["as_of"] == TODAY and now["balance"] == ledger_totals(complex=c).balance == 49_000_000
    )
    assert now["should_have"] == project(schedule=schedule, balance=0, today=TODAY).should_have


def test_the_plans_figures_by_hand(planned):
    """별표 9 by hand for the test plan: total repair cost 500,000,000 (roof 2×40M, facade 4×60M,
    elevators 180M); phase 1 (2011–2020) accrues 15% = 75,000,000 over 120 months. End of 2018:
    96/120 of it = 60,000,000; end of 2019: 67,500,000 − the facade's 60,000,000 = 7,500,000.
    Balance end of 2019: opening 50,000,000 + interest 1,200,000."""
    years = {
        y["year"]: y
        for y in selectors.reserve_vs_plan(complex=planned.complex, today=TODAY)["years"]
    }
    assert years[2018]["should_have"] == 60_000_000 and years[2018]["balance"] == 50_000_000
    assert years[2019]["should_have"] == 7_500_000 and years[2019]["balance"] == 51_200_000
    assert years[2022]["balance"] == 48_200_000  # the meter re-verification is spent


def test_the_public_page_shows_the_same_figures_as_the_repairs_projection_page(planned, as_user):
    """What the office's projection page (repairs) says today is what the public chart says."""
    c = planned.complex
    repairs_page = as_user(planned.manager).get(f"/c/{c.slug}/repairs/projection/")
    assert repairs_page.status_code == 200
    base = repairs_page.context["base"]
    client = Client()  # anonymous again
    r = client.get(f"/public/{c.slug}/")
    body = r.content.decode()
    assert r.status_code == 200 and "public" in r["Cache-Control"]
    assert 'data-testid="reserve-vs-plan"' in body and "<svg" in body
    assert f"{base.balance:,}" in body and f"{base.should_have:,}" in body
    api = client.get(f"/api/v1/public/complexes/{c.slug}/reserve/").json()
    assert api["has_plan"] is True
    now = api["years"][-1]
    assert (now["balance"], now["should_have"]) == (base.balance, base.should_have)
    assert now["as_of"] == timezone.localdate().isoformat()
    assert set(now) == {"year", "as_of", "balance", "should_have", "percent_funded"}


def test_a_complex_without_a_plan_says_so(beta, client):
    """No plan registered: the page still renders and says there is nothing to compare."""
    r = client.get(f"/public/{beta.complex.slug}/")
    assert r.status_code == 200
    assert "장기수선계획이 등록되지 않아" in r.content.decode()
    api = client.get(f"/api/v1/public/complexes/{beta.complex.slug}/reserve/").json()
    assert api == {"has_plan": False, "years": []}
