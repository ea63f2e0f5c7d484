"""Warnings ahead of the plan's deadlines (seed 004: not reviewing every 3 years — fine up to
5,000,000 won; not repairing per the plan — 10,000,000 won) and of the annual status (Art. 79①:
prepared as of December 31, published by the end of March). Each warning is recorded once
(RepairWarning, unique key) and emailed to the office and the council."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from complexes.models import Role
from complexes.selectors import office_users
from residents.notifications.services import notify

from .models import AnnualStatus, RepairWarning
from .plan.plan_math import ComponentSpec
from .plan.selectors import review_due_on
from .selectors import current_revision

LEAD_DAYS = (90, 30)


def due_warnings(*, complex, today: date) -> list[tuple[str, str]]:
    """(key, message) of every warning due on `today` (each lead time from its first day on)."""
    out = []
    revision = current_revision(complex=complex)
    if revision is None:
        return out
    due = review_due_on(complex=complex)
    for lead in LEAD_DAYS:
        if due and due - timedelta(days=lead) <= today < due:
            out.append(
                (
                    f"review:{due.isoformat()}:{lead}",
                    f"장기수선계획 정기 검토 기한({due:%Y-%m-%d})이 {(due - today).days}일 남았습니다 "
                    "(3년마다 검토, 미검토 시 500만원 이하 과태료).",
                )
            )
    for c in revision.components.all():
        spec = ComponentSpec.of(c)
        for year in spec.occurrence_years(today.year, today.year + 1):
            starts = date(year, 1, 1)
            for lead in LEAD_DAYS:
                if starts - timedelta(days=lead) <= today < starts:
                    out.append(
                        (
                            f"component:{c.category}:{c.name}:{year}:{lead}",
                            f"'{c.name}' 수선 예정 연도({year}년)가 {(starts - today).days}일 "
                            "남았습니다. 사용계획서를 준비하세요 (계획대로 수선하지 않으면 "
                            "1,000만원 과태료).",
                        )
                    )
    for status in AnnualStatus.objects.filter(complex=complex, published_at__isnull=True):
        if status.publish_by - timedelta(days=30) <= today <= status.publish_by:
            out.append(
                (
                    f"status:{status.year}",
                    f"{status.year}년 장기수선충당금 적립 현황(별지 6)을 "
                    f"{status.publish_by:%Y-%m-%d}까지 공개해야 합니다 (제79조①).",
                )
            )
    return out


def send_warnings(*, complex, today: date) -> int:
    """Record and email the warnings due today that were not sent before. Idempotent."""
    sent = 0
    recipients = office_users(complex_id=complex.pk, roles=[Role.MANAGER, Role.STAFF, Role.COUNCIL])
    for key, message in due_warnings(complex=complex, today=today):
        try:
            with transaction.atomic():
                RepairWarning.objects.create(complex=complex, key=key[:120], message=message[:300])
        except IntegrityError:
            continue  # already sent
        if recipients:
            notify(
                kind="repair_warning",
                complex=complex,
                to=recipients,
                context={"complex": complex, "message": message},
            )
        sent += 1
    return sent
