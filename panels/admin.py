from django.contrib import admin

from .models import Meeting, Membership, PanelType


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 3
    raw_id_fields = ("user",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("panel_type", "held_on", "chair")
    inlines = [MembershipInline]
    raw_id_fields = ("chair",)


@admin.register(PanelType)
class PanelTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "quorum_minimum")
