"""From the draft plan to the final plan: the draft served, settings consulted, the family's
representations, the final plan issued (reg 11-14). Declared in `cases.workflow`, run by
`runner.step_run`."""

import datetime

from accounts.models import User

from .. import timescales
from ..models import (
    AssessmentRequest,
    EducationSetting,
    EHCPlan,
    PlanStatus,
    PlanVersion,
    Representation,
    RequestStatus,
    SettingConsultation,
    SettingResponse,
    VersionKind,
)
from .common import long_date, refuse
from .plans import next_version_number, sections_clean, version_issue
from .runner import changed, step_run

COMMENT_PERIOD_OPEN = (
    "The family has at least 15 days to comment on the draft (reg 13(1)): the period ends on {end}. "
    "Issue the final plan after that, or record the family's representations first."
)


def _plan_for(case, request: AssessmentRequest) -> EHCPlan:
    """The plan the request's assessment leads to (the plan re-assessed, for a re-assessment);
    a new one joins the loaded case."""
    wanted = request.reassessed_plan_id if request.is_reassessment else None
    for plan in case.plans:
        if (wanted and plan.pk == wanted) or (not wanted and plan.request_id == request.pk):
            return plan
    plan = EHCPlan(request=request, child=case.child)
    case.plans.append(plan)
    return plan


def draft_plan_issue(
    *,
    request: AssessmentRequest,
    served_on: datetime.date,
    sections: dict,
    by: User,
    named_setting: EducationSetting | None = None,
) -> PlanVersion:
    """Serves the draft plan; the family has at least 15 days to comment (reg 13(1))."""

    def change(case, request):
        plan = _plan_for(case, request)
        version = PlanVersion(
            plan=plan,
            number=next_version_number(plan),
            kind=VersionKind.DRAFT,
            issued_on=served_on,
            sections=sections_clean(sections, require_all=False),
            named_setting=named_setting,
        )
        request.decided_to_issue = True
        request.draft_served_on = served_on
        request.comments_end_on = timescales.days_beginning_with(served_on, 15)
        request.status = RequestStatus.DRAFT_ISSUED
        return changed(
            version,
            "draft_plan_issued",
            f"Draft plan served; comments close on {long_date(request.comments_end_on)}",
            saves=[plan, version, request] if plan.pk is None else [version, request],
        )

    return step_run("draft", by=by, given=request, change=change, on=served_on)


def setting_consult(
    *, request: AssessmentRequest, setting: EducationSetting, consulted_on: datetime.date, by: User
) -> SettingConsultation:
    def change(case, request):
        consultation = SettingConsultation(
            request=request, setting=setting, consulted_on=consulted_on
        )
        return changed(
            consultation,
            "setting_consulted",
            f"{setting.name} consulted on the draft plan",
        )

    return step_run("consult-setting", by=by, given=request, change=change, on=consulted_on)


def setting_response_record(
    *,
    consultation: SettingConsultation,
    response: str,
    responded_on: datetime.date,
    by: User,
    notes: str = "",
) -> SettingConsultation:
    def change(case, consultation):
        if response not in (SettingResponse.AGREES, SettingResponse.DECLINES):
            refuse("Choose whether the setting agrees or declines", "response")
        consultation.response = response
        consultation.responded_on = responded_on
        consultation.notes = notes
        return changed(
            consultation,
            "setting_responded",
            f"{consultation.setting.name}: {consultation.get_response_display().lower()}",
        )

    return step_run("setting-response", by=by, given=consultation, change=change, on=responded_on)


def representation_record(
    *,
    request: AssessmentRequest,
    received_on: datetime.date,
    summary: str,
    by: User,
    requested_setting: EducationSetting | None = None,
    personal_budget_requested: bool = False,
) -> Representation:
    def change(case, request):
        if not summary.strip():
            refuse("Enter a summary of the family's representations", "summary")
        representation = Representation(
            request=request,
            received_on=received_on,
            summary=summary,
            requested_setting=requested_setting,
            personal_budget_requested=personal_budget_requested,
        )
        return changed(
            representation,
            "representations_received",
            "Family's representations on the draft received",
        )

    return step_run("representations", by=by, given=request, change=change, on=received_on)


def final_plan_issue(
    *,
    request: AssessmentRequest,
    issued_on: datetime.date,
    by: User,
    sections: dict | None = None,
    named_setting: EducationSetting | None = None,
    named_setting_code: str = "",
    personal_budget_taken_up: bool = False,
    organised_arrangements: bool = False,
    direct_payments: bool = False,
) -> PlanVersion:
    """Issues the final plan (reg 13(2): within 20 weeks of the request; 14 weeks for a
    re-assessment)."""

    def change(case, request):
        if issued_on < request.comments_end_on and not request.representations.exists():
            refuse(COMMENT_PERIOD_OPEN.format(end=long_date(request.comments_end_on)), "issued_on")
        if named_setting is None and not named_setting_code:
            refuse("Name the setting in Section I, or choose a setting code", "named_setting")
        plan = _plan_for(case, request)
        draft = plan.versions.filter(kind=VersionKind.DRAFT).order_by("-number").first()
        content = sections_clean(
            sections if sections is not None else draft.sections, require_all=True
        )
        first = plan.first_issued_on is None
        version = version_issue(
            plan,
            kind=VersionKind.FINAL if first else VersionKind.AMENDED,
            issued_on=issued_on,
            sections=content,
            named_setting=named_setting,
            named_setting_code=named_setting_code,
            personal_budget_taken_up=personal_budget_taken_up,
            organised_arrangements=organised_arrangements,
            direct_payments=direct_payments,
        )
        plan.status = PlanStatus.IN_FORCE
        plan.first_issued_on = plan.first_issued_on or issued_on
        # The first review period of 12 months starts with the plan first made (CFA s44(1)(a)).
        plan.next_review_due_on = timescales.annual_review_due(start=plan.first_issued_on)
        request.final_issued_on = issued_on
        request.status = RequestStatus.PLAN_ISSUED
        return changed(
            version,
            "final_plan_issued",
            f"Final EHC plan issued (version {version.number})",
            saves=[plan, version, request],
        )

    return step_run("final", by=by, given=request, change=change, on=issued_on)
