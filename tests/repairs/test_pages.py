"""Pages of the repairs app: who sees what (roles → 403), the flows, the PDFs."""

import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from repairs.models import PlanRevision, UsagePlan, UsagePlanStatus
from repairs.services import entry_record, usage_plan_create
from tests.repairs.helpers import ALPHA_PLAN_CSV, plan_alpha, resolution

pytestmark = pytest.mark.django_db


def url(name, tenant, **kw):
    return reverse(f"repairs:{name}", kwargs={"slug": tenant.complex.slug, **kw})


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_lessee_sees_own_reserve_and_how_it_is_computed(alpha, as_user):
    """별표 9 on the page: price per m² × the unit's area, rounded down."""
    plan_alpha(alpha.complex)
    r = as_user(alpha.lessee).get(url("overview", alpha))
    assert r.status_code == 200
    body = r.content.decode()
    assert "804호 이번 달 장기수선충당금" in body and "59.90㎡" in body
    assert "충당금 잔액" not in body  # the plan summary and balance are for owners


def test_owner_sees_balance_and_plan_summary(alpha, as_user):
    plan_alpha(alpha.complex)
    entry_record(
        complex=alpha.complex,
        kind="opening",
        entry_date=date(2024, 12, 31),
        amount=1_234_567,
        memo="이월",
    )
    body = as_user(alpha.owner).get(url("overview", alpha)).content.decode()
    assert "1,234,567원" in body and "적립 단계" in body


@pytest.mark.parametrize(
    "name", ["components", "revision_list", "ledger", "reviews", "status_latest"]
)
def test_lessee_cannot_see_the_plan_pages(alpha, as_user, name):
    assert as_user(alpha.lessee).get(url(name, alpha)).status_code == 403


@pytest.mark.parametrize(
    "name", ["import", "phases", "component_add", "settings", "usage_plan_create"]
)
def test_council_cannot_use_office_pages(alpha, as_user, name):
    plan_alpha(alpha.complex)
    assert as_user(alpha.council).get(url(name, alpha)).status_code == 403


def test_projection_is_for_council_and_office(alpha, as_user):
    plan_alpha(alpha.complex)
    assert as_user(alpha.owner).get(url("projection", alpha)).status_code == 403
    r = as_user(alpha.council).get(url("projection", alpha) + "?rates=15,30,30,25&component=")
    assert r.status_code == 200


def test_import_with_bad_row_then_fixed_creates_revision_with_diff(alpha, as_user):
    client = as_user(alpha.manager)
    plan_alpha(alpha.complex)
    bad = ALPHA_PLAN_CSV + "급수펌프,plumbing,full,0,2030,100,2,대,5000000\n"
    r = client.post(
        url("import", alpha),
        {"file": SimpleUploadedFile("p.csv", bad.encode()), "start": "2011-01", "end": "2050-12"},
    )
    assert r.status_code == 200 and "5행 cycle_years 열" in r.content.decode()
    assert PlanRevision.objects.filter(complex=alpha.complex).count() == 2
    good = ALPHA_PLAN_CSV + "급수펌프,plumbing,full,10,2030,100,2,대,5000000\n"
    r = client.post(
        url("import", alpha),
        {"file": SimpleUploadedFile("p.csv", good.encode()), "start": "2011-01", "end": "2050-12"},
        follow=True,
    )
    body = r.content.decode()
    assert "3차" in body and "추가: 급수펌프" in body


def test_adjustment_before_review_due_needs_owners_consent(alpha, as_user):
    """법 제29조③: adjusting before 3 years needs a majority of owners' written consent."""
    plan_alpha(alpha.complex)
    client = as_user(alpha.manager)
    c = alpha.complex.repair_plan.revisions.first().components.get(name="외벽 도장")
    data = {
        "category": c.category,
        "name": c.name,
        "method": c.method,
        "cycle_years": 10,
        "first_year": c.first_year,
        "repair_rate": "100",
        "quantity": "5000",
        "unit": "㎡",
        "unit_cost": "12000",
        "reason": "도장 주기 연장",
    }
    r = client.post(url("component_edit", alpha, pk=c.pk), data)
    assert "서면동의" in r.content.decode()
    r = client.post(
        url("component_edit", alpha, pk=c.pk), {**data, "owners_consent": "on"}, follow=True
    )
    assert "수선주기(년) 8 → 10" in r.content.decode()


