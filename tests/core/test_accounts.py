"""Accounts: email login (allauth), password reset, signup, TOTP MFA required for managers."""

from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import override_settings

from complexes.join_codes import join_code_issue
from tests.factories import UnitFactory, UserFactory
from tests.residents.helpers import move_in


def test_login_by_email_in_korean(alpha, client):
    page = client.get("/accounts/login/").content.decode()
    assert "로그인" in page and 'name="login"' in page and "공동주택 관리 포털" in page
    r = client.post("/accounts/login/", {"login": "owner@alpha.test", "password": "pw-123456!"})
    assert r.status_code == 302
    assert client.get("/").headers["Location"] == "/c/alpha/"


def test_wrong_password_is_refused(alpha, client):
    r = client.post("/accounts/login/", {"login": "owner@alpha.test", "password": "wrong"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(alpha, client):
    r = client.post("/accounts/password/reset/", {"email": "owner@alpha.test"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


def test_signup_then_join_with_code(alpha, client):
    r = client.post(
        "/accounts/signup/",
        {"email": "newbie@x.test", "password1": "Sae-jip-2026!", "password2": "Sae-jip-2026!"},
    )
    # "check your mail", whether or not the address is registered (tests/core/test_logins.py)
    assert r.status_code == 302 and r["Location"] == "/accounts/confirm-email/"
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    client.post("/accounts/login/", {"login": "newbie@x.test", "password": "Sae-jip-2026!"})
    body = client.get("/").content.decode()
    assert "세대 가입 코드" in body  # no complex yet: offered the join code
    unit = UnitFactory(building=alpha.building, number="305", floor=3)
    move_in(unit, name="새집")  # the register decides: the name matches the owner's entry
    client.post("/join/", {"code": join_code_issue(unit=unit).code, "name": "새 집"})
    assert client.get("/").headers["Location"] == "/c/alpha/"


@override_settings(REQUIRE_MFA_FOR_MANAGERS=True)
def test_managers_must_set_up_totp_first(alpha, client, api):
    client.force_login(alpha.manager)
    r = client.get("/c/alpha/")
    assert r.status_code == 302 and r["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get(r["Location"], follow=True).status_code == 200
    api.force_authenticate(alpha.manager)
    r = api.get("/api/v1/complexes/alpha/units/")
    assert r.status_code == 403 and "2단계 인증" in r.json()["message"]
    Authenticator.objects.create(
        user=alpha.manager, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert client.get("/c/alpha/").status_code == 200
    assert api.get("/api/v1/complexes/alpha/units/").status_code == 200
    # the answer is cached (core.mfa), but turning TOTP off counts on the next request
    Authenticator.objects.filter(user=alpha.manager).delete()
    assert client.get("/c/alpha/")["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(REQUIRE_MFA_FOR_MANAGERS=True)
def test_other_roles_are_not_forced_into_mfa(alpha, client):
    for user in (alpha.staff, alpha.owner, alpha.council):
        client.force_login(user)
        assert client.get("/c/alpha/").status_code == 200


def test_mfa_not_forced_by_default(alpha, client):
    client.force_login(alpha.manager)
    assert client.get("/c/alpha/").status_code == 200


def test_email_is_case_insensitive(db):
    user = UserFactory(email="MiXeD@Example.TEST")
    assert user.email == "mixed@example.test"


def test_korean_first_whatever_the_browser_says(db, client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "비밀번호" in page and "Password" not in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Password" in client.get("/accounts/login/").content.decode()
