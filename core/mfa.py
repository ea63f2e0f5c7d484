"""Office managers hold every resident's personal data: under production settings they must
activate TOTP before using the portal (REQUIRE_MFA_FOR_MANAGERS). Pages are gated by the
middleware, the API (session or token) by the permission class, both through one check."""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from rest_framework.permissions import BasePermission

from complexes.models import Membership, Role
from core.cache import forget

# Pages a manager without TOTP may still reach: setting it up, logging out.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/api/")  # /api/: the permission class decides
MESSAGE = "관리사무소장 계정은 2단계 인증(TOTP)을 먼저 설정해야 합니다."


def _key(user_id) -> str:
    return f"mfa-required:{user_id}"


def must_set_up_totp(user) -> bool:
    """Asked on every request, so the answer is kept in the cache for a minute and forgotten
    when the user's memberships or authenticators change (core.apps)."""
    from allauth.mfa.models import Authenticator

    if not (settings.REQUIRE_MFA_FOR_MANAGERS and user.is_authenticated):
        return False
    required = cache.get(_key(user.pk))
    if required is None:
        required = (
            Membership.objects.filter(user=user, role=Role.MANAGER).exists()
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        )
        cache.set(_key(user.pk), required, 60)
    return required


def on_user_security_changed(sender, instance, **kwargs):
    """A membership or an authenticator (TOTP) of the user was saved or deleted."""
    forget([_key(instance.user_id)])


class RequireManagerMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(EXEMPT_PREFIXES) and must_set_up_totp(request.user):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class ManagerMFARequired(BasePermission):
    message = MESSAGE

    def has_permission(self, request, view):
        return not must_set_up_totp(request.user)
