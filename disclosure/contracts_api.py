"""Open data of tenders, contracts, renewals and audit reports at
/api/v1/public/complexes/<slug>/tenders/ (…/contracts/, …/renewals/, …/audits/): K-apt's
tender board. Company names, prices and scores are public (64③8); no person's data."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from core.masking import mask
from council.contracts.models import AuditReport, Contract, Procurement, Recontract

from .api import PublicAPIMixin
from .contracts import public_audits, public_contracts, public_renewals, public_tenders
from .services import complex_names


class PublicBidSerializer(serializers.Serializer):
    company_name = serializers.CharField()
    price = serializers.IntegerField()
    valid = serializers.BooleanField()
    total = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    scores = serializers.DictField(child=serializers.CharField())


class PublicTenderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    award_method = serializers.CharField()
    estimated_amount = serializers.IntegerField()
    status = serializers.CharField()
    notice_published_at = serializers.DateTimeField()
    bid_deadline = serializers.DateField(allow_null=True)
    awarded_at = serializers.DateTimeField(allow_null=True)
    winner = serializers.SerializerMethodField()
    bids = serializers.SerializerMethodField()

    def get_winner(self, obj) -> str | None:
        return obj.award_bid.company_name if obj.award_bid_id else None

    @extend_schema(responses=PublicBidSerializer(many=True))
    def get_bids(self, obj) -> list:
        if obj.awarded_at is None:  # bids are shown with the result, not while the tender runs
            return []
        return PublicBidSerializer(list(obj.bids.all()), many=True).data


class PublicContractSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    counterparty = serializers.CharField()
    signed_on = serializers.DateField()
    start = serializers.DateField()
    end = serializers.DateField()
    total_amount = serializers.IntegerField()
    monthly_amount = serializers.IntegerField(allow_null=True)
    masked_body = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField()

    def get_masked_body(self, obj) -> str:
        """Masked again with the names of the complex's people (57③, 법 27조②)."""
        return mask(obj.masked_body, self.context.get("names", ()))


class PublicRenewalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    company = serializers.CharField(source="contract.counterparty")
    expires_on = serializers.DateField(source="contract.end")
    items = serializers.SerializerMethodField()
    window_from = serializers.DateField()
    window_until = serializers.DateField()
    place = serializers.CharField()

    def get_items(self, obj) -> dict[str, str]:
        names = self.context.get("names", ())
        return {k: mask(v, names) for k, v in obj.items.items()}


class PublicAuditSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    sections = serializers.SerializerMethodField()
    opinion = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField()

    def get_sections(self, obj) -> dict[str, str]:
        names = self.context.get("names", ())
        return {k: mask(v, names) for k, v in obj.sections.items()}

    def get_opinion(self, obj) -> str:
        return mask(obj.opinion, self.context.get("names", ()))


class _List(PublicAPIMixin, generics.ListAPIView):
    reader = None
    model = None

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["names"] = complex_names(self.get_complex())
        return context

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return type(self).reader(complex=self.get_complex())


@extend_schema(tags=["public"])
class PublicTenderList(_List):
    """Tenders noticed, awarded or contracted, with the bids and scores once awarded (64③8)."""

    serializer_class = PublicTenderSerializer
    model = Procurement
    reader = staticmethod(public_tenders)


@extend_schema(tags=["public"])
class PublicContractList(_List):
    """Published contracts (masked copy, 57③) with their terms and expiry."""

    serializer_class = PublicContractSerializer
    model = Contract
    reader = staticmethod(public_contracts)


@extend_schema(tags=["public"])
class PublicRenewalList(_List):
    """Re-contracts of the management company in progress and how to object (58①)."""

    serializer_class = PublicRenewalSerializer
    model = Recontract
    reader = staticmethod(public_renewals)


@extend_schema(tags=["public"])
class PublicAuditList(_List):
    """Published audit reports (19⑤, 64③9)."""

    serializer_class = PublicAuditSerializer
    model = AuditReport
    reader = staticmethod(public_audits)
