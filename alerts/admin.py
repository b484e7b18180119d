from django.contrib import admin

from .models import Alert, SweepRun


@admin.register(SweepRun)
class SweepRunAdmin(admin.ModelAdmin):
    list_display = ("for_date", "started_at", "finished_at")
    readonly_fields = ("for_date", "started_at", "finished_at", "counts")


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("child", "kind", "threshold", "due_on", "recipient", "closed_at")
    list_filter = ("kind", "threshold")
    raw_id_fields = ("recipient", "child", "deadline", "review")
