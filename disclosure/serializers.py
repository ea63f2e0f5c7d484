from rest_framework import serializers

from complexes.models import Complex

from .models import FeeSummary, Publication


class PublicComplexSerializer(serializers.ModelSerializer):
    heating_type_display = serializers.CharField(source="get_heating_type_display", read_only=True)

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
            "heating_type_display",
            "management_method",
        ]


class PublicPublicationSerializer(serializers.ModelSerializer):
    duty_name = serializers.CharField(source="get_duty_display", read_only=True)
    article = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = [
            "id",
            "duty",
            "duty_name",
            "article",
            "title",
            "body",
            "period",
            "due_on",
            "published_at",
            "status",
        ]

    def get_article(self, obj) -> str:
        return obj.duty_info.article


class PublicFeeSerializer(serializers.ModelSerializer):
    item_name = serializers.SerializerMethodField()

    class Meta:
        model = FeeSummary
        fields = ["period", "item", "item_name", "total", "per_m2", "flag", "reason"]

    def get_item_name(self, obj) -> str:
        from .services import _item_name

        return _item_name(obj.item)


class ComparisonSerializer(serializers.Serializer):
    item = serializers.CharField()
    item_name = serializers.CharField()
    period = serializers.DateField(allow_null=True)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    median = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    percentile = serializers.IntegerField(required=False)
    group_label = serializers.CharField(required=False)
    group_size = serializers.IntegerField(required=False)
    group_members = serializers.ListField(child=serializers.CharField(), required=False)
    trend = serializers.CharField(required=False)
    months = serializers.ListField(child=serializers.DictField(), required=False)


class ReserveYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    balance = serializers.IntegerField(help_text="장기수선충당금 원장 잔액 (원)")
    should_have = serializers.IntegerField(help_text="장기수선계획상 적립되어 있어야 할 금액 (원)")
    percent_funded = serializers.FloatField(allow_null=True)


class ReserveVsPlanSerializer(serializers.Serializer):
    has_plan = serializers.BooleanField()
    years = ReserveYearSerializer(many=True)
