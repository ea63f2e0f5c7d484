from rest_framework import serializers

from .models import JoinRequest


class JoinBodySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=50)


class JoinResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["member", "pending"])
    complex = serializers.CharField(help_text="the complex's slug")
    unit = serializers.CharField(help_text="the unit (building and number)")
    resident_kind = serializers.CharField(
        allow_blank=True, help_text="owner or lessee (empty while pending)"
    )
    request = serializers.IntegerField(allow_null=True, help_text="the pending request's id")


class EntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    moved_in_on = serializers.DateField()


class JoinRequestSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    entries = serializers.SerializerMethodField()

    class Meta:
        model = JoinRequest
        fields = [
            "id",
            "unit",
            "unit_label",
            "name",
            "email",
            "reason",
            "status",
            "created_at",
            "decided_at",
            "occupancy",
            "reject_reason",
            "entries",
        ]
        read_only_fields = fields

    def get_entries(self, obj) -> list[dict]:
        """The unit's current register entries without an account, to approve with."""
        return EntrySerializer(getattr(obj, "entries", []), many=True).data


class ApproveSerializer(serializers.Serializer):
    occupancy = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)
