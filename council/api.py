"""REST API of the council under /api/v1/complexes/<slug>/council/… — same services, same rules
and errors as the pages."""

from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from complexes.models import Role
from core.api import ComplexScopedMixin
from core.errors import ApplicationError
from core.tenancy import OFFICE, get_scoped

from . import members, selectors, services
from .api_actions import (
    AgendaItemActions,
    MeetingActions,
    MemberActions,
    ReconsiderationActions,
    _is_chair,
)
from .models import (
    AgendaItem,
    Expense,
    FilerKind,
    Meeting,
    MeetingStatus,
    ProposerKind,
    Reconsideration,
    Representative,
    Resolution,
)
from .serializers import (
    CouncilAgendaItemSerializer,
    CouncilExpenseSerializer,
    CouncilMeetingSerializer,
    CouncilMinutesSerializer,
    CouncilReconsiderationSerializer,
    CouncilRepresentativeSerializer,
    CouncilResolutionSerializer,
    CouncilScheduleSerializer,
    CouncilVoteSerializer,
)

OFFICE_ROLES = tuple(OFFICE)
MEMBERS = (*OFFICE_ROLES, Role.COUNCIL)
ANYONE = (*MEMBERS, Role.RESIDENT, Role.COMMITTEE)


def _full(ctx) -> bool:
    return ctx.is_office or ctx.has(Role.COUNCIL)


