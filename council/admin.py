from django.contrib import admin

from . import models


@admin.register(models.Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["name", "complex", "ward", "term_start", "term_end", "ended_on"]
    list_filter = ["complex"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "complex", "starts_at", "status"]
    list_filter = ["complex", "status"]


@admin.register(models.AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "complex", "status", "meeting"]
    list_filter = ["complex", "status"]


@admin.register(models.Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "complex", "passed", "status", "decided_at"]
    list_filter = ["complex", "status"]
    readonly_fields = [f.name for f in models.Resolution._meta.fields]


for model in (
    models.CouncilSettings,
    models.Suspension,
    models.Officer,
    models.Reconsideration,
    models.Expense,
    models.ConveneRequest,
):
    admin.site.register(model)
