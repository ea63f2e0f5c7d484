"""Unsold units are billed to the developer (seed 004, 시행령 31조⑦; 30-repairs.md "Units not yet
sold: the developer pays" and precise rule 1 "unsold units' share is billed to the developer, not
dropped"): the bill names the developer as payer, residents of the unit don't get those bills as
theirs, the office prints the developer's statement, and the reserve ledger counts the developer's
share exactly once."""

import subprocess
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from complexes.services import unsold_mark
from complexes.unsold import bill_developer, unsold_units
from core.errors import ApplicationError
from fees.models import Bill
from fees.services import billing_run_issue, payment_record
from repairs.fund.ledger import ledger_lines, ledger_totals
from repairs.selectors import developer_statement
from repairs.services import entry_record
from tests.repairs.helpers import plan_alpha

pytestmark = pytest.mark.django_db

PAYER = "납부자: 사업주체 알파건설 (미분양)"


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def _world(alpha):
    """The owner's unit unsold from 2024-11-20, sold 2025-02-10: the bills of 2025-01 and 2025-02
    are the developer's (sold after the first day of February), 2025-03 is the owner's."""
    c = alpha.complex
    plan_alpha(c)
    unsold_mark(
        unit=alpha.unit, developer="알파건설", since=date(2024, 11, 20), sold_on=date(2025, 2, 10)
    )
    for month in (1, 2, 3):
        billing_run_issue(
            complex=c, period=date(2025, month, 1), issued_on=date(2025, month + 1, 3)
        )
    return {b.period.month: b for b in Bill.objects.filter(complex=c, unit=alpha.unit)}


def test_unsold_months_boundaries(alpha):
    """시행령 31조⑦: unsold from the month of `since` until the sale; sold on 2025-02-10 → February
    is still the developer's, March is not."""
    bills = _world(alpha)
    assert bill_developer(bill=bills[1]) == "알파건설"
    assert bill_developer(bill=bills[2]) == "알파건설"
    assert bill_developer(bill=bills[3]) is None
    assert unsold_units(complex=alpha.complex, period=date(2024, 11, 1)) == {
        alpha.unit.pk: "알파건설"
    }
    assert unsold_units(complex=alpha.complex, period=date(2024, 10, 1)) == {}


def test_bill_page_and_pdf_name_the_developer_as_payer(alpha, as_user):
    """The bill of an unsold month is addressed to the developer (시행령 31조⑦), on the page and
    in the PDF; the bill after the sale is not."""
    bills = _world(alpha)
    office = as_user(alpha.manager)
    slug = alpha.complex.slug
    page = office.get(reverse("fees:bill_detail", args=[slug, bills[2].pk])).content.decode()
    assert PAYER in page
    page = office.get(reverse("fees:bill_detail", args=[slug, bills[3].pk])).content.decode()
    assert "사업주체" not in page
    pdf = office.get(reverse("fees:bill_pdf", args=[slug, bills[1].pk]))
    assert pdf.status_code == 200
    assert PAYER in " ".join(pdf_text(pdf.content).split())
    pdf = office.get(reverse("fees:bill_pdf", args=[slug, bills[3].pk]))
    assert "사업주체" not in pdf_text(pdf.content)


def test_combined_pdf_names_the_developer_once_per_unsold_bill(alpha):
    """All bills of a month in one file (fees.pdf.bills_pdf): only the unsold unit's page names
    the developer."""
    from fees.pdf import bills_pdf

    _world(alpha)
    bills = list(
        Bill.objects.filter(complex=alpha.complex, period=date(2025, 2, 1)).select_related(
            "unit__building", "complex"
        )
    )
    assert len(bills) == 2
    text = " ".join(pdf_text(bills_pdf(alpha.complex, bills)).split())
    assert text.count(PAYER) == 1


