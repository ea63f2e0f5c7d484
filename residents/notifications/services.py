"""Writes of the notification path: `notify()` (called by every app that tells someone
something), sending one delivery (the task's body), the office's retry, and the settings."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.emails import REDACTED
from core.errors import ApplicationError
from core.messaging import (
    Outgoing,
    PermanentFailure,
    TemporaryFailure,
    get_channel,
    mobile_configured,
)

from .models import (
    ChannelChoice,
    Delivery,
    DeliveryStatus,
    NotificationPreference,
    SenderSettings,
)
from .registry import KINDS, get_kind

SECRET_MARK = "⟦비공개{}⟧"
SECRET_MARKS = re.compile(r"⟦비공개(\d+)⟧")
PHONE = re.compile(r"^01[016789]\d{7,8}$")


@dataclass(frozen=True)
class Recipient:
    """Someone to tell: a user (whose preferences apply) or a bare address (an invited voter
    without an account, the filer of a reconsideration request)."""

    user: object = None
    email: str = ""
    phone: str = ""

    @property
    def ident(self):
        return ("user", self.user.pk) if self.user is not None else ("addr", self.email, self.phone)


def _as_recipient(x) -> Recipient:
    if isinstance(x, Recipient):
        return x
    if isinstance(x, str):
        return Recipient(email=x)
    return Recipient(user=x, email=getattr(x, "email", "") or "")


def render(kind: str, context: dict) -> dict:
    """The four texts of a kind from templates/notifications/<kind>/ (links inside are
    absolute, core/links.py)."""
    get_kind(kind)
    base = f"notifications/{kind}/"
    subject = render_to_string(base + "email_subject.txt", context).strip()
    return {
        "subject": settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        "text": render_to_string(base + "email.txt", context).strip() + "\n",
        "sms": render_to_string(base + "sms.txt", context).strip(),
        "alimtalk": render_to_string(base + "alimtalk.txt", context).strip(),
    }


def _hide(text: str, secrets) -> str:
    for i, secret in enumerate(secrets):
        text = text.replace(secret, SECRET_MARK.format(i))
    return text


def reveal(text: str, secrets) -> str:
    """Put the secrets back in place of their markers (at send time only)."""
    return SECRET_MARKS.sub(lambda m: secrets[int(m.group(1))], text)


def redacted(text: str) -> str:
    """The text as the delivery log shows it: secrets as [비공개]."""
    return SECRET_MARKS.sub(REDACTED, text)


def _route(pref, recipient: Recipient) -> tuple[str, str]:
    """(channel, address) for one recipient: the channel they chose when it can be used (a
    mobile number and the provider configured), else e-mail."""
    phone = (pref.phone if pref else "") or recipient.phone
    wants = pref.channel if pref else (ChannelChoice.SMS if not recipient.email else "email")
    if wants in (ChannelChoice.SMS, ChannelChoice.KAKAO) and phone and mobile_configured():
        return wants, phone
    if recipient.email:
        return ChannelChoice.EMAIL, recipient.email
    if phone and mobile_configured():
        return ChannelChoice.SMS, phone
    return (wants or ChannelChoice.EMAIL), ""


def wants(*, kind: str, complex, user) -> bool:
    """Whether `user` receives `kind` in `complex` (False only for an opt-out of an optional
    kind). For callers that must not prepare something nobody will receive (a new voting code)."""
    if get_kind(kind).mandatory or complex is None or user is None:
        return True
    pref = NotificationPreference.objects.filter(complex=complex, user=user).first()
    return not (pref and kind in pref.opt_outs)


def notify(*, kind: str, complex, to, context: dict, secrets=(), key: str = "") -> list[Delivery]:
    """Tell each of `to` (users, Recipients or e-mail addresses) the message `kind`, each by
    the channel they chose. One Delivery per recipient; an opt-out of an optional kind is
    recorded as SKIPPED and nothing is sent (a mandatory kind ignores opt-outs: registry.py).
    `secrets` (a voting code) reach the recipient but are never stored. With `key`, a second
    call for the same thing and address creates nothing (unique constraint).

    The sending itself is a task per delivery (tasks.send_delivery), enqueued after commit;
    without a broker (eager mode: the demo, unit tests) it runs at once in-process."""
    k = get_kind(kind)
    secrets = tuple(str(s) for s in secrets if s)
    texts = {name: _hide(t, secrets) for name, t in render(kind, context).items()}
    recipients, seen = [], set()
    for r in map(_as_recipient, to):
        if r.ident not in seen:
            seen.add(r.ident)
            recipients.append(r)
    users = [r.user.pk for r in recipients if r.user is not None]
    prefs = (
        {
            p.user_id: p
            for p in NotificationPreference.objects.filter(complex=complex, user__in=users)
        }
        if complex is not None and users
        else {}
    )
    deliveries = []
    for r in recipients:
        pref = prefs.get(r.user.pk) if r.user is not None else None
        channel, address = _route(pref, r)
        opted_out = bool(pref and kind in pref.opt_outs and not k.mandatory)
        status, error = DeliveryStatus.QUEUED, ""
        if opted_out:
            status = DeliveryStatus.SKIPPED
        elif not address:
            status, error = DeliveryStatus.FAILED, "연락처(이메일·휴대전화)가 없습니다."
        mobile = channel != ChannelChoice.EMAIL
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    complex=complex,
                    kind=kind,
                    user=r.user,
                    channel=channel,
                    address=address or "-",
                    subject=texts["subject"][:300],
                    text=texts["sms"] if mobile else texts["text"],
                    alimtalk_text=texts["alimtalk"] if channel == ChannelChoice.KAKAO else "",
                    has_secrets=bool(secrets),
                    key=key[:120],
                    status=status,
                    error=error,
                )
        except IntegrityError:
            continue  # already notified under this key
        deliveries.append(delivery)
        if status == DeliveryStatus.QUEUED:
            _enqueue(delivery.pk, secrets)
    return deliveries


def _enqueue(delivery_id: int, secrets) -> None:
    from .tasks import send_delivery

    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker (the demo, unit tests): send now, in-process, where the row is visible on
        # this connection already; the retries follow each other without waiting.
        from .tasks import send_now

        send_now(delivery_id, secrets)
    else:
        transaction.on_commit(lambda: send_delivery.delay(delivery_id, secrets=list(secrets)))


def sender_settings_for(complex) -> SenderSettings | None:
    if complex is None:
        return None
    return SenderSettings.objects.filter(complex=complex).first()


def _outgoing(delivery: Delivery, secrets) -> Outgoing:
    sender = sender_settings_for(delivery.complex)
    return Outgoing(
        to=delivery.address,
        subject=reveal(delivery.subject, secrets),
        text=reveal(delivery.text, secrets),
        alimtalk_text=reveal(delivery.alimtalk_text, secrets),
        html=(
            render_to_string(
                "notifications/email.html",
                {
                    "subject": reveal(delivery.subject, secrets),
                    "text": reveal(delivery.text, secrets),
                },
            )
            if delivery.channel == ChannelChoice.EMAIL
            else ""
        ),
        sender=sender.sms_sender if sender else "",
        kakao_pf_id=sender.kakao_pf_id if sender else "",
        kakao_template_id=(sender.kakao_templates or {}).get(delivery.kind, "") if sender else "",
        secrets=tuple(secrets),
    )


def delivery_send(*, delivery_id: int, secrets=(), final: bool = False) -> Delivery | None:
    """One attempt at one delivery, under a row lock so two workers never both send it; a
    delivery already sent (or skipped) is left alone, so running the task twice is harmless.
    A TemporaryFailure is recorded (attempts, error) and re-raised for the task to retry with
    backoff, unless this is the `final` attempt; a PermanentFailure marks the delivery FAILED at
    once. An 알림톡 the provider refused and that went as SMS is FALLBACK."""
    retry = None
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("complex")
            .filter(pk=delivery_id)
        ).first()
        if delivery is None or delivery.status != DeliveryStatus.QUEUED:
            return delivery
        if delivery.has_secrets and not secrets:
            delivery.status = DeliveryStatus.FAILED
            delivery.error = (
                "비공개 정보(인증번호)가 없어 보낼 수 없습니다: 원래 화면에서 다시 보내 주세요."
            )
            delivery.save(update_fields=["status", "error"])
            return delivery
        delivery.attempts += 1
        try:
            sent = get_channel(delivery.channel).send(_outgoing(delivery, secrets))
        except TemporaryFailure as e:
            delivery.error = _redact(str(e), secrets)
            if final:
                delivery.status = DeliveryStatus.FAILED
            else:
                retry = e
        except PermanentFailure as e:
            delivery.status = DeliveryStatus.FAILED
            delivery.error = _redact(str(e), secrets)
        else:
            delivery.status = DeliveryStatus.FALLBACK if sent.fell_back else DeliveryStatus.SENT
            delivery.sent_channel = sent.channel
            delivery.provider_id = sent.provider_id[:200]
            delivery.error = sent.note
            delivery.sent_at = timezone.now()
        delivery.save(
            update_fields=["attempts", "status", "sent_channel", "provider_id", "error", "sent_at"]
        )
    if retry is not None:
        raise retry  # committed above: the attempt and its error stay recorded
    return delivery


def _redact(text: str, secrets) -> str:
    for s in secrets:
        text = text.replace(s, REDACTED)
    return text


def delivery_retry(*, delivery: Delivery) -> Delivery:
    """The office sends a failed delivery again (delivery log page). A message with a secret
    cannot be re-sent from here: the secret was never stored (re-send the invitation from the
    vote's page, which issues a new code)."""
    if delivery.status != DeliveryStatus.FAILED:
        raise ApplicationError("실패한 발송만 다시 보낼 수 있습니다.")
    if delivery.has_secrets:
        raise ApplicationError(
            "인증번호가 담긴 안내는 여기서 다시 보낼 수 없습니다: 투표 화면에서 초대를 다시 보내 주세요."
        )
    if delivery.address in ("", "-"):
        raise ApplicationError("받는 사람의 연락처가 없습니다: 먼저 연락처를 등록해 주세요.")
    updated = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.QUEUED, error=""
    )
    if updated:
        _enqueue(delivery.pk, ())
    delivery.refresh_from_db()
    return delivery


