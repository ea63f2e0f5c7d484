"""REST actions of the council beyond create/list (issue [4/9]): every step of a meeting —
submit an item, send the notice, record attendance, decide an item (with the not-voted
confirmation), the re-contract objections (Art. 58), minutes signing, completion, speech record
and publication — and the composition (resignation, suspension, officers, a rep's unit), plus the
re-deliberation result (Art. 34③). Same services, permissions and errors as the pages; mixed
into the viewsets of council/api.py."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from complexes.models import Role, Unit
from complexes.selectors import office_users
from core.errors import ApplicationError
from core.tenancy import get_scoped

from . import members, selectors, services
from .models import ItemStatus, Office, Officer, SuspensionReason

# --- input shapes -------------------------------------------------------------------------


class CouncilCostEstimateSerializer(serializers.Serializer):
    cost_estimate = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="비용추계(원)"
    )


class CouncilReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class CouncilAttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(
        child=serializers.IntegerField(), help_text="직접 출석한 동별 대표자 id (제31조①)"
    )


class CouncilDecideSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(
        default=False, help_text="표결하지 않은 출석 대표자가 있어도 표결을 마침"
    )


class CouncilObjectionsSerializer(serializers.Serializer):
    objecting_units = serializers.IntegerField(min_value=0)


class CouncilSpeechSerializer(serializers.Serializer):
    speech_record = serializers.CharField()
    item_details = serializers.CharField(required=False, allow_blank=True, default="")


class CouncilPublishSerializer(serializers.Serializer):
    part = serializers.ChoiceField(choices=[("resolutions", "의결사항"), ("speech", "발언록")])


class CouncilResultSerializer(serializers.Serializer):
    result_text = serializers.CharField()


class CouncilResignSerializer(serializers.Serializer):
    received_on = serializers.DateField(help_text="사직서 접수일 (제23조⑭)")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)


class CouncilSuspendSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=SuspensionReason.choices)
    starts_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class CouncilUnsuspendSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    reason = serializers.ChoiceField(
        choices=SuspensionReason.choices, required=False, allow_blank=True
    )


class CouncilOfficerSerializer(serializers.Serializer):
    office = serializers.ChoiceField(choices=Office.choices)
    starts_on = serializers.DateField()


class CouncilOfficerEndSerializer(serializers.Serializer):
    office = serializers.ChoiceField(choices=Office.choices)
    on = serializers.DateField()


class CouncilUnitSerializer(serializers.Serializer):
    unit = serializers.IntegerField(allow_null=True, help_text="세대 id (null이면 지움)")


def _valid(serializer_class, request):
    s = serializer_class(data=request.data)
    s.is_valid(raise_exception=True)
    return s.validated_data


def _is_chair(ctx) -> bool:
    """The chair's powers (Art. 26①; the rule: council.selectors.is_acting_chair)."""
    return ctx.has(Role.COUNCIL) and selectors.is_acting_chair(
        complex=ctx.complex, user=ctx.user, day=timezone.localdate()
    )


def _office_or_chair(ctx):
    if not (ctx.is_office or _is_chair(ctx)):
        raise PermissionDenied("관리사무소 또는 회장만 할 수 있습니다.")


def _office(ctx):
    if not ctx.is_office:
        raise PermissionDenied("관리사무소만 할 수 있습니다.")


def _rep_payload(rep):
    day = timezone.localdate()
    return {
        "id": rep.pk,
        "name": rep.name,
        "ward": rep.ward_id,
        "unit": rep.unit_id,
        "term_start": rep.term_start,
        "term_end": rep.term_end,
        "ended_on": rep.ended_on,
        "end_reason": rep.end_reason,
        "offices": selectors.offices_on(representative=rep, day=day),
        "suspended": selectors.is_suspended(representative=rep, day=day),
        "office_suspended": selectors.office_suspended(representative=rep, day=day),
    }


REP_STATE = inline_serializer(
    "CouncilMemberState",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "ward": serializers.IntegerField(allow_null=True),
        "unit": serializers.IntegerField(allow_null=True),
        "term_start": serializers.DateField(),
        "term_end": serializers.DateField(),
        "ended_on": serializers.DateField(allow_null=True),
        "end_reason": serializers.CharField(),
        "offices": serializers.ListField(child=serializers.CharField()),
        "suspended": serializers.BooleanField(),
        "office_suspended": serializers.BooleanField(),
    },
)


# --- members -----------------------------------------------------------------------------


