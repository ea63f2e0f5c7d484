"""REST API of the fees app under /api/v1/complexes/<slug>/ — the same services and rules as
the pages, errors as {"message", "extra"}."""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, parsers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from complexes.models import Role, Unit
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import OFFICE, get_scoped
from council.models import Resolution

from . import pdf, selectors, services
from .models import (
    Bill,
    BillingRun,
    ChargeItem,
    ContingencyUse,
    Cost,
    FeeDeposit,
    MeterReading,
    MiscIncome,
    MoveOutSettlement,
    Payment,
)
from .serializers import (
    BillDetailSerializer,
    BillingRunCreateSerializer,
    BillingRunSerializer,
    BillSerializer,
    BudgetSerializer,
    ChargeItemSerializer,
    ContingencyUseSerializer,
    CostSerializer,
    DepositRefundSerializer,
    FeeDepositSerializer,
    ImportSerializer,
    MeterReadingSerializer,
    MiscIncomeSerializer,
    MoveOutSettlementSerializer,
    PaymentSerializer,
)

OFFICE_ROLES = tuple(OFFICE)
PERIOD = OpenApiParameter("period", str, description="YYYY-MM")


def _period_param(request, required=False):
    text = request.query_params.get("period")
    if not text:
        if required:
            raise ApplicationError("period (YYYY-MM)를 지정해 주세요.", {"field": "period"})
        return None
    return services.parse_period(text)


class ChargeItemViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The complex's charge items and their bases (office; council reads)."""

    model = ChargeItem
    serializer_class = ChargeItemSerializer
    read_roles = (*OFFICE_ROLES, Role.COUNCIL)
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ChargeItem.objects.none()
        services.charge_items(self.ctx.complex)
        return super().get_queryset().order_by("id")

    def perform_update(self, serializer):
        data = {
            k: v
            for k, v in serializer.validated_data.items()
            if k in ("basis", "unit_price", "active", "memo")
        }
        services.charge_item_update(item=serializer.instance, by=self.request.user, **data)


class _ImportMixin:
    importer = None

    @extend_schema(request={"multipart/form-data": ImportSerializer}, responses={200: dict})
    @action(
        detail=False, methods=["post"], url_path="import", parser_classes=[parsers.MultiPartParser]
    )
    def import_file(self, request, slug=None):
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        period = services.parse_period(data.validated_data.get("period", ""))
        n = type(self).importer(
            complex=self.ctx.complex, period=period, data=upload, filename=upload.name
        )
        return Response({"saved": n})


