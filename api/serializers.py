from rest_framework import serializers

from cases.models import (
    AdviceRequest,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    PlanVersion,
    StatutoryDeadline,
)


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatutoryDeadline
        fields = [
            "key",
            "stage",
            "rule",
            "title",
            "explanation",
            "trigger_on",
            "due_on",
            "done_on",
            "state",
            "exception_applied",
            "statutory",
        ]


class ChildSerializer(serializers.ModelSerializer):
    primary_need = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Child
        fields = [
            "reference",
            "forename",
            "surname",
            "date_of_birth",
            "sex",
            "upn",
            "uln",
            "upn_unknown_reason",
            "primary_need",
            "looked_after",
            "deadlines",
            "modified_at",
        ]

    def get_primary_need(self, child) -> str | None:
        return next((n.need_type for n in child.sen_needs.all() if n.rank == 1), None)

    def get_deadlines(self, child) -> list[dict]:
        return DeadlineSerializer([d for d in child.deadlines.all() if d.is_open], many=True).data


class RequestSerializer(serializers.ModelSerializer):
    child = serializers.CharField(source="child.reference")
    request_outcome = serializers.CharField(read_only=True)
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentRequest
        fields = [
            "id",
            "child",
            "received_on",
            "source",
            "is_reassessment",
            "status",
            "request_outcome",
            "decision_on",
            "draft_served_on",
            "final_issued_on",
            "decision_due_on",
            "final_plan_due_on",
            "exception_applied",
            "deadlines",
            "modified_at",
        ]

    def get_deadlines(self, request) -> list[dict]:
        prefix = f"request{request.pk}:"
        return DeadlineSerializer(
            [d for d in request.child.deadlines.all() if d.key.startswith(prefix)], many=True
        ).data


class AdviceSerializer(serializers.ModelSerializer):
    child = serializers.CharField(source="request.child.reference", read_only=True)

    class Meta:
        model = AdviceRequest
        fields = [
            "id",
            "child",
            "adviser_type",
            "adviser",
            "sent_on",
            "received_by_adviser_on",
            "returned_on",
            "due_on",
            "summary",
            "modified_at",
        ]
        read_only_fields = [
            "id",
            "child",
            "adviser_type",
            "adviser",
            "sent_on",
            "due_on",
            "modified_at",
        ]


class AdviceSubmitSerializer(serializers.Serializer):
    received_by_adviser_on = serializers.DateField(required=False)
    returned_on = serializers.DateField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)

    def validate(self, data):
        if not data:
            raise serializers.ValidationError(
                "Send the date the adviser received the request, or the advice and the date it was returned"
            )
        if data.get("summary") and not data.get("returned_on"):
            raise serializers.ValidationError(
                {"returned_on": ["Give the date the advice was returned"]}
            )
        return data


class VersionSerializer(serializers.ModelSerializer):
    named_setting = serializers.CharField(source="named_setting.name", default=None)

    class Meta:
        model = PlanVersion
        fields = [
            "number",
            "kind",
            "issued_on",
            "sections",
            "named_setting",
            "personal_budget_taken_up",
        ]


class PlanSerializer(serializers.ModelSerializer):
    child = serializers.CharField(source="child.reference")
    current_version = serializers.SerializerMethodField()
    earlier_versions = serializers.SerializerMethodField()

    class Meta:
        model = EHCPlan
        fields = [
            "id",
            "child",
            "status",
            "first_issued_on",
            "next_review_due_on",
            "ceased_on",
            "cease_reason",
            "current_version",
            "earlier_versions",
            "modified_at",
        ]

    def _issued(self, plan):
        return [
            v
            for v in sorted(plan.versions.all(), key=lambda v: -v.number)
            if v.kind in ("final", "amended")
        ]

    def get_current_version(self, plan) -> dict | None:
        issued = self._issued(plan)
        return VersionSerializer(issued[0]).data if issued else None

    def get_earlier_versions(self, plan) -> list[dict]:
        return VersionSerializer(self._issued(plan)[1:], many=True).data


class SettingSerializer(serializers.ModelSerializer):
    class Meta:
        model = EducationSetting
        fields = ["id", "name", "kind", "setting_type", "urn", "ukprn", "postcode", "modified_at"]