class MemberActions:
    """동별 대표자의 사퇴, 직무정지, 임원, 세대 — the office only (as the pages)."""

    def _rep(self):
        _office(self.ctx)
        return self.get_object()

    @extend_schema(request=CouncilResignSerializer, responses=REP_STATE)
    @action(detail=True, methods=["post"])
    def resign(self, request, slug=None, pk=None):
        """Art. 23⑭: the written resignation takes effect the day it arrives."""
        d = _valid(CouncilResignSerializer, request)
        rep = members.representative_resign(representative=self._rep(), **d)
        return Response(_rep_payload(rep))

    @extend_schema(request=CouncilSuspendSerializer, responses=REP_STATE)
    @action(detail=True, methods=["post"])
    def suspend(self, request, slug=None, pk=None):
        """Art. 23③⑬: suspend (ethics training missing, recall pending, other)."""
        d = _valid(CouncilSuspendSerializer, request)
        rep = self._rep()
        services.representative_suspend(representative=rep, **d)
        return Response(_rep_payload(type(rep).objects.get(pk=rep.pk)))

    @extend_schema(request=CouncilUnsuspendSerializer, responses=REP_STATE)
    @action(detail=True, methods=["post"])
    def unsuspend(self, request, slug=None, pk=None):
        d = _valid(CouncilUnsuspendSerializer, request)
        rep = self._rep()
        services.representative_unsuspend(
            representative=rep,
            on=d.get("on") or timezone.localdate(),
            reason=d.get("reason") or None,
        )
        return Response(_rep_payload(type(rep).objects.get(pk=rep.pk)))

    @extend_schema(request=CouncilOfficerSerializer, responses=REP_STATE)
    @action(detail=True, methods=["post"])
    def officers(self, request, slug=None, pk=None):
        """Art. 19: appoint the rep chair, auditor or director (Art. 36①: not chair+auditor)."""
        d = _valid(CouncilOfficerSerializer, request)
        rep = self._rep()
        services.officer_appoint(representative=rep, **d)
        return Response(_rep_payload(rep), status=201)

    @extend_schema(request=CouncilOfficerEndSerializer, responses=REP_STATE)
    @action(detail=True, methods=["post"], url_path="officers/end")
    def officers_end(self, request, slug=None, pk=None):
        d = _valid(CouncilOfficerEndSerializer, request)
        rep = self._rep()
        held = Officer.objects.filter(
            representative=rep, office=d["office"], ends_on__isnull=True
        ).first()
        if held is None:
            raise ApplicationError("그 직위에 있지 않습니다.", {"field": "office"})
        services.officer_end(officer=held, on=d["on"])
        return Response(_rep_payload(rep))

    @extend_schema(request=CouncilUnitSerializer, responses=REP_STATE)
    @action(detail=True, methods=["post"])
    def unit(self, request, slug=None, pk=None):
        """Art. 10: the unit the rep owns or stands for (must be in the rep's ward)."""
        d = _valid(CouncilUnitSerializer, request)
        rep = self._rep()
        unit = get_scoped(self.ctx, Unit, pk=d["unit"]) if d["unit"] is not None else None
        rep = members.representative_set_unit(representative=rep, unit=unit)
        return Response(_rep_payload(rep))


# --- meetings -----------------------------------------------------------------------------

MEETING_STATE = inline_serializer(
    "CouncilMeetingStep",
    {
        "id": serializers.IntegerField(),
        "status": serializers.CharField(),
        "notice_sent_at": serializers.DateTimeField(allow_null=True),
        "present": serializers.ListField(child=serializers.IntegerField()),
    },
)

MINUTES_STATE = inline_serializer(
    "CouncilMinutesStep",
    {
        "meeting": serializers.IntegerField(),
        "signed": serializers.ListField(child=serializers.IntegerField()),
        "missing_signers": serializers.ListField(child=serializers.IntegerField()),
        "resolutions_completed_at": serializers.DateTimeField(allow_null=True),
        "resolutions_published_at": serializers.DateTimeField(allow_null=True),
        "speech_due": serializers.DateField(),
        "speech_received_at": serializers.DateTimeField(allow_null=True),
        "speech_late": serializers.BooleanField(),
        "speech_published_at": serializers.DateTimeField(allow_null=True),
    },
)


def _local(moment):
    """Every time the API hands out is in Asia/Seoul (a raw DB value would be UTC)."""
    return timezone.localtime(moment) if moment else None


def _meeting_payload(meeting):
    return {
        "id": meeting.pk,
        "status": meeting.status,
        "notice_sent_at": _local(meeting.notice_sent_at),
        "present": list(
            meeting.attendance.filter(present=True).values_list("representative_id", flat=True)
        ),
    }


