"""Art. 78①: the office executes fees against the budget the council approved — the budget page
links the council resolution approving the year's budget (this complex's, passed, in force)."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from council.models import ResolutionStatus
from fees import services
from fees.models import Budget


def resolution(complex_, passed=True, title="2026년도 예산 승인"):
    from tests.repairs.helpers import resolution as make

    return make(complex_, passed=passed, title=title)


def test_office_links_the_approving_resolution_on_the_budget_page(alpha, as_user):
    ok = resolution(alpha.complex)
    url = reverse("fees:budget", args=["alpha", 2026])
    client = as_user(alpha.manager)
    page = client.get(url).content.decode()
    assert "승인 의결이 아직 연결되지 않았습니다" in page
    assert f'<option value="{ok.pk}">' in page
    r = client.post(url, {"resolution": ok.pk, "general_admin": 1_200_000, "misc_income": 500})
    assert r.status_code == 302
    assert {b.item: b.resolution_id for b in Budget.objects.filter(complex=alpha.complex)} == {
        "general_admin": ok.pk,
        "misc_income": ok.pk,
    }
    page = client.get(url).content.decode()
    assert "2026년도 예산 승인 — 가결" in page
    assert f'<option value="{ok.pk}" selected>' in page
    # The council sees which resolution approved it, without the form.
    page = as_user(alpha.council).get(url).content.decode()
    assert "2026년도 예산 승인 — 가결" in page and "예산 저장" not in page


def test_budget_page_refuses_another_complexs_or_a_failed_resolution(alpha, beta, as_user):
    """Only this complex's passed, effective resolutions are offered or accepted."""
    other = resolution(beta.complex, title="BETA 예산 승인")
    failed = resolution(alpha.complex, passed=False, title="부결된 예산안")
    suspended = resolution(alpha.complex, title="재심의 중 예산안")
    suspended.status = ResolutionStatus.SUSPENDED
    suspended.save()
    url = reverse("fees:budget", args=["alpha", 2026])
    client = as_user(alpha.manager)
    page = client.get(url).content.decode()
    assert "BETA 예산 승인" not in page and "부결된 예산안" not in page
    assert "재심의 중 예산안" not in page
    for bad in (other, failed, suspended):
        r = client.post(url, {"resolution": bad.pk, "general_admin": 1_000})
        assert r.status_code == 200 and "올바르게 선택해 주세요" in r.content.decode()
    assert not Budget.objects.filter(complex=alpha.complex).exists()
    # The council reads the page but cannot post it.
    r = as_user(alpha.council).post(url, {"general_admin": 1})
    assert r.status_code == 403
    assert as_user(beta.manager).get(url).status_code == 404


def test_budget_service_checks_the_resolution(alpha, beta):
    """services.budget_set → _checked_resolution: another complex's resolution is refused."""
    with pytest.raises(ApplicationError, match="유효한 입주자대표회의 의결이 아닙니다"):
        services.budget_set(
            complex=alpha.complex,
            year=2026,
            amounts={"general_admin": 1},
            resolution=resolution(beta.complex),
        )
    assert not Budget.objects.exists()


def test_budget_api_links_the_resolution(alpha, beta, api):
    ok = resolution(alpha.complex)
    api.force_authenticate(alpha.manager)
    base = "/api/v1/complexes/alpha/budgets/2026/"
    r = api.put(base, {"amounts": {"cleaning": 10}, "resolution": beta_res(beta)}, format="json")
    assert r.status_code == 400 and r.json()["extra"] == {"field": "resolution"}
    r = api.put(base, {"amounts": {"cleaning": 10}, "resolution": ok.pk}, format="json")
    assert r.status_code == 200
    assert Budget.objects.get(complex=alpha.complex, item="cleaning").resolution == ok


def beta_res(beta):
    return resolution(beta.complex).pk
