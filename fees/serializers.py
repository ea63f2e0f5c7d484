from rest_framework import serializers

from core.uploads import validate_upload

from .items import ITEM_CHOICES
from .models import (
    Bill,
    BillingRun,
    ChargeItem,
    ContingencyUse,
    Cost,
    FeeDeposit,
    MeterReading,
    MiscIncome,
    MiscIncomeKind,
    MoveOutSettlement,
    Payment,
)


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
    file = serializers.FileField(validators=[validate_upload])


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
    resolution = serializers.IntegerField(
        required=False, allow_null=True, help_text="승인 의결 id (제78조①, 이 단지의 가결된 의결)"
    )


def _period_text(obj) -> str:
    return f"{obj.period:%Y-%m}"


class MiscIncomeSerializer(serializers.ModelSerializer):
    """잡수입 (Art. 80): `period` as YYYY-MM; `owner_income` tells Art. 80② kinds apart."""

    period = serializers.CharField(help_text="YYYY-MM")
    kind = serializers.ChoiceField(choices=MiscIncomeKind.choices)
    owner_income = serializers.BooleanField(source="is_owner_income", read_only=True)

    class Meta:
        model = MiscIncome
        fields = ["id", "period", "kind", "amount", "memo", "owner_income"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["period"] = _period_text(instance)
        return data


class ContingencyUseSerializer(serializers.ModelSerializer):
    """예비비 사용 (Art. 80⑥) with the council resolution that approved it."""

    period = serializers.CharField(help_text="YYYY-MM")
    item = serializers.ChoiceField(choices=ITEM_CHOICES)
    resolution = serializers.IntegerField(required=False, allow_null=True, source="resolution_id")

    class Meta:
        model = ContingencyUse
        fields = ["id", "period", "item", "amount", "memo", "resolution"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["period"] = _period_text(instance)
        return data


class FeeDepositSerializer(serializers.ModelSerializer):
    """A row of the per-unit fee-deposit ledger (Art. 77, Art. 64① item 7); POST collects."""

    kind = serializers.CharField(read_only=True)
    unit = serializers.IntegerField(source="unit_id")
    amount = serializers.IntegerField(min_value=1)

    class Meta:
        model = FeeDeposit
        fields = ["id", "unit", "kind", "amount", "on", "memo"]


class DepositRefundSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    on = serializers.DateField()
    net_arrears = serializers.BooleanField(
        default=False, help_text="반환 전 미납 관리비 정산 (제77조②, 선택)"
    )
    memo = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class MoveOutSettlementSerializer(serializers.ModelSerializer):
    """중간정산 (Art. 85②③); `pdf` links the statement."""

    period = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()
    unit = serializers.IntegerField(source="unit_id")
    usage_amount = serializers.IntegerField(min_value=0, default=0)

    class Meta:
        model = MoveOutSettlement
        fields = [
            "id",
            "unit",
            "move_out_on",
            "period",
            "average_fee",
            "days_in_month",
            "days_lived",
            "interim_fee",
            "usage_amount",
            "arrears",
            "total",
            "memo",
            "pdf",
        ]
        read_only_fields = [
            "average_fee",
            "days_in_month",
            "days_lived",
            "interim_fee",
            "arrears",
            "total",
        ]

    def get_period(self, obj) -> str:
        return _period_text(obj)

    def get_pdf(self, obj) -> str:
        from django.urls import reverse

        ctx = self.context.get("ctx")
        slug = ctx.complex.slug if ctx else obj.complex.slug
        return reverse("api:fees-move-out-pdf", kwargs={"slug": slug, "pk": obj.pk})