def _minutes_payload(meeting):
    m = services.minutes_for(meeting=meeting)
    due = services.speech_record_due(meeting=meeting)
    received = m.speech_received_at
    return {
        "meeting": meeting.pk,
        "signed": list(m.signatures.values_list("representative_id", flat=True)),
        "missing_signers": [r.pk for r in services.signers_missing(meeting=meeting)],
        "resolutions_completed_at": _local(m.resolutions_completed_at),
        "resolutions_published_at": _local(m.resolutions_published_at),
        "speech_due": due,
        "speech_received_at": _local(received),
        "speech_late": bool(received and timezone.localdate(received) > due),
        "speech_published_at": _local(m.speech_published_at),
    }


class MeetingActions:
    """소집 통지, 출석, 회의록 서명·확정·발언록·공개 (Arts. 28, 31, 35)."""

    rep_actions = ("minutes_sign", "minutes_state")  # reps act here themselves

    @extend_schema(request=None, responses=MEETING_STATE)
    @action(detail=True, methods=["post"])
    def notice(self, request, slug=None, pk=None):
        """Art. 28①: send the notice (date, place, agenda) to every rep, post it on the board."""
        meeting = self.get_object()
        services.meeting_send_notice(meeting=meeting)
        meeting.refresh_from_db()
        return Response(_meeting_payload(meeting))

    @extend_schema(request=CouncilAttendanceSerializer, responses=MEETING_STATE)
    @action(detail=True, methods=["post"])
    def attendance(self, request, slug=None, pk=None):
        """Art. 31①: who attends in person (no proxies); opens the meeting for voting."""
        _office(self.ctx)
        d = _valid(CouncilAttendanceSerializer, request)
        meeting = services.attendance_record(meeting=self.get_object(), present_ids=d["present"])
        return Response(_meeting_payload(meeting))

    @extend_schema(request=None, responses=MINUTES_STATE)
    @action(detail=True, methods=["get"], url_path="minutes/state")
    def minutes_state(self, request, slug=None, pk=None):
        """Where the minutes stand: signatures, completion, speech record and its deadline."""
        if not (self.ctx.is_office or self.ctx.has(Role.COUNCIL)):
            raise PermissionDenied("동별 대표자와 관리사무소만 볼 수 있습니다.")
        return Response(_minutes_payload(self.get_object()))

    @extend_schema(request=None, responses=MINUTES_STATE)
    @action(detail=True, methods=["post"], url_path="minutes/sign")
    def minutes_sign(self, request, slug=None, pk=None):
        """Art. 35①: each attending rep signs the resolutions part on the meeting day."""
        meeting = self.get_object()
        day = timezone.localdate(meeting.starts_at)
        rep = selectors.rep_for_user(complex=self.ctx.complex, user=self.ctx.user, day=day)
        if rep is None or not self.ctx.has(Role.COUNCIL):
            raise PermissionDenied("회의에 참석한 동별 대표자 본인만 서명합니다.")
        services.minutes_sign(meeting=meeting, representative=rep, user=self.ctx.user)
        return Response(_minutes_payload(meeting), status=201)

    @extend_schema(request=None, responses=MINUTES_STATE)
    @action(detail=True, methods=["post"], url_path="minutes/complete")
    def minutes_complete(self, request, slug=None, pk=None):
        """Art. 35①: every attending rep signed → the resolutions go to the office."""
        meeting = self.get_object()
        services.minutes_complete_resolutions(meeting=meeting)
        return Response(_minutes_payload(meeting))

    @extend_schema(request=CouncilSpeechSerializer, responses=MINUTES_STATE)
    @action(detail=True, methods=["post"], url_path="minutes/speech")
    def minutes_speech(self, request, slug=None, pk=None):
        """Art. 35①: the speech record and item details, due 5 days after the meeting day
        (`speech_due`); a late record is kept and flagged (`speech_late`)."""
        _office(self.ctx)
        d = _valid(CouncilSpeechSerializer, request)
        meeting = self.get_object()
        services.minutes_record_speech(meeting=meeting, **d)
        return Response(_minutes_payload(meeting))

    @extend_schema(request=CouncilPublishSerializer, responses=MINUTES_STATE)
    @action(detail=True, methods=["post"], url_path="minutes/publish")
    def minutes_publish(self, request, slug=None, pk=None):
        """Art. 35②: publish a part on the day the office receives it (names masked)."""
        _office(self.ctx)
        d = _valid(CouncilPublishSerializer, request)
        meeting = self.get_object()
        services.minutes_publish(meeting=meeting, part=d["part"])
        return Response(_minutes_payload(meeting))


