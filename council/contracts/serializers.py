"""Serializers of the contracts API (names prefixed "Contracts" for a clean OpenAPI schema)."""

from rest_framework import serializers

from .models import (
    AuditReport,
    AwardMethod,
    Bid,
    Contract,
    Funding,
    Opinion,
    PerformanceEvaluation,
    Procurement,
    ProcurementKind,
    Recontract,
    ServiceCategory,
)


class ContractsBidSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bid
        fields = [
            "id", "company_name", "business_no", "representative", "price", "valid",
            "disqualified_reason", "credit_grade", "credit_scale", "sanctions",
            "households_managed", "technicians_all_met", "technicians", "equipment_all_met",
            "equipment", "record_cases", "plan_mark", "partner_mark", "scores", "total",
            "price_deviation",
        ]  # fmt: skip
        read_only_fields = [
            "valid", "disqualified_reason", "scores", "total", "price_deviation",
        ]  # fmt: skip


class ContractsProcurementSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ProcurementKind.choices)
    funding = serializers.ChoiceField(choices=Funding.choices)
    service_category = serializers.ChoiceField(
        choices=ServiceCategory.choices, required=False, allow_blank=True
    )

    class Meta:
        model = Procurement
        fields = [
            "id", "title", "kind", "service_category", "funding", "selecting_body",
            "estimated_amount", "award_method", "method_resolution", "method_by_vote",
            "method_votes", "notice_days", "documents", "bid_deadline", "status", "notice_published_at",
            "award_bid", "award_resolution", "awarded_at", "lottery_note",
        ]  # fmt: skip
        read_only_fields = [
            "selecting_body", "award_method", "method_resolution", "method_by_vote",
            "method_votes", "bid_deadline", "status", "notice_published_at", "award_bid", "award_resolution",
            "awarded_at", "lottery_note",
        ]  # fmt: skip


class ContractsMethodSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=AwardMethod.choices)
    resolution = serializers.IntegerField()
    by_vote = serializers.BooleanField(default=False)
    votes = serializers.DictField(
        child=serializers.IntegerField(min_value=0), required=False, default=dict
    )


class ContractsNoticeSerializer(serializers.Serializer):
    bid_deadline = serializers.DateField()


class ContractsAwardSerializer(serializers.Serializer):
    resolution = serializers.IntegerField(required=False, allow_null=True)
    lottery_winner = serializers.IntegerField(required=False, allow_null=True)
    lottery_note = serializers.CharField(required=False, allow_blank=True, default="")


class ContractsReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ContractsContractSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ProcurementKind.choices, required=False)
    end = serializers.DateField(required=False, allow_null=True)
    publish_due = serializers.DateField(read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id", "procurement", "kind", "service_category", "title", "counterparty",
            "counterparty_business_no", "signed_by", "signed_on", "start", "end",
            "total_amount", "monthly_amount", "scope", "body", "masked_body", "published_at",
            "publish_due", "predecessor", "status",
        ]  # fmt: skip
        read_only_fields = ["masked_body", "published_at", "status"]
        extra_kwargs = {
            "counterparty": {"required": False, "allow_blank": True},
            "signed_by": {"required": False},
        }


class ContractsRecontractSerializer(serializers.ModelSerializer):
    resolution = serializers.IntegerField(write_only=True)

    class Meta:
        model = Recontract
        fields = [
            "id", "contract", "resolution", "resolved_on", "items", "posted_from",
            "posted_until", "window_from", "window_until", "place", "households",
            "other_demands", "outcome", "decided_at",
        ]  # fmt: skip
        read_only_fields = [
            "contract", "resolved_on", "households", "other_demands", "outcome", "decided_at",
        ]  # fmt: skip


class ContractsOpinionSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    choice = serializers.ChoiceField(choices=Opinion.choices)
    signer = serializers.CharField()
    signed_on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    channel = serializers.CharField(required=False, default="paper")


class ContractsRecontractDecideSerializer(serializers.Serializer):
    approval_resolution = serializers.IntegerField(required=False, allow_null=True)
    other_demands = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class ContractsEvaluatorSheetSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(required=False, allow_blank=True, default="")
    scores = serializers.DictField(child=serializers.IntegerField())


class ContractsEvaluationSerializer(serializers.ModelSerializer):
    sheets = ContractsEvaluatorSheetSerializer(many=True)

    class Meta:
        model = PerformanceEvaluation
        fields = [
            "id", "contract", "template", "evaluated_on", "sheets", "score", "score_exact",
            "sanctioned", "renewal_term_from", "renewal_term_until", "renewal_amount",
            "resolution", "outcome",
        ]  # fmt: skip
        read_only_fields = ["contract", "score", "score_exact", "resolution", "outcome"]


class ContractsResolutionRefSerializer(serializers.Serializer):
    resolution = serializers.IntegerField(required=False, allow_null=True)


class ContractsAuditReportSerializer(serializers.ModelSerializer):
    findings = serializers.ListField(
        child=serializers.CharField(), write_only=True, required=False, default=list
    )

    class Meta:
        model = AuditReport
        fields = [
            "id", "kind", "appointment", "title", "period_start", "period_end", "sections",
            "opinion", "checklist", "submitted_on", "published_at", "findings",
        ]  # fmt: skip
        read_only_fields = ["published_at"]
