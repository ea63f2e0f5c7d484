from rest_framework import serializers

from .models import Candidate, CommitteeMember, Recall, Vote, VoteKind

# Bounds that keep numbers inside what the database holds (issue 12: huge integers were 500s).
MAX_ID = 2**63 - 1  # bigint primary keys
MAX_COUNT = 1_000_000  # ballots, votes: far above any complex's households


class CommitteeMemberSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True, default="")

    class Meta:
        model = CommitteeMember
        fields = [
            "id",
            "name",
            "unit",
            "unit_label",
            "position",
            "route",
            "recommended_by",
            "term_start",
            "term_end",
            "reappointment",
            "status",
            "status_reason",
        ]
        read_only_fields = ["term_end", "reappointment", "status", "status_reason"]


class VoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vote
        fields = [
            "id",
            "kind",
            "rule",
            "roll_scope",
            "title",
            "question",
            "ward",
            "seats",
            "generation",
            "term_start",
            "term_end",
            "by_election",
            "requested_on",
            "announce_on",
            "registration_start",
            "registration_end",
            "opens_at",
            "closes_at",
            "polling_place",
            "state",
            "roll_size",
            "reannounce_by",
            "certified_at",
        ]
        read_only_fields = [
            "roll_scope",
            "state",
            "roll_size",
            "reannounce_by",
            "certified_at",
            "term_end",
        ]
        extra_kwargs = {"rule": {"required": False}}


class VoteCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=VoteKind.choices)
    title = serializers.CharField(max_length=200)
    question = serializers.CharField(required=False, allow_blank=True)
    ward = serializers.IntegerField(required=False, allow_null=True)
    seats = serializers.IntegerField(required=False, min_value=1)
    rule = serializers.CharField(required=False)
    generation = serializers.IntegerField(required=False, allow_null=True)
    term_start = serializers.DateField(required=False, allow_null=True)
    by_election = serializers.BooleanField(required=False)
    requested_on = serializers.DateField(required=False, allow_null=True)
    announce_on = serializers.DateField(required=False, allow_null=True)
    registration_start = serializers.DateField(required=False, allow_null=True)
    registration_end = serializers.DateField(required=False, allow_null=True)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()


class CandidateSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "number",
            "unit",
            "unit_label",
            "name",
            "name_hanja",
            "birth_date",
            "address",
            "education",
            "employer",
            "position",
            "career",
            "statement",
            "is_proxy",
            "owner_name",
            "relation_to_owner",
            "status",
        ]
        read_only_fields = ["number", "status"]


class CandidatePublicSerializer(serializers.ModelSerializer):
    """What voters see: no birth date, address or documents."""

    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = Candidate
        fields = ["id", "number", "name", "unit_label", "career", "statement", "status"]


class BallotCastSerializer(serializers.Serializer):
    token = serializers.CharField()
    code = serializers.CharField()
    status = serializers.ChoiceField(choices=["valid", "blank"], default="valid")
    choice = serializers.IntegerField(required=False)
    approvals = serializers.DictField(
        child=serializers.ChoiceField(choices=["yes", "no"]), required=False
    )
    answer = serializers.ChoiceField(choices=["yes", "no"], required=False)


class ReceiptSerializer(serializers.Serializer):
    receipt = serializers.CharField()


class CommitteeVoteSerializer(serializers.Serializer):
    yes = serializers.IntegerField(min_value=0, max_value=MAX_COUNT)
    no = serializers.IntegerField(min_value=0, max_value=MAX_COUNT, default=0)


class LotterySerializer(serializers.Serializer):
    witnesses = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


class RecallConsentSerializer(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class RecallDefenceSerializer(serializers.Serializer):
    defence = serializers.CharField(max_length=20_000, allow_blank=True)


class RecallSerializer(serializers.ModelSerializer):
    consents = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Recall
        fields = [
            "id",
            "office",
            "subject_name",
            "subject_unit",
            "ward",
            "grounds",
            "grounds_text",
            "evidence_summary",
            "initiation",
            "council_resolution",
            "requested_on",
            "defence_due",
            "defence",
            "defence_submitted_on",
            "suspended",
            "vote",
            "state",
            "state_note",
            "petition",
            "consents",
        ]
        read_only_fields = [
            "petition",
            "requested_on",
            "defence_due",
            "defence",
            "defence_submitted_on",
            "suspended",
            "vote",
            "state",
            "state_note",
        ]


class PaperMarkSerializer(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class PaperCountsSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=MAX_COUNT))
