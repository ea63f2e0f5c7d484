"""REST API of procurements, contracts, renewals and audits under
/api/v1/complexes/<slug>/procurements/, …/contracts/, …/recontracts/, …/evaluations/,
…/audit-reports/ — the same services, rules and errors as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from complexes.models import Role, Unit
from core.api import ComplexScopedMixin
from core.tenancy import OFFICE, get_scoped
from council.models import Resolution

from . import audits, renewals, services
from .models import AuditReport, Bid, Contract, PerformanceEvaluation, Procurement, Recontract
from .serializers import (
    ContractsAuditReportSerializer,
    ContractsAwardSerializer,
    ContractsBidSerializer,
    ContractsContractSerializer,
    ContractsEvaluationSerializer,
    ContractsMethodSerializer,
    ContractsNoticeSerializer,
    ContractsOpinionSerializer,
    ContractsProcurementSerializer,
    ContractsReasonSerializer,
    ContractsRecontractDecideSerializer,
    ContractsRecontractSerializer,
    ContractsResolutionRefSerializer,
)

MEMBERS = (*tuple(OFFICE), Role.COUNCIL)


def _resolution(ctx, pk):
    return None if pk is None else get_scoped(ctx, Resolution, pk=pk)


def _valid(serializer_class, request):
    s = serializer_class(data=request.data)
    s.is_valid(raise_exception=True)
    return s.validated_data


class _Base(ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
            mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    read_roles = MEMBERS


class ProcurementViewSet(_Base):
    """입찰 사업 (Arts. 55–56): create, then …/method/, …/notice/, …/bids/, …/score/, …/award/."""

    model = Procurement
    serializer_class = ContractsProcurementSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-pk")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.procurement_create(
            complex=self.ctx.complex,
            title=d["title"],
            kind=d["kind"],
            funding=d["funding"],
            estimated_amount=d["estimated_amount"],
            service_category=d.get("service_category", ""),
            notice_days=d.get("notice_days", 10),
            documents=d.get("documents", ""),
        )

    def _reply(self, p):
        return Response(ContractsProcurementSerializer(p).data)

    @extend_schema(request=ContractsMethodSerializer, responses=ContractsProcurementSerializer)
    @action(detail=True, methods=["post"])
    def method(self, request, slug=None, pk=None):
        """Art. 56①: the council's award-method resolution (56②: residents' vote option)."""
        d = _valid(ContractsMethodSerializer, request)
        return self._reply(
            services.procurement_set_method(
                procurement=self.get_object(),
                method=d["method"],
                resolution=_resolution(self.ctx, d["resolution"]),
                by_vote=d["by_vote"],
                votes=d.get("votes") or {},
            )
        )

    @extend_schema(request=ContractsNoticeSerializer, responses=ContractsProcurementSerializer)
    @action(detail=True, methods=["post"])
    def notice(self, request, slug=None, pk=None):
        """The bid notice (64③8); refused before the method resolution (56①)."""
        d = _valid(ContractsNoticeSerializer, request)
        return self._reply(
            services.procurement_publish_notice(
                procurement=self.get_object(), bid_deadline=d["bid_deadline"]
            )
        )

    @extend_schema(request=ContractsBidSerializer, responses=ContractsBidSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def bids(self, request, slug=None, pk=None):
        """GET the bids; POST records one (refused for a company barred under Art. 60)."""
        p = self.get_object()
        if request.method == "POST":
            self.ctx.require(*OFFICE)
            d = dict(_valid(ContractsBidSerializer, request))
            services.bid_record(
                procurement=p,
                company_name=d.pop("company_name"),
                business_no=d.pop("business_no"),
                price=d.pop("price"),
                **d,
            )
        return Response(ContractsBidSerializer(p.bids.order_by("pk"), many=True).data)

    @extend_schema(request=ContractsReasonSerializer, responses=ContractsBidSerializer)
    @action(detail=True, methods=["post"], url_path=r"bids/(?P<bid_pk>\d+)/disqualify")
    def disqualify(self, request, slug=None, pk=None, bid_pk=None):
        p = self.get_object()
        bid = get_scoped(self.ctx, Bid.objects.filter(procurement=p), pk=bid_pk)
        d = _valid(ContractsReasonSerializer, request)
        return Response(ContractsBidSerializer(services.bid_disqualify(bid=bid, **d)).data)

    @extend_schema(request=None, responses=ContractsBidSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def scores(self, request, slug=None, pk=None):
        """GET the 별지 9 scores; POST computes them for every valid bid (56②(별지 9))."""
        p = self.get_object()
        if request.method == "POST":
            self.ctx.require(*OFFICE)
            services.bids_score(procurement=p)
        bids = p.bids.filter(valid=True).order_by("-total", "price", "pk")
        return Response(ContractsBidSerializer(bids, many=True).data)

    @extend_schema(request=ContractsAwardSerializer, responses=ContractsProcurementSerializer)
    @action(detail=True, methods=["post"])
    def award(self, request, slug=None, pk=None):
        """The award by the chosen method; ties → a recorded lottery (별지 9, open reading 4)."""
        p = self.get_object()
        d = _valid(ContractsAwardSerializer, request)
        winner = d.get("lottery_winner")
        if winner is not None:
            winner = get_scoped(self.ctx, Bid.objects.filter(procurement=p), pk=winner)
        return self._reply(
            services.procurement_award(
                procurement=p,
                resolution=_resolution(self.ctx, d.get("resolution")),
                lottery_winner=winner,
                lottery_note=d.get("lottery_note", ""),
            )
        )


class ContractViewSet(_Base):
    """계약 (Art. 57): POST records a signed contract; …/publish/ posts the masked copy (57③);
    …/renewal/ starts Art. 58 (management company) or records 별지 10 (Art. 59, services)."""

    model = Contract
    serializer_class = ContractsContractSerializer

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        procurement = d.pop("procurement", None)
        if procurement is not None:
            procurement = get_scoped(self.ctx, Procurement, pk=procurement.pk)
        predecessor = d.pop("predecessor", None)
        if predecessor is not None:
            predecessor = get_scoped(self.ctx, Contract, pk=predecessor.pk)
        d.setdefault("counterparty", "")
        d.setdefault("kind", "")
        serializer.instance = services.contract_create(
            complex=self.ctx.complex,
            procurement=procurement,
            predecessor=predecessor,
            by=self.request.user,
            **d,
        )

    @extend_schema(request=None, responses=ContractsContractSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None, pk=None):
        c = services.contract_publish(contract=self.get_object())
        return Response(ContractsContractSerializer(c).data)

    @extend_schema(request=ContractsRecontractSerializer, responses=ContractsRecontractSerializer)
    @action(detail=True, methods=["post"])
    def renewal(self, request, slug=None, pk=None):
        """Art. 58①: the re-contract notice (resolution ≤ E − 60, 8 items, 10/5 days)."""
        c = self.get_object()
        d = _valid(ContractsRecontractSerializer, request)
        r = renewals.recontract_start(
            contract=c,
            resolution=_resolution(self.ctx, d["resolution"]),
            items=d.get("items") or {},
            posted_from=d["posted_from"],
            posted_until=d["posted_until"],
            window_from=d["window_from"],
            window_until=d["window_until"],
            place=d["place"],
        )
        return Response(ContractsRecontractSerializer(r).data, status=201)

    @extend_schema(request=ContractsEvaluationSerializer, responses=ContractsEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def evaluation(self, request, slug=None, pk=None):
        """Art. 59①: the 별지 10 evaluation by E − 45 days (service contractors only)."""
        c = self.get_object()
        d = _valid(ContractsEvaluationSerializer, request)
        ev = renewals.evaluation_record(
            contract=c,
            template=d["template"],
            sheets=[dict(s) for s in d["sheets"]],
            evaluated_on=d["evaluated_on"],
            sanctioned=d.get("sanctioned", False),
            renewal_term_from=d.get("renewal_term_from"),
            renewal_term_until=d.get("renewal_term_until"),
            renewal_amount=d.get("renewal_amount"),
        )
        return Response(ContractsEvaluationSerializer(ev).data, status=201)


class RecontractViewSet(ComplexScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):  # fmt: skip
    """Art. 58 re-contracts: …/opinions/ (별지 8), …/decide/ (58②, 60①)."""

    model = Recontract
    serializer_class = ContractsRecontractSerializer
    read_roles = MEMBERS

    @extend_schema(request=ContractsOpinionSerializer, responses=None)
    @action(detail=True, methods=["get", "post"])
    def opinions(self, request, slug=None, pk=None):
        r = self.get_object()
        if request.method == "POST":
            d = dict(_valid(ContractsOpinionSerializer, request))
            d["unit"] = get_scoped(self.ctx, Unit, pk=d["unit"])
            renewals.opinion_record(recontract=r, **d)
        return Response(renewals.tally(r))

    @extend_schema(
        request=ContractsRecontractDecideSerializer, responses=ContractsRecontractSerializer
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, slug=None, pk=None):
        d = _valid(ContractsRecontractDecideSerializer, request)
        r = renewals.recontract_decide(
            recontract=self.get_object(),
            approval_resolution=_resolution(self.ctx, d.get("approval_resolution")),
            other_demands=d.get("other_demands"),
        )
        return Response(ContractsRecontractSerializer(r).data)


class EvaluationViewSet(ComplexScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):  # fmt: skip
    """Art. 59 별지 10 evaluations; …/decide/ (≥ 80, no sanction, council majority)."""

    model = PerformanceEvaluation
    serializer_class = ContractsEvaluationSerializer
    read_roles = MEMBERS

    @extend_schema(
        request=ContractsResolutionRefSerializer, responses=ContractsEvaluationSerializer
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, slug=None, pk=None):
        d = _valid(ContractsResolutionRefSerializer, request)
        ev = renewals.evaluation_decide(
            evaluation_obj=self.get_object(),
            resolution=_resolution(self.ctx, d.get("resolution")),
        )
        return Response(ContractsEvaluationSerializer(ev).data)


class AuditReportViewSet(_Base):
    """Audit reports (Art. 92): POST with sections 1–8; …/publish/ (19⑤, 64③9)."""

    model = AuditReport
    serializer_class = ContractsAuditReportSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("-submitted_on", "-pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        d.setdefault("sections", {})  # none given: the service names the missing ones (Art. 92)
        appointment = d.pop("appointment", None)
        if appointment is not None and appointment.complex_id != self.ctx.complex.pk:
            from rest_framework.exceptions import NotFound

            raise NotFound("찾을 수 없습니다.")
        serializer.instance = audits.audit_report_create(
            complex=self.ctx.complex, appointment=appointment, **d
        )

    @extend_schema(request=None, responses=ContractsAuditReportSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None, pk=None):
        r = audits.audit_report_publish(report=self.get_object())
        return Response(ContractsAuditReportSerializer(r).data)
