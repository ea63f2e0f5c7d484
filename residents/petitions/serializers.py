from rest_framework import serializers

from core.uploads import validate_upload

from .models import Petition, PetitionSignature


class PetitionSerializer(serializers.ModelSerializer):
    count = serializers.IntegerField(read_only=True, source="n")

    class Meta:
        model = Petition
        fields = [
            "id", "kind", "rule", "title", "summary", "representative_name", "ward",
            "threshold", "roll_size", "count", "status", "started_at", "reached_at", "outcome",
        ]  # fmt: skip
        read_only_fields = fields


class SignatureSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = PetitionSignature
        fields = ["unit", "unit_label", "signer_name", "proxy_for", "channel", "signed_at", "paper"]
        read_only_fields = fields


class PetitionDetailSerializer(PetitionSerializer):
    """With the signers for the office and the body the request goes to; `signers` is null for
    everyone else (they see the count)."""

    signers = serializers.SerializerMethodField()
    my_signatures = serializers.SerializerMethodField()

    class Meta(PetitionSerializer.Meta):
        fields = [*PetitionSerializer.Meta.fields, "signers", "my_signatures"]
        read_only_fields = fields

    def get_signers(self, obj) -> list[dict] | None:
        if not self.context.get("see_signers"):
            return None
        rows = obj.signatures.select_related("unit__building")
        return SignatureSerializer(rows, many=True).data

    def get_my_signatures(self, obj) -> list[dict]:
        request = self.context.get("request")
        rows = obj.signatures.filter(user=request.user).select_related("unit__building")
        return SignatureSerializer(rows, many=True).data


class StartSerializer(serializers.Serializer):
    """`kind` plus that kind's fields (see the page form of the kind)."""

    kind = serializers.CharField()


class SignSerializer(serializers.Serializer):
    unit = serializers.IntegerField()


class PaperSerializer(serializers.Serializer):
    scan = serializers.FileField(validators=[validate_upload])
    signers = serializers.CharField(help_text="한 줄에 한 명: 동,호,성명[,대리한 본인]")
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class PaperResultSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    skipped = serializers.ListField(child=serializers.CharField())
    petition = PetitionSerializer()
