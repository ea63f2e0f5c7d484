"""REST shapes of community life. Server-owned fields (complex, applicant, status, fee) are set by
the services, never taken from the request body."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Vehicle
from .groups_models import CommunityGroup, MemberKind
from .models import (
    Booking,
    ConsentApplication,
    ConsentCase,
    ConsentDecision,
    Facility,
    NeighbourConsent,
    VisitorCar,
)


class FacilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = [
            "id", "name", "description", "access", "sharing_resolution", "opens_at", "closes_at",
            "slot_minutes", "capacity", "fee_per_slot", "max_slots_per_day",
            "max_active_bookings", "book_ahead_days", "cancel_before_hours", "active",
        ]  # fmt: skip
        read_only_fields = ["id"]

    def validate(self, attrs):  # rules are checked by the service
        return attrs

    def get_validators(self):
        return []


class SlotSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    taken = serializers.IntegerField()
    free = serializers.IntegerField()
    mine = serializers.BooleanField()


class BookingSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = Booking
        fields = ["id", "facility", "unit", "unit_label", "starts_at", "ends_at", "fee", "status",
                  "created_at", "cancelled_at"]  # fmt: skip
        read_only_fields = fields


class BookingCreateSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class CarSerializer(serializers.ModelSerializer):
    unit = serializers.IntegerField(source="occupancy.unit_id", read_only=True)
    unit_label = serializers.CharField(source="occupancy.unit.label", read_only=True)

    class Meta:
        model = Vehicle
        fields = ["id", "unit", "unit_label", "plate", "car_type"]
        read_only_fields = fields


class CarCreateSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    plate = serializers.CharField(max_length=20)
    car_type = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)


class VisitorCarSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = VisitorCar
        fields = ["id", "unit", "unit_label", "plate", "visit_from", "visit_until", "purpose",
                  "created_at", "cancelled_at"]  # fmt: skip
        read_only_fields = ["id", "unit_label", "created_at", "cancelled_at"]
        extra_kwargs = {"visit_until": {"required": False}, "purpose": {"required": False}}

    def get_validators(self):
        return []


class PlateMatchSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("resident", "입주자 차량"), ("visitor", "방문차량")])
    plate = serializers.CharField()
    unit = serializers.IntegerField(source="unit.pk")
    unit_label = serializers.CharField(source="unit.label")
    until = serializers.DateField(allow_null=True)


class NeighbourSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = NeighbourConsent
        fields = ["unit", "unit_label", "in_group", "adjacent", "answer", "written", "answered_at"]
        read_only_fields = fields


class TallySerializer(serializers.Serializer):
    group_size = serializers.IntegerField()
    group_yes = serializers.IntegerField()
    adjacent_total = serializers.IntegerField()
    adjacent_yes = serializers.IntegerField()
    needed_yes = serializers.IntegerField()
    reached = serializers.BooleanField()


class ConsentSerializer(serializers.ModelSerializer):
    tally = serializers.SerializerMethodField()
    neighbours = serializers.SerializerMethodField()

    class Meta:
        model = ConsentApplication
        fields = [
            "id", "unit", "case", "description", "place", "period_start", "period_end", "status",
            "filed_at", "decision", "reasons", "decided_at", "tally", "neighbours",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(TallySerializer)
    def get_tally(self, obj):
        from .selectors import consent_tally

        t = consent_tally(application=obj)
        return TallySerializer(
            {"group_size": t.group_size, "group_yes": t.group_yes,
             "adjacent_total": t.adjacent_total, "adjacent_yes": t.adjacent_yes,
             "needed_yes": t.needed_yes, "reached": t.reached}
        ).data  # fmt: skip

    @extend_schema_field(NeighbourSerializer(many=True, allow_null=True))
    def get_neighbours(self, obj):
        """Each household's answer: the office only (others see the tally)."""
        ctx = self.context.get("ctx")
        if ctx is None or not ctx.is_office:
            return None
        return NeighbourSerializer(obj.neighbours.select_related("unit__building"), many=True).data


class ConsentCreateSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    case = serializers.ChoiceField(choices=ConsentCase.choices)
    description = serializers.CharField()
    place = serializers.CharField(required=False, default="", allow_blank=True)
    period_start = serializers.DateField(required=False, allow_null=True, default=None)
    period_end = serializers.DateField(required=False, allow_null=True, default=None)
    pledge = serializers.FileField(required=False, allow_null=True, default=None)


class AnswerSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    answer = serializers.BooleanField()
    signer_name = serializers.CharField(required=False, default="", allow_blank=True)


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ConsentDecision.choices)
    reasons = serializers.CharField(required=False, default="", allow_blank=True)


class MemberSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    position = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    kind = serializers.ChoiceField(choices=MemberKind.choices, default=MemberKind.RESIDENT)
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    is_representative = serializers.BooleanField(default=False)


class MemberOutSerializer(serializers.Serializer):
    name = serializers.CharField()
    position = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField()
    phone = serializers.CharField()
    is_representative = serializers.BooleanField()


class GroupSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()
    counting_members = serializers.SerializerMethodField()

    class Meta:
        model = CommunityGroup
        fields = ["id", "name", "purpose", "formed_on", "main_activities", "rules", "status",
                  "filed_at", "resolution", "decided_on", "refusal_reasons", "counting_members",
                  "members"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(MemberOutSerializer(many=True))
    def get_members(self, obj):
        """Names masked and no phone or unit unless the reader is the office."""
        from .selectors import members_for

        return MemberOutSerializer(members_for(ctx=self.context["ctx"], group=obj), many=True).data

    def get_counting_members(self, obj) -> int:
        from .selectors import counting_members

        return counting_members(group=obj)


class GroupCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    purpose = serializers.CharField(max_length=200)
    formed_on = serializers.DateField()
    main_activities = serializers.CharField()
    rules = serializers.CharField(required=False, default="", allow_blank=True)
    members = MemberSerializer(many=True)


class GroupDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    resolution = serializers.CharField(max_length=200)
    reasons = serializers.CharField(required=False, default="", allow_blank=True)
