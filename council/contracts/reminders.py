"""Deadline reminders of the contracts package (run daily by `tasks.contracts_reminders`).

- Art. 57③: a contract is published by signing + 1 month — reminded from 7 days before.
- Art. 58①: the council resolves a management company's re-contract by E − 60 — reminded
  from E − 90 while no re-contract is under way.
- Art. 58②: the objection window has closed — the outcome is to be decided.
- Art. 59①: a service contractor is evaluated with 별지 10 by E − 45 — from E − 75.
- Art. 92 / 법 26조: last year's external audit report is not recorded — from March 1.
- Art. 90: a required guarantee missing (monthly) or lapsing within 30 days.

Each reminder is sent once (council.ReminderLog: kind + key), so a task run twice is harmless.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Role
from complexes.selectors import office_users
from council.models import ReminderLog
from residents.notifications.services import notify

from . import guarantees, rules
from .models import (
    AuditKind,
    AuditReport,
    Contract,
    ContractStatus,
    GuaranteeHolder,
    ProcurementKind,
    Recontract,
    RenewalOutcome,
)

PUBLISH_LEAD = 7
RECONTRACT_LEAD = 30  # days before E − 60
EVALUATION_LEAD = 30  # days before E − 45


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    title: str
    body: str


def due_reminders(*, complex, today: date) -> list[Reminder]:
    out = []
    for c in Contract.objects.filter(complex=complex, published_at__isnull=True):
        due = rules.contract_publish_due(c.signed_on)
        if today >= due - timedelta(days=PUBLISH_LEAD):
            late = today > due
            out.append(
                Reminder(
                    "contract_late" if late else "contract_publish",
                    str(c.pk),
                    _("계약서 공개 기한") if not late else _("계약서 공개 기한 경과"),
                    _(
                        "%(t)s 계약(%(p)s)은 %(d)s까지 개인정보를 가려 공개해야 합니다 (관리규약 제57조③)."
                    )
                    % {"t": c.title, "p": c.counterparty, "d": due},
                )
            )
    active = Contract.objects.filter(complex=complex, status=ContractStatus.ACTIVE, end__gte=today)
    for c in active.filter(kind=ProcurementKind.MANAGEMENT):
        deadline = rules.recontract_resolve_by(c.end)
        started = c.recontracts.exists()
        if not started and deadline - timedelta(days=RECONTRACT_LEAD) <= today <= deadline:
            out.append(
                Reminder(
                    "recontract_due",
                    f"{c.pk}-{c.end}",
                    _("주택관리업자 재계약 의결 기한"),
                    _(
                        "%(p)s와의 계약이 %(e)s에 끝납니다. 수의계약으로 재계약하려면 %(d)s까지 "
                        "입주자대표회의 구성원 과반수로 의결하고 공고해야 합니다 (관리규약 제58조①)."
                    )
                    % {"p": c.counterparty, "e": c.end, "d": deadline},
                )
            )
    for c in active.filter(kind=ProcurementKind.SERVICE):
        deadline = rules.evaluation_due(c.end)
        if (
            not c.evaluations.exists()
            and deadline - timedelta(days=EVALUATION_LEAD) <= today <= deadline
        ):
            out.append(
                Reminder(
                    "evaluation_due",
                    f"{c.pk}-{c.end}",
                    _("용역사업자 사업수행실적 평가 기한"),
                    _(
                        "%(p)s와의 계약이 %(e)s에 끝납니다. 재계약하려면 %(d)s까지 별지 10으로 "
                        "평가해야 합니다 (관리규약 제59조①)."
                    )
                    % {"p": c.counterparty, "e": c.end, "d": deadline},
                )
            )
    for r in Recontract.objects.filter(
        complex=complex, outcome=RenewalOutcome.PENDING, window_until__lt=today
    ).select_related("contract"):
        out.append(
            Reminder(
                "recontract_decide",
                str(r.pk),
                _("재계약 의견청취 종료"),
                _(
                    "%(p)s 재계약 의견 제출 기간이 %(d)s에 끝났습니다. 이의 세대 수를 확인하고 "
                    "결과를 결정해 주세요 (관리규약 제58조②, 제60조①)."
                )
                % {"p": r.contract.counterparty, "d": r.window_until},
            )
        )
    for f in guarantees.flags(complex=complex, today=today):
        label = GuaranteeHolder(f.holder).label
        if f.kind == "missing":
            out.append(
                Reminder(
                    "guarantee_missing",
                    f"{f.holder}-{today:%Y-%m}",
                    _("보증 미가입"),
                    _("%(h)s의 보증(공제·보증보험·공탁)이 없습니다 (관리규약 제90조).")
                    % {"h": label},
                )
            )
        else:
            out.append(
                Reminder(
                    "guarantee_lapsing",
                    f"{f.holder}-{f.until}",
                    _("보증 만료 예정"),
                    _("%(h)s의 보증이 %(d)s에 끝납니다. 갱신해 주세요 (관리규약 제90조).")
                    % {"h": label, "d": f.until},
                )
            )
    if (
        today >= date(today.year, 3, 1)
        and not AuditReport.objects.filter(
            complex=complex, kind=AuditKind.EXTERNAL, period_end__year=today.year - 1
        ).exists()
    ):
        out.append(
            Reminder(
                "audit_missing",
                str(today.year - 1),
                _("외부 회계감사 보고서 미등록"),
                _("%(y)s년 회계연도의 외부 회계감사 보고서가 등록되지 않았습니다 (제64조③9).")
                % {"y": today.year - 1},
            )
        )
    return out


def send_due_reminders(*, complex, today: date | None = None) -> int:
    """Each due reminder once to the office managers, through the notification service."""
    today = today or timezone.localdate()
    to = office_users(complex_id=complex.pk, roles=[Role.MANAGER])
    sent = 0
    for r in due_reminders(complex=complex, today=today):
        try:
            with transaction.atomic():
                ReminderLog.objects.create(complex=complex, kind=r.kind, key=r.key)
        except IntegrityError:
            continue
        if to:
            notify(
                kind="council_reminder",
                complex=complex,
                to=to,
                context={"complex": complex, "title": r.title, "body": r.body},
            )
        sent += 1
    return sent
