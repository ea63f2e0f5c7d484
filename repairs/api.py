"""REST API of the repair plan and reserve under /api/v1/complexes/<slug>/."""

from dataclasses import asdict

from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from complexes import unsold as complexes_unsold
from complexes.models import Role
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import DISTRICT, OFFICE, get_scoped

from . import selectors, services
from .fund.certificate import certificate_pdf
from .fund.ledger import ledger_lines, ledger_totals
from .fund.status import annual_status
from .models import PlanReview, PlanRevision, ReserveEntry, UsagePlan
from .plan.projection import project, schedule_for
from .plan.whatif import parse_whatif
from .serializers import (
    ComponentSerializer,
    EntrySerializer,
    PhaseSerializer,
    ResolutionLinkSerializer,
    ReviewSerializer,
    RevisionSerializer,
    UsagePlanApproveSerializer,
    UsagePlanContractSerializer,
    UsagePlanDocumentSerializer,
    UsagePlanSerializer,
    UsagePlanSpendingSerializer,
)
from .views.access import can_see_plan
from .views.fund import certificate_tenancy, certificate_units


class PlanViewerMixin(ComplexScopedMixin):
    """Office, council, district and owners read the plan and the reserve."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD", "OPTIONS") and not can_see_plan(self.ctx):
            self.ctx.require(*OFFICE, Role.COUNCIL, DISTRICT)


def _revision_or_404(ctx):
    revision = selectors.current_revision(complex=ctx.complex)
    if revision is None:
        raise Http404
    return revision


class RepairPlanView(PlanViewerMixin, APIView):
    """The current revision with components, phases, totals and per-m² prices."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, slug):
        o = selectors.plan_overview(complex=self.ctx.complex, today=timezone.localdate())
        if o is None:
            raise Http404
        revision = o["revision"]
        components = revision.components.select_related("revision")
        return Response(
            {
                "revision": RevisionSerializer(revision).data,
                "established_on": o["plan"].established_on,
                "total_repair_cost": o["total_cost"],
                "total_supply_area": str(o["total_area"]),
                "phases": [
                    {**PhaseSerializer(p["phase"]).data, "price_per_m2": str(p["price"])}
                    for p in o["phases"]
                ],
                "current_price_per_m2": str(o["basis"].price_display),
                "note": o["basis"].note,
                "unit_types": [
                    {"supply_area": str(t["area"]), "count": t["count"], "monthly": t["monthly"]}
                    for t in o["unit_types"]
                ],
                "monthly_total": o["monthly_total"],
                "review_due": o["review_due"],
                "components": ComponentSerializer(components, many=True).data,
            }
        )


class RevisionListView(PlanViewerMixin, generics.ListAPIView):
    model = PlanRevision
    serializer_class = RevisionSerializer


class LedgerView(PlanViewerMixin, mixins.CreateModelMixin, generics.GenericAPIView):
    """GET: totals and every line with the running balance. POST (office): a credit or a meter
    re-verification cost (spending on works goes through a usage plan)."""

    model = ReserveEntry
    serializer_class = EntrySerializer

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, slug):
        totals = ledger_totals(complex=self.ctx.complex)
        lines = ledger_lines(complex=self.ctx.complex)
        page = self.paginate_queryset(lines)
        rows = [
            {
                "date": line.day,
                "kind": line.kind,
                "memo": line.label,
                "credit": line.credit,
                "debit": line.debit,
                "balance": line.balance,
            }
            for line in page
        ]
        response = self.get_paginated_response(rows)
        response.data["totals"] = {**asdict(totals), "balance": totals.balance}
        return response

    def post(self, request, slug):
        data = EntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.entry_record(
            complex=self.ctx.complex, by=request.user, **data.validated_data
        )
        return Response(EntrySerializer(entry).data, status=201)


