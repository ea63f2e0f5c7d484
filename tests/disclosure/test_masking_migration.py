"""disclosure 0004: text stored under the older masking rules is masked again with core.masking
(제64조③ proviso): the e-mail, birth date, plate, 102-804 and the date part of a registration
number that the old rules kept are hidden; clean rows stay as they are."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from disclosure import services
from disclosure.models import FeeSummary, Publication

pytestmark = pytest.mark.django_db

migration = importlib.import_module("disclosure.migrations.0004_mask_published_text_again")


def test_stored_text_is_masked_again(alpha):
    old = services.publication_record(
        complex=alpha.complex,
        duty="complaint_results",
        title="민원 결과",
        body="x",
        event_on=date(2026, 9, 1),
        published_at=services.timezone.now(),
    )
    clean = services.publication_record(
        complex=alpha.complex,
        duty="bylaw",
        title="관리규약 개정 (2026-10-25, 제34조)",
        body="계약금액 1,234,567원",
        event_on=date(2026, 9, 1),
        published_at=services.timezone.now(),
    )
    Publication.objects.filter(pk=old.pk).update(
        title="102-804 세대 민원",
        body="생년월일 1985.03.02, 주민등록번호 850302-*******, hong@example.com, 12가3456",
    )
    services.fee_summaries_store(
        complex=alpha.complex, period=date(2026, 9, 1), totals={"cleaning": 1000}, area=10
    )
    FeeSummary.objects.filter(complex=alpha.complex).update(reason="102동804호 누수 보수")

    migration.mask_again(apps, None)

    old.refresh_from_db()
    assert old.title == "***-**** 세대 민원"
    assert (
        old.body == "생년월일 ****.**.**, 주민등록번호 ******-*******, h***@example.com, **가****"
    )
    assert set(FeeSummary.objects.values_list("reason", flat=True)) == {"***동 ****호 누수 보수"}
    clean_after = Publication.objects.get(pk=clean.pk)
    assert (clean_after.title, clean_after.body) == (clean.title, clean.body)
