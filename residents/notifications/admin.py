from django.contrib import admin

from .models import Delivery, NotificationPreference, SenderSettings


@admin.register(SenderSettings)
class SenderSettingsAdmin(admin.ModelAdmin):
    list_display = ["complex", "sms_sender", "kakao_pf_id"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["complex", "user", "channel", "updated_at"]
    list_filter = ["complex", "channel"]
    raw_id_fields = ["user"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "complex", "kind", "channel", "status", "attempts"]
    list_filter = ["status", "channel", "kind"]
    raw_id_fields = ["user"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
