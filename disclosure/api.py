"""The public read-only API (open data, 60-disclosure.md) at /api/v1/public/complexes/…:
no account needed, rate-limited, the same disclosures as the public pages, and CSV downloads.
Complex-level data only: published disclosures (masked text) and fee totals / per-m² figures."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from complexes.models import Complex
from core.api import ComplexScopedMixin
from core.exports import csv_response
from core.tenancy import DISTRICT, OFFICE

from . import selectors
from .models import FeeSummary, Publication
from .serializers import (
    ComparisonSerializer,
    PublicComplexSerializer,
    PublicFeeSerializer,
    PublicPublicationSerializer,
    ReserveVsPlanSerializer,
)
from .services import TOTAL, _item_name


class PublicRateThrottle(SimpleRateThrottle):
    """Per client address, logged in or not; the rate is settings.PUBLIC_API_RATE."""

    scope = "public"

    def get_rate(self):
        return getattr(settings, "PUBLIC_API_RATE", "120/min")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicAPIMixin:
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]

    def get_complex(self):
        return get_object_or_404(Complex, slug=self.kwargs["slug"])


@extend_schema(
    tags=["public"],
    parameters=[
        OpenApiParameter("q", str, description="단지명·주소 검색"),
        OpenApiParameter("district", str, description="자치구 코드 (예: 11680)"),
    ],
)
class PublicComplexList(PublicAPIMixin, generics.ListAPIView):
    """All complexes (name, district, address): no account needed."""

    serializer_class = PublicComplexSerializer

    def get_queryset(self):
        return selectors.public_complexes(
            q=self.request.query_params.get("q", ""),
            district=self.request.query_params.get("district", ""),
        )


@extend_schema(tags=["public"])
class PublicComplexDetail(PublicAPIMixin, generics.RetrieveAPIView):
    serializer_class = PublicComplexSerializer

    def get_object(self):
        return self.get_complex()


@extend_schema(tags=["public"])
class PublicPublicationList(PublicAPIMixin, generics.ListAPIView):
    """The complex's published disclosures (text masked before publication, 제64조③)."""

    serializer_class = PublicPublicationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Publication.objects.none()
        return selectors.published(complex=self.get_complex())


@extend_schema(tags=["public"])
class PublicPublicationDetail(PublicAPIMixin, generics.RetrieveAPIView):
    serializer_class = PublicPublicationSerializer

    def get_object(self):
        return get_object_or_404(
            selectors.published(complex=self.get_complex()), pk=self.kwargs["pk"]
        )


def _public_fees(complex_):
    periods = selectors.published_fee_periods(complex=complex_)
    return FeeSummary.objects.filter(complex=complex_, period__in=periods).order_by(
        "period", "item"
    )


@extend_schema(tags=["public"])
class PublicFeeList(PublicAPIMixin, generics.ListAPIView):
    """Monthly totals and per-m² figures per charge item, published months only — never per
    unit (제64조③2 and its proviso)."""

    serializer_class = PublicFeeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FeeSummary.objects.none()
        return _public_fees(self.get_complex())


@extend_schema(
    tags=["public"],
    parameters=[OpenApiParameter("item", str, description="비목 코드 (기본: total = 관리비 총액)")],
    responses=ComparisonSerializer,
)
class PublicComparison(PublicAPIMixin, APIView):
    """Fee per m² of one item against similar complexes (median, percentile rank, trend); the
    group has at least 5 complexes or no comparison is given."""

    def get(self, request, slug):
        c = self.get_complex()
        cmp = selectors.comparison_for(complex=c, item=request.query_params.get("item", TOTAL))
        data = {"item": cmp["item"], "item_name": cmp["item_name"], "period": cmp["period"]}
        if cmp.get("group"):
            data.update(
                value=cmp["value"],
                median=cmp["median"],
                percentile=cmp["percentile"],
                group_label=cmp["group"]["label"],
                group_size=cmp["group"]["size"],
                group_members=cmp["group"]["names"],
                trend=cmp["trend"]["label"],
                months=[
                    {"period": p.isoformat(), "value": v, "median": m}
                    for p, v, m in zip(
                        cmp["periods"], cmp["own_series"], cmp["median_series"], strict=True
                    )
                ],
            )
        return Response(ComparisonSerializer(data).data)


@extend_schema(tags=["public"], responses=ReserveVsPlanSerializer)
class PublicReserve(PublicAPIMixin, APIView):
    """The repair reserve's balance year by year against what the long-term repair plan says
    should have been accumulated (제79조①, 별지 6); `has_plan` false when no plan is registered.
    Complex totals only."""

    def get(self, request, slug):
        data = selectors.reserve_vs_plan(complex=self.get_complex())
        return Response(ReserveVsPlanSerializer(data).data)


CSV_RESPONSE = {(200, "text/csv"): OpenApiTypes.STR}


@extend_schema(tags=["public"], responses=CSV_RESPONSE)
class PublicFeesCsv(PublicAPIMixin, APIView):
    """The same monthly figures as CSV (UTF-8 with BOM)."""

    def get(self, request, slug):
        c = self.get_complex()
        rows = [
            (f"{f.period:%Y-%m}", f.item, _item_name(f.item), f.total, f.per_m2, f.flag, f.reason)
            for f in _public_fees(c)
        ]
        return csv_response(
            f"{c.slug}-fees.csv",
            ["월", "비목코드", "비목", "총액(원)", "㎡당(원)", "변동", "변동 사유"],
            rows,
        )


@extend_schema(tags=["public"], responses=CSV_RESPONSE)
class PublicPublicationsCsv(PublicAPIMixin, APIView):
    """The published disclosures as CSV."""

    def get(self, request, slug):
        c = self.get_complex()
        rows = [
            (
                p.get_duty_display(),
                p.duty_info.article,
                p.title,
                p.period or "",
                p.due_on,
                timezone.localtime(p.published_at).isoformat(timespec="minutes"),
                p.get_status_display(),
            )
            for p in selectors.published(complex=c)
        ]
        return csv_response(
            f"{c.slug}-disclosures.csv",
            ["항목", "조항", "제목", "대상 기간", "공개 기한", "공개 일시", "상태"],
            rows,
        )


class RegistrySerializer(PublicPublicationSerializer):
    class Meta(PublicPublicationSerializer.Meta):
        fields = [
            *PublicPublicationSerializer.Meta.fields,
            "event_on",
            "posted_until",
            "source_label",
        ]


@extend_schema(
    tags=["disclosure"],
    parameters=[OpenApiParameter("status", str, description="pending/on_time/late/missing/short")],
)
class RegistryList(ComplexScopedMixin, generics.ListAPIView):
    """The complex's publication registry (office and the district's officials): every duty
    entry with its due date, publication time and status."""

    model = Publication
    serializer_class = RegistrySerializer
    read_roles = (*OFFICE, DISTRICT)

    def get_queryset(self):
        qs = super().get_queryset().order_by("-due_on", "-id")
        status = self.request.query_params.get("status")
        return qs.filter(status=status) if status else qs
