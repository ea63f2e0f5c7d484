"""Pages and API of the notification path: a person's own settings, the office's delivery log
with retry (after a confirmation), the manager's sender settings; another complex → 404."""

import pytest
from django.core import mail

from residents.notifications import services
from residents.notifications.models import Delivery, DeliveryStatus, NotificationPreference

pytestmark = pytest.mark.django_db


def _failed(tenant, address="owner@alpha.test"):
    return Delivery.objects.create(
        complex=tenant.complex,
        kind="complaint_reminder",
        user=tenant.manager,
        channel="email",
        address=address,
        subject="[알파아파트] 미처리 민원",
        text="미처리 민원이 있습니다. https://portal.test/c/alpha/complaints/",
        status=DeliveryStatus.FAILED,
        error="메일 서버 오류",
        attempts=9,
    )


def test_a_resident_chooses_sms_and_opts_out_of_a_reminder(alpha, as_user):
    client = as_user(alpha.owner)
    url = "/c/alpha/my/notifications/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "관리규약 제86조①" in html  # the bill cannot be switched off
    assert 'value="bill_issued"' not in html  # mandatory kinds have no opt-out box
    assert 'name="viewport"' in html
    r = client.post(
        url, {"channel": "sms", "phone": "010-2222-3333", "opt_outs": ["payment_overdue"]}
    )
    assert r.status_code == 302
    pref = NotificationPreference.objects.get(complex=alpha.complex, user=alpha.owner)
    assert (pref.channel, pref.phone, pref.opt_outs) == ("sms", "01022223333", ["payment_overdue"])


def test_sms_without_a_phone_is_a_form_error_naming_the_field(alpha, as_user):
    r = as_user(alpha.owner).post("/c/alpha/my/notifications/", {"channel": "kakao", "phone": ""})
    assert r.status_code == 200
    assert "휴대전화 번호를 적어 주세요" in r.content.decode()
    assert not NotificationPreference.objects.exists()


def test_opting_out_of_a_mandatory_kind_is_refused(alpha, as_user):
    r = as_user(alpha.owner).post(
        "/c/alpha/my/notifications/", {"channel": "email", "opt_outs": ["bill_issued"]}
    )
    assert r.status_code == 200 and not NotificationPreference.objects.exists()


def test_the_office_sees_the_log_and_retries_a_failed_delivery_after_confirming(alpha, as_user):
    d = _failed(alpha)
    client = as_user(alpha.staff)
    log = client.get("/c/alpha/office/notifications/")
    html = log.content.decode()
    assert log.status_code == 200 and "실패" in html and "메일 서버 오류" in html
    assert "owner@alpha.test" not in html  # addresses are masked in the log
    confirm = client.get(f"/c/alpha/office/notifications/{d.pk}/retry/")
    assert confirm.status_code == 200 and "다시 보낼까요" in confirm.content.decode()
    assert mail.outbox == []  # nothing sent by looking at the confirmation
    r = client.post(f"/c/alpha/office/notifications/{d.pk}/retry/")
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and d.attempts == 10
    [message] = mail.outbox
    assert message.to == ["owner@alpha.test"]


def test_retrying_a_sent_delivery_says_why_not(alpha, as_user):
    d = _failed(alpha)
    Delivery.objects.filter(pk=d.pk).update(status=DeliveryStatus.SENT)
    r = as_user(alpha.manager).post(f"/c/alpha/office/notifications/{d.pk}/retry/", follow=True)
    assert "실패한 발송만" in r.content.decode() and mail.outbox == []


def test_the_log_is_the_office_s_own(alpha, beta, as_user, outsider):
    d = _failed(alpha)
    assert as_user(alpha.owner).get("/c/alpha/office/notifications/").status_code == 403
    # Another complex's office: 404 for the log's rows, like one that does not exist.
    client = as_user(beta.manager)
    assert client.get(f"/c/beta/office/notifications/{d.pk}/retry/").status_code == 404
    assert client.post(f"/c/beta/office/notifications/{d.pk}/retry/").status_code == 404
    assert "owner" not in client.get("/c/beta/office/notifications/").content.decode()
    assert client.get("/c/alpha/office/notifications/").status_code == 404
    assert as_user(outsider).get("/c/alpha/my/notifications/").status_code == 404
    d.refresh_from_db()
    assert d.status == DeliveryStatus.FAILED


