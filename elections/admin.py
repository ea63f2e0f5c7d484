"""Admin for the committee's records. Ballots are deliberately not registered: the admin must not
become a place to browse them (secrecy, elections/models.py); the roll shows who voted, never
what."""

from django.contrib import admin

from .models import (
    CommitteeMember,
    DisqualificationRule,
    ElectionSettings,
    Recall,
    RollEntry,
    Vote,
)


@admin.register(ElectionSettings)
class ElectionSettingsAdmin(admin.ModelAdmin):
    list_display = ["complex", "committee_seats", "direct_election_adopted", "defence_days"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin):
    list_display = ["complex", "name", "position", "term_start", "term_end", "status"]
    list_filter = ["complex", "status"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["complex", "title", "kind", "state", "opens_at", "closes_at", "roll_size"]
    list_filter = ["complex", "kind", "state"]
    readonly_fields = ["result", "roll_size", "paper_ballots_entered"]


@admin.register(RollEntry)
class RollEntryAdmin(admin.ModelAdmin):
    list_display = ["vote", "unit", "voter_name", "voted_channel"]
    list_filter = ["vote__complex"]
    exclude = ["token", "code_hash"]
    readonly_fields = ["voted_channel"]


@admin.register(Recall)
class RecallAdmin(admin.ModelAdmin):
    list_display = ["complex", "subject_name", "office", "state", "requested_on", "suspended"]
    list_filter = ["complex", "state"]


@admin.register(DisqualificationRule)
class DisqualificationRuleAdmin(admin.ModelAdmin):
    """Decree disqualifications change with the law: versioned with their legal basis."""

    list_display = ["complex", "code", "text", "legal_basis", "effective_from", "effective_to"]
    list_filter = ["complex"]
