"""REST API of joining (issue 12 [1/9]).

* POST /api/v1/join/ — {code, name}: the register decides (member) or the office will
  (pending); rate-limited like the page (429).
* /api/v1/complexes/<slug>/join-requests/ — office only (residents and others 403, another
  complex 404): list (?status=pending|approved|rejected), approve {occupancy}, reject {reason}.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import OFFICE

from . import selectors, services
from .models import JoinRequest, JoinRequestStatus
from .serializers import (
    ApproveSerializer,
    JoinBodySerializer,
    JoinRequestSerializer,
    JoinResultSerializer,
    RejectSerializer,
)
from .views import TOO_MANY, join_attempt_allowed

OFFICE_ROLES = tuple(OFFICE)


class JoinView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=JoinBodySerializer, responses={201: JoinResultSerializer})
    def post(self, request):
        body = JoinBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not join_attempt_allowed(request):
            return Response({"message": TOO_MANY, "extra": {}}, status=429)
        result = services.join_by_code(user=request.user, **body.validated_data)
        m = result.membership
        data = {
            "status": "pending" if result.pending else "member",
            "complex": result.unit.complex.slug,
            "unit": result.unit.label,
            "resident_kind": "" if m is None else m.resident_kind,
            "request": result.request.pk if result.request else None,
        }
        return Response(JoinResultSerializer(data).data, status=status.HTTP_201_CREATED)


class JoinRequestViewSet(
    ComplexScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = JoinRequest
    serializer_class = JoinRequestSerializer
    read_roles = OFFICE_ROLES
    write_roles = OFFICE_ROLES

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit__building", "user").order_by("pk")
        wanted = self.request.query_params.get("status")
        if wanted in JoinRequestStatus.values:
            qs = qs.filter(status=wanted)
        return qs

    def retrieve(self, request, *args, **kwargs):
        obj = selectors.with_entries([self.get_object()])[0]
        return Response(self.get_serializer(obj).data)

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=JoinRequestStatus.values)],
    )
    def list(self, request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(qs)
        rows = selectors.with_entries(list(page if page is not None else qs))
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=ApproveSerializer, responses=JoinRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, slug=None, pk=None):
        join_request = self.get_object()
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        occupancy = selectors.entry_for_request(
            request=join_request, occupancy_id=body.validated_data["occupancy"]
        )
        if occupancy is None:
            raise ApplicationError("이 세대의 입주자명부 항목이 아닙니다.", {"field": "occupancy"})
        services.join_request_approve(request=join_request, occupancy=occupancy, by=request.user)
        join_request.refresh_from_db()
        return Response(self.get_serializer(join_request).data)

    @extend_schema(request=RejectSerializer, responses=JoinRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None, pk=None):
        body = RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        join_request = services.join_request_reject(
            request=self.get_object(), reason=body.validated_data["reason"], by=request.user
        )
        return Response(self.get_serializer(join_request).data)