class MemberViewSet(MemberActions, ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                    mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    """동별 대표자 (Art. 17, 18). POST seats a rep through `representative_seat`."""

    model = Representative
    serializer_class = CouncilRepresentativeSerializer
    read_roles = ANYONE

    def get_queryset(self):
        return super().get_queryset().select_related("ward").order_by("ward__name", "-term_start")

    @transaction.atomic  # seat and unit together, or neither
    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        email = d.pop("email", None)
        who = d.pop("name")
        if email:
            m = self.ctx.complex.memberships.filter(user__email=email.lower()).first()
            if m is None:
                raise ApplicationError(
                    "이 단지에 그 이메일의 사용자가 없습니다.", {"field": "email"}
                )
            who = m.user
        serializer.instance = services.representative_seat(
            complex=self.ctx.complex,
            ward=d.pop("ward"),
            user_or_name=who,
            term_start=d.pop("term_start"),
            term_end=d.pop("term_end", None),
            by_election=d.pop("by_election", False),
            birth_year=d.pop("birth_year", None),
        )
        unit = d.pop("unit", None)
        if unit is not None:  # Art. 10: the unit the rep owns or stands for (same check as …/unit/)
            serializer.instance = members.representative_set_unit(
                representative=serializer.instance, unit=unit
            )


class MeetingViewSet(MeetingActions, ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                     mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    """회의 (Art. 26, 28①). POST schedules; the 5-day notice rule applies."""

    model = Meeting
    serializer_class = CouncilMeetingSerializer
    read_roles = ANYONE
    write_roles = MEMBERS  # the office or the chair (checked below)

    def get_queryset(self):
        qs = super().get_queryset()
        if getattr(self, "swagger_fake_view", False) or _full(self.ctx):
            return qs
        return qs.exclude(status__in=[MeetingStatus.DRAFT, MeetingStatus.CANCELLED])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        manages = self.ctx.is_office or _is_chair(self.ctx)
        if getattr(self, "action", None) in self.rep_actions:
            return  # a rep's own step (signing the minutes): checked in the action
        if request.method not in ("GET", "HEAD", "OPTIONS") and not manages:
            raise PermissionDenied("관리사무소 또는 회장만 회의를 소집하고 안건을 상정합니다.")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.meeting_create(
            complex=self.ctx.complex,
            kind=d["kind"],
            starts_at=d["starts_at"],
            place=d["place"],
            notice_exception=d.get("notice_exception", ""),
            notice_exception_reason=d.get("notice_exception_reason", ""),
            convened_by=d.get("convened_by", ""),
        )

    @extend_schema(
        request=CouncilScheduleSerializer, responses=CouncilAgendaItemSerializer(many=True)
    )
    @action(detail=True, methods=["get", "post"])
    def agenda(self, request, slug=None, pk=None):
        """GET the meeting's agenda; POST {"item": id} puts a submitted item on it (Art. 29③)."""
        meeting = self.get_object()
        if request.method == "POST":
            data = CouncilScheduleSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            item = get_scoped(self.ctx, AgendaItem, pk=data.validated_data["item"])
            services.item_schedule(item=item, meeting=meeting)
        items = meeting.items.order_by("order")
        return Response(CouncilAgendaItemSerializer(items, many=True).data)

    @extend_schema(responses=CouncilMinutesSerializer)
    @action(detail=True, methods=["get"])
    def minutes(self, request, slug=None, pk=None):
        """The minutes (별첨 2); residents see them once published, names masked."""
        from .views import _minutes_context

        meeting = self.get_object()
        full = _full(self.ctx)
        c = _minutes_context(self.ctx, meeting, mask=not full)
        m = c["minutes"]
        if not full and not m.resolutions_published_at:
            raise NotFound("찾을 수 없습니다.")
        q = c["quorum"]
        data = {
            "meeting": meeting.pk,
            "title": meeting.title,
            "seats": q.seats,
            "unfilled": q.unfilled,
            "membership": q.membership,
            "required_yes": q.required_yes,
            "present": len(c["attendees"]),
            "absent": len(c["absent"]),
            "attendees": [
                {
                    "ward": a["ward"],
                    "office": a["offices"],
                    "name": a["name"],
                    "signed_at": (
                        timezone.localtime(a["signature"].signed_at) if a["signature"] else None
                    ),
                }
                for a in c["attendees"]
            ],
            "resolutions": c["resolutions"],
            "resolutions_completed_at": m.resolutions_completed_at,
            "resolutions_published_at": m.resolutions_published_at,
            "speech_record": c["speech"],
            "speech_published_at": m.speech_published_at,
        }
        return Response(CouncilMinutesSerializer(data).data)

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"], url_path="minutes/pdf")
    def minutes_pdf(self, request, slug=None, pk=None):
        from .pdf import minutes_pdf
        from .views import _minutes_context

        meeting = self.get_object()
        full = _full(self.ctx)
        c = _minutes_context(self.ctx, meeting, mask=not full)
        if not full and not c["minutes"].resolutions_published_at:
            raise NotFound("찾을 수 없습니다.")
        return HttpResponse(minutes_pdf(c), content_type="application/pdf")


class AgendaItemViewSet(AgendaItemActions, ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                        mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    """의안 (Art. 29, 별지 7): anyone in the complex proposes; votes under …/votes/."""

    model = AgendaItem
    serializer_class = CouncilAgendaItemSerializer
    read_roles = ANYONE
    write_roles = ANYONE

    def get_queryset(self):
        qs = super().get_queryset().order_by("-pk")
        if getattr(self, "swagger_fake_view", False) or _full(self.ctx):
            return qs
        return qs.filter(
            Q(proposed_by=self.ctx.user)
            | Q(meeting__status__in=[MeetingStatus.NOTICED, MeetingStatus.HELD])
        )

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        if self.ctx.is_office:
            allowed = set(ProposerKind.values)
        elif self.ctx.has(Role.COUNCIL):
            allowed = {ProposerKind.REPRESENTATIVE}
        else:
            allowed = {ProposerKind.RESIDENTS}
        if d["proposer_kind"] not in allowed:
            raise ApplicationError(
                "제안자 구분이 역할과 맞지 않습니다.", {"field": "proposer_kind"}
            )
        serializer.instance = services.item_propose(complex=self.ctx.complex, by=self.ctx.user, **d)

    @extend_schema(request=CouncilVoteSerializer, responses=CouncilVoteSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def votes(self, request, slug=None, pk=None):
        """GET each present rep's vote; POST {"choice"} records your own vote (in person, no
        proxies — Art. 31①②); the office may POST {"representative", "choice"}."""
        if not _full(self.ctx):
            raise PermissionDenied("동별 대표자와 관리사무소만 볼 수 있습니다.")
        item = self.get_object()
        if request.method == "POST":
            data = CouncilVoteSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            rep_id = data.validated_data.get("representative_id")
            day = timezone.localdate(item.meeting.starts_at) if item.meeting else None
            if self.ctx.is_office and rep_id:
                rep = get_scoped(self.ctx, Representative, pk=rep_id)
                is_office = True
            else:
                rep = selectors.rep_for_user(
                    complex=self.ctx.complex, user=self.ctx.user, day=day or timezone.localdate()
                )
                is_office = False
                if rep is None:
                    raise PermissionDenied("임기 중인 동별 대표자만 표결합니다.")
                if rep_id and rep_id != rep.pk:
                    raise ApplicationError("동별 대표자는 대리할 수 없습니다 (제31조②).")
            services.vote_cast(
                item=item,
                representative=rep,
                choice=data.validated_data["choice"],
                by=self.ctx.user,
                is_office=is_office,
            )
        votes = item.votes.order_by("representative__ward__name")
        return Response(
            CouncilVoteSerializer(votes, many=True).data,
            status=status.HTTP_201_CREATED if request.method == "POST" else status.HTTP_200_OK,
        )


class ReconsiderationViewSet(ReconsiderationActions, ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                             mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    """재심의 요청 (Art. 34, 별지 13): filing suspends the resolution."""

    model = Reconsideration
    serializer_class = CouncilReconsiderationSerializer
    read_roles = ANYONE
    write_roles = ANYONE

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        kind = d["filer_kind"]
        if kind == FilerKind.RESIDENTS:
            raise ApplicationError(
                "입주자등의 재심의 요청은 입주자명부의 입주자 10인이 서명해야 접수됩니다 (제34조①): "
                'POST …/petitions/ {"kind": "reconsideration", …}로 서명 요청을 시작하세요.',
                {"field": "filer_kind"},
            )
        if kind == FilerKind.OFFICE and not self.ctx.is_office:
            raise PermissionDenied("관리주체만 관리주체 명의로 요청합니다.")
        if kind == FilerKind.AUDITOR and not self.ctx.is_office:
            today = timezone.localdate()
            rep = selectors.rep_for_user(complex=self.ctx.complex, user=self.ctx.user, day=today)
            if not rep or not selectors.acts_in_office(
                representative=rep, office_label="감사", day=today
            ):
                raise PermissionDenied("감사만 감사 명의로 요청합니다 (제34조①).")
        serializer.instance = services.reconsideration_file(by=self.ctx.user, **d)


class ExpenseViewSet(ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                     mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    """운영비 장부 (Art. 37): the office records; reps read."""

    model = Expense
    serializer_class = CouncilExpenseSerializer
    read_roles = MEMBERS

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = services.expense_record(complex=self.ctx.complex, **d)


class ResolutionViewSet(ComplexScopedMixin, viewsets.ReadOnlyModelViewSet):
    """의결: the decided outcomes other records link to; `effective` is false while suspended
    by a reconsideration (Art. 34①) or after it was revoked."""

    model = Resolution
    serializer_class = CouncilResolutionSerializer
    read_roles = ANYONE

    def get_queryset(self):
        return super().get_queryset().order_by("-decided_at")