class CostViewSet(ComplexScopedMixin, _ImportMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The month's costs (`?period=YYYY-MM`); `import/` replaces them from a CSV/XLSX."""

    model = Cost
    serializer_class = CostSerializer
    read_roles = OFFICE_ROLES
    importer = staticmethod(services.costs_import)

    @extend_schema(parameters=[PERIOD])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        qs = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return qs
        period = _period_param(self.request)
        return qs.filter(period=period) if period else qs


class MeterReadingViewSet(CostViewSet):
    """The month's meter readings (`?period=YYYY-MM`); `import/` from the vendor's CSV/XLSX."""

    model = MeterReading
    serializer_class = MeterReadingSerializer
    importer = staticmethod(services.readings_import)


class BillingRunViewSet(ComplexScopedMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Billing runs: POST {"period"} computes (or recomputes) the draft; `<period>/issue/`
    issues it, all or nothing."""

    model = BillingRun
    serializer_class = BillingRunSerializer
    read_roles = OFFICE_ROLES
    lookup_field = "period"
    lookup_value_regex = r"\d{4}-\d{2}"

    @extend_schema(request=BillingRunCreateSerializer, responses=BillingRunSerializer)
    def create(self, request, slug=None):
        data = BillingRunCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.billing_run_draft(
            complex=self.ctx.complex,
            period=services.parse_period(data.validated_data["period"]),
            by=request.user,
            issued_on=data.validated_data.get("issued_on"),
        )
        return Response(BillingRunSerializer(run).data, status=201)

    def retrieve(self, request, slug=None, period=None):
        run = get_scoped(self.ctx, BillingRun, period=services.parse_period(period))
        return Response(BillingRunSerializer(run).data)

    @extend_schema(request=None, responses=BillingRunSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, slug=None, period=None):
        p = services.parse_period(period)
        get_scoped(self.ctx, BillingRun, period=p)
        run = services.billing_run_issue(complex=self.ctx.complex, period=p, by=request.user)
        return Response(BillingRunSerializer(run).data)


class BillViewSet(ComplexScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Bills (`?period=YYYY-MM`): the office sees all; a resident the issued bills of their own
    unit (a lessee: the months they lived there)."""

    model = Bill
    serializer_class = BillSerializer

    def get_serializer_class(self):
        return BillDetailSerializer if self.action in ("retrieve",) else BillSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Bill.objects.none()
        if self.ctx.is_office:
            qs = super().get_queryset()
        elif self.ctx.resident_memberships:
            qs = selectors.resident_bills(self.ctx)
        else:
            self.ctx.require(*OFFICE_ROLES, Role.RESIDENT)
        period = _period_param(self.request)
        if period:
            qs = qs.filter(period=period)
        return qs.select_related("unit__building").order_by(
            "period", "unit__building__name", "unit__number"
        )

    @extend_schema(parameters=[PERIOD])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, slug=None, pk=None):
        bill = self.get_object()
        response = HttpResponse(pdf.bill_pdf(bill), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="bill-{bill.pk}.pdf"'
        return response


class PaymentViewSet(
    ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Payments (office). POST records one; `import/` reads a bank-transfer CSV/XLSX."""

    model = Payment
    serializer_class = PaymentSerializer
    read_roles = OFFICE_ROLES

    def get_queryset(self):
        return super().get_queryset().order_by("-paid_on", "-id")

    def perform_create(self, serializer):
        d = serializer.validated_data
        unit = get_scoped(self.ctx, Unit, pk=d["unit"].pk)
        serializer.instance = services.payment_record(
            complex=self.ctx.complex,
            unit=unit,
            paid_on=d["paid_on"],
            amount=d["amount"],
            reference=d.get("reference", ""),
            by=self.request.user,
        )

    @extend_schema(request={"multipart/form-data": ImportSerializer}, responses={200: dict})
    @action(
        detail=False, methods=["post"], url_path="import", parser_classes=[parsers.MultiPartParser]
    )
    def import_file(self, request, slug=None):
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        return Response(
            services.payments_import(
                complex=self.ctx.complex, data=upload, filename=upload.name, by=request.user
            )
        )


class BudgetView(ComplexScopedMixin, APIView):
    """The year's budget vs actual (office and council); PUT {"amounts": {item: won}} (office)."""

    read_roles = (*OFFICE_ROLES, Role.COUNCIL)
    serializer_class = BudgetSerializer

    @extend_schema(responses={200: dict})
    def get(self, request, slug, year):
        data = selectors.budget_vs_actual(complex=self.ctx.complex, year=int(year))
        data["months"] = [f"{m:%Y-%m}" for m in data["months"]]
        return Response(data)

    @extend_schema(request=BudgetSerializer, responses={200: dict})
    def put(self, request, slug, year):
        data = BudgetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.budget_set(
            complex=self.ctx.complex,
            year=int(year),
            amounts=data.validated_data["amounts"],
            resolution=_resolution(data.validated_data.get("resolution")),
        )
        return self.get(request, slug, year)


def _resolution(pk):
    """The council resolution a body names, for services' `_checked_resolution` to judge: one of
    another complex (or none at all) is refused there with the same message, so nothing leaks."""
    if pk is None:
        return None
    found = Resolution.objects.filter(pk=pk).first()
    if found is None:
        raise ApplicationError("유효한 입주자대표회의 의결이 아닙니다.", {"field": "resolution"})
    return found


class _PeriodFilterMixin:
    def get_queryset(self):
        qs = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return qs
        period = _period_param(self.request)
        return qs.filter(period=period) if period else qs

    @extend_schema(parameters=[PERIOD])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class MiscIncomeViewSet(
    _PeriodFilterMixin,
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """잡수입 (Art. 80) by month (`?period=YYYY-MM`): the office records, the council reads (the
    monthly misc income is disclosed anyway, Art. 80⑦)."""

    model = MiscIncome
    serializer_class = MiscIncomeSerializer
    read_roles = (*OFFICE_ROLES, Role.COUNCIL)

    def get_queryset(self):
        return super().get_queryset().order_by("-period", "id")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.misc_income_record(
            complex=self.ctx.complex,
            period=services.parse_period(d["period"]),
            kind=d["kind"],
            amount=d["amount"],
            memo=d.get("memo", ""),
        )


class ContingencyUseViewSet(MiscIncomeViewSet):
    """예비비 사용 (Art. 80⑥) by month: the office records it with the council resolution that
    approved it (this complex's, in force); the council reads."""

    model = ContingencyUse
    serializer_class = ContingencyUseSerializer

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.contingency_record(
            complex=self.ctx.complex,
            period=services.parse_period(d["period"]),
            item=d["item"],
            amount=d["amount"],
            memo=d.get("memo", ""),
            resolution=_resolution(d.get("resolution_id")),
        )


class FeeDepositViewSet(
    ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """관리비예치금 ledger (Art. 77, Art. 64① item 7), office only. POST {unit, amount, on}
    collects (Art. 77①); `refund/` returns the balance, first netting the owner's arrears only
    when asked (Art. 77②: 정산 후 잔액을 반환할 수 있다)."""

    model = FeeDeposit
    serializer_class = FeeDepositSerializer
    read_roles = OFFICE_ROLES

    def get_queryset(self):
        qs = super().get_queryset().order_by("-on", "-id")
        unit = self.request.query_params.get("unit") if hasattr(self, "request") else None
        return qs.filter(unit_id=unit) if unit and unit.isdigit() else qs

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.deposit_collect(
            complex=self.ctx.complex,
            unit=get_scoped(self.ctx, Unit, pk=d["unit_id"]),
            amount=d["amount"],
            on=d["on"],
            memo=d.get("memo", ""),
        )

    @extend_schema(request=DepositRefundSerializer, responses={200: dict})
    @action(detail=False, methods=["post"])
    def refund(self, request, slug=None):
        data = DepositRefundSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        return Response(
            services.deposit_refund(
                complex=self.ctx.complex,
                unit=get_scoped(self.ctx, Unit, pk=d["unit"]),
                on=d["on"],
                net_arrears=d["net_arrears"],
                memo=d["memo"],
            )
        )


class MoveOutSettlementViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """중간정산 on move-out (Art. 85②③), office only: POST {unit, move_out_on, usage_amount}
    records it (and the resident's payment); `<id>/pdf/` is the statement."""

    model = MoveOutSettlement
    serializer_class = MoveOutSettlementSerializer
    read_roles = OFFICE_ROLES

    def get_queryset(self):
        return super().get_queryset().order_by("-move_out_on", "-id")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.move_out_settle(
            complex=self.ctx.complex,
            unit=get_scoped(self.ctx, Unit, pk=d["unit_id"]),
            move_out_on=d["move_out_on"],
            usage_amount=d.get("usage_amount", 0),
            memo=d.get("memo", ""),
        )

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, slug=None, pk=None):
        s = get_scoped(
            self.ctx, MoveOutSettlement.objects.select_related("unit__building", "complex"), pk=pk
        )
        response = HttpResponse(pdf.settlement_pdf(s), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="settlement-{s.pk}.pdf"'
        return response
