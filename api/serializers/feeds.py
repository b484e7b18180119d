"""Education settings, confirmed panel decisions and alerts."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alerts.models import Alert
from cases.models import EducationSetting
from panels.models import Decision


class SettingSerializer(serializers.ModelSerializer):
    class Meta:
        model = EducationSetting
        fields = ["id", "name", "kind", "setting_type", "urn", "ukprn", "postcode", "modified_at"]


class SettingRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = EducationSetting
        fields = ["id", "name", "urn"]


class OptionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class PanelDecisionSerializer(serializers.ModelSerializer):
    child = serializers.CharField(source="item.child.reference")
    panel_type = serializers.CharField(source="item.meeting.panel_type.name")
    panel_kind = serializers.CharField(source="item.meeting.panel_type.kind")
    meeting_on = serializers.DateField(source="item.meeting.held_on")
    option = serializers.SerializerMethodField()
    setting = SettingRefSerializer(allow_null=True)
    modified_at = serializers.DateTimeField(
        help_text="When the decision last changed: a confirmed decision does not change after "
        "it is confirmed, so this is when it was confirmed"
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "child",
            "panel_type",
            "panel_kind",
            "meeting_on",
            "option",
            "reasons",
            "conditions",
            "funding_band",
            "setting",
            "confirmed_at",
            "modified_at",
        ]

    @extend_schema_field(OptionSerializer)
    def get_option(self, decision) -> dict:
        return {"code": decision.option, "label": decision.get_option_display()}


class AlertSerializer(serializers.ModelSerializer):
    child = serializers.CharField(source="child.reference")
    raised_on = serializers.DateField(source="created_on")
    modified_at = serializers.DateTimeField(
        help_text="When the alert last changed: when it was closed, or the start of the day "
        "(UTC) it was raised"
    )

    class Meta:
        model = Alert
        fields = [
            "id",
            "child",
            "kind",
            "threshold",
            "key",
            "title",
            "due_on",
            "raised_on",
            "closed_at",
            "modified_at",
        ]
