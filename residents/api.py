"""REST API of the residents app under /api/v1/complexes/<slug>/.

* residents/ — the register: office only (personal data, 별지 1); council, committee, district
  officials and residents get 403.
* units/<unit_id>/residents/ — one unit's entries: office all; a resident of that unit their own.
* complaints/ — residents: the ones they may see (own, and their unit's within their residency);
  office: all, with acknowledge / assign / close / reopen / dispute actions.
* complaints/<complaint_id>/events/ — the history; residents comment, the office acts.
* notices/ — everyone in the complex reads what is addressed to them; the office writes.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from complexes.models import Role, Unit
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.models import User
from core.tenancy import MEMBER, OFFICE, get_scoped

from . import selectors, services
from .models import Complaint, ComplaintAttachment, ComplaintEvent, Notice, Occupancy
from .serializers import (
    AssignSerializer,
    ComplaintSerializer,
    DisputeSerializer,
    EventCreateSerializer,
    EventSerializer,
    MoveOutSerializer,
    NoticeSerializer,
    OccupancySerializer,
    OfficeComplaintSerializer,
    OwnOccupancySerializer,
    TextSerializer,
)

OFFICE_ROLES = tuple(OFFICE)
RESIDENT_OR_OFFICE = (Role.RESIDENT, *OFFICE_ROLES)


def _details(data):
    vehicles = [(v["plate"], v.get("car_type", "")) for v in data.pop("vehicles", [])]
    members = [
        (m.get("relation", ""), m["name"], m.get("birth_date"), m.get("phone", ""))
        for m in data.pop("members", [])
    ]
    return vehicles, members


class OccupancyViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The resident register (office only). Moving out is its own action."""

    model = Occupancy
    serializer_class = OccupancySerializer
    read_roles = OFFICE_ROLES
    filterset_fields = ["kind", "unit"]

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit__building")
        qs = qs.prefetch_related("vehicles", "members")
        if self.request.query_params.get("current") in ("1", "true"):
            qs = qs.filter(moved_out_on__isnull=True)
        return qs

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        vehicles, members = _details(data)
        serializer.instance = services.occupancy_move_in(
            by=self.request.user, vehicles=vehicles, members=members, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        kwargs = {}
        if "vehicles" in data or "members" in data:
            has_v, has_m = "vehicles" in data, "members" in data
            vehicles, members = _details(data)
            kwargs = {
                "vehicles": vehicles if has_v else None,
                "members": members if has_m else None,
            }
        if "membership" in data:
            kwargs["membership"] = data.pop("membership")
        serializer.instance = services.occupancy_update(
            occupancy=serializer.instance, by=self.request.user, **data, **kwargs
        )

    @extend_schema(request=MoveOutSerializer, responses=OccupancySerializer)
    @action(detail=True, methods=["post"], url_path="move-out")
    def move_out(self, request, slug=None, pk=None):
        """Record the move-out (Art. 9①②); the fees app settles from here (Art. 85②)."""
        body = MoveOutSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        occupancy = services.occupancy_move_out(
            occupancy=self.get_object(),
            moved_out_on=body.validated_data["moved_out_on"],
            by=request.user,
        )
        return Response(OccupancySerializer(occupancy, context=self.get_serializer_context()).data)


class UnitResidentsView(ComplexScopedMixin, generics.ListAPIView):
    """A unit's register entries: the office sees all of them, a resident of the unit only
    their own household's; anyone else 403."""

    model = Occupancy
    serializer_class = OccupancySerializer
    read_roles = RESIDENT_OR_OFFICE

    def get_serializer_class(self):
        if getattr(self, "ctx", None) is not None and not self.ctx.is_office:
            return OwnOccupancySerializer
        return OccupancySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Occupancy.objects.none()
        unit = get_scoped(self.ctx, Unit, pk=self.kwargs["unit_id"])
        qs = (
            super()
            .get_queryset()
            .filter(unit=unit)
            .select_related("unit__building")
            .prefetch_related("vehicles", "members")
        )
        if self.ctx.is_office:
            return qs
        if unit.pk not in self.ctx.unit_ids:
            raise PermissionDenied("다른 세대의 명부는 볼 수 없습니다.")
        own = [o.pk for o in selectors.own_occupancies(ctx=self.ctx) if o.unit_id == unit.pk]
        return qs.filter(pk__in=own)


class ComplaintViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    model = Complaint
    read_roles = RESIDENT_OR_OFFICE
    write_roles = RESIDENT_OR_OFFICE
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    filterset_fields = ["status", "category"]

    def get_serializer_class(self):
        ctx = getattr(self, "ctx", None)
        return (
            OfficeComplaintSerializer if ctx is not None and ctx.is_office else ComplaintSerializer
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Complaint.objects.none()
        return (
            selectors.complaints_visible(ctx=self.ctx)
            .select_related("unit__building", "complex")
            .prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=ComplaintAttachment.objects.select_related("event"),
                )
            )
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        unit = data.get("unit")
        if not self.ctx.is_office:
            current = {u.pk for u in selectors.current_resident_units(ctx=self.ctx)}
            if not current:
                raise PermissionDenied("전출한 세대는 민원을 접수할 수 없습니다.")
            if unit is not None and unit.pk not in current:
                raise PermissionDenied("본인 세대나 공용부분에 대해서만 민원을 접수할 수 있습니다.")
        serializer.instance = services.complaint_file(
            complex=self.ctx.complex,
            by=self.request.user,
            by_office=self.ctx.is_office,
            category=data["category"],
            title=data["title"],
            body=data["body"],
            unit=unit,
            common_area=data.get("common_area", False) or unit is None,
            location=data.get("location", ""),
            channel=data.get("channel", "online") if self.ctx.is_office else "online",
            reporter_name=data.get("reporter_name", ""),
            reporter_phone=data.get("reporter_phone", ""),
            files=data.get("files", []),
        )

    def _office_only(self):
        if not self.ctx.is_office:
            raise PermissionDenied("관리사무소만 할 수 있습니다.")

    def _respond(self, complaint):
        complaint = self.get_queryset().get(pk=complaint.pk)
        return Response(self.get_serializer(complaint).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, slug=None, pk=None):
        self._office_only()
        return self._respond(
            services.complaint_acknowledge(complaint=self.get_object(), by=request.user)
        )

    @extend_schema(request=AssignSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, slug=None, pk=None):
        self._office_only()
        body = AssignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        assignee = User.objects.filter(pk=body.validated_data["assignee"]).first()
        if assignee is None:
            raise ApplicationError("담당자를 찾을 수 없습니다.", {"field": "assignee"})
        return self._respond(
            services.complaint_assign(
                complaint=self.get_object(), assignee=assignee, by=request.user
            )
        )

    @extend_schema(request=TextSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, slug=None, pk=None):
        self._office_only()
        body = TextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(
            services.complaint_close(
                complaint=self.get_object(), by=request.user, result=body.validated_data["text"]
            )
        )

    @extend_schema(request=TextSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, slug=None, pk=None):
        self._office_only()
        body = TextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(
            services.complaint_reopen(
                complaint=self.get_object(), by=request.user, reason=body.validated_data["text"]
            )
        )

    @extend_schema(request=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def dispute(self, request, slug=None, pk=None):
        """Next step of the noise (Art. 71) or smoking (Art. 71-3) dispute path."""
        self._office_only()
        body = DisputeSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        complaint = self.get_object()
        services.dispute_advance(complaint=complaint, by=request.user, **body.validated_data)
        return self._respond(complaint)


class ComplaintEventsView(ComplexScopedMixin, generics.ListCreateAPIView):
    """A complaint's history. Residents see public entries and comment; the office also sees
    and writes internal notes and actions."""

    model = ComplaintEvent
    serializer_class = EventSerializer
    read_roles = RESIDENT_OR_OFFICE
    write_roles = RESIDENT_OR_OFFICE

    def _complaint(self):
        return get_scoped(
            self.ctx, selectors.complaints_visible(ctx=self.ctx), pk=self.kwargs["complaint_id"]
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ComplaintEvent.objects.none()
        return selectors.complaint_events_visible(ctx=self.ctx, complaint=self._complaint())

    @extend_schema(request=EventCreateSerializer, responses=EventSerializer)
    def post(self, request, *args, **kwargs):
        body = EventCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kind = body.validated_data["kind"]
        if kind != "comment" and not self.ctx.is_office:
            raise PermissionDenied("조치 기록과 내부 메모는 관리사무소만 남길 수 있습니다.")
        event = services.complaint_comment(
            complaint=self._complaint(),
            by=request.user,
            text=body.validated_data["text"],
            by_office=self.ctx.is_office,
            internal=kind == "internal",
            action=kind == "action",
        )
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class NoticeViewSet(ComplexScopedMixin, viewsets.ModelViewSet):
    read_roles = (MEMBER,)  # the complex's board: not for district officials (views.notice_list)
    model = Notice
    serializer_class = NoticeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notice.objects.none()
        return selectors.notices_visible(ctx=self.ctx)

    def perform_create(self, serializer):
        notice = Notice(complex=self.ctx.complex, **serializer.validated_data)
        serializer.instance = services.notice_save(notice=notice, by=self.request.user)

    def perform_update(self, serializer):
        notice = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(notice, key, value)
        serializer.instance = services.notice_save(notice=notice, by=self.request.user)

    def perform_destroy(self, instance):
        services.notice_delete(notice=instance)
