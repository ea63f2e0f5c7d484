"""The three channels behind one interface (core/messaging), against a local fake of the
provider's documented API (tests/fake_solapi.py): the real Solapi is not reachable here."""

import pytest
from django.core import mail

from core.messaging import (
    Outgoing,
    PermanentFailure,
    TemporaryFailure,
    get_channel,
    mobile_configured,
)


def test_email_goes_through_django_mail_with_its_message_id():
    sent = get_channel("email").send(
        Outgoing(to="kim@example.test", subject="제목", text="본문", html="<p>본문</p>")
    )
    assert sent.channel == "email" and not sent.fell_back
    [message] = mail.outbox
    assert message.to == ["kim@example.test"] and message.subject == "제목"
    assert message.extra_headers["Message-ID"] == sent.provider_id
    assert message.alternatives[0][0] == "<p>본문</p>"


def test_email_without_an_address_is_refused_for_good():
    with pytest.raises(PermanentFailure):
        get_channel("email").send(Outgoing(to="", text="x"))


def test_sms_posts_the_documented_request_to_the_provider(solapi):
    sent = get_channel("sms").send(
        Outgoing(to="010-1234-5678", text="관리비가 발행되었습니다.", sender="02-1588-0000")
    )
    assert sent.channel == "sms" and sent.provider_id.startswith("M4V")
    [request] = solapi.requests
    assert request.path == "/messages/v4/send-many/detail"
    assert request.headers["Authorization"].startswith("HMAC-SHA256 ApiKey=test-key, Date=")
    [message] = request.messages
    assert message["to"] == "01012345678" and message["from"] == "0215880000"
    assert message["text"] == "관리비가 발행되었습니다."
    assert "kakaoOptions" not in message


def test_alimtalk_carries_the_channel_and_template_and_lets_the_provider_replace_it(solapi):
    sent = get_channel("kakao").send(
        Outgoing(
            to="01012345678",
            text="[SMS] 관리비 발행",
            alimtalk_text="[알림톡] 관리비 발행",
            sender="0215880000",
            kakao_pf_id="KA01PF-alpha",
            kakao_template_id="TPL-bill",
        )
    )
    assert sent.channel == "kakao" and not sent.fell_back
    [message] = solapi.messages
    assert message["type"] == "ATA" and message["text"] == "[알림톡] 관리비 발행"
    assert message["kakaoOptions"] == {
        "pfId": "KA01PF-alpha",
        "templateId": "TPL-bill",
        "disableSms": False,  # the provider's own SMS replacement when KakaoTalk is absent
    }


def test_alimtalk_refused_by_the_provider_falls_back_to_sms(solapi):
    solapi.fail("ATA", code="3008", message="템플릿 정보가 올바르지 않음")
    sent = get_channel("kakao").send(
        Outgoing(
            to="01012345678",
            text="[SMS] 관리비 발행",
            alimtalk_text="[알림톡] 관리비 발행",
            sender="0215880000",
            kakao_pf_id="KA01PF-alpha",
            kakao_template_id="TPL-bad",
        )
    )
    assert sent.fell_back and sent.channel == "sms"
    assert "3008" in sent.note
    alimtalk, sms = solapi.messages
    assert alimtalk["type"] == "ATA"
    assert "type" not in sms and sms["text"] == "[SMS] 관리비 발행"


def test_alimtalk_without_a_template_goes_as_sms_at_once(solapi):
    sent = get_channel("kakao").send(Outgoing(to="01012345678", text="문자", sender="0215880000"))
    assert sent.fell_back and sent.channel == "sms" and "템플릿" in sent.note
    [message] = solapi.messages
    assert message["text"] == "문자"


def test_server_errors_are_temporary_and_refusals_permanent(solapi):
    solapi.http_error(500)
    with pytest.raises(TemporaryFailure):
        get_channel("sms").send(Outgoing(to="01012345678", text="x", sender="0215880000"))
    solapi.http_error(400)
    with pytest.raises(PermanentFailure, match="ValidationError"):
        get_channel("sms").send(Outgoing(to="01012345678", text="x", sender="0215880000"))
    solapi.fail("SMS", code="1062", message="발신번호 미등록")
    with pytest.raises(PermanentFailure, match="1062"):
        get_channel("sms").send(Outgoing(to="01012345678", text="x", sender="0215880000"))


def test_an_unreachable_provider_is_temporary(settings):
    settings.SOLAPI_API_KEY, settings.SOLAPI_API_SECRET = "k", "s"
    settings.SOLAPI_BASE_URL = "http://127.0.0.1:9"  # discard port: connection refused
    with pytest.raises(TemporaryFailure):
        get_channel("sms").send(Outgoing(to="01012345678", text="x", sender="0215880000"))


def test_without_credentials_the_mobile_channels_are_off(settings):
    settings.SOLAPI_API_KEY = ""
    assert not mobile_configured()
    with pytest.raises(PermanentFailure, match="SOLAPI_API_KEY"):
        get_channel("sms").send(Outgoing(to="01012345678", text="x", sender="0215880000"))


def test_sms_without_a_sender_number_is_refused(solapi, settings):
    settings.SMS_DEFAULT_SENDER = ""
    with pytest.raises(PermanentFailure, match="발신번호"):
        get_channel("sms").send(Outgoing(to="01012345678", text="x"))
    assert solapi.requests == []
