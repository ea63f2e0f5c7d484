"""SMS and KakaoTalk 알림톡 through Solapi's maintained SDK (PyPI `solapi`).

The SDK's `SolapiMessageService` keeps its server in `base_url`; we set it from
SOLAPI_BASE_URL so tests (and a staging proxy) can point it at another server. The SDK posts
`POST {base_url}/messages/v4/send-many/detail` with an `HMAC-SHA256 ApiKey=…` header and answers
a `SendMessageResponse` (groupInfo, messageList, failedMessageList). Its errors are plain
`Exception(errorCode, errorMessage)` for 4xx answers and `Exception("UnknownError", body)` for
5xx; connection problems are httpx errors. They are sorted here into TemporaryFailure (retry)
and PermanentFailure (do not retry)."""

import httpx
import pydantic
from django.conf import settings
from solapi import SolapiMessageService
from solapi.error.MessageNotReceiveError import MessageNotReceivedError
from solapi.model import KakaoOption, RequestMessage, SendRequestConfig

from .base import Outgoing, PermanentFailure, Sent, TemporaryFailure

# 4xx answers that mean "not now" rather than "never".
RETRYABLE_CODES = {"UnknownError", "TooManyRequests", "InternalError", "ServiceUnavailable"}


def _service() -> SolapiMessageService:
    if not (settings.SOLAPI_API_KEY and settings.SOLAPI_API_SECRET):
        raise PermanentFailure(
            "문자·알림톡 발송 설정이 없습니다 (SOLAPI_API_KEY, SOLAPI_API_SECRET)."
        )
    service = SolapiMessageService(settings.SOLAPI_API_KEY, settings.SOLAPI_API_SECRET)
    service.base_url = settings.SOLAPI_BASE_URL
    return service


def _digits(number: str) -> str:
    return "".join(ch for ch in number or "" if ch.isdigit())


def submit(message: RequestMessage) -> str:
    """Hand one message to the provider; return its message id (or the group id)."""
    try:
        response = _service().send(message, SendRequestConfig(show_message_list=True))
    except MessageNotReceivedError as e:
        failed = e.failed_messages[0] if e.failed_messages else None
        detail = f"{failed.status_code} {failed.status_message}" if failed else str(e)
        raise PermanentFailure(f"발송 업체가 접수하지 않았습니다: {detail}") from e
    except httpx.HTTPError as e:
        raise TemporaryFailure(f"발송 업체에 연결하지 못했습니다: {e}") from e
    except pydantic.ValidationError as e:
        raise TemporaryFailure(f"발송 업체의 응답을 읽지 못했습니다: {e}") from e
    except (PermanentFailure, TemporaryFailure):
        raise
    except Exception as e:  # the SDK's own 4xx/5xx errors: Exception(code, message)
        code = str(e.args[0]) if e.args else "UnknownError"
        text = " ".join(str(a) for a in e.args[1:])[:300]
        if code in RETRYABLE_CODES:
            raise TemporaryFailure(f"발송 업체 오류: {code} {text}".strip()) from e
        raise PermanentFailure(f"발송 업체가 거절했습니다: {code} {text}".strip()) from e
    if response.failed_message_list:
        failed = response.failed_message_list[0]
        raise PermanentFailure(
            f"발송 업체가 접수하지 않았습니다: {failed.status_code} {failed.status_message}"
        )
    if response.message_list:
        return response.message_list[0].message_id
    return response.group_info.group_id


class SmsChannel:
    """SMS (LMS when long: the provider decides by length, autoTypeDetect)."""

    name = "sms"

    def send(self, message: Outgoing) -> Sent:
        to, sender = _digits(message.to), _digits(message.sender or settings.SMS_DEFAULT_SENDER)
        if not to:
            raise PermanentFailure("휴대전화 번호가 없습니다.")
        if not sender:
            raise PermanentFailure("발신번호가 설정되지 않았습니다 (단지 발송 설정).")
        provider_id = submit(
            RequestMessage(
                to=to, from_=sender, text=message.text, subject=message.subject[:40] or None
            )
        )
        return Sent(channel=self.name, provider_id=provider_id)


class AlimtalkChannel:
    """KakaoTalk 알림톡 with SMS fallback. Two layers of fallback:
    - the provider's own: `disableSms=False`, so a 알림톡 accepted but not deliverable later
      (the recipient has no KakaoTalk) is replaced by an SMS of `text` by Solapi itself;
    - ours: when the provider refuses the 알림톡 outright (unapproved template, unknown channel)
      or no template is configured for this message, the same message goes as SMS at once and
      the result says `fell_back` with the reason."""

    name = "kakao"

    def send(self, message: Outgoing) -> Sent:
        to, sender = _digits(message.to), _digits(message.sender or settings.SMS_DEFAULT_SENDER)
        pf_id = message.kakao_pf_id or settings.KAKAO_DEFAULT_PFID
        if not to:
            raise PermanentFailure("휴대전화 번호가 없습니다.")
        if not (pf_id and message.kakao_template_id):
            return self._fallback(message, "알림톡 채널 또는 템플릿이 설정되지 않았습니다.")
        try:
            provider_id = submit(
                RequestMessage(
                    to=to,
                    from_=sender or None,
                    text=message.alimtalk_text or message.text,
                    type="ATA",
                    kakao_options=KakaoOption(
                        pf_id=pf_id, template_id=message.kakao_template_id, disable_sms=False
                    ),
                )
            )
        except PermanentFailure as e:
            return self._fallback(message, str(e))
        return Sent(channel=self.name, provider_id=provider_id)

    def _fallback(self, message: Outgoing, reason: str) -> Sent:
        sent = SmsChannel().send(message)
        return Sent(channel="sms", provider_id=sent.provider_id, fell_back=True, note=reason)
