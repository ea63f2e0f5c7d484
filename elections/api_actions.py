"""REST actions of the elections app beyond create/list (issue [4/9]): candidate documents,
eligibility checks and the committee's ruling (Art. 44⑦, precise rule 9), linking a candidate
to their account, scheduling a recall vote (Art. 23④⑤⑨) and the signers behind a recall's
written consent (Art. 23②⑥). Same services, permissions and errors as the pages; mixed into the
viewsets of elections/api.py."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import parsers, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from residents.petitions.selectors import can_see_signers
from residents.petitions.serializers import SignatureSerializer

from . import candidates, selectors, services
from .models import CandidateDocument, EligibilityCheck
from .selectors import COMMITTEE

ERR = {400: OpenApiResponse(description='{"message", "extra"}')}


class CandidateDocumentInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CandidateDocument.Kind.choices)
    issued_on = serializers.DateField()
    file = serializers.FileField(required=False)


class EligibilityRecordSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=40)
    outcome = serializers.ChoiceField(choices=EligibilityCheck.Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CandidateRulingSerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    yes = serializers.IntegerField(min_value=0, help_text="위원 찬성 수 (Art. 44⑦)")
    no = serializers.IntegerField(min_value=0, default=0)


class CandidateAccountSerializer(serializers.Serializer):
    email = serializers.EmailField()


class RecallScheduleSerializer(serializers.Serializer):
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    announce_on = serializers.DateField(required=False)


class EligibilityCheckOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = EligibilityCheck
        fields = ["item", "label", "legal_basis", "outcome", "note", "automatic", "checked_at"]
        read_only_fields = fields


class CandidateDocumentOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = CandidateDocument
        fields = ["id", "kind", "issued_on"]
        read_only_fields = fields


ELIGIBILITY = inline_serializer(
    "CandidateEligibility",
    {
        "candidate": serializers.IntegerField(),
        "status": serializers.CharField(),
        "user": serializers.IntegerField(allow_null=True),
        "checks": EligibilityCheckOutSerializer(many=True),
        "documents": CandidateDocumentOutSerializer(many=True),
    },
)


def _eligibility(candidate):
    candidate.refresh_from_db()
    return {
        "candidate": candidate.pk,
        "status": candidate.status,
        "user": candidate.user_id,
        "checks": EligibilityCheckOutSerializer(candidate.checks.all(), many=True).data,
        "documents": CandidateDocumentOutSerializer(candidate.documents.all(), many=True).data,
    }


class CandidateActions:
    """별지 2 서류, 자격 확인, 위원회 결정, 계정 연결 — the election committee only."""

    def _candidate(self):
        if not selectors.is_committee(self.ctx):
            self.ctx.require(*COMMITTEE)
        return self.get_object()

    @extend_schema(request=None, responses={200: ELIGIBILITY, **ERR})
    @action(detail=True, methods=["get"])
    def eligibility(self, request, slug=None, vote_pk=None, pk=None):
        """The candidate's documents and every eligibility check with its outcome."""
        return Response(_eligibility(self._candidate()))

    @extend_schema(request=CandidateDocumentInSerializer, responses={201: ELIGIBILITY, **ERR})
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser],
    )
    def documents(self, request, slug=None, vote_pk=None, pk=None):
        """Add a 별지 2 document with its issue date (precise rule 7: the property register and
        resident registration must be issued after the announcement); the checks re-run."""
        candidate = self._candidate()
        s = CandidateDocumentInSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        services.candidate_document_add(candidate=candidate, **s.validated_data)
        return Response(_eligibility(candidate), status=201)

    @extend_schema(request=EligibilityRecordSerializer, responses={200: ELIGIBILITY, **ERR})
    @action(detail=True, methods=["post"])
    def checks(self, request, slug=None, vote_pk=None, pk=None):
        """The committee records a check it made by hand (e.g. the criminal-record check)."""
        candidate = self._candidate()
        s = EligibilityRecordSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        services.eligibility_record(candidate=candidate, by=request.user, **s.validated_data)
        return Response(_eligibility(candidate))

    @extend_schema(request=None, responses={200: ELIGIBILITY, **ERR})
    @action(detail=True, methods=["post"], url_path="checks/rerun")
    def checks_rerun(self, request, slug=None, vote_pk=None, pk=None):
        """Re-run the automatic checks (fee ledger, term limit, documents)."""
        candidate = self._candidate()
        services.candidate_checks_run(candidate=candidate)
        return Response(_eligibility(candidate))

    @extend_schema(request=CandidateRulingSerializer, responses={200: ELIGIBILITY, **ERR})
    @action(detail=True, methods=["post"])
    def ruling(self, request, slug=None, vote_pk=None, pk=None):
        """The committee's ruling — a committee vote needing a majority of its full size
        (Art. 44⑦); eligible only when every check passed."""
        candidate = self._candidate()
        s = CandidateRulingSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        services.candidate_rule(candidate=candidate, by=request.user, **s.validated_data)
        return Response(_eligibility(candidate))

    @extend_schema(request=CandidateAccountSerializer, responses={200: ELIGIBILITY, **ERR})
    @action(detail=True, methods=["post"])
    def account(self, request, slug=None, vote_pk=None, pk=None):
        """Link the candidate to the portal account of a resident of their unit."""
        candidate = self._candidate()
        s = CandidateAccountSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        candidates.candidate_link_user(candidate=candidate, email=s.validated_data["email"])
        return Response(_eligibility(candidate))


class RecallActions:
    """해임투표 공고, 서면동의 연서부."""

    @extend_schema(
        request=RecallScheduleSerializer,
        responses={
            201: inline_serializer(
                "RecallVoteScheduled",
                {"vote": serializers.IntegerField(), "state": serializers.CharField()},
            ),
            **ERR,
        },
    )
    @action(detail=True, methods=["post"], url_path="schedule-vote")
    def schedule_vote(self, request, slug=None, pk=None):
        """The committee announces the recall vote after the defence period (≥ 5 days), within
        30 days of the request; grounds and defence public ≥ 10 days (ward) / 7 days before.
        From the notice the subject is suspended (Art. 23③⑦)."""
        if not selectors.is_committee(self.ctx):
            self.ctx.require(*COMMITTEE)
        recall = self.get_object()
        s = RecallScheduleSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        vote = services.recall_schedule_vote(recall=recall, by=request.user, **s.validated_data)
        recall.refresh_from_db()
        return Response({"vote": vote.pk, "state": recall.state}, status=201)

    @extend_schema(request=None, responses={200: SignatureSerializer(many=True), **ERR})
    @action(detail=True, methods=["get"])
    def signers(self, request, slug=None, pk=None):
        """Who consented in writing (Art. 23②⑥): one per household, each a resident when
        signing — for the office and the election committee only (others see the count)."""
        recall = self.get_object()
        if recall.petition_id is None:
            return Response([])
        if not can_see_signers(ctx=self.ctx, petition=recall.petition):
            raise PermissionDenied("서명자 명단은 관리사무소와 선거관리위원회만 볼 수 있습니다.")
        rows = recall.petition.signatures.select_related("unit__building").order_by("signed_at")
        return Response(SignatureSerializer(rows, many=True).data)
