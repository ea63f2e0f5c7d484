from django.contrib import admin

from .models import Complaint, ComplaintEvent, Notice, Occupancy, VoterDesignation


@admin.register(Occupancy)
class OccupancyAdmin(admin.ModelAdmin):
    list_display = ["complex", "unit", "kind", "moved_in_on", "moved_out_on", "anonymised_at"]
    list_filter = ["complex", "kind"]
    raw_id_fields = ["unit", "membership"]


@admin.register(VoterDesignation)
class VoterDesignationAdmin(admin.ModelAdmin):
    list_display = ["complex", "unit", "voter_name", "basis", "valid_from", "ended_on"]
    raw_id_fields = ["unit", "occupancy", "membership"]


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    raw_id_fields = ["actor"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["complex", "category", "title", "status", "filed_at", "closed_at"]
    list_filter = ["complex", "category", "status"]
    raw_id_fields = ["unit", "source_unit", "filed_by", "assignee"]
    inlines = [EventInline]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["complex", "title", "audience", "statutory_kind", "due_on", "publish_at"]
    list_filter = ["complex", "statutory_kind"]


from .notifications import admin as _notifications_admin  # noqa: E402, F401
