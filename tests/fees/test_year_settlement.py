"""결산서 (Art. 78, Art. 80⑤): per fiscal year the actuals against the budget per charge item,
surplus or deficit, and the misc income appropriation — owners' income to the repair reserve
(Art. 80②), of the joint income left after Art. 80④ uses at least 80% to reduce next year's
fees (Art. 80⑤1), the rest to the contingency reserve (Art. 80⑤2); approved by the council."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from fees import selectors, services
from fees.models import FeeReduction, YearSettlement
from tests.fees.helpers import import_costs


def resolution(complex_, passed=True, title="2025년도 결산 승인"):
    from tests.repairs.helpers import resolution as make

    return make(complex_, passed=passed, title=title)


@pytest.fixture
def year2025(alpha):
    """2025: two issued months of 100,000 won general admin; budget 1,200,000 general admin,
    500,000 cleaning, misc income 1,000,000; joint misc income 1,000,000, owners' 300,000, and an
    Art. 80④ use of 150,000."""
    c = alpha.complex
    services.budget_set(
        complex=c,
        year=2025,
        amounts={"general_admin": 1_200_000, "cleaning": 500_000, "misc_income": 1_000_000},
    )
    for month in (1, 2):
        period = date(2025, month, 1)
        import_costs(c, period, "item,amount\ngeneral_admin,100000")
        services.billing_run_issue(complex=c, period=period, issued_on=date(2025, month + 1, 3))
    for kind, amount in (("recycling", 600_000), ("parking", 400_000), ("repeater_rent", 300_000)):
        services.misc_income_record(complex=c, period=date(2025, 3, 1), kind=kind, amount=amount)
    services.misc_income_use_record(
        complex=c,
        period=date(2025, 5, 1),
        use="labor",
        amount=150_000,
        memo="분리수거 인력",
        resolution=resolution(c, title="분리수거 인력 지원"),
    )
    return alpha


def test_reduction_is_at_least_80_percent_rounded_up():
    """Art. 80⑤1: 100분의 80 이상 — rounding never takes it below 80%."""
    assert services.reduction_minimum(850_000) == 680_000
    assert services.reduction_minimum(850_001) == 680_001  # 680,000.8 → 680,001
    assert services.reduction_minimum(0) == 0


def test_settlement_figures(year2025):
    f = selectors.year_settlement_figures(complex=year2025.complex, year=2025)
    rows = {r["item"]: r for r in f["items"]}
    assert rows["general_admin"] == {
        "item": "general_admin",
        "name": "일반관리비",
        "budget": 1_200_000,
        "actual": 200_000,
        "variance": 1_000_000,
    }
    assert rows["cleaning"]["actual"] == 0 and rows["cleaning"]["variance"] == 500_000
    assert f["totals"] == {
        "budget": 1_700_000,
        "actual": 200_000,
        "variance": 1_500_000,
        "difference": 1_500_000,
    }
    assert f["meta"] == {"year": 2025, "months": 2, "result": "surplus"}
    assert f["관리비 차감 적립 (제80조⑤1)"] == 680_000 and f["예비비 적립 (제80조⑤2)"] == 170_000
    assert f["misc_income"] == {
        "budget": 1_000_000,
        "owner": 300_000,
        "to_repair_reserve": 300_000,  # Art. 80②
        "joint": 1_000_000,
        "priority_limit": 400_000,  # Art. 80④: 40%
        "priority_uses": 150_000,
        "remaining": 850_000,
        "reduction_min": 680_000,  # Art. 80⑤1: ≥ 80%
        "reduction": 680_000,
        "contingency": 170_000,  # Art. 80⑤2: the rest
    }


def test_approval_rules(year2025, beta, monkeypatch, django_capture_on_commit_callbacks):
    c = year2025.complex
    ok = resolution(c)
    with pytest.raises(ApplicationError, match="회계연도가 끝난 뒤"):
        services.year_settlement_approve(complex=c, year=2026, resolution=ok)
    with pytest.raises(ApplicationError, match="승인을 받아야"):
        services.year_settlement_approve(complex=c, year=2025, resolution=None)
    with pytest.raises(ApplicationError, match="유효한 입주자대표회의 의결이 아닙니다"):
        services.year_settlement_approve(complex=c, year=2025, resolution=resolution(beta.complex))
    with pytest.raises(ApplicationError) as e:
        services.year_settlement_approve(complex=c, year=2025, resolution=ok, reduction=679_999)
    assert "680,000원 이상 850,000원 이하" in e.value.message
    with pytest.raises(ApplicationError):
        services.year_settlement_approve(complex=c, year=2025, resolution=ok, reduction=850_001)
    assert not YearSettlement.objects.exists()

    from core import hooks

    calls = []
    monkeypatch.setitem(
        hooks._subscribers["fees.settlement_approved"],
        "disclosure:fees.settlement_approved",
        lambda *, settlement: calls.append(settlement),
    )
    with django_capture_on_commit_callbacks(execute=True):
        s = services.year_settlement_approve(
            complex=c, year=2025, resolution=ok, by=year2025.manager, reduction=700_000
        )
    assert calls == [s]  # the hook fired after commit; disclosure subscribes
    assert (s.reduction, s.contingency) == (700_000, 150_000)
    assert s.figures["misc_income"]["reduction"] == 700_000
    # Art. 80⑤1: next fiscal year's management fees are reduced by it (1/12 a month).
    fr = FeeReduction.objects.get(complex=c, year=2026)
    assert fr.amount == 700_000 and "2025년 결산" in fr.memo
    with pytest.raises(ApplicationError, match="이미 승인"):
        services.year_settlement_approve(complex=c, year=2025, resolution=ok)


def test_pages_and_pdf(year2025, beta, as_user):
    c = year2025.complex
    ok = resolution(c)
    url = reverse("fees:year_settlement", args=["alpha", 2025])
    office = as_user(year2025.manager)
    page = office.get(url).content.decode()
    assert "미승인 (잠정)" in page and "680,000원" in page and "170,000원" in page
    assert "잉여 (예산 대비 1,500,000원 적게 집행)" in page
    r = office.post(url, {"resolution": resolution(beta.complex).pk})
    assert r.status_code == 200 and not YearSettlement.objects.exists()
    assert office.post(url, {"resolution": ok.pk}).status_code == 302
    s = YearSettlement.objects.get(complex=c, year=2025)
    assert s.approved_by == year2025.manager and s.reduction == 680_000
    # The snapshot stays what was approved, whatever is recorded later.
    services.misc_income_record(complex=c, period=date(2025, 12, 1), kind="parking", amount=9)
    council = as_user(year2025.council)
    page = council.get(url).content.decode()
    assert "2025년도 결산 승인 — 가결" in page and "1,000,000원" in page
    assert "승인 기록" not in page  # council reads only
    assert council.post(url, {"resolution": ok.pk}).status_code == 403
    assert as_user(year2025.owner).get(url).status_code == 403
    assert as_user(beta.manager).get(url).status_code == 404
    pdf_url = reverse("fees:year_settlement_pdf", args=["alpha", 2025])
    r = as_user(year2025.council).get(pdf_url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert as_user(beta.manager).get(pdf_url).status_code == 404
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True
        ).stdout.decode()
        assert "2025년 결산서" in text and "680,000원" in text


def test_approval_is_published_by_disclosure(year2025, django_capture_on_commit_callbacks):
    """disclosure.integrations.settlement_approved records the approved settlement (제64조③10)
    with its headline figures, after the commit."""
    from disclosure.models import Publication

    with django_capture_on_commit_callbacks(execute=True):
        services.year_settlement_approve(
            complex=year2025.complex, year=2025, resolution=resolution(year2025.complex)
        )
    pub = Publication.objects.get(complex=year2025.complex, title="2025년도 사업실적·결산")
    assert "관리비 차감 적립 (제80조⑤1): 680,000원" in pub.body
    assert "예비비 적립 (제80조⑤2): 170,000원" in pub.body
