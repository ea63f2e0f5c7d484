"""The public portal and the open-data API: no account, cacheable, rate-limited, in the OpenAPI
schema, CSV downloads; published disclosures only."""

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone

from disclosure import services
from tests.disclosure.helpers import group

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(alpha, settings):
    settings.PUBLIC_API_RATE = "1000/min"
    cache.clear()
    others = group(5)
    services.profile_refresh(complex=alpha.complex, households=600, area=others and 10000)
    from tests.disclosure.helpers import summaries

    summaries(alpha.complex, per_m2_by_month=[1005] * 24)
    for month in (date(2026, 11, 1), date(2026, 12, 1)):
        services.fee_month_publish(complex=alpha.complex, period=month)
    minutes = services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        title="제7차 정기회의 회의록",
        body="발언자: 김민수 — 경비 용역 재계약 찬성. 연락처 010-2345-6789",
        event_on=date(2026, 12, 10),
        published_at=timezone.now(),
    )
    return alpha, minutes


def test_search_and_complex_page_without_login(published, client):
    _alpha, _minutes = published
    r = client.get("/public/", {"q": "알파"})
    assert r.status_code == 200 and "알파아파트" in r.content.decode()
    assert "public" in r["Cache-Control"] and "max-age=300" in r["Cache-Control"]
    body = client.get("/public/alpha/").content.decode()
    assert "제7차 정기회의 회의록" in body
    assert "6개 단지" in body  # the group is named with its size


def test_minutes_are_shown_masked(published, client):
    _alpha, minutes = published
    body = client.get(f"/public/alpha/disclosures/{minutes.pk}/").content.decode()
    assert "김*수" in body and "김민수" not in body and "010-****-6789" in body


def test_fee_page_shows_published_months_and_comparison(published, client):
    body = client.get("/public/alpha/fees/").content.decode()
    assert "26.12" in body and "26.10" not in body  # only the published months
    assert "<svg" in body and "비교 그룹" in body


def test_logged_in_pages_are_private(published, as_user):
    alpha, _ = published
    r = as_user(alpha.owner).get("/public/alpha/")
    assert "private" in r["Cache-Control"]


def test_api_lists_complexes_disclosures_fees_and_comparison(published, api):
    _alpha, _minutes = published
    r = api.get("/api/v1/public/complexes/", {"q": "알파"})
    assert r.status_code == 200 and r.json()["results"][0]["slug"] == "alpha"
    r = api.get("/api/v1/public/complexes/alpha/disclosures/")
    titles = [p["title"] for p in r.json()["results"]]
    assert titles == [
        "제7차 정기회의 회의록",
        "2026년 12월 관리비 부과명세",
        "2026년 11월 관리비 부과명세",
    ]
    fees = api.get("/api/v1/public/complexes/alpha/fees/").json()["results"]
    assert {f["period"] for f in fees} == {"2026-11-01", "2026-12-01"}
    cmp = api.get("/api/v1/public/complexes/alpha/comparison/", {"item": "cleaning"}).json()
    assert cmp["group_size"] == 6 and cmp["percentile"] is not None and len(cmp["months"]) == 24


def test_csv_downloads(published, client):
    r = client.get("/api/v1/public/complexes/alpha/fees.csv")
    text = r.content.decode("utf-8-sig")
    assert r["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "월,비목코드,비목,총액(원),㎡당(원),변동,변동 사유"
    assert "2026-12,cleaning,청소비" in text
    text = client.get("/api/v1/public/complexes/alpha/disclosures.csv").content.decode("utf-8-sig")
    assert "제7차 정기회의 회의록" in text


def test_unknown_complex_is_404(client, db):
    assert client.get("/public/nowhere/").status_code == 404
    assert client.get("/api/v1/public/complexes/nowhere/").status_code == 404


def test_public_api_is_read_only(published, api):
    assert api.post("/api/v1/public/complexes/alpha/disclosures/", {}).status_code == 405


def test_rate_limited(published, api, settings):
    settings.PUBLIC_API_RATE = "3/min"
    cache.clear()
    codes = [api.get("/api/v1/public/complexes/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_documented_in_openapi(db, client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for p in (
        "/api/v1/public/complexes/",
        "/api/v1/public/complexes/{slug}/disclosures/",
        "/api/v1/public/complexes/{slug}/fees.csv",
        "/api/v1/public/complexes/{slug}/comparison/",
    ):
        assert p in paths, p