def test_the_manager_sets_the_sender_number_and_kakao_channel(alpha, as_user):
    client = as_user(alpha.manager)
    r = client.post(
        "/c/alpha/office/notifications/sender/",
        {"sms_sender": "02-555-1234", "kakao_pf_id": "KA01PF-alpha", "tpl_bill_issued": "TPL1"},
    )
    assert r.status_code == 302
    s = services.sender_settings_for(alpha.complex)
    assert (s.sms_sender, s.kakao_pf_id, s.kakao_templates) == (
        "025551234",
        "KA01PF-alpha",
        {"bill_issued": "TPL1"},
    )
    bad = client.post("/c/alpha/office/notifications/sender/", {"sms_sender": "12"})
    assert bad.status_code == 200 and "발신번호 형식" in bad.content.decode()
    assert as_user(alpha.staff).get("/c/alpha/office/notifications/sender/").status_code == 403


def test_english_page_uses_the_translation_markup(alpha, as_user):
    r = as_user(alpha.owner).get("/c/alpha/my/notifications/?lang=en", follow=True)
    assert r.status_code == 200 and 'lang="en"' in r.content.decode()


# --- API -----------------------------------------------------------------------------------


def test_api_settings_get_and_put(alpha, api):
    api.force_authenticate(alpha.owner)
    url = "/api/v1/complexes/alpha/notification-settings/"
    r = api.get(url)
    assert r.status_code == 200 and r.json()["channel"] == "email"
    assert "bill_issued" in r.json()["mandatory"]
    r = api.put(
        url,
        {"channel": "kakao", "phone": "01033334444", "opt_outs": ["vote_reminder"]},
        format="json",
    )
    assert r.status_code == 200 and r.json()["opt_outs"] == ["vote_reminder"]
    r = api.put(url, {"channel": "email", "opt_outs": ["meeting_notice"]}, format="json")
    assert r.status_code == 400 and "끌 수 없습니다" in r.json()["message"]
    r = api.put(url, {"channel": "fax"}, format="json")
    assert r.status_code == 400


def test_api_delivery_log_and_retry(alpha, beta, api):
    d = _failed(alpha)
    api.force_authenticate(alpha.manager)
    r = api.get("/api/v1/complexes/alpha/deliveries/?status=failed")
    assert r.status_code == 200
    [row] = r.json()["results"]
    assert row["id"] == d.pk and row["address"] != "owner@alpha.test"
    r = api.post(f"/api/v1/complexes/alpha/deliveries/{d.pk}/retry/")
    assert r.status_code == 202 and r.json()["status"] == "sent"
    r = api.post(f"/api/v1/complexes/alpha/deliveries/{d.pk}/retry/")
    assert r.status_code == 400
    api.force_authenticate(beta.manager)
    assert api.get(f"/api/v1/complexes/beta/deliveries/{d.pk}/").status_code == 404
    assert api.post(f"/api/v1/complexes/beta/deliveries/{d.pk}/retry/").status_code == 404
    api.force_authenticate(alpha.owner)
    assert api.get("/api/v1/complexes/alpha/deliveries/").status_code == 403


def test_the_log_s_query_count_does_not_grow_with_its_rows(alpha, as_user, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _failed(alpha)
    client = as_user(alpha.manager)
    api.force_authenticate(alpha.manager)

    def count(fetch):
        with CaptureQueriesContext(connection) as ctx:
            assert fetch().status_code == 200
        return len(ctx.captured_queries)

    page = lambda: client.get("/c/alpha/office/notifications/")  # noqa: E731
    listing = lambda: api.get("/api/v1/complexes/alpha/deliveries/")  # noqa: E731
    count(page), count(listing)  # warm the cached tenancy context
    one_page, one_api = count(page), count(listing)
    for _ in range(20):
        _failed(alpha)
    assert count(page) == one_page and count(listing) == one_api


def test_each_person_is_offered_only_the_kinds_they_receive(alpha, as_user):
    resident = as_user(alpha.owner).get("/c/alpha/my/notifications/").content.decode()
    assert 'value="payment_overdue"' in resident and 'value="complaint_reminder"' not in resident
    assert (
        'value="election_duties"' not in resident and 'value="account_invitation"' not in resident
    )
    office = as_user(alpha.staff).get("/c/alpha/my/notifications/").content.decode()
    assert 'value="complaint_reminder"' in office and 'value="payment_overdue"' not in office
    council = as_user(alpha.council).get("/c/alpha/my/notifications/").content.decode()
    assert 'value="repair_warning"' in council