# --- agenda items -------------------------------------------------------------------------

NOT_VOTED = inline_serializer(
    "CouncilNotVoted",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "ward": serializers.CharField(),
    },
    many=True,
)


def _not_voted(reps):
    return [{"id": r.pk, "name": r.name, "ward": r.ward.name if r.ward else ""} for r in reps]


class AgendaItemActions:
    """의안 접수(비용추계), 제외, 표결 종료·의결, 재계약 이의 세대 (Arts. 29, 30, 31, 58)."""

    @extend_schema(request=CouncilCostEstimateSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, slug=None, pk=None):
        """Art. 29②: the office forwards the proposal to the chair with the cost estimate."""
        _office(self.ctx)
        d = _valid(CouncilCostEstimateSerializer, request)
        item = services.item_submit(item=self.get_object(), cost_estimate=d.get("cost_estimate"))
        return Response(self.get_serializer(item).data)

    @extend_schema(request=CouncilReasonSerializer)
    @action(detail=True, methods=["post"])
    def exclude(self, request, slug=None, pk=None):
        """Art. 29②: personal attacks, private matters and repeats are excluded, with reason."""
        _office(self.ctx)
        d = _valid(CouncilReasonSerializer, request)
        item = services.item_exclude(item=self.get_object(), reason=d["reason"])
        return Response(self.get_serializer(item).data)

    @extend_schema(request=None, responses=NOT_VOTED)
    @action(detail=True, methods=["get"], url_path="not-voted")
    def not_voted(self, request, slug=None, pk=None):
        """Present reps able to vote who have not voted on the item yet."""
        _office_or_chair(self.ctx)
        return Response(_not_voted(selectors.voters_missing(item=self.get_object())))

    @extend_schema(
        request=CouncilDecideSerializer,
        responses=inline_serializer(
            "CouncilDecision",
            {
                "resolution": serializers.IntegerField(),
                "passed": serializers.BooleanField(),
                "yes": serializers.IntegerField(),
                "no": serializers.IntegerField(),
                "abstain": serializers.IntegerField(),
                "membership": serializers.IntegerField(),
                "required_yes": serializers.IntegerField(),
                "not_voted": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, slug=None, pk=None):
        """Close the vote (Art. 30: yes > half of the membership). With present reps who have
        not voted it answers 400 naming them (extra.missing) unless {"confirm": true}."""
        _office_or_chair(self.ctx)
        d = _valid(CouncilDecideSerializer, request)
        item = self.get_object()
        missing = selectors.voters_missing(item=item) if item.meeting_id else []
        r = services.item_decide(item=item, confirm_missing=d["confirm"])
        return Response(
            {
                "resolution": r.pk,
                "passed": r.passed,
                "yes": r.yes,
                "no": r.no,
                "abstain": r.abstain,
                "membership": r.membership,
                "required_yes": r.required_yes,
                "not_voted": _not_voted(missing),
            },
            status=201,
        )

    @extend_schema(request=CouncilObjectionsSerializer)
    @action(detail=True, methods=["post"])
    def objections(self, request, slug=None, pk=None):
        """Art. 58①②: households objecting to re-contracting the management company."""
        _office(self.ctx)
        d = _valid(CouncilObjectionsSerializer, request)
        item = self.get_object()
        if item.status not in (ItemStatus.SUBMITTED, ItemStatus.SCHEDULED):
            raise ApplicationError("의결 전의 재계약 안건에만 기록합니다.")
        item = services.item_record_objections(item=item, objecting_units=d["objecting_units"])
        return Response(self.get_serializer(item).data)


# --- reconsiderations ---------------------------------------------------------------------


class ReconsiderationActions:
    @extend_schema(request=CouncilResultSerializer)
    @action(detail=True, methods=["post"])
    def result(self, request, slug=None, pk=None):
        """Art. 34③: post the re-deliberation result and notify the office and the filers; the
        resolution's suspension ends (upheld → effective, overturned → revoked)."""
        _office_or_chair(self.ctx)
        d = _valid(CouncilResultSerializer, request)
        rec = services.reconsideration_post_result(
            reconsideration=self.get_object(),
            result_text=d["result_text"],
            office=office_users(complex_id=self.ctx.complex.pk, roles=[Role.MANAGER]),
        )
        return Response(self.get_serializer(rec).data)
