from rest_framework import serializers

from .models import Bill, BillingRun, ChargeItem, Cost, MeterReading, Payment


class ChargeItemSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = ChargeItem
        fields = ["code", "name", "basis", "unit_price", "active", "memo"]
        read_only_fields = ["code"]


class CostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cost
        fields = [
            "id",
            "period",
            "item",
            "amount",
            "unit_price",
            "basis",
            "building",
            "unit_ids",
            "memo",
        ]


class MeterReadingSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeterReading
        fields = [
            "id",
            "period",
            "unit",
            "utility",
            "previous",
            "current",
            "usage",
            "amount",
            "replaced",
            "estimated",
        ]


class ImportSerializer(serializers.Serializer):
    period = serializers.CharField(required=False, help_text="YYYY-MM")
    file = serializers.FileField()


class BillingRunSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField()

    class Meta:
        model = BillingRun
        fields = ["id", "period", "status", "issued_on", "due_date", "totals", "notes", "summary"]

    def get_period(self, obj) -> str:
        return f"{obj.period:%Y-%m}"


class BillingRunCreateSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="YYYY-MM")
    issued_on = serializers.DateField(required=False)


class BillLineSerializer(serializers.Serializer):
    item = serializers.CharField()
    name = serializers.CharField()
    section = serializers.CharField()
    amount = serializers.IntegerField()
    note = serializers.CharField()


class BillSerializer(serializers.ModelSerializer):
    building = serializers.CharField(source="unit.building.name")
    unit_number = serializers.CharField(source="unit.number")
    period = serializers.SerializerMethodField()

    class Meta:
        model = Bill
        fields = [
            "id",
            "building",
            "unit_number",
            "unit",
            "supply_area",
            "period",
            "status",
            "issued_on",
            "due_date",
            "management_fee",
            "usage_charges",
            "repair_reserve",
            "misc_income_credit",
            "adjustments",
            "charges",
            "arrears",
            "late_fee",
            "prepaid",
            "total_due",
        ]

    def get_period(self, obj) -> str:
        return f"{obj.period:%Y-%m}"


class BillDetailSerializer(BillSerializer):
    lines = BillLineSerializer(many=True)

    class Meta(BillSerializer.Meta):
        fields = [*BillSerializer.Meta.fields, "lines", "contingency_info"]


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "unit", "paid_on", "amount", "reference"]


class BudgetSerializer(serializers.Serializer):
    amounts = serializers.DictField(child=serializers.IntegerField(min_value=0))