def test_usage_plan_flow_and_ledger_balance(alpha, as_user):
    """Art. 79②: resolved before the contract; ledger balance = credits − spending."""
    plan_alpha(alpha.complex)
    client = as_user(alpha.manager)
    entry_record(
        complex=alpha.complex,
        kind="opening",
        entry_date=date(2024, 12, 31),
        amount=10_000_000,
        memo="이월",
    )
    plan = usage_plan_create(complex=alpha.complex, title="외벽 도장", estimated_amount=3_000_000)
    today = date.today().isoformat()
    r = client.post(
        url("usage_plan_contract", alpha, pk=plan.pk),
        {"contractor": "도장", "amount": 2_900_000, "contracted_on": today},
        follow=True,
    )
    assert "의결을 거친 사용계획서만" in r.content.decode()
    rejected = resolution(alpha.complex, passed=False)
    r = client.post(
        url("usage_plan_approve", alpha, pk=plan.pk), {"resolution": rejected.pk}, follow=True
    )
    plan.refresh_from_db()
    assert plan.status == UsagePlanStatus.DRAFT
    res = resolution(alpha.complex)
    client.post(url("usage_plan_approve", alpha, pk=plan.pk), {"resolution": res.pk})
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    client.post(
        url("usage_plan_contract", alpha, pk=plan.pk),
        {"contractor": "한빛도장", "amount": 2_900_000, "contracted_on": today},
    )
    client.post(
        url("usage_plan_spend", alpha, pk=plan.pk),
        {"entry_date": today, "amount": 2_900_000, "memo": "도장 대금", "final": "on"},
    )
    plan.refresh_from_db()
    assert plan.status == UsagePlanStatus.EXECUTED
    body = client.get(url("ledger", alpha)).content.decode()
    assert "7,100,000원" in body
    pdf = client.get(url("usage_plan_pdf", alpha, pk=plan.pk))
    assert "장기수선충당금 사용계획서" in pdf_text(pdf.content)


def test_status_pdf_renders_korean(alpha, as_user):
    """별지 6 in Korean, columns ①–⑦."""
    plan_alpha(alpha.complex)
    r = as_user(alpha.manager).get(url("status_pdf", alpha, year=2025))
    text = pdf_text(r.content)
    assert "장기수선충당금 적립 현황" in text and "⑦" in text and "2025-12-31" in text


def test_certificate_only_for_lessee_own_unit_or_office(alpha, as_user):
    """Art. 79③ / precise rule 7: the lessee who asks, for their own unit."""
    plan_alpha(alpha.complex)
    from django.utils import timezone

    month = f"{timezone.localdate():%Y-%m}"  # the lessee's tenancy began this month
    q = "?unit={}&start=2024-01&end=" + month
    r = as_user(alpha.lessee).get(url("certificate", alpha) + q.format(alpha.lessee_unit.pk))
    assert r["Content-Type"] == "application/pdf"
    text = pdf_text(r.content)
    assert "장기수선충당금 납부 확인서" in text and "804호" in text
    r = as_user(alpha.lessee).get(url("certificate", alpha) + q.format(alpha.unit.pk))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")  # not their unit
    assert as_user(alpha.owner).get(url("certificate", alpha)).status_code == 403
    r = as_user(alpha.manager).get(url("certificate", alpha) + q.format(alpha.unit.pk))
    assert r["Content-Type"] == "application/pdf"
    # before the lessee's tenancy: refused, nothing issued
    r = as_user(alpha.lessee).get(
        url("certificate", alpha) + f"?unit={alpha.lessee_unit.pk}&start=2020-01&end=2020-12"
    )
    assert "거주 기간과 겹치지 않습니다" in r.content.decode()


def test_settings_record_every_change(alpha, as_user):
    from repairs.models import RepairSettingsChange

    as_user(alpha.manager).post(url("settings", alpha), {"minimum_price_per_m2": "120"})
    change = RepairSettingsChange.objects.get(complex=alpha.complex)
    assert (change.field, change.new_value, change.changed_by) == (
        "minimum_price_per_m2",
        "120",
        alpha.manager,
    )


