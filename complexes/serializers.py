from rest_framework import serializers

from .models import Building, Complex, Unit, Ward


class ComplexSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = Complex
        fields = [
            "slug",
            "name",
            "address",
            "city",
            "district_code",
            "district_name",
            "approved_on",
            "heating_type",
            "management_method",
            "roles",
        ]

    def get_roles(self, obj) -> list[str]:
        roles = self.context.get("roles_by_complex", {})
        return sorted(roles.get(obj.pk, []))


class BuildingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Building
        fields = ["id", "name", "floors_above", "floors_below"]

    def validate_name(self, value):
        ctx = self.context["ctx"]
        clash = Building.objects.filter(complex=ctx.complex, name=value)
        if self.instance:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError("같은 이름의 동이 이미 있습니다.")
        return value


class UnitSerializer(serializers.ModelSerializer):
    building = serializers.SlugRelatedField(slug_field="name", queryset=Building.objects.none())
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "building", "number", "label", "floor", "supply_area", "type_label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        if ctx is not None:
            self.fields["building"].queryset = Building.objects.filter(complex=ctx.complex)

    def validate_supply_area(self, value):
        if value <= 0:
            raise serializers.ValidationError("공급면적은 0보다 커야 합니다.")
        return value

    def validate(self, attrs):
        ctx = self.context["ctx"]
        building = attrs.get("building", getattr(self.instance, "building", None))
        number = attrs.get("number", getattr(self.instance, "number", None))
        clash = Unit.objects.filter(complex=ctx.complex, building=building, number=number)
        if self.instance:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(
                {"number": f"{building.name}동 {number}호가 이미 있습니다."}
            )
        return attrs


class WardSerializer(serializers.ModelSerializer):
    buildings = serializers.SlugRelatedField(
        slug_field="name", many=True, queryset=Building.objects.none(), required=False
    )
    units = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Unit.objects.none(), required=False
    )
    households = serializers.SerializerMethodField()

    class Meta:
        model = Ward
        fields = ["id", "name", "buildings", "units", "households"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        if ctx is not None:
            self.fields["buildings"].child_relation.queryset = Building.objects.filter(
                complex=ctx.complex
            )
            self.fields["units"].child_relation.queryset = Unit.objects.filter(complex=ctx.complex)

    def get_households(self, obj) -> int:
        return obj.unit_queryset().count()


class UnitImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        help_text="2단계 인증(TOTP)을 쓰는 계정: 인증 앱의 현재 코드 또는 복구 코드",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(help_text="이 시각이 지나면 토큰은 쓸 수 없습니다.")


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    buildings_created = serializers.IntegerField()


class JoinCodeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="the printed code, XXXXX-XXXXX")
    expires_at = serializers.DateTimeField()
