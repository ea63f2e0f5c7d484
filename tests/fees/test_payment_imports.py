"""Payments that must not be counted twice or missed (issue [1/9]).

* The same payments file imported twice without a `reference` column created 50 duplicate
  payments: an import is idempotent — the same file (content) is refused with a message naming
  when it was imported (Asia/Seoul); rows without a reference are matched on (unit, date,
  amount, row position in the file).
* Two concurrent imports answered 500: they give one result and a clear 4xx message.
* Payments committed while an issue runs appear in its arrears (20-fees.md rule 10: payments
  dated on or before the issue date), and every bill states the cut-off time it counted to."""

import re
import subprocess
import threading
import time
from datetime import date

import pytest
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from core.errors import ApplicationError
from fees import services
from fees.models import Bill, Payment, PaymentImport
from tests.fees.helpers import OCT, SEP, csv, four_units, import_costs, only

API = "/api/v1/complexes/alpha/payments/import/"


@pytest.fixture
def four(alpha):
    building, units = four_units(alpha.complex)
    only(alpha.complex, units)
    return alpha.complex, building, units


def fifty_rows(units) -> bytes:
    lines = ["building,unit,paid_on,amount"]
    for i in range(50):
        unit = units[i % 4]
        lines.append(f"301,{unit.number},2026-10-{1 + i % 28:02d},{10_000 + 10 * (i % 4)}")
    return csv("\n".join(lines))


def _import(complex_, data, by=None, name="bank.csv"):
    return services.payments_import(complex=complex_, data=data, filename=name, by=by)


@pytest.mark.django_db
def test_the_same_file_twice_is_refused_naming_when_it_was_imported(four, alpha):
    complex_, _, units = four
    data = fifty_rows(units)
    assert _import(complex_, data, by=alpha.manager)["created"] == 50
    record = PaymentImport.objects.get()
    assert (record.rows, record.created, record.imported_by) == (50, 50, alpha.manager)
    when = timezone.localtime(record.imported_at).strftime("%Y-%m-%d %H:%M")
    assert timezone.localtime(record.imported_at).utcoffset().total_seconds() == 9 * 3600
    with pytest.raises(ApplicationError) as e:
        _import(complex_, data, name="again.csv")
    assert f"{when}에 이미 가져왔습니다" in e.value.message
    assert "manager@alpha.test" in e.value.message
    assert Payment.objects.filter(complex=complex_).count() == 50


@pytest.mark.django_db
def test_rows_without_reference_match_on_unit_date_amount_and_position(four):
    """A re-exported file (different bytes, same rows) adds only its new rows; the same payment
    twice in one file (two positions) is two payments."""
    complex_, _, units = four
    data = fifty_rows(units)
    _import(complex_, data)
    twice = f"301,{units[0].number},2026-10-30,5000"
    more = data + b"\n" + csv(f"{twice}\n{twice}")
    result = _import(complex_, more)
    assert (result["created"], result["skipped_rows"]) == (2, 50)
    assert Payment.objects.filter(complex=complex_).count() == 52
    # the amount of one row changed in a corrected file: that row is a different payment
    changed = more.replace(b"2026-10-01,10000", b"2026-10-01,10001", 1)
    assert _import(complex_, changed)["created"] == 1


