"""Pages of the fees app: residents' bills (constant query count), roles, PDFs, office imports."""

import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fees import services
from fees.models import Bill, BillingRun, Cost
from tests.fees.helpers import SEP, import_costs

OCT = date(2026, 10, 1)


def issue(complex_, period, issued_on, amount=100_000):
    import_costs(complex_, period, f"item,amount\ngeneral_admin,{amount}\ntv_license,2500")
    return services.billing_run_issue(complex=complex_, period=period, issued_on=issued_on)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_resident_sees_own_bill_with_explanations(alpha, as_user):
    issue(alpha.complex, SEP, date(2026, 10, 10))
    bill = Bill.objects.get(unit=alpha.unit, period=SEP)
    r = as_user(alpha.owner).get(reverse("fees:bill_detail", args=["alpha", bill.pk]))
    body = r.content.decode()
    assert r.status_code == 200
    assert "84.97㎡ / 144.87㎡ × 100,000원" in body  # area share explained
    assert "납부기한 <strong>2026-10-26</strong>" in body
    assert "장기수선계획 없음" in body
    # someone else's unit in the same complex: not visible
    other = Bill.objects.get(unit=alpha.lessee_unit, period=SEP)
    assert (
        as_user(alpha.owner).get(reverse("fees:bill_detail", args=["alpha", other.pk])).status_code
        == 404
    )


def test_bill_page_query_count_is_constant(alpha, client, settings):
    """The most-used page: the same number of queries with 1 or 3 months of history, and once
    an issued bill has been shown its lines and history come from the cache (fees/caching.py)."""
    client.force_login(alpha.owner)
    client.get(reverse("fees:bill_list", args=["alpha"]))  # roles cached from here on (tenancy)

    def counts(bill):
        url = reverse("fees:bill_detail", args=["alpha", bill.pk])
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url).status_code == 200
        return len(cold), len(warm)

    issue(alpha.complex, SEP, date(2026, 10, 10))
    one_month = counts(Bill.objects.get(unit=alpha.unit, period=SEP))
    issue(alpha.complex, OCT, date(2026, 11, 10))
    issue(alpha.complex, date(2026, 11, 1), date(2026, 12, 10))
    three_months = counts(Bill.objects.get(unit=alpha.unit, period=date(2026, 11, 1)))
    # warm: the user, and the session unless it is read from Redis (cached_db) — the page says
    # whose bill it is; cold adds the bill, its lines, history, run and payments, and whether
    # its unit was unsold (twice: for the page's answer and for the payer line, which the PDF
    # shares).
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    assert one_month == three_months == (8 + session, 1 + session)


def test_a_cached_page_is_still_only_for_its_unit_and_complex(alpha, beta, as_user):
    """Pages cached by whoever saw them first (the office, another complex's resident) are
    checked against the asking resident's units and windows like a bill read from the database:
    another unit's bill, a lessee's month before moving in, another complex's bill — 404."""
    from complexes.models import Membership

    issue(alpha.complex, SEP, date(2026, 10, 10))
    issue(alpha.complex, OCT, date(2026, 11, 10))
    issue(beta.complex, SEP, date(2026, 10, 10))
    m = Membership.objects.get(user=alpha.lessee, unit=alpha.lessee_unit)
    Membership.objects.filter(pk=m.pk).update(
        created_at=m.created_at.replace(year=2026, month=10, day=15)
    )
    owners_bill = Bill.objects.get(unit=alpha.unit, period=SEP)
    lessees_sep = Bill.objects.get(unit=alpha.lessee_unit, period=SEP)
    lessees_oct = Bill.objects.get(unit=alpha.lessee_unit, period=OCT)
    betas_bill = Bill.objects.get(unit=beta.unit, period=SEP)
    office = as_user(alpha.manager)
    for bill in (owners_bill, lessees_sep, lessees_oct):
        assert office.get(reverse("fees:bill_detail", args=["alpha", bill.pk])).status_code == 200
    assert (
        as_user(beta.owner).get(reverse("fees:bill_detail", args=["beta", betas_bill.pk]))
    ).status_code == 200

    lessee = as_user(alpha.lessee)
    assert (
        lessee.get(reverse("fees:bill_detail", args=["alpha", owners_bill.pk])).status_code == 404
    )
    assert (
        lessee.get(reverse("fees:bill_detail", args=["alpha", lessees_sep.pk])).status_code == 404
    )
    assert (
        lessee.get(reverse("fees:bill_detail", args=["alpha", lessees_oct.pk])).status_code == 200
    )
    assert lessee.get(reverse("fees:bill_detail", args=["alpha", betas_bill.pk])).status_code == 404


