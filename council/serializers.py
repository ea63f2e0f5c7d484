from rest_framework import serializers

from complexes.models import Ward

from .models import (
    AgendaItem,
    Expense,
    ExpenseCategory,
    FilerKind,
    ItemCategory,
    Meeting,
    MeetingKind,
    NoticeException,
    ProposerKind,
    Reconsideration,
    Representative,
    Resolution,
    Vote,
    VoteChoice,
)


class CouncilResolutionSerializer(serializers.ModelSerializer):
    effective = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "id", "item", "meeting", "passed", "yes", "no", "abstain", "seats", "seated",
            "membership", "required_yes", "present", "status", "redeliberated", "decided_at",
            "effective",
        ]  # fmt: skip

    def get_effective(self, obj) -> bool:
        from .selectors import resolution_is_effective

        return resolution_is_effective(resolution=obj)


class CouncilRepresentativeSerializer(serializers.ModelSerializer):
    ward_name = serializers.CharField(source="ward.name", read_only=True, default="")
    email = serializers.EmailField(write_only=True, required=False)

    class Meta:
        model = Representative
        fields = [
            "id", "ward", "ward_name", "name", "email", "term_start", "term_end", "by_election",
            "ended_on", "birth_year", "unit",
        ]  # fmt: skip
        read_only_fields = ["ended_on"]
        extra_kwargs = {"term_end": {"required": False}, "unit": {"required": False}}

    def __init__(self, *args, **kwargs):
        from complexes.models import Unit

        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        self.fields["ward"].queryset = (
            Ward.objects.filter(complex=ctx.complex) if ctx else Ward.objects.none()
        )
        self.fields["unit"].queryset = (
            Unit.objects.filter(complex=ctx.complex) if ctx else Unit.objects.none()
        )


class CouncilMeetingSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    notice_exception = serializers.ChoiceField(
        choices=NoticeException.choices, required=False, allow_blank=True
    )

    class Meta:
        model = Meeting
        fields = [
            "id", "number", "title", "kind", "starts_at", "place", "status", "notice_exception",
            "notice_exception_reason", "notice_sent_at", "convened_by",
        ]  # fmt: skip
        read_only_fields = ["number", "status", "notice_sent_at"]


class CouncilAgendaItemSerializer(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=ItemCategory.choices, required=False)
    proposer_kind = serializers.ChoiceField(choices=ProposerKind.choices)

    class Meta:
        model = AgendaItem
        fields = [
            "id", "number", "title", "category", "proposer_kind", "proposer_name", "proposed_on",
            "motion", "reason", "content", "cost_estimate", "legal_basis", "notes", "status",
            "exclusion_reason", "majority", "meeting", "order", "objecting_units",
        ]  # fmt: skip
        read_only_fields = [
            "objecting_units",
            "number", "proposed_on", "status", "exclusion_reason", "majority", "meeting", "order",
        ]  # fmt: skip


class CouncilScheduleSerializer(serializers.Serializer):
    item = serializers.IntegerField()


class CouncilVoteSerializer(serializers.ModelSerializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    representative = serializers.IntegerField(
        source="representative_id", required=False, help_text="관리사무소가 기록할 때만"
    )

    class Meta:
        model = Vote
        fields = ["id", "meeting", "representative", "choice", "cast_at"]
        read_only_fields = ["meeting", "cast_at"]


class CouncilMinutesSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    title = serializers.CharField()
    seats = serializers.IntegerField()
    unfilled = serializers.IntegerField()
    membership = serializers.IntegerField()
    required_yes = serializers.IntegerField()
    present = serializers.IntegerField()
    absent = serializers.IntegerField()
    attendees = serializers.ListField(child=serializers.DictField())
    resolutions = CouncilResolutionSerializer(many=True)
    resolutions_completed_at = serializers.DateTimeField(allow_null=True)
    resolutions_published_at = serializers.DateTimeField(allow_null=True)
    speech_record = serializers.CharField()
    speech_published_at = serializers.DateTimeField(allow_null=True)


class CouncilReconsiderationSerializer(serializers.ModelSerializer):
    filer_kind = serializers.ChoiceField(choices=FilerKind.choices)

    class Meta:
        model = Reconsideration
        fields = [
            "id", "resolution", "filer_kind", "representative_name", "filer_names",
            "filer_email", "violation", "proposal", "filed_at", "status", "result_text",
            "result_posted_at", "petition",
        ]  # fmt: skip
        read_only_fields = [
            "filer_names", "filed_at", "status", "result_text", "result_posted_at", "petition",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        self.fields["resolution"].queryset = (
            Resolution.objects.filter(complex=ctx.complex) if ctx else Resolution.objects.none()
        )


class CouncilExpenseSerializer(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=ExpenseCategory.choices)

    class Meta:
        model = Expense
        fields = [
            "id", "period", "spent_on", "category", "amount", "representative", "meeting",
            "description",
        ]  # fmt: skip
        read_only_fields = ["period"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ctx = self.context.get("ctx")
        none = ctx is None
        self.fields["representative"].queryset = (
            Representative.objects.none()
            if none
            else Representative.objects.filter(complex=ctx.complex)
        )
        self.fields["meeting"].queryset = (
            Meeting.objects.none() if none else Meeting.objects.filter(complex=ctx.complex)
        )
