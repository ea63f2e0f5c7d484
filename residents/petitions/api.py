"""REST API of residents' petitions under /api/v1/complexes/<slug>/petitions/ — the same
services, rules and errors as the pages.

* GET list / detail: everyone of the complex (count and status); the signers only for the
  office and the body the request goes to.
* POST (start): a resident, with `kind` and that kind's fields.
* POST <id>/sign/: a resident signs from their own account, for one of their units.
* POST <id>/paper/: the office records a paper petition (multipart: scan, signers, note).
"""

from django.db.models import Count
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from complexes.models import Role, Unit
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import OFFICE, get_scoped

from . import registry, selectors, services
from .models import Petition
from .serializers import (
    PaperResultSerializer,
    PaperSerializer,
    PetitionDetailSerializer,
    PetitionSerializer,
    SignSerializer,
    StartSerializer,
)

OFFICE_ROLES = tuple(OFFICE)
ANYONE = (*OFFICE_ROLES, Role.RESIDENT, Role.COUNCIL, Role.COMMITTEE)
ERR = {400: None, 403: None, 404: None}


class PetitionViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    model = Petition
    serializer_class = PetitionSerializer
    read_roles = ANYONE
    write_roles = (Role.RESIDENT, *OFFICE_ROLES)  # each action narrows it
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    filterset_fields = ["kind", "status"]

    def get_queryset(self):
        return super().get_queryset().annotate(n=Count("signatures")).order_by("-started_at", "-pk")

    def get_serializer_class(self):
        return PetitionDetailSerializer if self.action == "retrieve" else PetitionSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and getattr(self, "ctx", None) is not None:
            petition = self.get_object()
            context["see_signers"] = selectors.can_see_signers(ctx=self.ctx, petition=petition)
        return context

    def _fresh(self, petition):
        return self.get_queryset().get(pk=petition.pk)

    @extend_schema(request=StartSerializer, responses={201: PetitionSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        """Start a petition: {"kind": "reconsideration"|"convene"|"management_method", …}
        (a recall's petition starts when the recall is filed)."""
        self.ctx.require(Role.RESIDENT)
        spec = registry.spec_for(str(request.data.get("kind", "")))
        if spec.form is None:
            raise ApplicationError(
                "이 종류의 서명 요청은 여기서 시작하지 않습니다 (해임 요청은 해임 요청 접수로 시작).",
                {"field": "kind"},
            )
        form = spec.form(data=request.data, complex=self.ctx.complex)
        if not form.is_valid():
            raise ApplicationError(
                "입력값을 확인해 주세요.", {"fields": form.errors.get_json_data()}
            )
        petition = services.petition_start(
            complex=self.ctx.complex,
            kind=spec.kind,
            by=request.user,
            **spec.prepare(self.ctx, form.cleaned_data),
        )
        return Response(PetitionSerializer(self._fresh(petition)).data, status=201)

    @extend_schema(request=SignSerializer, responses={200: PetitionSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def sign(self, request, slug=None, pk=None):
        """Sign from one's own account for one of one's units: {"unit": id}."""
        self.ctx.require(Role.RESIDENT)
        petition = self.get_object()
        body = SignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if body.validated_data["unit"] not in self.ctx.unit_ids:
            raise ApplicationError("본인 세대로만 서명할 수 있습니다.", {"field": "unit"})
        unit = get_scoped(self.ctx, Unit, pk=body.validated_data["unit"])
        services.petition_sign(petition=petition, user=request.user, unit=unit)
        return Response(PetitionSerializer(self._fresh(petition)).data)

    @extend_schema(request=PaperSerializer, responses={201: PaperResultSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def paper(self, request, slug=None, pk=None):
        """The office records a paper petition: multipart `scan`, `signers`, `note`."""
        self.ctx.require(*OFFICE_ROLES)
        petition = self.get_object()
        body = PaperSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = services.petition_paper_record(
            petition=petition, by=request.user, **body.validated_data
        )
        return Response(
            {
                "added": result["added"],
                "skipped": result["skipped"],
                "petition": PetitionSerializer(self._fresh(petition)).data,
            },
            status=status.HTTP_201_CREATED,
        )