def test_a_payment_shows_at_once_under_a_cached_bill(alpha, as_user):
    """The bill page is cached with the unit's latest payments; recording one (by hand or by a
    bank file, whose bulk insert sends no signals) forgets the unit's pages."""
    issue(alpha.complex, SEP, date(2026, 10, 10))
    bill = Bill.objects.get(unit=alpha.unit, period=SEP)
    url = reverse("fees:bill_detail", args=["alpha", bill.pk])
    owner = as_user(alpha.owner)
    assert "입금 기록이 없습니다" in owner.get(url).content.decode()
    services.payment_record(
        complex=alpha.complex, unit=alpha.unit, paid_on=date(2026, 10, 20), amount=12_345
    )
    assert "12,345원" in owner.get(url).content.decode()
    bank_file = f"building,unit,paid_on,amount,reference\n{alpha.unit.building.name},1203,2026-10-21,54321,B-1"
    services.payments_import(complex=alpha.complex, data=bank_file.encode(), filename="bank.csv")
    assert "54,321원" in owner.get(url).content.decode()


def test_a_bill_page_changes_when_its_unit_is_marked_unsold(alpha, as_user):
    """The cached page of an issued bill is forgotten when the unit is recorded unsold for that
    month: the bill is then the developer's (seed 004), not the resident's."""
    from complexes import services as complexes_services

    issue(alpha.complex, SEP, date(2026, 10, 10))
    bill = Bill.objects.get(unit=alpha.unit, period=SEP)
    url = reverse("fees:bill_detail", args=["alpha", bill.pk])
    office = as_user(alpha.manager)
    assert "사업주체" not in office.get(url).content.decode()
    complexes_services.unsold_mark(unit=alpha.unit, developer="한빛건설", since=date(2026, 1, 1))
    assert "납부자: 사업주체 한빛건설 (미분양)" in office.get(url).content.decode()


def test_lessee_sees_only_months_lived_there(alpha, as_user):
    from complexes.models import Membership

    issue(alpha.complex, SEP, date(2026, 10, 10))
    issue(alpha.complex, OCT, date(2026, 11, 10))
    m = Membership.objects.get(user=alpha.lessee, unit=alpha.lessee_unit)
    Membership.objects.filter(pk=m.pk).update(
        created_at=m.created_at.replace(year=2026, month=10, day=15)
    )
    sep = Bill.objects.get(unit=alpha.lessee_unit, period=SEP)
    octo = Bill.objects.get(unit=alpha.lessee_unit, period=OCT)
    c = as_user(alpha.lessee)
    # joined 2026-10-15 with no register entry: from October on (residents.residency_window)
    assert c.get(reverse("fees:bill_detail", args=["alpha", sep.pk])).status_code == 404
    assert c.get(reverse("fees:bill_detail", args=["alpha", octo.pk])).status_code == 200


def test_draft_bills_are_not_shown_to_residents(alpha, as_user):
    import_costs(alpha.complex, SEP, "item,amount\ngeneral_admin,1000")
    services.billing_run_draft(complex=alpha.complex, period=SEP)
    bill = Bill.objects.get(unit=alpha.unit, period=SEP)
    assert (
        as_user(alpha.owner).get(reverse("fees:bill_detail", args=["alpha", bill.pk])).status_code
        == 404
    )
    assert (
        as_user(alpha.manager).get(reverse("fees:bill_detail", args=["alpha", bill.pk])).status_code
        == 200
    )


@pytest.mark.parametrize(
    "name,args",
    [
        ("fees:office_home", []),
        ("fees:settings", []),
        ("fees:period", ["2026-09"]),
        ("fees:payments", []),
        ("fees:arrears", []),
        ("fees:misc_income", []),
        ("fees:deposits", []),
        ("fees:move_outs", []),
        ("fees:adjustments", []),
    ],
)
def test_office_pages_refuse_residents_and_council(alpha, as_user, name, args):
    url = reverse(name, args=["alpha", *args])
    assert as_user(alpha.owner).get(url).status_code == 403
    assert as_user(alpha.council).get(url).status_code == 403
    assert as_user(alpha.manager).get(url).status_code == 200


