from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Team", {"fields": ("team", "job_title")}),)
    list_display = ("username", "first_name", "last_name", "team", "is_active")
    list_filter = ("groups", "team", "is_active")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    filter_horizontal = ("managers",)