class StatusView(PlanViewerMixin, APIView):
    """별지 6 figures as of December 31 of `year` (Art. 79①)."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, slug, year):
        figures = annual_status(complex=self.ctx.complex, year=int(year))
        if figures is None:
            raise Http404
        return Response(figures)


class ProjectionView(ComplexScopedMixin, APIView):
    """Council and office: the projection; with `rates` (one per phase, comma-separated),
    `component`, `cycle`, `unit_cost` also the what-if."""

    read_roles = (*OFFICE, Role.COUNCIL)

    @extend_schema(
        parameters=[
            OpenApiParameter("rates", str),
            OpenApiParameter("component", int),
            OpenApiParameter("cycle", int),
            OpenApiParameter("unit_cost", str),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, slug):
        revision = _revision_or_404(self.ctx)
        today = timezone.localdate()
        balance = ledger_totals(complex=self.ctx.complex).balance
        base = project(
            schedule=schedule_for(complex=self.ctx.complex, revision=revision),
            balance=balance,
            today=today,
        )
        overrides, notes = parse_whatif(request.query_params, revision)
        out = {"base": _projection_json(base), "notes": notes}
        if overrides:
            whatif = project(
                schedule=schedule_for(
                    complex=self.ctx.complex, revision=revision, overrides=overrides
                ),
                balance=balance,
                today=today,
            )
            out["whatif"] = _projection_json(whatif)
        return Response(out)


def _projection_json(p) -> dict:
    return {
        "balance": p.balance,
        "should_have": p.should_have,
        "percent_funded": p.percent_funded,
        "first_negative_year": p.first_negative_year,
        "price_per_m2": str(p.price_display),
        "unit_types": p.unit_types,
        "years": [asdict(y) for y in p.years],
    }


class UsagePlanViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """별지 12 usage plans: office and council read; the office drafts."""

    model = UsagePlan
    serializer_class = UsagePlanSerializer
    read_roles = (*OFFICE, Role.COUNCIL, DISTRICT)

    def perform_create(self, serializer):
        serializer.instance = services.usage_plan_create(
            complex=self.ctx.complex, by=self.request.user, **serializer.validated_data
        )

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=UsagePlanApproveSerializer, responses=UsagePlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, slug=None, pk=None):
        """Office: link the council resolution that approved the plan (Art. 79②: before the
        bidding notice); the resolution must be this complex's, passed and in force."""
        plan = self.get_object()
        data = self._input(UsagePlanApproveSerializer)
        plan = services.usage_plan_approve(usage_plan=plan, resolution=data["resolution"])
        return Response(UsagePlanSerializer(plan, context=self.get_serializer_context()).data)

    @extend_schema(request=UsagePlanContractSerializer, responses=UsagePlanSerializer)
    @action(detail=True, methods=["post"])
    def contract(self, request, slug=None, pk=None):
        """Office: record the contract of an approved plan (Art. 79②); its publication is due
        within a month of signing (제57조③, recorded in the disclosure registry)."""
        plan = self.get_object()
        data = self._input(UsagePlanContractSerializer)
        plan = services.usage_plan_contract(usage_plan=plan, **data)
        return Response(UsagePlanSerializer(plan, context=self.get_serializer_context()).data)

    @extend_schema(
        request={"multipart/form-data": UsagePlanSpendingSerializer},
        responses={201: EntrySerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def spending(self, request, slug=None, pk=None):
        """Office: money paid from the reserve against the contracted plan, optionally with a
        document (Art. 64①13–15); `final` marks the works executed."""
        plan = self.get_object()
        data = dict(self._input(UsagePlanSpendingSerializer))
        entry = services.spending_record(
            usage_plan=plan, by=request.user, document=data.pop("file", None), **data
        )
        out = EntrySerializer(entry).data
        out["documents"] = UsagePlanDocumentSerializer(plan.documents.all(), many=True).data
        return Response(out, status=201)


class CertificateView(ComplexScopedMixin, APIView):
    """PDF certificate of reserve paid for a unit and months `from`–`to` (YYYY-MM): the office
    for any unit, a lessee for their own (Art. 79③)."""

    @extend_schema(
        parameters=[OpenApiParameter("from", str), OpenApiParameter("to", str)],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, slug, unit_id):
        units = certificate_units(self.ctx)
        unit = get_scoped(self.ctx, units, pk=unit_id)
        start = services.parse_month(request.query_params.get("from", ""), "from")
        end = services.parse_month(request.query_params.get("to", ""), "to")
        pdf = certificate_pdf(
            complex=self.ctx.complex,
            unit=unit,
            start=start,
            end=end,
            tenancy=certificate_tenancy(self.ctx, unit),
        )
        return HttpResponse(pdf, content_type="application/pdf")


class DeveloperStatementView(ComplexScopedMixin, APIView):
    """A developer's bills for its unsold units over months `from`–`to` (YYYY-MM): charges,
    reserve, late fees and what was paid (seed 004, 시행령 31조⑦). Office only."""

    read_roles = tuple(OFFICE)

    @extend_schema(
        parameters=[
            OpenApiParameter("developer", str, required=True),
            OpenApiParameter("from", str, required=True),
            OpenApiParameter("to", str, required=True),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, slug):
        developer = request.query_params.get("developer", "").strip()
        if developer not in complexes_unsold.developers(complex=self.ctx.complex):
            raise ApplicationError("이 단지에 미분양 세대가 기록된 사업주체가 아닙니다.")
        start = services.parse_month(request.query_params.get("from", ""), "from")
        end = services.parse_month(request.query_params.get("to", ""), "to")
        if end < start:
            raise ApplicationError("종료월이 시작월보다 빠릅니다.")
        s = selectors.developer_statement(
            complex=self.ctx.complex,
            developer=developer,
            start=start,
            end=end,
            on=timezone.localdate(),
        )
        keys = ("charges", "reserve", "late_fee", "paid", "reserve_paid", "unpaid")
        return Response(
            {
                "developer": s["developer"],
                "from": f"{s['start']:%Y-%m}",
                "to": f"{s['end']:%Y-%m}",
                "on": s["on"],
                "units": s["units"],
                "totals": s["totals"],
                "rows": [
                    {
                        "building": r["unit"].building.name,
                        "unit": r["unit"].number,
                        "period": f"{r['period']:%Y-%m}",
                        **{k: r[k] for k in keys},
                    }
                    for r in s["rows"]
                ],
            }
        )


class ReviewListView(PlanViewerMixin, generics.ListAPIView):
    """The plan's recorded 3-yearly reviews (공동주택관리법 29조②), latest first."""

    model = PlanReview
    serializer_class = ReviewSerializer


class _ResolutionLinkView(ComplexScopedMixin, APIView):
    """Office: link the council resolution (시행규칙 7조②) once; it must be this complex's,
    passed and in force."""

    model = None
    link = None
    serializer_class = None

    def post(self, request, slug, pk):
        obj = get_scoped(self.ctx, self.model, pk=pk)
        data = ResolutionLinkSerializer(data=request.data, context={"ctx": self.ctx})
        data.is_valid(raise_exception=True)
        obj = self.link(obj, data.validated_data["resolution"])
        return Response(self.serializer_class(obj).data)


@extend_schema(request=ResolutionLinkSerializer, responses=ReviewSerializer)
class ReviewResolutionView(_ResolutionLinkView):
    model = PlanReview
    serializer_class = ReviewSerializer

    @staticmethod
    def link(review, resolution):
        return services.review_link_resolution(review=review, resolution=resolution)


@extend_schema(request=ResolutionLinkSerializer, responses=RevisionSerializer)
class RevisionResolutionView(_ResolutionLinkView):
    model = PlanRevision
    serializer_class = RevisionSerializer

    @staticmethod
    def link(revision, resolution):
        return services.revision_link_resolution(revision=revision, resolution=resolution)
