"""One notification path (residents/notifications): a kind × the channel each person chose,
opt-outs honoured except for kinds the bylaw makes mandatory, delivery status kept, retries.
SMS and 알림톡 go to a local fake of the provider (tests/fake_solapi.py)."""

import pytest
from django.core import mail

from core.errors import ApplicationError
from residents.notifications import services, tasks
from residents.notifications.models import Delivery, DeliveryStatus
from residents.notifications.registry import KINDS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _complaint_context(tenant):
    from residents.models import Complaint

    complaint = Complaint.objects.create(
        complex=tenant.complex, unit=tenant.unit, title="엘리베이터 소음", body="밤마다 소음"
    )
    return {
        "complex": tenant.complex,
        "complaint": complaint,
        "event": complaint.events.create(complex=tenant.complex, kind="comment", text="확인 중"),
        "link": "https://portal.test/c/alpha/complaints/1/",
    }


def _prefer(tenant, user, channel, phone="010-1234-5678", opt_outs=()):
    return services.preference_update(
        complex=tenant.complex, user=user, channel=channel, phone=phone, opt_outs=opt_outs
    )


def test_every_kind_has_its_four_templates_and_mandatory_kinds_cite_an_article():
    from django.template.loader import get_template

    for key, kind in KINDS.items():
        for name in ("email_subject.txt", "email.txt", "sms.txt", "alimtalk.txt"):
            get_template(f"notifications/{key}/{name}")
        if kind.mandatory:
            assert kind.basis.startswith("제") and "임의" not in kind.basis
    # Art. 86① (고지서 배부), Art. 28① (소집 통지), Art. 34③ (재심의 결과 통보), Art. 48②1.
    assert {k for k, v in KINDS.items() if v.mandatory} == {
        "bill_issued",
        "meeting_notice",
        "reconsideration_result",
        "vote_invitation",
    }


def test_by_default_a_resident_gets_email_and_the_delivery_is_kept(alpha):
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert (d.channel, d.status, d.attempts) == ("email", DeliveryStatus.SENT, 1)
    [message] = mail.outbox
    assert message.to == [alpha.owner.email] and "엘리베이터 소음" in message.subject
    assert d.provider_id == message.extra_headers["Message-ID"]
    assert "https://portal.test/c/alpha/complaints/1/" in message.alternatives[0][0]


def test_a_resident_who_chose_sms_gets_an_sms_from_the_complex_sender(alpha, solapi):
    services.sender_settings_update(complex=alpha.complex, sms_sender="02-555-1234")
    _prefer(alpha, alpha.owner, "sms")
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and d.sent_channel == "sms"
    assert d.provider_id.startswith("M4V") and mail.outbox == []
    [message] = solapi.messages
    assert (message["to"], message["from"]) == ("01012345678", "025551234")
    assert "https://portal.test/c/alpha/complaints/1/" in message["text"]


def test_kakao_goes_as_alimtalk_with_the_complex_channel_and_template(alpha, solapi):
    services.sender_settings_update(
        complex=alpha.complex,
        sms_sender="0255512345",
        kakao_pf_id="KA01PF-alpha",
        kakao_templates={"complaint_update": "TPL-complaint"},
    )
    _prefer(alpha, alpha.owner, "kakao")
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and d.sent_channel == "kakao"
    [message] = solapi.messages
    assert message["type"] == "ATA"
    assert message["kakaoOptions"]["pfId"] == "KA01PF-alpha"
    assert message["kakaoOptions"]["templateId"] == "TPL-complaint"
    assert message["text"].startswith("[알파아파트] 민원 안내")


def test_alimtalk_refused_falls_back_to_sms_and_says_so(alpha, solapi):
    services.sender_settings_update(
        complex=alpha.complex,
        sms_sender="0255512345",
        kakao_pf_id="KA01PF-alpha",
        kakao_templates={"complaint_update": "TPL-unapproved"},
    )
    solapi.fail("ATA", code="3008", message="템플릿 정보가 올바르지 않음")
    _prefer(alpha, alpha.owner, "kakao")
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert d.status == DeliveryStatus.FALLBACK and d.sent_channel == "sms"
    assert "3008" in d.error
    assert [m.get("type") for m in solapi.messages] == ["ATA", None]


def test_an_opt_out_is_honoured_and_recorded(alpha, solapi):
    _prefer(alpha, alpha.owner, "sms", opt_outs=["complaint_update"])
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    assert d.status == DeliveryStatus.SKIPPED
    assert solapi.messages == [] and mail.outbox == []


def test_a_mandatory_kind_ignores_an_opt_out(alpha, solapi):
    """Art. 28①: the meeting notice must reach every representative."""
    from council.models import NoticeReceipt  # noqa: F401 - the kind exists for reps

    pref = _prefer(alpha, alpha.council, "sms")
    # Stored before the rule existed (or by an admin): the service still ignores it.
    pref.opt_outs = ["meeting_notice"]
    pref.save()
    ctx = {
        "meeting": type("M", (), {"title": "정기회의", "starts_at": None, "place": "관리동"})(),
        "items": [],
        "rep": {"name": "김대표"},
        "receipt_url": "https://portal.test/c/alpha/council/receipt/x/",
    }
    [d] = services.notify(
        kind="meeting_notice", complex=alpha.complex, to=[alpha.council], context=ctx
    )
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT
    assert len(solapi.messages) == 1


