"""Every existing notification goes through the one path (residents/notifications): bills,
overdue reminders, vote invitations and reminders, meeting notices, reconsideration results,
complaints, disputes, the office's reminders. Each leaves one Delivery per recipient and goes by
the channel that person chose; SMS and 알림톡 reach the local fake provider
(tests/fake_solapi.py). (Any mail sent around the path fails its test: the autouse fixture in
tests/conftest.py.)"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from residents.notifications import services as notifications
from residents.notifications.models import Delivery, DeliveryStatus

pytestmark = pytest.mark.django_db


def _kakao(tenant, user, kind, phone="010-1111-2222"):
    notifications.sender_settings_update(
        complex=tenant.complex,
        sms_sender="025551234",
        kakao_pf_id=f"KA01PF-{tenant.complex.slug}",
        kakao_templates={kind: f"TPL-{kind}"},
    )
    notifications.preference_update(complex=tenant.complex, user=user, channel="kakao", phone=phone)


def _issue(tenant):
    from fees import services
    from tests.fees.helpers import SEP, import_costs

    import_costs(tenant.complex, SEP, "item,amount\ngeneral_admin,100000")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.billing_run_issue(
            complex=tenant.complex, period=SEP, issued_on=date(2026, 10, 10)
        )


def test_bill_issued_reaches_each_household_by_its_channel(alpha, solapi):
    """Art. 86①: the bill reaches every household — by KakaoTalk for the owner who chose it,
    by e-mail for the lessee; the link is absolute."""
    _kakao(alpha, alpha.owner, "bill_issued")
    _issue(alpha)
    rows = {d.user_id: d for d in Delivery.objects.filter(kind="bill_issued")}
    assert rows[alpha.owner.pk].status == DeliveryStatus.SENT
    assert rows[alpha.owner.pk].sent_channel == "kakao"
    assert rows[alpha.lessee.pk].channel == "email"
    [alimtalk] = solapi.messages
    assert alimtalk["type"] == "ATA" and alimtalk["kakaoOptions"]["templateId"] == "TPL-bill_issued"
    assert "https://portal.test/c/alpha/bills/" in alimtalk["text"]
    assert [m.to for m in mail.outbox if "관리비 고지서" in m.subject] == [[alpha.lessee.email]]


def test_a_bill_is_mandatory_so_an_opt_out_stored_by_hand_does_not_stop_it(alpha):
    """Art. 86①."""
    pref = notifications.preference_update(complex=alpha.complex, user=alpha.owner, channel="email")
    pref.opt_outs = ["bill_issued"]
    pref.save()
    _issue(alpha)
    assert Delivery.objects.get(kind="bill_issued", user=alpha.owner).status == DeliveryStatus.SENT


def test_overdue_reminder_honours_an_opt_out(alpha, monkeypatch):
    """Art. 98① (독촉 may be sent, not must): an opted-out household is not reminded, and the
    log says so."""
    from fees import tasks
    from fees.models import Payment

    run = _issue(alpha)
    Payment.objects.create(
        complex=alpha.complex, unit=alpha.lessee_unit, paid_on=date(2026, 10, 20), amount=41_347
    )
    notifications.preference_update(
        complex=alpha.complex, user=alpha.owner, channel="email", opt_outs=["payment_overdue"]
    )
    mail.outbox.clear()
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: run.due_date + timedelta(days=1)
    )
    tasks.overdue_reminders()
    [d] = Delivery.objects.filter(kind="payment_overdue")
    assert d.user == alpha.owner and d.status == DeliveryStatus.SKIPPED
    assert mail.outbox == []


def test_vote_invitation_by_sms_carries_the_code_which_is_never_stored(alpha, solapi):
    """Art. 48②1: the code goes by SMS to the voter who chose it; the log keeps [비공개]."""
    from elections import tasks
    from tests.elections.helpers import question_vote

    notifications.sender_settings_update(complex=alpha.complex, sms_sender="025551234")
    notifications.preference_update(
        complex=alpha.complex, user=alpha.owner, channel="sms", phone="010-1111-2222"
    )
    vote = question_vote(alpha.complex)
    assert tasks.send_invitations(vote.pk) == 2
    invitations = Delivery.objects.filter(kind="vote_invitation")
    assert invitations.count() == 2
    sms = invitations.get(user=alpha.owner)
    assert (sms.channel, sms.status, sms.has_secrets) == ("sms", DeliveryStatus.SENT, True)
    [message] = solapi.messages
    code = message["text"].split("인증번호 ")[1].split()[0]
    assert code.isdigit() and code not in sms.text
    assert "[비공개]" in notifications.redacted(sms.text)
    assert "https://portal.test/" in message["text"]


def test_a_voter_who_opted_out_of_reminders_keeps_their_code(alpha):
    from elections import tasks
    from tests.elections.helpers import question_vote

    vote = question_vote(alpha.complex)
    tasks.send_invitations(vote.pk)
    notifications.preference_update(
        complex=alpha.complex, user=alpha.owner, channel="email", opt_outs=["vote_reminder"]
    )
    entry = vote.roll.get(unit=alpha.unit)
    before = entry.code_hash
    tasks.remind_non_voters()
    entry.refresh_from_db()
    assert entry.code_hash == before and entry.reminded_at is None
    reminded = Delivery.objects.filter(kind="vote_reminder")
    assert [d.user for d in reminded] == [alpha.lessee]


def test_meeting_notice_reaches_reps_through_the_path(alpha, solapi):
    """Art. 28①: the notice reaches every seated representative (mandatory)."""
    from tests.council.helpers import held_meeting, make_council

    _, reps = make_council(alpha.complex, seats=2, seated=2)
    notifications.preference_update(
        complex=alpha.complex,
        user=reps[0].user,
        channel="sms",
        phone="010-3333-4444",
    )
    held_meeting(alpha.complex, reps)
    notices = Delivery.objects.filter(kind="meeting_notice").order_by("address")
    assert [(d.channel, d.status) for d in notices] == [
        ("sms", DeliveryStatus.SENT),
        ("email", DeliveryStatus.SENT),
    ]
    assert "https://portal.test/" in solapi.messages[0]["text"]


def test_complaint_answer_and_office_alerts_go_through_the_path(alpha):
    from residents import services

    c = services.complaint_file(
        complex=alpha.complex,
        by=alpha.owner,
        unit=alpha.unit,
        category="facility",
        title="누수",
        body="천장에서 물이 샙니다",
    )
    assert {d.user for d in Delivery.objects.filter(kind="complaint_office")} == {
        alpha.manager,
        alpha.staff,
    }
    services.complaint_comment(complaint=c, by=alpha.staff, text="내일 방문합니다", by_office=True)
    [answer] = Delivery.objects.filter(kind="complaint_update")
    assert answer.user == alpha.owner and answer.status == DeliveryStatus.SENT


def test_account_invitation_goes_through_the_path(alpha, as_user):
    """complexes cannot import residents: it sends `invitation_ready`, the path subscribes."""
    r = as_user(alpha.manager).post(
        "/c/alpha/office/members/",
        {
            "email": "new@x.test",
            "role": "resident",
            "unit": alpha.unit.pk,
            "resident_kind": "owner",
        },
    )
    assert r.status_code == 302
    [d] = Delivery.objects.filter(kind="account_invitation")
    assert d.address == "new@x.test" and d.status == DeliveryStatus.SENT
    assert "https://portal.test/invite/" in mail.outbox[-1].body


def test_office_reminders_each_leave_a_delivery(alpha):
    from residents import tasks
    from residents.models import Complaint

    Complaint.objects.create(complex=alpha.complex, unit=alpha.unit, title="오래된 민원", body="x")
    Complaint.objects.update(filed_at=timezone.now() - timedelta(days=400))
    tasks.remind_open_complaints(alpha.complex.pk)
    assert {d.user for d in Delivery.objects.filter(kind="complaint_reminder")} == {
        alpha.manager,
        alpha.staff,
    }


def test_district_digest_belongs_to_no_complex(alpha, official):
    from disclosure import tasks

    tasks.weekly_digest()
    [d] = Delivery.objects.filter(kind="district_digest")
    assert d.complex is None and d.user == official and d.status == DeliveryStatus.SENT
