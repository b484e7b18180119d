"""EHC plans, their versions and linked Local Offer services, and their reviews."""

from rest_framework import serializers

from cases.models import AnnualReview, EHCPlan, PlanVersion, ProvisionLink

from .children import deadlines_of


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