def preference_update(
    *, complex, user, channel: str, phone: str = "", opt_outs=()
) -> NotificationPreference:
    """A person's own choice. SMS and KakaoTalk need a mobile number; a mandatory kind cannot
    be opted out of (registry.py names the article)."""
    if channel not in ChannelChoice.values:
        raise ApplicationError(f"지원하지 않는 받는 방법입니다: '{channel}'", {"field": "channel"})
    phone = "".join(ch for ch in (phone or "") if ch.isdigit())
    if phone and not PHONE.match(phone):
        raise ApplicationError(
            f"휴대전화 번호 형식이 맞지 않습니다: '{phone}' (예: 010-1234-5678)", {"field": "phone"}
        )
    if channel != ChannelChoice.EMAIL and not phone:
        raise ApplicationError(
            "문자나 카카오톡으로 받으려면 휴대전화 번호를 적어 주세요.", {"field": "phone"}
        )
    opt_outs = sorted(set(opt_outs))
    unknown = [k for k in opt_outs if k not in KINDS]
    if unknown:
        raise ApplicationError(
            f"알 수 없는 알림 종류입니다: {', '.join(unknown)}", {"field": "opt_outs"}
        )
    mandatory = [str(KINDS[k].label) for k in opt_outs if KINDS[k].mandatory]
    if mandatory:
        raise ApplicationError(
            f"관리규약에 따라 꼭 받아야 하는 알림은 끌 수 없습니다: {', '.join(mandatory)}",
            {"field": "opt_outs"},
        )
    pref, _ = NotificationPreference.objects.update_or_create(
        complex=complex,
        user=user,
        defaults={"channel": channel, "phone": phone, "opt_outs": opt_outs},
    )
    return pref


