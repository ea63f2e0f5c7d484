"""Every way in obeys the site's login (allauth): the API token, the session API and the admin.

Each test is an attack that got through before (POST /api/v1/auth/token/ called authenticate()
directly; /admin/login/ was Django's own form; signup said "already registered") and must now
fail. Rate-limit state lives in Redis for the whole run, so every test comes from an address
and logs in with an address of its own (allauth counts failures per client and per e-mail)."""

import itertools
import time
import uuid
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory

PASSWORD = "pw-123456!"
TOKEN_URL = "/api/v1/auth/token/"
REFUSED = (401, 403)  # DRF answers 403 where the first authentication class is the session's
_addresses = itertools.count(1)


@pytest.fixture
def addr():
    """A client address of this test's own (documentation range; nothing is sent anywhere)."""
    n = next(_addresses)
    return f"198.51.{100 + n // 250}.{n % 250 + 1}"


@pytest.fixture
def api(addr):
    return APIClient(REMOTE_ADDR=addr)


@pytest.fixture
def web(addr):
    return Client(REMOTE_ADDR=addr)


def new_user(**extra):
    return UserFactory(email=f"u-{uuid.uuid4().hex[:10]}@example.test", **extra)


def with_totp(user) -> str:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def recovery_codes(user) -> list[str]:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    return RecoveryCodes.activate(user).generate_codes()


def get_token(api, user, password=PASSWORD, **extra):
    return api.post(TOKEN_URL, {"email": user.email, "password": password, **extra}, format="json")


def units_with(token, addr, slug="alpha"):
    client = APIClient(REMOTE_ADDR=addr)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get(f"/api/v1/complexes/{slug}/units/")


# --- the API token -------------------------------------------------------------------------


def test_token_for_an_account_without_second_factor_keeps_the_contract(alpha, api, addr):
    r = get_token(api, alpha.owner)
    assert r.status_code == 200, r.json()
    body = r.json()
    assert set(body) == {"token", "expiry"} and len(body["token"]) == 64
    assert units_with(body["token"], addr).status_code == 200


def test_totp_account_gets_no_token_with_the_password_alone(alpha, api, addr):
    secret = with_totp(alpha.owner)
    r = get_token(api, alpha.owner)
    assert r.status_code == 400 and "token" not in r.json()
    assert "code" in r.json()["extra"]["fields"]
    wrong_code = "000000" if totp_code(secret) != "000000" else "000001"
    wrong = get_token(api, alpha.owner, code=wrong_code)
    assert wrong.status_code == 400 and "token" not in wrong.json()
    ok = get_token(api, alpha.owner, code=totp_code(secret))
    assert ok.status_code == 200
    assert units_with(ok.json()["token"], addr).status_code == 200
    # allauth's TOTP check: the same code does not work twice
    assert get_token(api, alpha.owner, code=totp_code(secret)).status_code == 400


def test_totp_account_may_use_a_recovery_code_once(alpha, api):
    with_totp(alpha.owner)
    code = recovery_codes(alpha.owner)[0]
    assert get_token(api, alpha.owner, code=code).status_code == 200
    assert get_token(api, alpha.owner, code=code).status_code == 400


def test_wrong_totp_codes_are_limited_like_the_sites(db, api):
    user = new_user()
    with_totp(user)
    statuses = [get_token(api, user, code=f"{n:06d}").status_code for n in range(1, 8)]
    assert statuses[:5] == [400] * 5 and statuses[5:] == [429, 429]


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_unverified_email_gets_no_token_where_verification_is_mandatory(db, api):
    user = new_user()
    r = get_token(api, user)
    assert r.status_code == 403 and "token" not in r.json()
    assert "인증" in r.json()["message"]
    assert [m.to for m in mail.outbox] == [[user.email]]  # allauth sent the link again
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    assert get_token(api, user).status_code == 200


def test_account_locked_by_failed_site_logins_gets_no_token(db, api, web):
    user = new_user()
    for _ in range(5):
        web.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    r = get_token(api, user)  # the right password, after allauth locked the account
    assert r.status_code == 429 and "token" not in r.json()


def test_failed_token_logins_lock_the_sites_login(db, api, web):
    user = new_user()
    for _ in range(5):
        assert get_token(api, user, password="wrong").status_code == 400
    assert get_token(api, user).status_code == 429
    web.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in web.session


def test_inactive_account_gets_no_token(db, api):
    user = new_user(is_active=False)
    r = get_token(api, user)
    assert r.status_code in (400, 403) and "token" not in r.json()


@override_settings(REQUIRE_MFA_FOR_MANAGERS=True)
def test_manager_without_totp_gets_no_token_and_with_totp_needs_the_code(alpha, api, addr):
    r = get_token(api, alpha.manager)
    assert r.status_code == 403 and "2단계 인증" in r.json()["message"]
    secret = with_totp(alpha.manager)
    assert get_token(api, alpha.manager).status_code == 400
    ok = get_token(api, alpha.manager, code=totp_code(secret))
    assert ok.status_code == 200
    assert units_with(ok.json()["token"], addr).status_code == 200


