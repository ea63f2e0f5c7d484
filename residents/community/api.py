"""REST API of community life under /api/v1/complexes/<slug>/ — the same services, rules and
errors as the pages: facilities/ (+ availability), facilities/<id>/bookings/, cars/,
visitor-cars/ (the office's `?plate=` lookup), consents/, groups/."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, parsers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from complexes.models import Role, Unit
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import OFFICE, get_scoped

from .. import selectors as resident_selectors
from ..models import Vehicle
from . import selectors
from . import serializers as s
from .groups_models import CommunityGroup
from .models import Booking, ConsentApplication, Facility, VisitorCar
from .services import cars, consents, facilities, groups

OFFICE_ROLES = tuple(OFFICE)
ANYONE = (*OFFICE_ROLES, Role.RESIDENT, Role.COUNCIL, Role.COMMITTEE)
ERR = {400: None, 403: None, 404: None}


class CommunityMixin(ComplexScopedMixin):
    def my_unit(self, unit_id) -> Unit:
        """One of the caller's current units, or a 400 naming the field."""
        units = {u.pk: u for u in resident_selectors.current_resident_units(ctx=self.ctx)}
        if unit_id not in units:
            raise ApplicationError("본인이 입주 중인 세대만 고를 수 있습니다.", {"field": "unit"})
        return units[unit_id]

    def body(self, serializer_class):
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data


