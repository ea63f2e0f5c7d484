"""One object of each disclosure model in a tenant's complex, with "ALPHA"/"BETA" markers, for
the route-walking tenancy test."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from disclosure import services
from disclosure.models import RecordRequest


def populate(tenant):
    c = tenant.complex
    marker = c.slug.upper()
    services.settings_for(c)
    services.profile_refresh(complex=c)
    services.fee_summaries_store(
        complex=c, period=date(2026, 9, 1), totals={"cleaning": 1_000_000}, area=Decimal("144.87")
    )
    services.fee_month_publish(complex=c, period=date(2026, 9, 1))
    services.publication_record(
        complex=c,
        duty="council_minutes",
        title=f"{marker} 제1차 정기회의 회의록",
        body=f"{marker} 회의 내용",
        event_on=date(2026, 10, 5),
        published_at=timezone.now(),
    )
    services.publication_record(
        complex=c,
        duty="contract",
        title=f"{marker} 청소용역 계약",
        event_on=date(2026, 10, 1),
        published_at=None,
    )
    RecordRequest.objects.create(
        complex=c,
        requester=tenant.owner,
        kind="copy",
        record_kind="minutes",
        record=f"{marker} 회의록 사본",
    )
