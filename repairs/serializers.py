from math import floor

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.uploads import validate_upload
from council.models import Resolution

from .models import (
    Component,
    DocumentKind,
    PlanReview,
    PlanRevision,
    ReserveEntry,
    ReservePhase,
    UsagePlan,
    UsagePlanDocument,
)
from .plan.plan_math import ComponentSpec


class ComponentSerializer(serializers.ModelSerializer):
    occurrence_years = serializers.SerializerMethodField()
    occurrence_cost = serializers.SerializerMethodField()

    class Meta:
        model = Component
        fields = [
            "id",
            "category",
            "name",
            "method",
            "cycle_years",
            "first_year",
            "repair_rate",
            "quantity",
            "unit",
            "unit_cost",
            "occurrence_years",
            "occurrence_cost",
        ]

    def _spec(self, obj):
        return ComponentSpec.of(obj)

    def get_occurrence_years(self, obj) -> list[int]:
        r = obj.revision
        return self._spec(obj).occurrence_years(r.start_month.year, r.end_month.year)

    def get_occurrence_cost(self, obj) -> int:
        return floor(self._spec(obj).occurrence_cost)


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReservePhase
        fields = ["start_month", "end_month", "rate"]


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanRevision
        fields = [
            *("id", "number", "kind", "start_month", "end_month", "reason", "resolution"),
            "created_at",
        ]


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanReview
        fields = ["id", "reviewed_on", "findings", "adjusted", "revision", "resolution"]


class EntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ReserveEntry
        fields = ["id", "entry_date", "kind", "amount", "memo", "usage_plan"]
        read_only_fields = ["usage_plan"]


class UsagePlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = UsagePlan
        fields = [
            "id",
            "title",
            "component",
            "plan_cycle_years",
            "plan_repair_rate",
            "elapsed_years",
            "reason",
            "description",
            "location",
            "period_start",
            "period_end",
            "estimated_amount",
            "procurement",
            "defect_exception",
            "status",
            "resolution",
            "contractor",
            "contract_amount",
            "contracted_on",
            "created_at",
        ]
        read_only_fields = [
            "plan_cycle_years",
            "plan_repair_rate",
            "status",
            "resolution",
            "contractor",
            "contract_amount",
            "contracted_on",
            "created_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        field = self.fields["component"]
        field.queryset = (
            Component.objects.filter(complex=ctx.complex) if ctx else Component.objects.none()
        )


@extend_schema_field(OpenApiTypes.INT)
class _ComplexResolutionField(serializers.PrimaryKeyRelatedField):
    """A council resolution of the request's complex (another complex's does not exist here)."""

    def get_queryset(self):
        ctx = self.context.get("ctx")
        return Resolution.objects.filter(complex=ctx.complex) if ctx else Resolution.objects.none()


class ResolutionLinkSerializer(serializers.Serializer):
    """The council resolution to link (시행규칙 7조②), one of this complex's; whether it passed
    and is in force is the service's check."""

    resolution = _ComplexResolutionField()


class UsagePlanApproveSerializer(serializers.Serializer):
    """The council resolution that approved the usage plan (Art. 79②), one of this complex's;
    whether it passed and is in force is the service's check."""

    resolution = _ComplexResolutionField()


class UsagePlanContractSerializer(serializers.Serializer):
    contractor = serializers.CharField(max_length=200)
    amount = serializers.IntegerField(min_value=1)
    contracted_on = serializers.DateField()


class UsagePlanSpendingSerializer(serializers.Serializer):
    """Money paid from the reserve against the contracted plan, with an optional document
    (photos before/after, drawings, the contract — kept permanently, Art. 64①13–15)."""

    entry_date = serializers.DateField()
    amount = serializers.IntegerField(min_value=1)
    memo = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    final = serializers.BooleanField(required=False, default=False)
    file = serializers.FileField(validators=[validate_upload], required=False)
    document_kind = serializers.ChoiceField(
        choices=DocumentKind.choices, required=False, default=DocumentKind.OTHER
    )
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class UsagePlanDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = UsagePlanDocument
        fields = ["id", "kind", "caption", "uploaded_at"]