class FacilityViewSet(
    CommunityMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Shared facilities (Art. 67-3); the office defines them and their booking rules."""

    model = Facility
    serializer_class = s.FacilitySerializer
    read_roles = ANYONE

    def get_queryset(self):
        qs = super().get_queryset().order_by("name")
        if getattr(self, "ctx", None) is not None and not self.ctx.is_office:
            qs = qs.filter(active=True)
        return qs

    def perform_create(self, serializer):
        serializer.instance = facilities.facility_save(
            complex=self.ctx.complex, by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = facilities.facility_save(
            complex=self.ctx.complex,
            by=self.request.user,
            facility=serializer.instance,
            **serializer.validated_data,
        )

    @extend_schema(
        parameters=[OpenApiParameter("day", OpenApiTypes.DATE, description="기본: 오늘")],
        responses={200: s.SlotSerializer(many=True), **ERR},
    )
    @action(detail=True, methods=["get"])
    def availability(self, request, slug=None, pk=None):
        """The day's slots: taken and free counts; `mine` marks the caller's bookings."""
        facility = self.get_object()
        try:
            day = date.fromisoformat(request.query_params.get("day", ""))
        except ValueError:
            day = selectors.today()
        mine = self.ctx.unit_ids
        rows = []
        for slot in selectors.slots_for(facility=facility, day=day):
            slot["mine"] = bool(slot.pop("unit_ids") & mine)
            rows.append(slot)
        return Response(s.SlotSerializer(rows, many=True).data)


class BookingViewSet(CommunityMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """facilities/<facility_id>/bookings/: the caller's bookings (the office: all); POST books
    for one of the caller's units; <id>/cancel/ cancels."""

    model = Booking
    serializer_class = s.BookingSerializer
    read_roles = ANYONE
    write_roles = (Role.RESIDENT, *OFFICE_ROLES)

    def facility(self) -> Facility:
        return get_scoped(self.ctx, Facility, pk=self.kwargs["facility_id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Booking.objects.none()
        return selectors.bookings_visible(ctx=self.ctx, facility=self.facility()).order_by(
            "-starts_at", "-pk"
        )

    @extend_schema(request=s.BookingCreateSerializer, responses={201: s.BookingSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        facility = self.facility()
        data = self.body(s.BookingCreateSerializer)
        booking = facilities.booking_create(
            facility=facility,
            unit=self.my_unit(data["unit"]),
            by=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )
        return Response(s.BookingSerializer(booking).data, status=201)

    @extend_schema(request=None, responses={200: s.BookingSerializer, **ERR})
    def cancel(self, request, *args, **kwargs):
        booking = get_scoped(self.ctx, self.get_queryset(), pk=kwargs["pk"])
        booking = facilities.booking_cancel(
            booking=booking, by=request.user, by_office=self.ctx.is_office
        )
        return Response(s.BookingSerializer(booking).data)


class CarViewSet(
    CommunityMixin,
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Residents' cars (the register's 차량, 별지 1): a household's own; the office sees all."""

    model = Vehicle
    serializer_class = s.CarSerializer
    read_roles = (Role.RESIDENT, *OFFICE_ROLES)
    write_roles = (Role.RESIDENT,)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Vehicle.objects.none()
        qs = Vehicle.objects.filter(
            complex=self.ctx.complex, occupancy__moved_out_on__isnull=True
        ).select_related("occupancy__unit__building")
        if self.ctx.is_office and self.request.method == "GET":
            return qs.order_by("pk")
        units = [u.pk for u in resident_selectors.current_resident_units(ctx=self.ctx)]
        return qs.filter(occupancy__unit_id__in=units).order_by("pk")

    @extend_schema(request=s.CarCreateSerializer, responses={201: s.CarSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        data = self.body(s.CarCreateSerializer)
        car = cars.car_register(
            unit=self.my_unit(data["unit"]),
            plate=data["plate"],
            car_type=data["car_type"],
            by=request.user,
        )
        return Response(s.CarSerializer(car).data, status=201)

    def perform_destroy(self, instance):
        cars.car_remove(vehicle=instance, by=self.request.user)


class VisitorCarViewSet(CommunityMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Visitors' cars. A household sees and registers its own; the office sees all, and
    `?plate=` (full plate or last four digits) answers "is this plate registered today?"."""

    model = VisitorCar
    serializer_class = s.VisitorCarSerializer
    read_roles = (Role.RESIDENT, *OFFICE_ROLES)
    write_roles = (Role.RESIDENT, *OFFICE_ROLES)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return VisitorCar.objects.none()
        qs = selectors.visitor_cars_visible(ctx=self.ctx)
        if self.request.query_params.get("today"):
            qs = qs.filter(pk__in=selectors.visitors_on(complex=self.ctx.complex))
        return qs.order_by("-visit_from", "-pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("plate", str, description="관리사무소: 오늘 등록 여부 조회"),
            OpenApiParameter("today", bool, description="오늘 방문하는 차량만"),
        ],
        responses={200: s.VisitorCarSerializer(many=True), **ERR},
    )
    def list(self, request, *args, **kwargs):
        plate = request.query_params.get("plate")
        if plate is not None:
            self.ctx.require(*OFFICE_ROLES)
            found = selectors.plate_lookup(complex=self.ctx.complex, plate=plate)
            return Response(
                {"plate": plate, "matches": s.PlateMatchSerializer(found, many=True).data}
            )
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.VisitorCarSerializer, responses={201: s.VisitorCarSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        body = s.VisitorCarSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        unit = data["unit"]
        if not self.ctx.is_office or unit.complex_id != self.ctx.complex.pk:
            unit = self.my_unit(unit.pk)
        visitor = cars.visitor_register(
            unit=unit,
            plate=data["plate"],
            visit_from=data["visit_from"],
            visit_until=data.get("visit_until"),
            purpose=data.get("purpose", ""),
            by=request.user,
        )
        return Response(s.VisitorCarSerializer(visitor).data, status=201)

    @extend_schema(request=None, responses={200: s.VisitorCarSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def cancel(self, request, slug=None, pk=None):
        visitor = cars.visitor_cancel(visitor=self.get_object(), by=request.user)
        return Response(s.VisitorCarSerializer(visitor).data)


class ConsentViewSet(
    CommunityMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Consent applications (Art. 65): a resident applies; neighbours answer; the office records
    paper consents and decides by table D."""

    model = ConsentApplication
    serializer_class = s.ConsentSerializer
    read_roles = ANYONE
    write_roles = (Role.RESIDENT, *OFFICE_ROLES)
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ConsentApplication.objects.none()
        return selectors.consents_visible(ctx=self.ctx).order_by("-filed_at", "-pk")

    @extend_schema(request=s.ConsentCreateSerializer, responses={201: s.ConsentSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        data = self.body(s.ConsentCreateSerializer)
        app = consents.consent_apply(
            by=request.user, **{**data, "unit": self.my_unit(data["unit"])}
        )
        return Response(self.get_serializer(app).data, status=201)

    @extend_schema(request=s.AnswerSerializer, responses={200: s.ConsentSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def answer(self, request, slug=None, pk=None):
        """A neighbour's answer: from their own account for their unit, or the office's record
        of a written consent (any unit of the list, `signer_name`)."""
        app = self.get_object()
        data = self.body(s.AnswerSerializer)
        if self.ctx.is_office:
            unit = get_scoped(self.ctx, Unit, pk=data["unit"])
            written, signer = True, data["signer_name"]
        else:
            unit, written, signer = self.my_unit(data["unit"]), False, request.user.name
        consents.neighbour_answer(
            application=app, unit=unit, answer=data["answer"], by=request.user,
            written=written, signer_name=signer,
        )  # fmt: skip
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=s.DecideSerializer, responses={200: s.ConsentSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def decide(self, request, slug=None, pk=None):
        self.ctx.require(*OFFICE_ROLES)
        data = self.body(s.DecideSerializer)
        app = consents.consent_decide(application=self.get_object(), by=request.user, **data)
        return Response(self.get_serializer(app).data)

    @extend_schema(request=None, responses={200: s.ConsentSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, slug=None, pk=None):
        app = self.get_object()
        if app.unit_id not in self.ctx.unit_ids:
            raise ApplicationError("신청 세대만 취하할 수 있습니다.")
        app = consents.consent_withdraw(application=app, by=request.user)
        return Response(self.get_serializer(app).data)


class GroupViewSet(
    CommunityMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Community activation groups (Arts. 39–43): filed by residents or the office; decided by
    the council (recorded by a council member or the office)."""

    model = CommunityGroup
    serializer_class = s.GroupSerializer
    read_roles = ANYONE
    write_roles = (Role.RESIDENT, Role.COUNCIL, *OFFICE_ROLES)

    def get_queryset(self):
        return super().get_queryset().order_by("name").prefetch_related("members__unit__building")

    @extend_schema(request=s.GroupCreateSerializer, responses={201: s.GroupSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        self.ctx.require(Role.RESIDENT, *OFFICE_ROLES)
        data = self.body(s.GroupCreateSerializer)
        members = []
        for m in data.pop("members"):
            if m["unit"] is not None:
                m["unit"] = get_scoped(self.ctx, Unit, pk=m["unit"])
            members.append(m)
        group = groups.group_file(
            complex=self.ctx.complex, by=request.user, members=members, **data
        )
        return Response(self.get_serializer(group).data, status=201)

    @extend_schema(request=s.GroupDecideSerializer, responses={200: s.GroupSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def decide(self, request, slug=None, pk=None):
        self.ctx.require(Role.COUNCIL, *OFFICE_ROLES)
        data = self.body(s.GroupDecideSerializer)
        group = groups.group_decide(group=self.get_object(), by=request.user, **data)
        return Response(self.get_serializer(group).data)