def test_residents_do_not_get_the_developers_bills(alpha, api, as_user):
    """The owner of the unit (registered before the sale was recorded) sees the bill after the
    sale, not the developer's bills of the unsold months — pages, PDF and API."""
    bills = _world(alpha)
    owner = as_user(alpha.owner)
    slug = alpha.complex.slug
    listing = owner.get(reverse("fees:bill_list", args=[slug])).content.decode()
    assert "2025년 3월분" in listing
    assert "2025년 1월분" not in listing and "2025년 2월분" not in listing
    assert owner.get(reverse("fees:bill_detail", args=[slug, bills[2].pk])).status_code == 404
    assert owner.get(reverse("fees:bill_pdf", args=[slug, bills[1].pk])).status_code == 404
    assert owner.get(reverse("fees:bill_detail", args=[slug, bills[3].pk])).status_code == 200
    api.force_authenticate(alpha.owner)
    r = api.get(f"/api/v1/complexes/{slug}/bills/")
    assert r.status_code == 200
    data = r.json()
    ids = {b["id"] for b in (data["results"] if isinstance(data, dict) else data)}
    assert ids == {bills[3].pk}
    # the office still sees them all
    assert (
        as_user(alpha.manager)
        .get(reverse("fees:bill_detail", args=[slug, bills[2].pk]))
        .status_code
        == 200
    )


def test_issue_notice_not_sent_to_residents_of_an_unsold_unit(alpha):
    """Art. 86① notice goes to residents of their units' bills; an unsold unit's bill is the
    developer's (시행령 31조⑦), so its residents are not told "your bill is out"."""
    c = alpha.complex
    plan_alpha(c)
    unsold_mark(unit=alpha.unit, developer="알파건설", since=date(2024, 1, 1))
    run = billing_run_issue(complex=c, period=date(2025, 1, 1), issued_on=date(2025, 2, 3))
    from fees.tasks import run_issued

    mail.outbox.clear()
    assert run_issued(run.pk) == 1  # the lessee of 804 only, not the owner of unsold 1203
    assert [m.to for m in mail.outbox] == [[alpha.lessee.email]]


