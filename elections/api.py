"""REST API of the elections app under /api/v1/complexes/<slug>/elections/….

Ballots are only ever POSTed (cast): there is no endpoint that lists ballots, per voter or
otherwise; results come from the count after the close (secrecy, elections/models.py)."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from complexes.models import Role, Unit, Ward
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import MEMBER, get_scoped
from residents.petitions.services import petition_sign

from . import pdf, selectors, services
from .api_actions import CandidateActions, RecallActions
from .models import Candidate, CommitteeMember, Recall, RollEntry, Vote
from .selectors import COMMITTEE
from .serializers import (
    BallotCastSerializer,
    CandidatePublicSerializer,
    CandidateSerializer,
    CommitteeMemberSerializer,
    CommitteeVoteSerializer,
    PaperCountsSerializer,
    PaperMarkSerializer,
    RecallSerializer,
    ReceiptSerializer,
    VoteCreateSerializer,
    VoteSerializer,
)

ERR = {400: OpenApiResponse(description='{"message", "extra"}')}


class CommitteeViewSet(
    ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The election committee's members (Arts. 44–45). Everyone in the complex may read (not a
    district official: no names or units for them)."""

    read_roles = (MEMBER,)
    model = CommitteeMember
    serializer_class = CommitteeMemberSerializer
    write_roles = COMMITTEE

    def get_queryset(self):
        return super().get_queryset().select_related("unit__building")

    @extend_schema(responses={201: CommitteeMemberSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        unit = data.pop("unit", None)
        if unit is not None and unit.complex_id != self.ctx.complex.pk:
            raise ApplicationError("다른 단지의 세대입니다.", {"field": "unit"})
        data.pop("term_end", None)
        member = services.committee_member_add(
            complex=self.ctx.complex, unit=unit, by=request.user, **data
        )
        return Response(CommitteeMemberSerializer(member).data, status=201)


class VoteViewSet(
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Votes of every kind (elections and questions) with their schedule and roll."""

    read_roles = (MEMBER,)
    model = Vote
    serializer_class = VoteSerializer
    write_roles = COMMITTEE

    def get_queryset(self):
        return super().get_queryset().select_related("ward")

    @extend_schema(request=VoteCreateSerializer, responses={201: VoteSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        s = VoteCreateSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = {k: v for k, v in s.validated_data.items() if v is not None}
        if "ward" in data:
            data["ward"] = get_scoped(self.ctx, Ward, pk=data["ward"])
        vote = services.vote_create(complex=self.ctx.complex, by=request.user, **data)
        return Response(VoteSerializer(vote).data, status=201)

    def _act(self, fn, **kwargs):
        vote = self.get_object()
        fn(vote=vote, **kwargs)
        vote.refresh_from_db()
        return Response(VoteSerializer(vote).data)

    @extend_schema(request=None, responses={200: VoteSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def announce(self, request, slug, pk):
        return self._act(services.vote_announce, by=request.user)

    @extend_schema(request=None, responses={200: OpenApiResponse(description='{"sent": n}'), **ERR})
    @action(detail=True, methods=["post"])
    def invitations(self, request, slug, pk):
        return Response({"sent": services.invitations_send(vote=self.get_object())})

    @extend_schema(request=None, responses={200: VoteSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def close(self, request, slug, pk):
        return self._act(services.vote_close)

    @extend_schema(request=None, responses={200: VoteSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def count(self, request, slug, pk):
        return self._act(services.vote_count)

    @extend_schema(request=None, responses={200: VoteSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def lottery(self, request, slug, pk):
        return self._act(
            services.lottery_conduct, witnesses=request.data.get("witnesses", ""), by=request.user
        )

    @extend_schema(request=CommitteeVoteSerializer, responses={200: VoteSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def certify(self, request, slug, pk):
        s = CommitteeVoteSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        return self._act(services.vote_certify, by=request.user, **s.validated_data)

    @extend_schema(
        request=PaperMarkSerializer,
        responses={200: OpenApiResponse(description='{"marked": unit id}'), **ERR},
    )
    @action(detail=True, methods=["post"], url_path="paper-mark")
    def paper_mark(self, request, slug, pk):
        """The polling station marks a household after the ID check (Arts. 12②, 48②2)."""
        s = PaperMarkSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        unit = get_scoped(self.ctx, Unit, pk=s.validated_data["unit"])
        services.paper_voter_mark(vote=self.get_object(), unit=unit)
        return Response({"marked": unit.pk})

    @extend_schema(request=PaperCountsSerializer, responses={200: VoteSerializer, **ERR})
    @action(detail=True, methods=["post"], url_path="paper-ballots")
    def paper_ballots(self, request, slug, pk):
        """The paper box's tally sheet, after the close (services.paper_ballots_from_counts)."""
        s = PaperCountsSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        vote = self.get_object()
        ballots = services.paper_ballots_from_counts(vote=vote, counts=s.validated_data["counts"])
        services.paper_ballots_enter(vote=vote, ballots=ballots)
        vote.refresh_from_db()
        return Response(VoteSerializer(vote).data)

    @extend_schema(responses={200: OpenApiResponse(description="turnout counts")})
    @action(detail=True, methods=["get"])
    def turnout(self, request, slug, pk):
        """Who voted, counted — never what. Nobody sees running tallies."""
        return Response(selectors.turnout(vote=self.get_object()))

    @extend_schema(responses={200: OpenApiResponse(description="the count"), **ERR})
    @action(detail=True, methods=["get"])
    def result(self, request, slug, pk):
        vote = self.get_object()
        if not selectors.result_visible(vote=vote, ctx=self.ctx):
            raise ApplicationError("결과는 개표·확정 후에 공개합니다.")
        return Response({"id": vote.pk, "state": vote.state, **vote.result})

    @extend_schema(
        request=ReceiptSerializer, responses={200: OpenApiResponse(description='{"counted": bool}')}
    )
    @action(detail=True, methods=["post"], url_path="receipt")
    def receipt(self, request, slug, pk):
        s = ReceiptSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        return Response(
            {
                "counted": services.receipt_check(
                    vote=self.get_object(), receipt=s.validated_data["receipt"]
                )
            }
        )

    def initial(self, request, *args, **kwargs):
        # Reading a receipt is a POST any member may make; every other write is the committee's.
        if getattr(self, "action", None) == "receipt":
            self.write_roles = (MEMBER,)
        super().initial(request, *args, **kwargs)


class CandidateViewSet(
    CandidateActions,
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Candidates of a vote (별지 2). Voters see the public fields of confirmed candidates."""

    read_roles = (MEMBER,)
    model = Candidate
    write_roles = COMMITTEE

    def vote(self):
        return get_scoped(self.ctx, Vote, pk=self.kwargs["vote_pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Candidate.objects.none()
        qs = self.vote().candidates.select_related("unit__building")
        if not selectors.is_committee(self.ctx):
            qs = qs.filter(status=Candidate.Status.ELIGIBLE)
        return qs

    def get_serializer_class(self):
        if getattr(self, "ctx", None) is not None and selectors.is_committee(self.ctx):
            return CandidateSerializer
        return CandidatePublicSerializer

    @extend_schema(request=CandidateSerializer, responses={201: CandidateSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        vote = self.vote()
        s = CandidateSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        unit = data.pop("unit")
        if unit.complex_id != self.ctx.complex.pk:
            raise ApplicationError("다른 단지의 세대입니다.", {"field": "unit"})
        kin = request.data.get("kin") or []
        c = services.candidate_register(vote=vote, unit=unit, kin=kin, by=request.user, **data)
        return Response(CandidateSerializer(c).data, status=201)


class BallotView(ComplexScopedMixin, APIView):
    """Cast a ballot: POST {token, code, status, choice | approvals | answer} → {receipt}.
    The token and one-time code identify the household (Art. 48②1); never listed."""

    read_roles = ()
    write_roles = ()

    @extend_schema(
        request=BallotCastSerializer,
        responses={201: OpenApiResponse(description='{"receipt": "XXXXX-XXXXX"}'), **ERR},
    )
    def post(self, request, slug, vote_pk):
        s = BallotCastSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        entry = get_object_or_404(
            RollEntry.objects.select_related("vote"),
            complex=self.ctx.complex,
            vote_id=vote_pk,
            token=d["token"],
        )
        marks = {k: d[k] for k in ("choice", "approvals", "answer") if k in d}
        receipt = services.ballot_cast(entry=entry, code=d["code"], status=d["status"], marks=marks)
        return Response({"receipt": receipt}, status=201)


class CertificatePdfView(ComplexScopedMixin, APIView):
    """별지 4/5 certificate of election as PDF (the committee, or the elected person)."""

    read_roles = (MEMBER,)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF"), **ERR})
    def get(self, request, slug, vote_pk, candidate_pk):
        vote = get_scoped(self.ctx, Vote, pk=vote_pk)
        candidate = get_object_or_404(vote.candidates, pk=candidate_pk)
        if not (candidate.user_id == request.user.pk or selectors.is_committee(self.ctx)):
            self.ctx.require(*COMMITTEE)
        response = HttpResponse(
            pdf.certificate(vote=vote, candidate=candidate), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'inline; filename="certificate-{vote.pk}-{candidate.pk}.pdf"'
        )
        return response


class RecallViewSet(
    RecallActions,
    ComplexScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Recalls (Art. 23): file, collect consents, defence."""

    read_roles = (MEMBER,)
    model = Recall
    serializer_class = RecallSerializer
    write_roles = (Role.RESIDENT, Role.COUNCIL, *COMMITTEE)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(consents=Count("petition__signatures"))
            .order_by("-created_at", "-pk")
        )

    @extend_schema(request=RecallSerializer, responses={201: RecallSerializer, **ERR})
    def create(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        for key in ("subject_unit", "ward"):
            if data.get(key) is not None and data[key].complex_id != self.ctx.complex.pk:
                raise ApplicationError("다른 단지의 세대·선거구입니다.", {"field": key})
        recall = services.recall_file(complex=self.ctx.complex, by=request.user, **data)
        return Response(RecallSerializer(self.get_queryset().get(pk=recall.pk)).data, status=201)

    @extend_schema(request=None, responses={200: RecallSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def consent(self, request, slug, pk):
        """The user's household consents in writing (Art. 23②). Body: {"unit": id}. The same as
        signing the recall's petition (…/petitions/<petition>/sign/)."""
        recall = self.get_object()
        unit_id = request.data.get("unit")
        if not str(unit_id or "").isdigit() or int(unit_id) not in self.ctx.unit_ids:
            raise ApplicationError("본인 세대만 동의할 수 있습니다.", {"field": "unit"})
        if recall.petition_id is None:
            raise ApplicationError("서면동의를 받는 해임 요청이 아닙니다.")
        unit = get_scoped(self.ctx, Unit, pk=unit_id)
        petition_sign(petition=recall.petition, user=request.user, unit=unit)
        return Response(RecallSerializer(self.get_queryset().get(pk=recall.pk)).data)

    @extend_schema(request=None, responses={200: RecallSerializer, **ERR})
    @action(detail=True, methods=["post"])
    def defence(self, request, slug, pk):
        """The rep's written defence (Art. 23④⑧). Body: {"defence": text}."""
        recall = self.get_object()
        if recall.subject_user_id != request.user.pk:
            self.ctx.require(*COMMITTEE)
        services.recall_defence_submit(recall=recall, text=request.data.get("defence", ""))
        recall.refresh_from_db()
        return Response(RecallSerializer(recall).data)
