"""별지 9 and 별지 10 as PDF (WeasyPrint with the Korean font): the text is extractable."""

import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from council.contracts import pdf, renewals, services
from council.contracts.evaluation import TEMPLATES

from .helpers import resolution, service_contract

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_form9_lists_every_item_and_the_winner(alpha, as_user):
    c = alpha.complex
    p = services.procurement_create(
        complex=c,
        title="승강기 유지관리 용역",
        kind="service",
        service_category="elevator",
        funding="fees",
        estimated_amount=30_000_000,
    )
    services.procurement_set_method(
        procurement=p,
        method="qualification",
        resolution=resolution(c, on=timezone.localdate(), yes=6),
    )
    p = services.procurement_publish_notice(
        procurement=p,
        bid_deadline=timezone.localdate() - timedelta(days=1),
        now=timezone.now() - timedelta(days=12),
    )
    services.bid_record(
        procurement=p,
        company_name="오르내림",
        business_no="1",
        price=1_000_000,
        credit_grade="AA0",
        record_cases=12,
    )
    services.bid_record(
        procurement=p,
        company_name="튼튼승강기",
        business_no="2",
        price=1_022_000,
        credit_grade="BB-",
        record_cases=7,
    )
    services.bids_score(procurement=p)
    p = services.procurement_award(procurement=p)
    text = text_of(pdf.qualification_pdf(procurement=p))
    assert "별지 제9호서식" in text and "적격심사제 세부배점표" in text
    assert "오르내림" in text and "튼튼승강기" in text
    assert "낙찰자: 오르내림" in text
    assert "27.80" in text and "14.5" in text and "신용평가등급" in text
    resp = as_user(alpha.manager).get(reverse("council:procurement_pdf", args=["alpha", p.pk]))
    assert resp["Content-Type"] == "application/pdf" and resp.content.startswith(b"%PDF")


def test_form10_shows_items_evaluators_and_result(alpha):
    sc = service_contract(alpha.complex, end=date(2027, 3, 31), category="security")
    full = {code: m for code, _, m in TEMPLATES["security"]}
    low = dict(full, price=0, incidents=0)
    ev = renewals.evaluation_record(
        contract=sc,
        template="security",
        evaluated_on=date(2027, 2, 1),
        sheets=[
            {"name": "김소장", "role": "관리사무소장", "scores": full},
            {"name": "이대표", "role": "동별 대표자", "scores": low},
        ],
    )
    text = text_of(pdf.evaluation_pdf(ev=ev))
    assert "별지 제10호서식" in text and "사업수행실적 평가표 (경비)" in text
    assert "경비원 사고대처" in text and "김소장" in text and "이대표" in text
    assert "80.000" in text and "재계약 가능" in text
