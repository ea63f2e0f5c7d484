from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complexes.models import Building, Membership, ResidentKind, Unit, Ward

from .models import (
    Audience,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    DisputeStep,
    HouseholdMember,
    Notice,
    Occupancy,
    StatutoryKind,
    Vehicle,
)


class VehicleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vehicle
        fields = ["plate", "car_type"]


class HouseholdMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = HouseholdMember
        fields = ["relation", "name", "birth_date", "phone"]


@extend_schema_field(OpenApiTypes.INT)
class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """A unit of the request's complex (another complex's id is "does not exist")."""

    def get_queryset(self):
        ctx = self.context.get("ctx")
        return Unit.objects.filter(complex=ctx.complex) if ctx else Unit.objects.none()


class OccupancySerializer(serializers.ModelSerializer):
    unit = ScopedUnitField()
    unit_label = serializers.CharField(source="unit.label", read_only=True)
    vehicles = VehicleSerializer(many=True, required=False)
    members = HouseholdMemberSerializer(many=True, required=False)
    membership = serializers.PrimaryKeyRelatedField(
        queryset=Membership.objects.none(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=ResidentKind.choices)

    class Meta:
        model = Occupancy
        fields = [
            "id",
            "unit",
            "unit_label",
            "kind",
            "moved_in_on",
            "moved_out_on",
            "settled_on",
            "name",
            "birth_date",
            "phone",
            "home_phone",
            "email",
            "owner_name",
            "owner_address",
            "owner_phone",
            "consent_on",
            "consent_purposes",
            "consent_retention",
            "consent_third_parties",
            "memo",
            "membership",
            "vehicles",
            "members",
            "anonymised_at",
        ]
        read_only_fields = [
            "moved_out_on",
            "settled_on",
            "consent_purposes",
            "consent_retention",
            "consent_third_parties",
            "anonymised_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        if ctx is not None and "membership" in self.fields:
            self.fields["membership"].queryset = Membership.objects.filter(
                complex=ctx.complex, role="resident"
            )
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in ("unit", "kind", "moved_in_on"):
                self.fields[name].read_only = True


class OwnOccupancySerializer(OccupancySerializer):
    """A resident's view of their own household's entry: no other household's personal data
    (a lessee's entry records the owner's name, address and phone — not shown, issue 12
    [1/9]) and nothing of the office's own (memo, the linked account)."""

    membership = None

    class Meta(OccupancySerializer.Meta):
        fields = [
            f
            for f in OccupancySerializer.Meta.fields
            if f not in ("owner_name", "owner_address", "owner_phone", "memo", "membership")
        ]
        read_only_fields = fields


class MoveOutSerializer(serializers.Serializer):
    moved_out_on = serializers.DateField()


class ComplaintSerializer(serializers.ModelSerializer):
    unit = ScopedUnitField(required=False, allow_null=True)
    unit_label = serializers.SerializerMethodField()
    category = serializers.ChoiceField(choices=ComplaintCategory.choices)
    files = serializers.ListField(child=serializers.FileField(), write_only=True, required=False)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "unit",
            "unit_label",
            "common_area",
            "location",
            "category",
            "title",
            "body",
            "channel",
            "status",
            "result",
            "filed_at",
            "acknowledged_at",
            "closed_at",
            "dispute_step",
            "files",
            "attachments",
        ]
        read_only_fields = [
            "status",
            "result",
            "filed_at",
            "acknowledged_at",
            "closed_at",
            "dispute_step",
            "channel",
        ]

    def get_unit_label(self, obj) -> str:
        return obj.unit.label if obj.unit_id else "공용부분"

    def get_attachments(self, obj) -> list[dict]:
        request = self.context.get("request")
        ctx = self.context.get("ctx")
        from django.urls import reverse

        out = []
        for a in obj.attachments.all():
            if a.event_id and getattr(a.event, "internal", False) and not (ctx and ctx.is_office):
                continue
            path = reverse("residents:complaint_attachment", args=[obj.complex.slug, obj.pk, a.pk])
            out.append(
                {
                    "id": a.pk,
                    "name": a.original_name,
                    "content_type": a.content_type,
                    "size": a.size,
                    "url": request.build_absolute_uri(path) if request else path,
                }
            )
        return out


class OfficeComplaintSerializer(ComplaintSerializer):
    """The office also sees who filed, the assignee and the source unit of a dispute."""

    channel = serializers.CharField(required=False)
    source_unit = serializers.PrimaryKeyRelatedField(read_only=True)
    assignee = serializers.PrimaryKeyRelatedField(read_only=True)
    reporter_name = serializers.CharField(required=False, allow_blank=True)
    reporter_phone = serializers.CharField(required=False, allow_blank=True)

    class Meta(ComplaintSerializer.Meta):
        fields = [
            *ComplaintSerializer.Meta.fields,
            "source_unit",
            "assignee",
            "reporter_name",
            "reporter_phone",
            "disclose_parties",
        ]
        read_only_fields = [
            f for f in ComplaintSerializer.Meta.read_only_fields if f != "channel"
        ] + ["disclose_parties"]


class EventSerializer(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()

    class Meta:
        model = ComplaintEvent
        fields = ["id", "kind", "text", "step", "happened_on", "internal", "by", "created_at"]
        read_only_fields = ["kind", "step", "happened_on", "created_at"]

    def get_by(self, obj) -> str:
        return "office" if obj.by_office else "resident"


class EventCreateSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=["comment", "action", "internal"], default="comment")


class AssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField(help_text="사용자 id (이 단지의 관리사무소 직원)")


class TextSerializer(serializers.Serializer):
    text = serializers.CharField()


class DisputeSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=DisputeStep.choices)
    happened_on = serializers.DateField()
    text = serializers.CharField(required=False, allow_blank=True)
    source_unit = ScopedUnitField(required=False, allow_null=True)
    disclose_parties = serializers.BooleanField(required=False, allow_null=True, default=None)


class NoticeSerializer(serializers.ModelSerializer):
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.ALL)
    building = serializers.SlugRelatedField(
        slug_field="name", queryset=Building.objects.none(), required=False, allow_null=True
    )
    ward = serializers.PrimaryKeyRelatedField(
        queryset=Ward.objects.none(), required=False, allow_null=True
    )
    statutory_kind = serializers.ChoiceField(
        choices=[("", "—"), *StatutoryKind.choices], required=False, allow_blank=True
    )
    on_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = Notice
        fields = [
            "id",
            "title",
            "body",
            "audience",
            "building",
            "ward",
            "pinned",
            "publish_at",
            "expires_at",
            "statutory_kind",
            "due_on",
            "on_time",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        if ctx is not None:
            self.fields["building"].queryset = Building.objects.filter(complex=ctx.complex)
            self.fields["ward"].queryset = Ward.objects.filter(complex=ctx.complex)
