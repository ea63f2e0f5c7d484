"""Writes: the external auditor and audit reports (Arts. 91–93; 70-procurement.md rules 24–25)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError

from . import events
from .models import AuditFinding, AuditKind, AuditorAppointment, AuditReport

# Art. 92: the eight sections of the report.
SECTIONS = {
    "1": "감사 방법의 개요",
    "2": "회계장부 기록 누락·부실, 재무상태표·운영성과표와 장부의 불일치",
    "3": "재무제표가 재무상태·운영성과·이익잉여금 변동을 적정하게 표시하는지",
    "4": "적정하게 표시하지 않은 경우 그 내용",
    "5": "사업보고서가 법령과 입주자대표회의 의결에 따랐는지",
    "6": "이익잉여금처분계산서(결손금처리계산서)가 법령에 맞는지",
    "7": "관리주체의 모범 사례",
    "8": "수익사업 세무 처리 점검·조언",
}
NOT_APPLICABLE = "해당 없음"
# Art. 93 checklist.
CHECKLIST = {
    "timeliness": "적시성",
    "completeness": "완전성",
    "conciseness": "간결성",
    "logic": "논리성",
    "accuracy": "정확성(한계 명시)",
    "fairness": "공정성",
}


def auditor_appoint(
    *,
    complex,
    auditor_name: str,
    fiscal_year: int,
    not_disciplined: bool,
    not_suspended: bool,
    appointed_on: date,
    evidence: str = "",
) -> AuditorAppointment:
    """Art. 91 (법 26조④, rule 24, open reading 11): not appointable — a person disciplined
    under 공인회계사법 48조②1–3, or whose KICPA rights are suspended for an apartment audit,
    at any time. Both must be declared checked."""
    if not (auditor_name or "").strip():
        raise ApplicationError("회계감사인을 입력해 주세요.", {"field": "auditor_name"})
    if not not_disciplined:
        raise ApplicationError(
            "공인회계사법 제48조②1~3호 징계를 받은 사람은 회계감사인이 될 수 없습니다 "
            "(제91조). 확인 후 표시해 주세요.",
            {"field": "not_disciplined"},
        )
    if not not_suspended:
        raise ApplicationError(
            "공동주택 회계감사와 관련해 회원 권리가 정지된 사람은 회계감사인이 될 수 "
            "없습니다 (제91조). 확인 후 표시해 주세요.",
            {"field": "not_suspended"},
        )
    return AuditorAppointment.objects.create(
        complex=complex,
        auditor_name=auditor_name.strip(),
        fiscal_year=fiscal_year,
        not_disciplined=True,
        not_suspended=True,
        evidence=evidence,
        appointed_on=appointed_on,
    )


@transaction.atomic
def audit_report_create(
    *,
    complex,
    kind: str,
    title: str,
    period_start: date,
    period_end: date,
    sections: dict,
    submitted_on: date,
    opinion: str = "",
    checklist: dict | None = None,
    appointment=None,
    findings: list[str] = (),
) -> AuditReport:
    """Art. 92 (rule 25): each of sections 1–8 filled, or "해당 없음". An external audit names
    its auditor's appointment (Art. 91)."""
    if kind not in AuditKind.values:
        raise ApplicationError("감사 구분이 올바르지 않습니다.", {"field": "kind"})
    if kind == AuditKind.EXTERNAL and appointment is None:
        raise ApplicationError("외부 회계감사는 회계감사인 선임을 먼저 기록해 주세요 (제91조).")
    if appointment is not None and appointment.complex_id != complex.pk:
        raise ApplicationError("다른 단지의 회계감사인입니다.", {"field": "appointment"})
    if period_start is None or period_end is None or period_end < period_start:
        raise ApplicationError("감사 대상 기간이 올바르지 않습니다.", {"field": "period_end"})
    missing = [k for k in SECTIONS if not str(sections.get(k, "")).strip()]
    if missing:
        raise ApplicationError(
            "감사보고서 기재사항이 빠졌습니다: "
            + ", ".join(f"{k}호 {SECTIONS[k]}" for k in missing)
            + f" (제92조; 없으면 '{NOT_APPLICABLE}').",
            {"field": "sections", "missing": missing},
        )
    report = AuditReport.objects.create(
        complex=complex,
        kind=kind,
        appointment=appointment,
        title=(title or "").strip() or f"{period_start.year}년 감사보고서",
        period_start=period_start,
        period_end=period_end,
        sections={k: str(sections[k]).strip() for k in SECTIONS},
        opinion=opinion,
        checklist={k: bool((checklist or {}).get(k)) for k in CHECKLIST},
        submitted_on=submitted_on,
    )
    for text in findings:
        if text.strip():
            AuditFinding.objects.create(complex=complex, report=report, text=text.strip())
    return report


@transaction.atomic
def audit_report_publish(*, report, now=None) -> AuditReport:
    """19⑤ / 64③9: published on the portal on receipt (due the submission day)."""
    now = now or timezone.now()
    r = AuditReport.objects.select_for_update().get(pk=report.pk)
    if r.published_at is not None:
        raise ApplicationError("이미 공개한 감사보고서입니다.")
    r.published_at = now
    r.save(update_fields=["published_at"])
    events.fire(events.AUDIT_PUBLISHED, r, now)
    return r


def finding_close(*, finding, action: str, closed_on: date) -> AuditFinding:
    """The council's action on a finding, tracked to closure."""
    if not (action or "").strip():
        raise ApplicationError("조치 내용을 입력해 주세요.", {"field": "action"})
    if finding.closed_on is not None:
        raise ApplicationError("이미 조치 완료된 지적사항입니다.")
    finding.action = action.strip()
    finding.closed_on = closed_on
    finding.save(update_fields=["action", "closed_on"])
    return finding