def test_token_expires(alpha, api, addr):
    from knox.models import AuthToken

    r = get_token(api, alpha.owner)
    token = r.json()["token"]
    row = AuthToken.objects.get(user=alpha.owner)
    lifetime = row.expiry - timezone.now()
    assert timedelta(hours=9, minutes=59) < lifetime <= timedelta(hours=10)
    assert units_with(token, addr).status_code == 200
    AuthToken.objects.filter(pk=row.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert units_with(token, addr).status_code in REFUSED


def test_password_change_on_the_site_revokes_tokens(alpha, api, addr, web):
    token = get_token(api, alpha.owner).json()["token"]
    web.force_login(alpha.owner)
    new = "Sae-bimil-2026!"
    r = web.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert r.status_code == 302
    assert units_with(token, addr).status_code in REFUSED
    assert (
        units_with(get_token(api, alpha.owner, password=new).json()["token"], addr).status_code
        == 200
    )


def test_any_new_or_removed_password_revokes_tokens(alpha, api, addr):
    """A reset link, the admin's form and `changepassword` all end in set_password()."""
    token = get_token(api, alpha.owner).json()["token"]
    alpha.owner.name = "새 이름"
    alpha.owner.save()  # other changes keep the token
    assert units_with(token, addr).status_code == 200
    alpha.owner.set_password("Another-2026!")
    alpha.owner.save()
    assert units_with(token, addr).status_code in REFUSED
    token = get_token(api, alpha.owner, password="Another-2026!").json()["token"]
    alpha.owner.set_unusable_password()
    alpha.owner.save()
    assert units_with(token, addr).status_code in REFUSED


def test_logout_revokes_this_token_and_logout_all_every_token(alpha, api, addr):
    first = get_token(api, alpha.owner).json()["token"]
    second = get_token(api, alpha.owner).json()["token"]
    client = APIClient(REMOTE_ADDR=addr)
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert units_with(first, addr).status_code in REFUSED
    assert units_with(second, addr).status_code == 200
    third = get_token(api, alpha.owner).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {third}")
    assert client.post("/api/v1/auth/logout/all/").status_code == 204
    assert units_with(second, addr).status_code in REFUSED
    assert units_with(third, addr).status_code in REFUSED
    assert APIClient().post("/api/v1/auth/logout/").status_code == 401


# --- the session API -----------------------------------------------------------------------


def test_session_api_needs_the_second_factor_too(alpha, web):
    secret = with_totp(alpha.owner)
    r = web.post("/accounts/login/", {"login": alpha.owner.email, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"].startswith("/accounts/2fa/authenticate/")
    assert web.get("/api/v1/complexes/alpha/units/").status_code == 403  # half logged in
    web.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert web.get("/api/v1/complexes/alpha/units/").status_code == 200


# --- the admin -----------------------------------------------------------------------------


def test_admin_login_is_the_sites_login_with_its_second_factor(db, web):
    admin = new_user(is_staff=True, is_superuser=True)
    secret = with_totp(admin)
    r = web.post("/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in web.session  # the password alone does not get in
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert web.get("/admin/").status_code == 302
    r = web.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    assert r["Location"].startswith("/accounts/2fa/authenticate/")
    assert web.get("/admin/").status_code == 302
    web.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert web.get("/admin/").status_code == 200


def test_admin_login_is_limited_like_the_sites(db, web):
    admin = new_user(is_staff=True, is_superuser=True)
    for _ in range(20):
        web.post("/admin/login/", {"username": admin.email, "password": "wrong"})
    for _ in range(5):
        web.post("/accounts/login/", {"login": admin.email, "password": "wrong"})
    web.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    web.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in web.session  # locked out, whichever door
    assert web.get("/admin/").status_code == 302


def test_non_staff_user_is_refused_by_the_admin(alpha, web):
    web.force_login(alpha.owner)
    assert web.get("/admin/login/").status_code == 403
    assert web.get("/admin/").status_code == 302


# --- signup --------------------------------------------------------------------------------


@pytest.mark.parametrize("verification", ["optional", "mandatory", "none"])
def test_signup_does_not_tell_whether_an_address_is_registered(db, web, verification):
    registered = new_user()
    answers = []
    with override_settings(ACCOUNT_EMAIL_VERIFICATION=verification):
        for email in (registered.email, f"new-{uuid.uuid4().hex[:8]}@example.test"):
            client = Client(REMOTE_ADDR=web.defaults["REMOTE_ADDR"])
            mail.outbox.clear()
            r = client.post(
                "/accounts/signup/",
                {"email": email, "password1": "Sae-jip-2026!", "password2": "Sae-jip-2026!"},
            )
            page = client.get(r["Location"]).content.decode() if r.status_code == 302 else ""
            answers.append(
                (
                    r.status_code,
                    r.get("Location"),
                    page.replace(email, "EMAIL"),
                    "_auth_user_id" in client.session,
                    [m.to for m in mail.outbox] == [[email]],
                )
            )
    assert answers[0] == answers[1]
    assert answers[0][:2] == (302, "/accounts/confirm-email/")
    registered.refresh_from_db()
    assert registered.check_password(PASSWORD)  # the registered account is untouched