def test_council_reads_breakdown_and_budget_but_cannot_write(alpha, as_user):
    issue(alpha.complex, SEP, date(2026, 10, 10))
    c = as_user(alpha.council)
    assert "100,000" in c.get(reverse("fees:breakdown", args=["alpha"])).content.decode()
    assert c.get(reverse("fees:budget", args=["alpha", 2026])).status_code == 200
    assert (
        c.post(reverse("fees:budget", args=["alpha", 2026]), {"general_admin": 5}).status_code
        == 403
    )
    assert as_user(alpha.owner).get(reverse("fees:breakdown", args=["alpha"])).status_code == 403


def test_budget_vs_actual(alpha, as_user):
    issue(alpha.complex, SEP, date(2026, 10, 10))
    c = as_user(alpha.manager)
    r = c.post(reverse("fees:budget", args=["alpha", 2026]), {"general_admin": 1_000_000})
    assert r.status_code == 302
    body = c.get(reverse("fees:budget", args=["alpha", 2026])).content.decode()
    assert "10.0%" in body  # 100,000 of 1,000,000


def test_office_import_with_a_bad_row_then_draft_and_issue(alpha, as_user):
    c = as_user(alpha.manager)
    url = reverse("fees:period", args=["alpha", "2026-09"])
    bad = SimpleUploadedFile("c.csv", b"item,amount\ngeneral_admin,100000\ncleening,5\n")
    r = c.post(url, {"which": "costs", "costs-file": bad})
    body = r.content.decode()
    assert "알 수 없는 비목입니다: &#x27;cleening&#x27;" in body
    assert not Cost.objects.exists()
    good = SimpleUploadedFile("c.csv", b"item,amount\ngeneral_admin,100000\ncleaning,5\n")
    assert c.post(url, {"which": "costs", "costs-file": good}).status_code == 302
    assert c.post(reverse("fees:run_draft", args=["alpha", "2026-09"])).status_code == 302
    page = c.get(url).content.decode()
    assert "검토" in page and "100,000" in page
    assert c.get(reverse("fees:run_issue", args=["alpha", "2026-09"])).status_code == 200
    assert c.post(reverse("fees:run_issue", args=["alpha", "2026-09"])).status_code == 302
    assert BillingRun.objects.get(complex=alpha.complex).status == "issued"
    assert Bill.objects.filter(complex=alpha.complex, status="issued").count() == 2


def test_failed_run_lists_problems(alpha, as_user):
    c = as_user(alpha.manager)
    import_costs(alpha.complex, SEP, "item\nelectricity")
    r = c.post(reverse("fees:run_draft", args=["alpha", "2026-09"]), follow=True)
    assert (
        "검침 파일에 금액이 없는 세대" in r.content.decode()
        or "검침값이 없는 세대" in r.content.decode()
    )


def test_bill_pdf_has_korean_text(alpha, as_user, tmp_path):
    issue(alpha.complex, SEP, date(2026, 10, 10))
    bill = Bill.objects.get(unit=alpha.unit, period=SEP)
    r = as_user(alpha.owner).get(reverse("fees:bill_pdf", args=["alpha", bill.pk]))
    assert r["Content-Type"] == "application/pdf"
    text = pdf_text(r.content, tmp_path)
    assert "관리비 납부고지서" in text and "2026년 9월분" in text
    assert "일반관리비" in text and "2026-10-26" in text


def test_reminder_letters_pdf(alpha, as_user, tmp_path):
    issue(alpha.complex, SEP, date(2026, 10, 10))
    from fees import selectors

    rows = selectors.delinquent_units(complex=alpha.complex, on=date(2026, 11, 30))
    assert {r["unit"].pk for r in rows} == {alpha.unit.pk, alpha.lessee_unit.pk}
    from fees.pdf import reminders_pdf

    text = pdf_text(reminders_pdf(alpha.complex, rows, date(2026, 11, 30)), tmp_path)
    assert "독촉장" in text and "101동 1203호" in text


def test_combined_pdf_batch(alpha, as_user):
    issue(alpha.complex, SEP, date(2026, 10, 10))
    c = as_user(alpha.manager)
    url = reverse("fees:run_pdf", args=["alpha", "2026-09"])
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert c.post(url).status_code == 302
    from fees.models import PdfBatch

    batch = PdfBatch.objects.get()
    assert batch.status == "done" and batch.done == 2
    r = c.get(reverse("fees:pdf_batch_file", args=["alpha", batch.pk]))
    assert r.status_code == 200