def preference_forget(*, complex_id, user_id) -> int:
    """Delete a person's choices (and mobile number) in a complex once they hold no membership
    there any more: personal data kept no longer than needed (별지 1 보유기간)."""
    from complexes.models import Membership

    if Membership.objects.filter(complex_id=complex_id, user_id=user_id).exists():
        return 0
    deleted, _ = NotificationPreference.objects.filter(
        complex_id=complex_id, user_id=user_id
    ).delete()
    return deleted


def sender_settings_update(
    *, complex, sms_sender: str = "", kakao_pf_id: str = "", kakao_templates=None
) -> SenderSettings:
    """The office's sender number and KakaoTalk channel (templates per kind)."""
    sms_sender = "".join(ch for ch in (sms_sender or "") if ch.isdigit())
    if sms_sender and not 8 <= len(sms_sender) <= 12:
        raise ApplicationError(
            f"발신번호 형식이 맞지 않습니다: '{sms_sender}'", {"field": "sms_sender"}
        )
    templates = dict(kakao_templates or {})
    unknown = [k for k in templates if k not in KINDS]
    if unknown:
        raise ApplicationError(
            f"알 수 없는 알림 종류입니다: {', '.join(unknown)}", {"field": "kakao_templates"}
        )
    obj, _ = SenderSettings.objects.update_or_create(
        complex=complex,
        defaults={
            "sms_sender": sms_sender,
            "kakao_pf_id": (kakao_pf_id or "").strip(),
            "kakao_templates": {k: str(v).strip() for k, v in templates.items() if str(v).strip()},
        },
    )
    return obj
