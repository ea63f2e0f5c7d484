"""What every REST endpoint shares: the tenancy base class and the error shape."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import ApplicationError
from core.tenancy import OFFICE, resolve_complex, scoped


def exception_handler(exc, context):
    """Every error is {"message": …, "extra": …}; field errors go in extra.fields."""
    if isinstance(exc, ApplicationError):
        return Response({"message": exc.message, "extra": exc.extra}, status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("찾을 수 없습니다.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "권한이 없습니다.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"message": "입력값을 확인해 주세요.", "extra": {"fields": fields}}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = {"message": str(detail), "extra": {}}
    return response


class ComplexScopedMixin:
    """For API views under /api/v1/complexes/<slug>/…: resolves `self.ctx` once (404 for a
    complex the user has no part in) and checks roles: `read_roles` for safe methods,
    `write_roles` (default: office) for the rest. `model` rows are scoped to the complex."""

    read_roles: tuple = ()
    write_roles: tuple = tuple(OFFICE)
    model = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.ctx = resolve_complex(request.user, kwargs["slug"])
        needed = self.read_roles if request.method in permissions.SAFE_METHODS else self.write_roles
        if needed:
            self.ctx.require(*needed)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request complex
            return self.model._default_manager.none()
        return scoped(self.ctx, self.model)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["ctx"] = getattr(self, "ctx", None)
        return context
