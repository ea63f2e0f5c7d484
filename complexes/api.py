"""REST API of the tenant structure: /api/v1/complexes/ and what lives under a complex."""

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from knox import views as knox_views
from rest_framework import parsers, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core import api_tokens
from core.api import ComplexScopedMixin
from core.tenancy import resolve_complex

from . import join_codes, selectors, services
from .models import Building, Complex, Membership, Unit, Ward
from .serializers import (
    BuildingSerializer,
    ComplexSerializer,
    ImportResultSerializer,
    JoinCodeSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    UnitImportSerializer,
    UnitSerializer,
    WardSerializer,
)


class TokenView(APIView):
    """POST email and password (and `code`, the current TOTP code, where the account has a
    second factor): {"token": …, "expiry": …} for the `Authorization: Token …` header. The
    same checks as the site's login (core.api_tokens)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(request=TokenRequestSerializer, responses=TokenSerializer)
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = api_tokens.login_for_token(request, **data.validated_data)
        token, instance = api_tokens.issue_token(user)
        return Response({"token": token, "expiry": instance.expiry})


class TokenLogoutView(knox_views.LogoutView):
    """Revokes the token the request was sent with."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        return super().post(request, format)


class TokenLogoutAllView(knox_views.LogoutAllView):
    """Revokes every token of the user (every script, every machine)."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        return super().post(request, format)


class ComplexViewSet(viewsets.ReadOnlyModelViewSet):
    """The complexes the user holds a role in; another complex is 404."""

    serializer_class = ComplexSerializer
    lookup_field = "slug"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Complex.objects.none()
        return selectors.complexes_for_user(user=self.request.user)

    def get_object(self):
        return resolve_complex(self.request.user, self.kwargs["slug"]).complex

    def get_serializer_context(self):
        context = super().get_serializer_context()
        roles = {}
        for complex_id, role in Membership.objects.filter(user=self.request.user).values_list(
            "complex_id", "role"
        ):
            roles.setdefault(complex_id, set()).add(role)
        context["roles_by_complex"] = roles
        return context


class BuildingViewSet(ComplexScopedMixin, viewsets.ModelViewSet):
    model = Building
    serializer_class = BuildingSerializer

    def perform_create(self, serializer):
        serializer.save(complex=self.ctx.complex)

    def perform_destroy(self, instance):
        services.building_delete(building=instance)


class UnitViewSet(ComplexScopedMixin, viewsets.ModelViewSet):
    model = Unit
    serializer_class = UnitSerializer
    filterset_fields = ["building__name", "floor", "type_label"]

    def get_queryset(self):
        return super().get_queryset().select_related("building")

    def perform_create(self, serializer):
        serializer.save(complex=self.ctx.complex)

    def perform_destroy(self, instance):
        services.unit_delete(unit=instance)

    @extend_schema(request=None, responses={201: JoinCodeSerializer})
    @action(detail=True, methods=["post"], url_path="join-code")
    def join_code(self, request, slug=None, pk=None):
        """Print a new paper join code for the unit (office only): single-use, expires after
        JOIN_CODE_DAYS, and the unit's previous code stops working. Shown this once."""
        issued = join_codes.join_code_issue(unit=self.get_object(), by=request.user)
        data = {"code": issued.printed, "expires_at": issued.expires_at}
        return Response(JoinCodeSerializer(data).data, status=201)

    @extend_schema(request=UnitImportSerializer, responses=ImportResultSerializer)
    @action(
        detail=False, methods=["post"], url_path="import", parser_classes=[parsers.MultiPartParser]
    )
    def import_file(self, request, slug=None):
        """All-or-nothing import of `building,unit,floor,supply_area[,type]` (CSV/XLSX)."""
        upload = UnitImportSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        result = services.units_import(
            complex=self.ctx.complex, data=file.read(), filename=file.name
        )
        return Response(asdict(result))


class WardViewSet(ComplexScopedMixin, viewsets.ModelViewSet):
    model = Ward
    serializer_class = WardSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("buildings", "units")

    def perform_create(self, serializer):
        self._save(serializer, Ward(complex=self.ctx.complex))

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def perform_destroy(self, instance):
        services.ward_delete(ward=instance)

    def _save(self, serializer, ward):
        data = serializer.validated_data
        ward.name = data.get("name", ward.name)
        current_buildings = list(ward.buildings.all()) if ward.pk else []
        current_units = list(ward.units.all()) if ward.pk else []
        services.ward_save(
            ward=ward,
            buildings=data.get("buildings", current_buildings),
            units=data.get("units", current_units),
        )
        serializer.instance = ward