def test_a_mandatory_kind_cannot_be_opted_out_of(alpha):
    with pytest.raises(ApplicationError, match="끌 수 없습니다"):
        _prefer(alpha, alpha.owner, "email", opt_outs=["bill_issued"])


def test_sms_without_a_number_is_refused_with_a_clear_message(alpha):
    with pytest.raises(ApplicationError, match="휴대전화 번호"):
        services.preference_update(complex=alpha.complex, user=alpha.owner, channel="sms")
    with pytest.raises(ApplicationError, match="형식"):
        _prefer(alpha, alpha.owner, "sms", phone="12345")


def test_a_temporary_failure_is_retried_and_the_attempts_kept(alpha, solapi):
    _prefer(alpha, alpha.owner, "sms")
    solapi.http_error(503, times=2)
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and d.attempts == 3
    assert len(solapi.requests) == 3


def test_a_delivery_that_keeps_failing_ends_failed_with_its_error(alpha, solapi):
    _prefer(alpha, alpha.owner, "sms")
    solapi.http_error(500, times=tasks.MAX_RETRIES + 1)
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert d.status == DeliveryStatus.FAILED and d.attempts == tasks.MAX_RETRIES + 1
    assert "InternalError" in d.error


def test_a_refused_message_is_not_retried(alpha, solapi):
    _prefer(alpha, alpha.owner, "sms")
    solapi.fail("SMS", code="1062", message="발신번호 미등록")
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    assert (d.status, d.attempts) == (DeliveryStatus.FAILED, 1) and "1062" in d.error


def test_the_task_retries_a_temporary_failure_with_backoff_and_keeps_the_attempt(alpha, solapi):
    from celery.exceptions import Retry

    _prefer(alpha, alpha.owner, "sms")
    solapi.http_error(503, times=100)
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    d.refresh_from_db()
    d.status, d.attempts = DeliveryStatus.QUEUED, 0
    d.save()
    with pytest.raises(Retry) as retry:
        tasks.send_delivery.apply(args=[d.pk], throw=True)
    assert 15 <= retry.value.when <= 30  # the first backoff: 30 s with jitter
    d.refresh_from_db()
    assert (d.status, d.attempts) == (DeliveryStatus.QUEUED, 1) and "InternalError" in d.error
    assert tasks.send_delivery.soft_time_limit and tasks.send_delivery.time_limit
    assert [tasks.backoff(n) <= min(3600, 30 * 2**n) for n in range(10)] == [True] * 10


def test_sending_twice_sends_once(alpha):
    [d] = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=[alpha.owner],
        context=_complaint_context(alpha),
    )
    tasks.send_delivery.delay(d.pk)
    services.delivery_send(delivery_id=d.pk)
    assert len(mail.outbox) == 1
    d.refresh_from_db()
    assert d.attempts == 1


def test_a_key_makes_a_second_notify_harmless(alpha):
    ctx = _complaint_context(alpha)
    for _ in range(2):
        services.notify(
            kind="complaint_update", complex=alpha.complex, to=[alpha.owner], context=ctx, key="c:1"
        )
    assert Delivery.objects.count() == 1 and len(mail.outbox) == 1


def test_a_secret_reaches_the_recipient_but_is_never_stored(alpha, solapi):
    _prefer(alpha, alpha.owner, "sms")
    vote = type(
        "V", (), {"title": "동대표 선거", "opens_at": None, "closes_at": None, "polling_place": ""}
    )()
    entry = type("E", (), {"unit": alpha.unit})()
    [d] = services.notify(
        kind="vote_invitation",
        complex=alpha.complex,
        to=[alpha.owner],
        context={
            "complex": alpha.complex,
            "vote": vote,
            "entry": entry,
            "code": "482913",
            "path": "https://portal.test/vote/x/",
        },
        secrets=["482913"],
    )
    d.refresh_from_db()
    assert "482913" in solapi.messages[0]["text"]
    assert "482913" not in d.text and d.has_secrets
    assert "[비공개]" in services.redacted(d.text)
    d.status = DeliveryStatus.FAILED
    d.save()
    with pytest.raises(ApplicationError, match="인증번호"):
        services.delivery_retry(delivery=d)


def test_a_bare_address_and_a_user_without_contact(alpha):
    nobody = UserFactory(email="")
    out = services.notify(
        kind="complaint_update",
        complex=alpha.complex,
        to=["filer@example.test", nobody],
        context=_complaint_context(alpha),
    )
    by_address = {d.address: Delivery.objects.get(pk=d.pk).status for d in out}
    assert by_address == {"filer@example.test": DeliveryStatus.SENT, "-": DeliveryStatus.FAILED}


def test_leaving_the_complex_forgets_the_mobile_number(alpha):
    from complexes.models import Membership

    _prefer(alpha, alpha.owner, "sms")
    _prefer(alpha, alpha.manager, "sms")
    Membership.objects.filter(complex=alpha.complex, user=alpha.owner).delete()
    from residents.notifications.models import NotificationPreference

    assert list(NotificationPreference.objects.values_list("user", flat=True)) == [alpha.manager.pk]
