from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from complexes.models import Membership, Role

# Pages an office manager without TOTP may still reach: setting it up, logging out.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/")


class RequireManagerMFAMiddleware:
    """Office managers hold every resident's personal data: under production settings they must
    activate TOTP before using the portal (REQUIRE_MFA_FOR_MANAGERS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_MFA_FOR_MANAGERS
            and request.user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and self._manager_without_totp(request.user)
        ):
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse(
                    {
                        "message": "관리사무소장 계정은 2단계 인증(TOTP)을 먼저 설정해야 합니다.",
                        "extra": {"setup": reverse("mfa_activate_totp")},
                    },
                    status=403,
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _manager_without_totp(user) -> bool:
        from allauth.mfa.models import Authenticator

        if not Membership.objects.filter(user=user, role=Role.MANAGER).exists():
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