@pytest.mark.django_db
def test_repeat_file_through_the_page_and_the_api_is_a_clear_4xx(four, alpha, as_user, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    complex_, _, units = four
    data = fifty_rows(units)
    api.force_authenticate(alpha.manager)
    r = api.post(API, {"file": SimpleUploadedFile("bank.csv", data)}, format="multipart")
    assert r.status_code == 200 and r.json()["created"] == 50
    r = api.post(API, {"file": SimpleUploadedFile("bank.csv", data)}, format="multipart")
    assert r.status_code == 400 and "이미 가져왔습니다" in r.json()["message"]
    assert r.json()["extra"]["imported_at"].endswith("+09:00")
    page = as_user(alpha.manager).post(
        "/c/alpha/office/payments/",
        {"which": "import", "u-file": SimpleUploadedFile("bank.csv", data)},
    )
    assert page.status_code == 200 and "이미 가져왔습니다" in page.content.decode()
    assert Payment.objects.filter(complex=complex_).count() == 50


def _in_threads(*targets):
    barrier = threading.Barrier(len(targets))
    outcomes = []

    def run(target):
        close_old_connections()
        try:
            barrier.wait()
            outcomes.append(("ok", target()))
        except ApplicationError as e:
            outcomes.append(("refused", e.message))
        except Exception as e:  # a 500 in the making: the test must see it
            outcomes.append(("error", repr(e)))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_of_one_file_give_one_result_and_one_refusal(four):
    complex_, _, units = four
    data = fifty_rows(units)
    outcomes = _in_threads(lambda: _import(complex_, data), lambda: _import(complex_, data))
    kinds = sorted(k for k, _ in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    assert "이미 가져왔습니다" in next(m for k, m in outcomes if k == "refused")
    assert Payment.objects.filter(complex=complex_).count() == 50
    assert PaymentImport.objects.filter(complex=complex_).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_with_shared_references_never_fail(four):
    """Two different bank files carrying the same references, at the same moment: each
    reference is recorded once, both imports answer (no unique-constraint 500)."""
    complex_, _, units = four
    rows = [f"301,{units[i % 4].number},2026-10-05,1000{i},TX{i}" for i in range(20)]
    a = csv("\n".join(["building,unit,paid_on,amount,reference", *rows]))
    b = csv(
        "\n".join(
            ["building,unit,paid_on,amount,reference", *rows[10:], "301,101,2026-10-06,7,TXB"]
        )
    )
    outcomes = _in_threads(lambda: _import(complex_, a), lambda: _import(complex_, b))
    assert [k for k, _ in outcomes] == ["ok", "ok"], outcomes
    assert Payment.objects.filter(complex=complex_).count() == 21


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_api_imports_answer_200_and_400(four, alpha):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from rest_framework.test import APIClient

    complex_, _, units = four
    data = fifty_rows(units)

    def post():
        client = APIClient()
        client.force_authenticate(alpha.manager)
        r = client.post(API, {"file": SimpleUploadedFile("b.csv", data)}, format="multipart")
        return r.status_code

    outcomes = _in_threads(post, post)
    assert sorted(code for _, code in outcomes) == [200, 400], outcomes
    assert Payment.objects.filter(complex=complex_).count() == 50


# --- payments while an issue runs --------------------------------------------------------------


def _september_issued(complex_):
    import_costs(complex_, SEP, "item,amount\ngeneral_admin,100000")
    services.billing_run_issue(complex=complex_, period=SEP, issued_on=date(2026, 10, 10))
    import_costs(complex_, OCT, "item,amount\ngeneral_admin,100000")


@pytest.mark.django_db(transaction=True)
def test_a_payment_committed_while_the_issue_runs_is_in_its_arrears(four):
    """20-fees.md rule 10: arrears count payments dated on or before the issue date. A payment
    whose transaction is still open when the issue starts makes the issue wait (the payments
    lock) and is counted once committed; the run records the cut-off."""
    complex_, _, units = four
    _september_issued(complex_)
    paid, release, issued = threading.Event(), threading.Event(), threading.Event()
    errors = []

    def pay():
        close_old_connections()
        try:
            with transaction.atomic():
                services.payment_record(
                    complex=complex_, unit=units[0], paid_on=date(2026, 11, 9), amount=17_396
                )
                paid.set()
                release.wait(30)
        except Exception as e:
            errors.append(e)
        finally:
            close_old_connections()

    def issue():
        close_old_connections()
        try:
            paid.wait(30)
            services.billing_run_issue(complex=complex_, period=OCT, issued_on=date(2026, 11, 10))
            issued.set()
        except Exception as e:
            errors.append(e)
        finally:
            close_old_connections()

    payer, issuer = threading.Thread(target=pay), threading.Thread(target=issue)
    payer.start()
    issuer.start()
    paid.wait(30)
    time.sleep(1.5)
    if connection.vendor == "postgresql":
        assert not issued.is_set()  # the issue waits for the open payment
    release.set()
    payer.join()
    issuer.join()
    assert errors == []
    bill = Bill.objects.get(period=OCT, unit=units[0])
    assert bill.arrears == 0  # September's 17,396 was paid on 11-09
    assert Bill.objects.get(period=OCT, unit=units[1]).arrears == 24_676
    payment = Payment.objects.get(unit=units[0])
    assert bill.run.payments_counted_at > payment.created_at


@pytest.mark.django_db
def test_every_bill_states_the_cut_off_time_of_its_payments(four, alpha, as_user):
    """A payment recorded after the issue (even if dated before it) is not on that bill: the
    bill says up to when it counted payments, on the page and in the PDF."""
    complex_, _, units = four
    _september_issued(complex_)
    run = services.billing_run_issue(complex=complex_, period=OCT, issued_on=date(2026, 11, 10))
    services.payment_record(
        complex=complex_, unit=units[0], paid_on=date(2026, 11, 9), amount=17_396
    )
    bill = Bill.objects.get(period=OCT, unit=units[0])
    assert bill.arrears == 17_396
    at = timezone.localtime(run.payments_counted_at).strftime("%Y-%m-%d %H:%M")
    page = as_user(alpha.manager).get(f"/c/alpha/bills/{bill.pk}/").content.decode()
    assert re.search(rf'data-testid="payments-cutoff">\s*미납액·선납은 {at}까지 기록된 입금', page)
    pdf = as_user(alpha.manager).get(f"/c/alpha/bills/{bill.pk}/pdf/").content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout
    assert f"미납액 (이전 고지분 · {at}까지 기록된 입금 반영)" in re.sub(r"\s+", " ", text.decode())
