"""allauth, the portal's way: the client address its rate limits count by, and a signup that
never tells whether an address is registered."""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.utils import complete_signup, filter_users_by_email, perform_login
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied

from core.net import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth's login, signup and reset limits count per client as every throttle does
        (core.net: X-Forwarded-For only behind TRUSTED_PROXY_COUNT proxies)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("클라이언트 주소를 알 수 없습니다.")
        return ip


class SignupForm(allauth_forms.SignupForm):
    """Signup answers a registered address exactly as a new one, under any
    ACCOUNT_EMAIL_VERIFICATION: no "already registered" error, the same "we sent you a mail"
    page, one mail either way — the new account's verification link, or allauth's "you already
    have an account" to the holder of the registered one (nothing is created or changed).

    allauth hides the difference only under mandatory verification, so signup always runs as
    under it: a new account logs in after signing up (at once where verification is optional,
    after the link where it is mandatory)."""

    def validate_unique_email(self, value):
        self.account_already_exists = bool(filter_users_by_email(value))
        return value

    def try_save(self, request):
        mandatory = EmailVerificationMethod.MANDATORY
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # as slow as creating one
            email = self.cleaned_data["email"]
            return None, perform_login(
                request, None, email_verification=mandatory, signup=True, email=email
            )
        user = self.save(request)
        return user, complete_signup(request, user, mandatory, success_url=None)
