"""The council's resolution linked to the 3-yearly review and to an adjustment from the pages
(공동주택관리법 29조②: reviewed by the council and office; 시행규칙 7조②: the office drafts, the
council resolves): only this complex's passed resolution in force; linked once; office only."""

from datetime import date

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from repairs.models import PlanReview, PlanRevision
from repairs.services import (
    plan_adjust,
    review_link_resolution,
    review_record,
    revision_link_resolution,
)
from tests.repairs.helpers import plan_alpha, resolution

pytestmark = pytest.mark.django_db


def url(name, tenant, **kw):
    return reverse(f"repairs:{name}", kwargs={"slug": tenant.complex.slug, **kw})


def _review(alpha):
    plan_alpha(alpha.complex)
    return review_record(complex=alpha.complex, reviewed_on=date(2026, 3, 2), findings="검토함")


def test_link_resolution_to_review_from_the_page(alpha, as_user):
    review = _review(alpha)
    res = resolution(alpha.complex, title="장기수선계획 정기 검토 결과 승인")
    office = as_user(alpha.manager)
    page = office.get(url("reviews", alpha)).content.decode()
    assert "의결 연결" in page
    r = office.post(
        url("review_resolution", alpha, pk=review.pk), {"resolution": res.pk}, follow=True
    )
    assert "의결을 연결했습니다" in r.content.decode()
    review.refresh_from_db()
    assert review.resolution_id == res.pk
    assert "정기 검토 결과 승인" in office.get(url("reviews", alpha)).content.decode()
    # linked once: a second resolution does not replace it (permanent record, Art. 64①2)
    other = resolution(alpha.complex)
    r = office.post(
        url("review_resolution", alpha, pk=review.pk), {"resolution": other.pk}, follow=True
    )
    assert "이미 의결이 연결" in r.content.decode()
    assert PlanReview.objects.get(pk=review.pk).resolution_id == res.pk


def test_review_recorded_with_its_resolution(alpha, as_user):
    plan_alpha(alpha.complex)
    res = resolution(alpha.complex)
    as_user(alpha.manager).post(
        url("reviews", alpha),
        {"reviewed_on": "2026-03-02", "findings": "외벽 도장 주기 유지", "resolution": res.pk},
    )
    assert PlanReview.objects.get(complex=alpha.complex).resolution_id == res.pk


def test_only_this_complexs_passed_resolution(alpha, beta, as_user):
    """A failed resolution, or another complex's, is refused — by the page (not offered) and by
    the service (named)."""
    review = _review(alpha)
    failed = resolution(alpha.complex, passed=False)
    theirs = resolution(beta.complex)
    office = as_user(alpha.manager)
    for bad in (failed, theirs):
        r = office.post(
            url("review_resolution", alpha, pk=review.pk), {"resolution": bad.pk}, follow=True
        )
        assert "가결되어 효력이 있는" in r.content.decode()
    assert PlanReview.objects.get(pk=review.pk).resolution_id is None
    with pytest.raises(ApplicationError, match="가결되어 효력이 있는 의결이 아닙니다"):
        review_link_resolution(review=review, resolution=failed)
    with pytest.raises(ApplicationError, match="다른 단지의 의결"):
        review_link_resolution(review=review, resolution=theirs)


def test_link_resolution_to_an_adjustment(alpha, as_user):
    """시행규칙 7조②: an adjustment drafted by the office, then the council's resolution linked."""
    plan_alpha(alpha.complex)
    revision = plan_adjust(complex=alpha.complex, reason="승강기 주기 조정", owners_consent=True)
    res = resolution(alpha.complex, title="장기수선계획 조정 의결")
    office = as_user(alpha.manager)
    page = office.get(url("revision_detail", alpha, pk=revision.pk)).content.decode()
    assert "이 조정을 의결한" in page
    r = office.post(
        url("revision_resolution", alpha, pk=revision.pk), {"resolution": res.pk}, follow=True
    )
    assert "의결을 연결했습니다" in r.content.decode()
    assert PlanRevision.objects.get(pk=revision.pk).resolution_id == res.pk
    page = office.get(url("revision_detail", alpha, pk=revision.pk)).content.decode()
    assert "조정 의결" in page and "이 조정을 의결한" not in page
    with pytest.raises(ApplicationError, match="이미 의결이 연결"):
        revision_link_resolution(revision=revision, resolution=resolution(alpha.complex))


def test_linking_is_office_only_and_scoped(alpha, beta, as_user):
    review = _review(alpha)
    revision = PlanRevision.objects.filter(complex=alpha.complex).first()
    res = resolution(alpha.complex)
    for user in (alpha.council, alpha.owner):
        client = as_user(user)
        assert (
            client.post(
                url("review_resolution", alpha, pk=review.pk), {"resolution": res.pk}
            ).status_code
            == 403
        )
        assert (
            client.post(
                url("revision_resolution", alpha, pk=revision.pk), {"resolution": res.pk}
            ).status_code
            == 403
        )
    client = as_user(beta.manager)
    assert (
        client.post(
            url("review_resolution", beta, pk=review.pk), {"resolution": res.pk}
        ).status_code
        == 404
    )
    assert (
        client.post(
            url("revision_resolution", beta, pk=revision.pk), {"resolution": res.pk}
        ).status_code
        == 404
    )
    assert PlanReview.objects.get(pk=review.pk).resolution_id is None
    assert PlanRevision.objects.get(pk=revision.pk).resolution_id is None


def test_link_resolutions_through_the_api(alpha, beta, api):
    """The same links through the API: reviews listed; a review's and an adjustment's
    resolution linked once; another complex's resolution is invalid; office only; another
    complex's review is a 404."""
    review = _review(alpha)
    revision = plan_adjust(complex=alpha.complex, reason="승강기 주기 조정", owners_consent=True)
    res, other = resolution(alpha.complex), resolution(alpha.complex)
    base = f"/api/v1/complexes/{alpha.complex.slug}/repair-plan"
    api.force_authenticate(alpha.council)
    assert [r["id"] for r in api.get(f"{base}/reviews/").json()["results"]] == [review.pk]
    assert (
        api.post(f"{base}/reviews/{review.pk}/resolution/", {"resolution": res.pk}).status_code
        == 403
    )
    api.force_authenticate(alpha.manager)
    betas = resolution(beta.complex)
    r = api.post(f"{base}/reviews/{review.pk}/resolution/", {"resolution": betas.pk})
    assert r.status_code == 400
    r = api.post(f"{base}/reviews/{review.pk}/resolution/", {"resolution": res.pk})
    assert r.status_code == 200 and r.json()["resolution"] == res.pk
    r = api.post(f"{base}/reviews/{review.pk}/resolution/", {"resolution": other.pk})
    assert r.status_code == 400 and "이미 의결이 연결" in r.json()["message"]
    r = api.post(f"{base}/revisions/{revision.pk}/resolution/", {"resolution": other.pk})
    assert (
        r.status_code == 200 and PlanRevision.objects.get(pk=revision.pk).resolution_id == other.pk
    )
    api.force_authenticate(beta.manager)
    beta_base = f"/api/v1/complexes/{beta.complex.slug}/repair-plan"
    assert (
        api.post(
            f"{beta_base}/reviews/{review.pk}/resolution/", {"resolution": betas.pk}
        ).status_code
        == 404
    )
