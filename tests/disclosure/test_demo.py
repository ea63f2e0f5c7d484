"""The demo's disclosure data (90-demo.md) and masking on its real documents (issue 8: "masking
is tested on real documents of the demo"; 제64조③ proviso, 제57조③)."""

import pytest

from complexes import demo as complexes_demo
from complexes.models import Complex
from disclosure import demo, selectors
from disclosure.duties import Status
from disclosure.models import FeeSummary, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded once for the module, inside a transaction rolled back at the end."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        base = complexes_demo.seed()
        demo.seed(base)
        yield base
        transaction.set_rollback(True)


def test_forty_generated_complexes_in_three_districts_with_24_months(seeded):
    generated = Complex.objects.filter(slug__startswith=demo.GENERATED_PREFIX)
    assert generated.count() == 40
    assert set(generated.values_list("district_code", flat=True)) == {"11680", "11650", "11710"}
    months = FeeSummary.objects.filter(complex=generated.first(), item="total").count()
    assert months == 24
    assert not Publication.objects.filter(complex__in=generated).exclude(body="").exists()


def test_hanbit_has_one_late_and_one_missing_and_a_comparison(seeded):
    hanbit = seeded["hanbit"]
    statuses = list(Publication.objects.filter(complex=hanbit).values_list("status", flat=True))
    assert statuses.count(Status.LATE) == 1 and statuses.count(Status.MISSING) == 1
    cmp = selectors.comparison_for(complex=hanbit)
    assert cmp["group"]["size"] >= 5 and "한빛아파트" in cmp["group"]["names"]
    overview = selectors.district_overview(district_code="11680")
    assert overview["problems"][0].status == Status.MISSING
    assert len(overview["rows"]) == 2 + 14


def test_demo_documents_are_published_masked(seeded):
    bodies = "\n".join(
        Publication.objects.filter(complex=seeded["hanbit"]).values_list("body", flat=True)
    )
    raw = "\n".join(demo.DEMO_DOCUMENTS)
    for identifier in (
        "강민호",
        "박서준",
        "김태호",
        "이수진",
        "010-2345-6789",
        "010-8765-4321",
        "02-555-0198",
        "700512-1234567",
        "101동 1203호",
        "12가3456",
        "102-804",
        "hong.demo@example.com",
        "1985.03.02",
        "102동804호",
        "103동 704호",
        "서울34나5678",
        "3456-7890",
    ):
        assert identifier in raw  # the demo documents really contain it …
        assert identifier not in bodies, identifier  # … and it is never published
    for masked in (
        "강*호",
        "박*준",
        "김*호",
        "이*진",
        "010-****-6789",
        "******-*******",
        "***동 ****호",
        "***-**** 세대",
        "**가****",
        "h***@example.com",
        "생년월일 ****.**.**",
        "+82 10-****-7890",
        "2026-10-25 공고, 제34조",  # a notice's own date and article stay
    ):
        assert masked in bodies, masked
    assert "회장" in bodies  # a title is not a name
