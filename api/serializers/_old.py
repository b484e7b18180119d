from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alerts.models import Alert
from cases.models import (
    AdviceRequest,
    AnnualReview,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    PlanVersion,
    ProvisionLink,
    StatutoryDeadline,
)
from cases.models.codes import RequestSource
from panels.models import Decision

DEADLINE_FIELDS = (
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
)
DEADLINE_DATES = ("trigger_on", "due_on", "done_on")


def deadline_data(deadline: StatutoryDeadline) -> dict:
    """A deadline as the API gives it, built directly: a page of 50 children carries hundreds of
    deadlines, and a serializer built for each row was most of the page's time."""
    data = {name: getattr(deadline, name) for name in DEADLINE_FIELDS}
    for name in DEADLINE_DATES:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    return data


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
        # The API's views prefetch only the open deadlines (filtered in the database).
        open_deadlines = getattr(child, "open_deadlines", None)
        if open_deadlines is None:
            open_deadlines = child.deadlines.filter(is_open=True)
        return [deadline_data(d) for d in open_deadlines]


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


def deadlines_of(child: Child, prefix: str) -> list[dict]:
    """One record's statutory deadlines: the clock keys each case's deadlines by record."""
    return [deadline_data(d) for d in child.deadlines.all() if d.key.startswith(prefix)]


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


class ProvisionLinkSerializer(serializers.ModelSerializer):
    """A Local Offer service delivering provision in the plan; `service` is its id in the Open
    Referral UK feed (/api/oruk/services/{id})."""

    service = serializers.UUIDField(source="service_id")
    service_name = serializers.CharField(source="service.name")

    class Meta:
        model = ProvisionLink
        fields = ["section", "provision", "service", "service_name", "linked_on"]


class PlanSerializer(serializers.ModelSerializer):
    child = serializers.CharField(source="child.reference")
    current_version = serializers.SerializerMethodField()
    earlier_versions = serializers.SerializerMethodField()
    provision_links = ProvisionLinkSerializer(
        source="current_provision_links",
        many=True,
        read_only=True,
        help_text="Local Offer services linked now to provision in sections F, G, H1 and H2",
    )

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
            "provision_links",
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


class ReviewSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="plan_id", read_only=True)
    child = serializers.CharField(source="plan.child.reference")
    # Declared, not derived from the model: a small integer's range differs between databases,
    # and the committed schema must not.
    transfer_year = serializers.IntegerField(
        allow_null=True, read_only=True, help_text="Calendar year of the move"
    )
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = AnnualReview
        fields = [
            "id",
            "plan",
            "child",
            "kind",
            "phase_transfer",
            "transfer_year",
            "due_on",
            "phase_transfer_due_on",
            "notice_sent_on",
            "papers_sent_on",
            "meeting_on",
            "report_due_on",
            "report_sent_on",
            "decision",
            "decision_due_on",
            "decision_notified_on",
            "proposed_amendments_sent_on",
            "amended_plan_due_on",
            "amended_plan_issued_on",
            "preparing_for_adulthood",
            "completed",
            "deadlines",
            "modified_at",
        ]

    def get_deadlines(self, review) -> list[dict]:
        return deadlines_of(review.plan.child, f"review{review.pk}:")


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