def test_developer_statement_page_and_pdf(alpha, as_user):
    """The office's statement for a developer and a range of months: every unsold unit's bills,
    their reserve and totals, and what was paid (Art. 86⑤ order; reserve pro rata, fees rule 13)."""
    bills = _world(alpha)
    jan, feb = bills[1], bills[2]
    # pays January in full and half of February's charges
    payment_record(
        complex=alpha.complex,
        unit=alpha.unit,
        paid_on=date(2025, 3, 5),
        amount=jan.charges + feb.charges // 2,
    )
    s = developer_statement(
        complex=alpha.complex,
        developer="알파건설",
        start=date(2025, 1, 1),
        end=date(2025, 12, 1),
        on=date(2025, 3, 31),
    )
    assert [r["period"] for r in s["rows"]] == [date(2025, 1, 1), date(2025, 2, 1)]
    assert s["totals"]["reserve"] == jan.repair_reserve + feb.repair_reserve
    assert s["totals"]["charges"] == jan.charges + feb.charges
    assert s["totals"]["paid"] == jan.charges + feb.charges // 2
    assert s["rows"][0]["reserve_paid"] == jan.repair_reserve
    assert s["rows"][1]["reserve_paid"] == feb.repair_reserve * (feb.charges // 2) // feb.charges
    owed = jan.charges + feb.charges + jan.late_fee + feb.late_fee  # late fees of the bills
    assert s["totals"]["late_fee"] == jan.late_fee + feb.late_fee
    assert s["totals"]["unpaid"] == owed - s["totals"]["paid"]
    # the range is respected
    only_feb = developer_statement(
        complex=alpha.complex,
        developer="알파건설",
        start=date(2025, 2, 1),
        end=date(2025, 2, 1),
        on=date(2025, 3, 31),
    )
    assert [r["period"] for r in only_feb["rows"]] == [date(2025, 2, 1)]

    office = as_user(alpha.manager)
    slug = alpha.complex.slug
    q = {"developer": "알파건설", "start": "2025-01", "end": "2025-12"}
    page = office.get(reverse("repairs:developer_statement", args=[slug]), q).content.decode()
    assert "1203" in page and f"{s['totals']['reserve']:,}" in page
    r = office.get(reverse("repairs:developer_statement_pdf", args=[slug]), q)
    assert r["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(r.content).split())
    assert "사업주체 부담" in text and "알파건설" in text and f"{s['totals']['reserve']:,}" in text
    bad = office.get(reverse("repairs:developer_statement", args=[slug]), {**q, "start": "2025-13"})
    assert "YYYY-MM" in bad.content.decode()


def test_developer_statement_is_for_the_office(alpha, beta, as_user):
    slug = alpha.complex.slug
    link = reverse("repairs:developer_statement", args=[slug])
    assert as_user(alpha.council).get(link).status_code == 403
    assert as_user(alpha.owner).get(link).status_code == 403
    assert as_user(beta.manager).get(link).status_code == 404


def test_ledger_counts_the_developers_share_once(alpha):
    """Precise rule 1: the unsold units' share is billed to the developer, not dropped; it is an
    accrual of issued bills shown as kind `developer`, and a hand-entered `developer` credit
    (which would count it twice) is refused."""
    bills = _world(alpha)
    c = alpha.complex
    every_bill = sum(b.repair_reserve for b in Bill.objects.filter(complex=c))
    developer_share = bills[1].repair_reserve + bills[2].repair_reserve
    assert developer_share > 0
    totals = ledger_totals(complex=c)
    assert totals.accrued == every_bill  # nothing dropped
    assert totals.developer == developer_share
    assert totals.balance == every_bill  # nothing counted twice
    lines = ledger_lines(complex=c)
    dev = [line for line in lines if line.kind == "developer"]
    assert [(line.day, line.credit) for line in dev] == [
        (date(2025, 1, 1), bills[1].repair_reserve),
        (date(2025, 2, 1), bills[2].repair_reserve),
    ]
    assert all("알파건설" in line.label for line in dev)
    accrual_march = next(line for line in lines if line.kind == "accrual" and line.day.month == 3)
    assert accrual_march.credit == sum(
        b.repair_reserve for b in Bill.objects.filter(complex=c, period=date(2025, 3, 1))
    )
    with pytest.raises(ApplicationError, match="사업주체 부담분"):
        entry_record(
            complex=c, kind="developer", entry_date=date(2025, 3, 5), amount=10, memo="중복"
        )
    assert ledger_totals(complex=c).balance == every_bill


def test_annual_status_counts_the_developers_share(alpha):
    """별지 6 ③ accumulated includes the developer's share exactly once."""
    from repairs.fund.status import annual_status

    _world(alpha)
    figures = annual_status(complex=alpha.complex, year=2025)
    every_bill = sum(b.repair_reserve for b in Bill.objects.filter(complex=alpha.complex))
    assert figures["accumulated"] == every_bill
    assert figures["credits_by_kind"]["developer"] > 0


def test_certificate_leaves_out_the_developers_months(alpha):
    """Art. 79③: the certificate shows what the lessee paid; the months the unit was unsold were
    billed to the developer (시행령 31조⑦), so they are not on it."""
    from repairs.fund.certificate import certificate_pdf

    bills = _world(alpha)
    pdf = certificate_pdf(
        complex=alpha.complex, unit=alpha.unit, start=date(2025, 1, 1), end=date(2025, 12, 1)
    )
    text = " ".join(pdf_text(pdf).split())
    assert "2025년 03월" in text and f"{bills[3].repair_reserve:,}" in text
    assert f"2025년 03월 {bills[3].repair_reserve:,}" in text
    assert f"2025년 01월 {bills[1].repair_reserve:,}" not in text
    assert f"2025년 02월 {bills[2].repair_reserve:,}" not in text


def test_payer_costs_no_query_of_its_own_once_cached(alpha, as_user):
    """The fees bill page is pinned for speed: whether a bill is the developer's, and its payer
    line, are part of the bill's cached page (fees/caching.py), so a cached page reads nothing
    about unsold units — and a resident still cannot open the developer's months."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bills = _world(alpha)
    link = reverse("fees:bill_detail", args=[alpha.complex.slug, bills[3].pk])
    owner = as_user(alpha.owner)
    owner.get(link)
    with CaptureQueriesContext(connection) as q:
        assert owner.get(link).status_code == 200
    assert not [x for x in q.captured_queries if "repairs_unsoldunit" in x["sql"]]
    office = as_user(alpha.manager)
    link = reverse("fees:bill_detail", args=[alpha.complex.slug, bills[2].pk])
    assert PAYER in office.get(link).content.decode()
    with CaptureQueriesContext(connection) as q:
        assert PAYER in office.get(link).content.decode()
    assert not [x for x in q.captured_queries if "repairs_unsoldunit" in x["sql"]]
    # the developer's month, now answered from the cache, stays closed to the unit's owner
    assert as_user(alpha.owner).get(link).status_code == 404


def test_office_records_the_sale_and_the_owner_gets_the_later_bills(alpha, beta, as_user):
    """seed 004, 시행령 31조⑦: recording the sale date of an unsold unit hands the months after
    it back to the owner — at once, even where the bill's page was already cached. A recorded
    date is not changed; another complex's record is a 404; only the office records it."""
    from complexes.models import UnsoldUnit

    c = alpha.complex
    plan_alpha(c)
    unsold = unsold_mark(unit=alpha.unit, developer="알파건설", since=date(2024, 11, 20))
    billing_run_issue(complex=c, period=date(2025, 3, 1), issued_on=date(2025, 4, 3))
    march = Bill.objects.get(complex=c, unit=alpha.unit, period=date(2025, 3, 1))
    bill_url = reverse("fees:bill_detail", args=[c.slug, march.pk])
    settings_url = reverse("repairs:settings", args=[c.slug])
    assert as_user(alpha.manager).get(bill_url).status_code == 200  # cached, the developer's
    assert as_user(alpha.owner).get(bill_url).status_code == 404

    sale = {"form": "sold", "unsold": unsold.pk, "sold_on": "2025-02-10"}
    assert as_user(alpha.council).post(settings_url, sale).status_code == 403
    office = as_user(alpha.manager)
    assert office.post(settings_url, sale).status_code == 302
    assert UnsoldUnit.objects.get(pk=unsold.pk).sold_on == date(2025, 2, 10)
    assert as_user(alpha.owner).get(bill_url).status_code == 200

    again = as_user(alpha.manager).post(
        settings_url, {**sale, "sold_on": "2025-03-01"}, follow=True
    )
    assert "이미 2025-02-10로 기록되어" in again.content.decode()
    assert UnsoldUnit.objects.get(pk=unsold.pk).sold_on == date(2025, 2, 10)

    betas = unsold_mark(unit=beta.unit, developer="베타건설", since=date(2024, 11, 20))
    stranger = {"form": "sold", "unsold": betas.pk, "sold_on": "2025-02-10"}
    assert as_user(alpha.manager).post(settings_url, stranger).status_code == 404
    assert UnsoldUnit.objects.get(pk=betas.pk).sold_on is None


def test_developer_statement_api(alpha, beta, api):
    """The same statement through the API (seed 004, 시행령 31조⑦): office only, another
    complex 404, an unknown developer or a reversed range named in the error."""
    bills = _world(alpha)
    url = f"/api/v1/complexes/{alpha.complex.slug}/reserve/developer-statement/"
    query = {"developer": "알파건설", "from": "2025-01", "to": "2025-12"}
    api.force_authenticate(alpha.manager)
    r = api.get(url, query)
    assert r.status_code == 200
    body = r.json()
    assert [row["period"] for row in body["rows"]] == ["2025-01", "2025-02"]
    assert body["totals"]["reserve"] == bills[1].repair_reserve + bills[2].repair_reserve
    assert body["rows"][0]["unit"] == alpha.unit.number and body["units"] == 1
    r = api.get(url, {**query, "developer": "베타건설"})
    assert r.status_code == 400 and "사업주체가 아닙니다" in r.json()["message"]
    r = api.get(url, {**query, "from": "2025-12", "to": "2025-01"})
    assert r.status_code == 400 and "종료월" in r.json()["message"]
    api.force_authenticate(alpha.council)
    assert api.get(url, query).status_code == 403
    api.force_authenticate(beta.manager)
    assert api.get(url, query).status_code == 404
