"""Arts. 91–92 (70-procurement.md rules 24–25): the auditor's exclusions, the report's sections."""

from datetime import date

import pytest

from core.errors import ApplicationError
from council.contracts import audits

pytestmark = pytest.mark.django_db
SECTIONS = {str(k): "해당 없음" for k in range(1, 9)}


def _appoint(c, **kw):
    values = dict(
        complex=c,
        auditor_name="한빛회계법인",
        fiscal_year=2025,
        not_disciplined=True,
        not_suspended=True,
        appointed_on=date(2026, 1, 10),
    )
    values.update(kw)
    return audits.auditor_appoint(**values)


def test_auditor_exclusions_must_be_declared(alpha):
    """Art. 91 (법 26조④): disciplined (48조②1–3) or suspended persons are not appointable."""
    with pytest.raises(ApplicationError, match="48조"):
        _appoint(alpha.complex, not_disciplined=False)
    with pytest.raises(ApplicationError, match="권리가 정지"):
        _appoint(alpha.complex, not_suspended=False)
    assert _appoint(alpha.complex).pk


def test_report_needs_all_eight_sections(alpha):
    """Art. 92: sections 1–8 each filled or "해당 없음"."""
    a = _appoint(alpha.complex)
    with pytest.raises(ApplicationError, match="7호") as e:
        audits.audit_report_create(
            complex=alpha.complex,
            kind="external",
            title="2025 회계감사",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            sections={**SECTIONS, "7": " "},
            submitted_on=date(2026, 3, 31),
            appointment=a,
        )
    assert e.value.extra["missing"] == ["7"]
    with pytest.raises(ApplicationError, match="회계감사인"):
        audits.audit_report_create(
            complex=alpha.complex,
            kind="external",
            title="x",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            sections=SECTIONS,
            submitted_on=date(2026, 3, 31),
        )


def test_report_publish_and_findings_closed(alpha, beta):
    a = _appoint(alpha.complex)
    with pytest.raises(ApplicationError, match="다른 단지"):
        audits.audit_report_create(
            complex=beta.complex,
            kind="external",
            title="x",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            sections=SECTIONS,
            submitted_on=date(2026, 3, 31),
            appointment=a,
        )
    r = audits.audit_report_create(
        complex=alpha.complex,
        kind="external",
        title="2025 회계감사",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        sections=SECTIONS,
        submitted_on=date(2026, 3, 31),
        appointment=a,
        findings=["예비비 증빙 누락"],
        opinion="적정",
    )
    r = audits.audit_report_publish(report=r)
    assert r.published_at
    with pytest.raises(ApplicationError):
        audits.audit_report_publish(report=r)
    f = r.findings.get()
    with pytest.raises(ApplicationError, match="조치 내용"):
        audits.finding_close(finding=f, action="", closed_on=date(2026, 4, 10))
    assert audits.finding_close(
        finding=f, action="증빙 보완", closed_on=date(2026, 4, 10)
    ).closed_on
