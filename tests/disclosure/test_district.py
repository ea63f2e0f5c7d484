"""The district officials' view (60-disclosure.md "Compliance view"): all complexes of the
district, late and missing first, drill-down, CSV, comparison — and no personal data."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from complexes.models import DistrictOfficial
from disclosure import services, tasks
from disclosure.duties import Status
from tests.disclosure.helpers import group
from tests.factories import ComplexFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(alpha, beta):
    """alpha: minutes published a day late; beta: a contract never published (missing)."""
    services.publication_record(
        complex=alpha.complex,
        duty="council_minutes",
        title="제3차 회의록",
        body="발언자: 김민수 (101동 1203호)",
        event_on=date(2026, 9, 1),
        published_at=services.timezone.make_aware(services.datetime(2026, 9, 2, 10)),
    )
    services.publication_record(
        complex=beta.complex,
        duty="contract",
        title="소독 용역 계약",
        event_on=date(2026, 8, 1),
        published_at=None,
    )
    services.publication_record(
        complex=alpha.complex,
        duty="bylaw",
        title="관리규약 개정",
        event_on=date(2026, 9, 1),
        published_at=services.timezone.make_aware(services.datetime(2026, 9, 1, 10)),
    )
    ComplexFactory(name="서초아파트", slug="seocho", district_code="11650", district_name="서초구")
    return alpha, beta


def test_dashboard_lists_missing_then_late_first(district, official, as_user):
    body = as_user(official).get(reverse("district_dashboard", args=["11680"])).content.decode()
    problems = body[body.index('data-testid="problems"') :]
    assert problems.index("소독 용역 계약") < problems.index("제3차 회의록")
    assert "관리규약 개정" not in problems  # on time: not among the problems
    assert "서초아파트" not in body
    # complexes with problems first
    table = body[body.index("단지별 현황") :]
    assert table.index("베타아파트") < table.index("알파아파트")


def test_no_personal_data_on_district_pages(district, official, as_user):
    _alpha, _ = district
    c = as_user(official)
    for url in (
        reverse("district_dashboard", args=["11680"]),
        reverse("district_complex", args=["11680", "alpha"]),
        reverse("district_comparison", args=["11680"]),
        reverse("district_export", args=["11680"]),
    ):
        body = c.get(url).content.decode("utf-8-sig")
        assert "김민수" not in body and "1203호" not in body and "@alpha.test" not in body, url


def test_drill_down_and_csv(district, official, as_user):
    c = as_user(official)
    body = c.get(reverse("district_complex", args=["11680", "beta"])).content.decode()
    assert "소독 용역 계약" in body and "미공개" in body
    r = c.get(reverse("district_export", args=["11680"]))
    lines = r.content.decode("utf-8-sig").splitlines()
    assert r["Content-Type"].startswith("text/csv")
    assert lines[0] == "단지,항목,조항,제목,기준일,공개 기한,공개 일시,상태"
    assert lines[1].startswith("베타아파트") and "미공개" in lines[1]  # problems first
    assert any("관리규약 개정" in line and "기한 내 공개" in line for line in lines)


def test_other_district_and_residents_get_404(district, alpha, as_user):
    other = UserFactory()
    DistrictOfficial.objects.create(user=other, district_code="11650", district_name="서초구")
    for user in (other, alpha.manager, alpha.owner):
        c = as_user(user)
        assert c.get(reverse("district_dashboard", args=["11680"])).status_code == 404
        assert c.get(reverse("district_export", args=["11680"])).status_code == 404
        assert c.get(reverse("district_complex", args=["11680", "alpha"])).status_code == 404
    # the official of 서초구 cannot drill into a 강남구 complex through their own code
    assert (
        as_user(other).get(reverse("district_complex", args=["11650", "alpha"])).status_code == 404
    )


def test_anonymous_is_sent_to_login(district, client):
    r = client.get(reverse("district_dashboard", args=["11680"]))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_district_comparison_needs_five(official, as_user):
    group(4)
    body = (
        as_user(official)
        .get(reverse("district_comparison", args=["11680"]) + "?item=cleaning")
        .content.decode()
    )
    assert "5개 미만" in body
    group(1, base=1100)
    body = (
        as_user(official)
        .get(reverse("district_comparison", args=["11680"]) + "?item=cleaning")
        .content.decode()
    )
    assert "자치구 중앙값" in body and "1,020원/㎡" in body


def test_weekly_digest_and_reminders(district, official, alpha):
    """The digest names the district's late and missing items; the office is reminded once of an
    item due within 3 days."""
    mail.outbox.clear()
    assert tasks.weekly_digest() == 1
    digest = mail.outbox[-1]
    assert digest.to == ["official@district.test"]
    assert "소독 용역 계약" in digest.body and "김민수" not in digest.body
    services.publication_record(
        complex=alpha.complex,
        duty="council_meeting_notice",
        title="정기회의 소집 공고",
        event_on=services.today() + timedelta(days=7),  # due in 2 days
        published_at=None,
    )
    mail.outbox.clear()
    assert tasks.reminders_send() == 1
    assert "정기회의 소집 공고" in mail.outbox[0].body
    assert {t for m in mail.outbox for t in m.to} == {"manager@alpha.test", "staff@alpha.test"}
    assert tasks.reminders_send() == 0  # once


def test_a_reminder_window_over_7_days_is_honoured(alpha):
    """The office that asks for 10 days' notice is reminded of an item due in 9 days (the task
    used to stop looking at 7 days without saying so)."""
    from disclosure.models import DisclosureSettings

    DisclosureSettings.objects.update_or_create(
        complex=alpha.complex, defaults={"reminder_days": 10}
    )
    services.publication_record(
        complex=alpha.complex,
        duty="council_meeting_notice",
        title="임시회의 소집 공고",
        event_on=services.today() + timedelta(days=14),  # due in 9 days
        published_at=None,
    )
    mail.outbox.clear()
    assert tasks.reminders_send() == 1
    assert "임시회의 소집 공고" in mail.outbox[0].body


def test_daily_task_expects_and_marks_missing(alpha):
    result = tasks.duties_daily()
    assert result["expected"] >= 4
    assert (
        services.Publication.objects.filter(complex=alpha.complex, status=Status.PENDING).count()
        >= 3
    )
