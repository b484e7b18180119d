"""Requests for an EHC needs assessment, and the advice asked for them."""

from rest_framework import serializers

from cases.models import AdviceRequest, AssessmentRequest, Child
from cases.models.codes import RequestSource

from .children import deadlines_of


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
        return deadlines_of(request.child, f"request{request.pk}:")


class RequestCreateSerializer(serializers.Serializer):
    """A request for an EHC needs assessment for a child already on the council's records."""

    child = serializers.CharField(max_length=20, help_text="The child's reference")
    received_on = serializers.DateField(help_text="The date the council received the request")
    source = serializers.ChoiceField(
        choices=RequestSource.choices, help_text="Who made the request (SEN2 code)"
    )
    youth_custody = serializers.BooleanField(
        default=False, help_text="The request was made while the young person was in youth custody"
    )

    def validate_child(self, reference: str) -> Child:
        child = self.context["children"].filter(reference=reference).first()
        if child is None:
            raise serializers.ValidationError(
                "No child with this reference that this client may see"
            )
        return child


ADVICE_SUBMITTED = ("received_by_adviser_on", "returned_on", "summary")


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
        # Only what an advice-giving system submits (AdviceSubmitSerializer) is writable.
        read_only_fields = [name for name in fields if name not in ADVICE_SUBMITTED]


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
