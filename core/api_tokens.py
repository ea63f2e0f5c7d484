"""API tokens for scripts (POST /api/v1/auth/token/), handed out only through the site's login.

The password goes through allauth's login form (its failed-login lockout and per-client limits,
inactive accounts), then through the same login stages the site runs (adapter.get_login_stages:
a verified e-mail address where verification is mandatory, the second factor where the user has
one — TOTP or a recovery code in `code`), and a manager who must still set up TOTP (core.mfa)
gets no token. A stage this module does not know refuses: a new stage cannot be skipped here.

Tokens are django-rest-knox's: stored hashed, valid for REST_KNOX["TOKEN_TTL"], revoked by the
API's logout (this token, or all of the user's) and by any change of the user's password."""

from allauth.account.forms import LoginForm
from allauth.account.models import Login
from allauth.account.stages import LoginStageController
from allauth.core import ratelimit
from allauth.mfa.base.forms import AuthenticateForm
from django.utils.translation import gettext as _
from knox.models import AuthToken
from rest_framework.exceptions import PermissionDenied, Throttled

from core.errors import ApplicationError
from core.mfa import MESSAGE as MFA_SETUP_MESSAGE
from core.mfa import must_set_up_totp

EMAIL_VERIFICATION_STAGE = "verify_email"
MFA_STAGE = "mfa_authenticate"


def _too_many():
    return Throttled(detail=_("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요."))


def _codes(form) -> set[str]:
    return {e.code for errors in form.errors.as_data().values() for e in errors}


def login_for_token(request, *, email: str, password: str, code: str = ""):
    """The user the site's login would let in with these credentials, or an error:
    400 wrong password or code, 429 locked out or rate-limited, 403 may not log in yet."""
    request = getattr(request, "_request", request)  # allauth works on Django's request
    if not ratelimit.consume(request, action="login"):  # the login page's per-client limit
        raise _too_many()
    form = LoginForm(data={"login": email, "password": password}, request=request)
    if not form.is_valid():
        if "too_many_login_attempts" in _codes(form):
            raise _too_many()
        raise ApplicationError(_("이메일 또는 비밀번호가 맞지 않습니다."))
    user = form.user
    if not user.is_active:  # allauth's pre_login
        raise PermissionDenied(_("사용이 중지된 계정입니다."))
    login = Login(user=user, email=form.cleaned_data["login"])
    for stage in LoginStageController(request, login).get_stages():
        response, proceed = stage.handle()
        if response is None and proceed:
            continue
        if stage.key == MFA_STAGE:
            _check_second_factor(user, code)
        elif stage.key == EMAIL_VERIFICATION_STAGE:  # allauth has just re-sent the link
            raise PermissionDenied(
                _("이메일 주소 인증을 먼저 마쳐 주세요. 인증 메일을 보냈습니다.")
            )
        else:
            raise PermissionDenied(_("이 계정은 웹사이트에서 로그인해 주세요."))
    if must_set_up_totp(user):
        raise PermissionDenied(MFA_SETUP_MESSAGE)
    return user


def _check_second_factor(user, code: str) -> None:
    """allauth's own check: TOTP (each code once) or an unused recovery code, with its limit on
    wrong codes."""
    if not code:
        message = _("2단계 인증을 쓰는 계정입니다. 인증 앱의 현재 코드를 code로 함께 보내 주세요.")
        raise ApplicationError(message, {"fields": {"code": [message]}})
    form = AuthenticateForm(user=user, data={"code": code})
    if not form.is_valid():
        if "too_many_login_attempts" in _codes(form):
            raise _too_many()
        message = _("2단계 인증 코드가 맞지 않습니다.")
        raise ApplicationError(message, {"fields": {"code": [message]}})
    form.authenticator.record_usage()


def issue_token(user) -> tuple[str, AuthToken]:
    instance, token = AuthToken.objects.create(user=user)
    return token, instance


def revoke_all(user) -> None:
    AuthToken.objects.filter(user=user).delete()


def on_user_saved(sender, instance, created=False, **kwargs):
    """A new password, by any path (the site, a reset link, the admin, a command), or a password
    taken away revokes every API token of the user. Django keeps the raw password in `_password`
    until the save that stores it (set_password); a hash upgrade at login does not set it."""
    if created:
        return
    if getattr(instance, "_password", None) is not None or not instance.has_usable_password():
        revoke_all(instance)