def test_other_complex_objects_are_404(alpha, beta, as_user):
    plan_alpha(alpha.complex)
    plan = usage_plan_create(complex=alpha.complex, title="x", estimated_amount=1)
    rev = PlanRevision.objects.filter(complex=alpha.complex).first()
    client = as_user(beta.manager)
    assert client.get(url("usage_plan_detail", beta, pk=plan.pk)).status_code == 404
    assert client.get(url("revision_detail", beta, pk=rev.pk)).status_code == 404
    assert UsagePlan.objects.count() == 1


def test_annual_status_publish_once(alpha, as_user, django_capture_on_commit_callbacks):
    """Art. 79①: the 별지 6 of last year is frozen and marked published, once; disclosure
    records it through the hook repairs.reserve_status_published once the write commits."""
    from disclosure.models import Publication
    from repairs.models import AnnualStatus

    plan_alpha(alpha.complex)
    client = as_user(alpha.manager)
    year = date.today().year - 1
    assert as_user(alpha.council).post(url("status_publish", alpha, year=year)).status_code == 403
    client = as_user(alpha.manager)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url("status_publish", alpha, year=year), follow=True)
    assert "공개로 표시했습니다" in r.content.decode()
    assert AnnualStatus.objects.get(complex=alpha.complex, year=year).published_at
    entry = Publication.objects.get(complex=alpha.complex, duty="reserve_status")
    assert entry.period == date(year, 1, 1) and entry.published_at is not None
    r = client.post(url("status_publish", alpha, year=year), follow=True)
    assert "이미 공개되었습니다" in r.content.decode()


def test_unsold_unit_is_billed_to_the_developer(alpha, as_user):
    """seed 004 (시행령 31조⑦): an unsold unit's reserve is the developer's."""
    from complexes.services import unsold_mark
    from complexes.unsold import unsold_units

    plan_alpha(alpha.complex)
    unsold_mark(unit=alpha.lessee_unit, developer="알파건설", since=date(2010, 1, 15))
    assert unsold_units(complex=alpha.complex, period=date.today()) == {
        alpha.lessee_unit.pk: "알파건설"
    }
    body = as_user(alpha.manager).get(url("settings", alpha)).content.decode()
    assert "이번 달 사업주체 부담" in body and "알파건설" in body
    sold = unsold_mark(
        unit=alpha.unit, developer="알파건설", since=date(2010, 1, 15), sold_on=date(2020, 3, 10)
    )
    assert alpha.unit.pk in unsold_units(complex=alpha.complex, period=date(2020, 3, 1))
    assert alpha.unit.pk not in unsold_units(complex=alpha.complex, period=date(2020, 4, 1))
    assert sold.pk


def test_dashboard_card(alpha, as_user):
    plan_alpha(alpha.complex)
    body = as_user(alpha.owner).get(f"/c/{alpha.complex.slug}/").content.decode()
    assert "장기수선충당금" in body and "충당금 잔액" in body and "1203호 이번 달" in body
    body = as_user(alpha.lessee).get(f"/c/{alpha.complex.slug}/").content.decode()
    assert "804호 이번 달" in body and "충당금 잔액" not in body


def test_document_upload_kept_and_downloadable_by_office_and_council(alpha, as_user):
    """Art. 64①13–15: drawings and photos kept with the usage plan; residents don't see them."""
    plan_alpha(alpha.complex)
    plan = usage_plan_create(complex=alpha.complex, title="외벽 도장", estimated_amount=100)
    client = as_user(alpha.manager)
    client.post(
        url("usage_plan_document", alpha, pk=plan.pk),
        {
            "kind": "photo_before",
            "caption": "공사 전",
            "file": SimpleUploadedFile("a.jpg", b"JPEG"),
        },
    )
    doc = plan.documents.get()
    link = url("usage_plan_document_download", alpha, pk=plan.pk, doc_pk=doc.pk)
    assert b"".join(as_user(alpha.council).get(link).streaming_content) == b"JPEG"
    assert as_user(alpha.owner).get(link).status_code == 403
    # One upload limit for every upload (issue 12): 10 MB, refused before the body is read.
    big = SimpleUploadedFile("b.pdf", b"x" * (10 * 1024 * 1024 + 300 * 1024))
    r = as_user(alpha.manager).post(
        url("usage_plan_document", alpha, pk=plan.pk), {"kind": "drawing", "file": big}, follow=True
    )
    assert r.status_code == 413 and "10MB" in r.content.decode()
    assert plan.documents.count() == 1
