from django.contrib import admin

from .models import Building, Complex, DistrictOfficial, Invitation, Membership, Unit, Ward


@admin.register(Complex)
class ComplexAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "district_name", "approved_on", "heating_type"]
    search_fields = ["name", "slug"]


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["complex", "name", "floors_above"]
    list_filter = ["complex"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["complex", "building", "number", "floor", "supply_area", "type_label"]
    list_filter = ["complex"]
    search_fields = ["number"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["complex", "name"]
    list_filter = ["complex"]
    filter_horizontal = ["buildings"]
    raw_id_fields = ["units"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "complex", "role", "unit", "resident_kind"]
    list_filter = ["complex", "role"]
    raw_id_fields = ["user", "unit"]
    search_fields = ["user__email"]


@admin.register(DistrictOfficial)
class DistrictOfficialAdmin(admin.ModelAdmin):
    list_display = ["user", "district_code", "district_name"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "complex", "role", "created_at", "accepted_at"]
    list_filter = ["complex", "role"]
    raw_id_fields = ["unit", "created_by", "accepted_by"]
