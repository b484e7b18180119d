"""The EHC needs assessment, one service per step, from the request to the final plan.

Each checks the step is allowed now (status, order, dates) and refuses with a clear message,
changing nothing; each writes a timeline event and brings the case's stored deadlines up to date.
"""

import datetime

from django.db import transaction

from accounts.models import User

from .. import timescales
from ..models import (
    AdviceRequest,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    PlanStatus,
    PlanVersion,
    Representation,
    RequestStatus,
    SettingConsultation,
    SettingResponse,
    StatutoryException,
    VersionKind,
)
from ..models.assessments import OPEN_REQUEST_STATUSES, ExceptionStage
from .common import check_date, long_date, refuse, timeline_record
from .deadlines import deadlines_refresh
from .plans import sections_clean

OPEN_REQUEST_EXISTS = "This child already has an open request (received {on}). Record its outcome or withdraw it first."
HAS_PLAN = (
    "This child already has an EHC plan in force: record a request for a re-assessment instead."
)
NO_PLAN_TO_REASSESS = "A re-assessment can only be requested for a child with an EHC plan in force."
NOT_AWAITING_DECISION = "the decision whether to assess has already been recorded"
NOT_ASSESSING = "the council has not decided to assess, or the assessment has finished"
NOT_DRAFT = "the draft plan has not been issued, or the final plan has already been issued"
REQUEST_CLOSED = "the request is already closed"
ADVICE_ALREADY_RETURNED = "the advice has already been recorded as returned"
COMMENT_PERIOD_OPEN = (
    "The family has at least 15 days to comment on the draft (reg 13(1)): the period ends on {end}. "
    "Issue the final plan after that, or record the family's representations first."
)
EXCEPTION_NOT_FOR_ADVICE = "Choose which advice request the adviser's exception applies to"


def _step(request: AssessmentRequest, allowed: tuple[str, ...], reason: str) -> None:
    if request.status not in allowed:
        from .common import STEP_NOT_ALLOWED

        refuse(STEP_NOT_ALLOWED.format(reason=reason))


def _lock(request: AssessmentRequest) -> AssessmentRequest:
    """Re-read the request under a row lock so two people cannot record the same step at once."""
    return AssessmentRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def assessment_request_create(
    *,
    child: Child,
    received_on: datetime.date,
    source: str,
    by: User,
    council_became_responsible: bool = False,
    youth_custody: bool = False,
    is_reassessment: bool = False,
    actor_label: str = "",
) -> AssessmentRequest:
    """Records a request; `actor_label` names a partner system recording it through the API."""
    label = (
        "The date the council became responsible"
        if council_became_responsible
        else "The date the request was received"
    )
    check_date(
        received_on,
        label=label,
        field="received_on",
        after=(child.date_of_birth, "the date of birth"),
    )
    Child.objects.select_for_update().filter(pk=child.pk).first()
    open_request = child.requests.filter(status__in=OPEN_REQUEST_STATUSES).first()
    if open_request:
        refuse(OPEN_REQUEST_EXISTS.format(on=long_date(open_request.received_on)))
    plan = child.plans.filter(status=PlanStatus.IN_FORCE).first()
    if plan and not is_reassessment:
        refuse(HAS_PLAN)
    if is_reassessment and not plan:
        refuse(NO_PLAN_TO_REASSESS)
    request = AssessmentRequest(
        child=child,
        received_on=received_on,
        source=source,
        council_became_responsible=council_became_responsible,
        youth_custody=youth_custody,
        is_reassessment=is_reassessment,
        reassessed_plan=plan if is_reassessment else None,
        created_by=by,
        modified_by=by,
    )
    request.full_clean()
    request.save()
    kind = (
        "Request for a re-assessment" if is_reassessment else "Request for an EHC needs assessment"
    )
    timeline_record(
        child=child,
        verb="request_received",
        summary=f"{kind} received ({request.get_source_display().lower()})",
        happened_on=received_on,
        by=by,
        actor_label=actor_label,
        target=request,
    )
    deadlines_refresh(child=child)
    request.refresh_from_db()
    return request


@transaction.atomic
def request_decide(
    *, request: AssessmentRequest, decided_to_assess: bool, decided_on: datetime.date, by: User
) -> AssessmentRequest:
    """Decision whether to assess (reg 5: 6 weeks; reg 25: 15 days for a re-assessment)."""
    request = _lock(request)
    _step(request, (RequestStatus.AWAITING_DECISION,), NOT_AWAITING_DECISION)
    check_date(
        decided_on,
        label="The decision date",
        field="decided_on",
        after=(request.received_on, "the date the request was received"),
    )
    request.decided_to_assess = decided_to_assess
    request.decision_on = decided_on
    request.status = RequestStatus.ASSESSING if decided_to_assess else RequestStatus.NOT_ASSESSED
    request.modified_by = by
    request.save()
    timeline_record(
        child=request.child,
        verb="decided_to_assess" if decided_to_assess else "decided_not_to_assess",
        summary="Decided to assess" if decided_to_assess else "Decided not to assess",
        happened_on=decided_on,
        by=by,
        target=request,
    )
    deadlines_refresh(child=request.child)
    request.refresh_from_db()
    return request


@transaction.atomic
def request_withdraw(
    *, request: AssessmentRequest, withdrawn_on: datetime.date, reason: str, by: User
) -> AssessmentRequest:
    request = _lock(request)
    _step(request, OPEN_REQUEST_STATUSES, REQUEST_CLOSED)
    check_date(
        withdrawn_on,
        label="The withdrawal date",
        field="withdrawn_on",
        after=(request.received_on, "the date the request was received"),
    )
    request.withdrawn_on = withdrawn_on
    request.withdrawal_reason = reason
    request.status = RequestStatus.WITHDRAWN
    request.modified_by = by
    request.save()
    timeline_record(
        child=request.child,
        verb="request_withdrawn",
        summary="Request withdrawn",
        happened_on=withdrawn_on,
        by=by,
        target=request,
        payload={"reason": reason},
    )
    deadlines_refresh(child=request.child)
    request.refresh_from_db()
    return request


@transaction.atomic
def advice_request_create(
    *,
    request: AssessmentRequest,
    adviser_type: str,
    adviser: str,
    sent_on: datetime.date,
    by: User,
    received_by_adviser_on: datetime.date | None = None,
    partner=None,
) -> AdviceRequest:
    request = _lock(request)
    _step(request, (RequestStatus.ASSESSING,), NOT_ASSESSING)
    check_date(
        sent_on,
        label="The date the request for advice was sent",
        field="sent_on",
        after=(request.decision_on, "the decision to assess"),
    )
    if received_by_adviser_on:
        check_date(
            received_by_adviser_on,
            label="The date the adviser received it",
            field="received_by_adviser_on",
            after=(sent_on, "the date it was sent"),
        )
    advice = AdviceRequest(
        request=request,
        adviser_type=adviser_type,
        adviser=adviser,
        partner=partner,
        sent_on=sent_on,
        received_by_adviser_on=received_by_adviser_on,
        created_by=by,
        modified_by=by,
    )
    advice.full_clean()
    advice.save()
    timeline_record(
        child=request.child,
        verb="advice_requested",
        summary=f"{advice.get_adviser_type_display()} advice requested from {adviser}",
        happened_on=sent_on,
        by=by,
        target=advice,
    )
    deadlines_refresh(child=request.child)
    return advice


@transaction.atomic
def advice_record(
    *,
    advice: AdviceRequest,
    by: User | None,
    received_by_adviser_on: datetime.date | None = None,
    returned_on: datetime.date | None = None,
    summary: str = "",
    actor_label: str = "",
) -> AdviceRequest:
    """Records the adviser's receipt of the request and/or the advice returned (reg 8: 6 weeks)."""
    advice = (
        AdviceRequest.objects.select_for_update().select_related("request__child").get(pk=advice.pk)
    )
    if advice.returned_on:
        from .common import STEP_NOT_ALLOWED

        refuse(STEP_NOT_ALLOWED.format(reason=ADVICE_ALREADY_RETURNED))
    received = received_by_adviser_on or advice.received_by_adviser_on
    if received_by_adviser_on:
        check_date(
            received_by_adviser_on,
            label="The date the adviser received the request",
            field="received_by_adviser_on",
            after=(advice.sent_on, "the date it was sent"),
        )
    if returned_on:
        check_date(
            returned_on,
            label="The date the advice was returned",
            field="returned_on",
            after=(received or advice.sent_on, "the date the adviser received the request"),
        )
    advice.received_by_adviser_on = received
    advice.returned_on = returned_on or advice.returned_on
    advice.summary = summary or advice.summary
    advice.modified_by = by
    advice.save()
    if returned_on:
        timeline_record(
            child=advice.request.child,
            verb="advice_returned",
            summary=f"{advice.get_adviser_type_display()} advice returned by {advice.adviser}",
            happened_on=returned_on,
            by=by,
            actor_label=actor_label,
            target=advice,
        )
    elif received_by_adviser_on:
        timeline_record(
            child=advice.request.child,
            verb="advice_received_by_adviser",
            summary=f"{advice.adviser} received the request for advice",
            happened_on=received_by_adviser_on,
            by=by,
            actor_label=actor_label,
            target=advice,
        )
    deadlines_refresh(child=advice.request.child)
    return advice


@transaction.atomic
def request_decide_not_to_issue(
    *, request: AssessmentRequest, notified_on: datetime.date, by: User
) -> AssessmentRequest:
    """Decision not to issue a plan after assessing, notified within 16 weeks (reg 10(1))."""
    request = _lock(request)
    _step(request, (RequestStatus.ASSESSING,), NOT_ASSESSING)
    check_date(
        notified_on,
        label="The date the decision was notified",
        field="notified_on",
        after=(request.decision_on, "the decision to assess"),
    )
    request.decided_to_issue = False
    request.not_to_issue_on = notified_on
    request.status = RequestStatus.NOT_ISSUED
    request.modified_by = by
    request.save()
    timeline_record(
        child=request.child,
        verb="decided_not_to_issue",
        summary="Decided not to issue an EHC plan",
        happened_on=notified_on,
        by=by,
        target=request,
    )
    deadlines_refresh(child=request.child)
    request.refresh_from_db()
    return request


def _plan_for(request: AssessmentRequest, by: User) -> EHCPlan:
    if request.is_reassessment and request.reassessed_plan_id:
        return request.reassessed_plan
    plan, _ = EHCPlan.objects.get_or_create(
        request=request, defaults={"child": request.child, "created_by": by, "modified_by": by}
    )
    return plan


def _next_version_number(plan: EHCPlan) -> int:
    last = plan.versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def draft_plan_issue(
    *,
    request: AssessmentRequest,
    served_on: datetime.date,
    sections: dict,
    by: User,
    named_setting: EducationSetting | None = None,
) -> PlanVersion:
    """Serves the draft plan; the family has at least 15 days to comment (reg 13(1))."""
    request = _lock(request)
    _step(request, (RequestStatus.ASSESSING,), NOT_ASSESSING)
    check_date(
        served_on,
        label="The date the draft was served",
        field="served_on",
        after=(request.decision_on, "the decision to assess"),
    )
    plan = _plan_for(request, by)
    version = PlanVersion(
        plan=plan,
        number=_next_version_number(plan),
        kind=VersionKind.DRAFT,
        issued_on=served_on,
        sections=sections_clean(sections, require_all=False),
        named_setting=named_setting,
        created_by=by,
    )
    version.full_clean()
    version.save()
    request.decided_to_issue = True
    request.draft_served_on = served_on
    request.comments_end_on = timescales.days_beginning_with(served_on, 15)
    request.status = RequestStatus.DRAFT_ISSUED
    request.modified_by = by
    request.save()
    timeline_record(
        child=request.child,
        verb="draft_plan_issued",
        summary=f"Draft plan served; comments close on {long_date(request.comments_end_on)}",
        happened_on=served_on,
        by=by,
        target=version,
    )
    deadlines_refresh(child=request.child)
    return version


@transaction.atomic
def setting_consult(
    *, request: AssessmentRequest, setting: EducationSetting, consulted_on: datetime.date, by: User
) -> SettingConsultation:
    request = _lock(request)
    _step(request, (RequestStatus.DRAFT_ISSUED,), NOT_DRAFT)
    check_date(
        consulted_on,
        label="The consultation date",
        field="consulted_on",
        after=(request.draft_served_on, "the date the draft was served"),
    )
    consultation = SettingConsultation.objects.create(
        request=request, setting=setting, consulted_on=consulted_on, created_by=by, modified_by=by
    )
    timeline_record(
        child=request.child,
        verb="setting_consulted",
        summary=f"{setting.name} consulted on the draft plan",
        happened_on=consulted_on,
        by=by,
        target=consultation,
    )
    return consultation


@transaction.atomic
def setting_response_record(
    *,
    consultation: SettingConsultation,
    response: str,
    responded_on: datetime.date,
    by: User,
    notes: str = "",
) -> SettingConsultation:
    if response not in (SettingResponse.AGREES, SettingResponse.DECLINES):
        refuse("Choose whether the setting agrees or declines", "response")
    check_date(
        responded_on,
        label="The response date",
        field="responded_on",
        after=(consultation.consulted_on, "the consultation date"),
    )
    consultation.response = response
    consultation.responded_on = responded_on
    consultation.notes = notes
    consultation.modified_by = by
    consultation.save()
    timeline_record(
        child=consultation.request.child,
        verb="setting_responded",
        summary=f"{consultation.setting.name}: {consultation.get_response_display().lower()}",
        happened_on=responded_on,
        by=by,
        target=consultation,
    )
    return consultation


@transaction.atomic
def representation_record(
    *,
    request: AssessmentRequest,
    received_on: datetime.date,
    summary: str,
    by: User,
    requested_setting: EducationSetting | None = None,
    personal_budget_requested: bool = False,
) -> Representation:
    request = _lock(request)
    _step(request, (RequestStatus.DRAFT_ISSUED,), NOT_DRAFT)
    check_date(
        received_on,
        label="The date the representations were received",
        field="received_on",
        after=(request.draft_served_on, "the date the draft was served"),
    )
    if not summary.strip():
        refuse("Enter a summary of the family's representations", "summary")
    representation = Representation.objects.create(
        request=request,
        received_on=received_on,
        summary=summary,
        requested_setting=requested_setting,
        personal_budget_requested=personal_budget_requested,
        created_by=by,
        modified_by=by,
    )
    timeline_record(
        child=request.child,
        verb="representations_received",
        summary="Family's representations on the draft received",
        happened_on=received_on,
        by=by,
        target=representation,
    )
    return representation


@transaction.atomic
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
    """Issues the final plan (reg 13(2): within 20 weeks of the request; 14 weeks for a re-assessment)."""
    request = _lock(request)
    _step(request, (RequestStatus.DRAFT_ISSUED,), NOT_DRAFT)
    check_date(
        issued_on,
        label="The issue date",
        field="issued_on",
        after=(request.draft_served_on, "the date the draft was served"),
    )
    if issued_on < request.comments_end_on and not request.representations.exists():
        refuse(COMMENT_PERIOD_OPEN.format(end=long_date(request.comments_end_on)), "issued_on")
    if named_setting is None and not named_setting_code:
        refuse("Name the setting in Section I, or choose a setting code", "named_setting")
    plan = _plan_for(request, by)
    draft = plan.versions.filter(kind=VersionKind.DRAFT).order_by("-number").first()
    content = sections_clean(sections if sections is not None else draft.sections, require_all=True)
    first = plan.first_issued_on is None
    version = PlanVersion(
        plan=plan,
        number=_next_version_number(plan),
        kind=VersionKind.FINAL if first else VersionKind.AMENDED,
        issued_on=issued_on,
        sections=content,
        named_setting=named_setting,
        named_setting_code=named_setting_code,
        personal_budget_taken_up=personal_budget_taken_up,
        organised_arrangements=organised_arrangements,
        direct_payments=direct_payments,
        created_by=by,
    )
    version.full_clean()
    version.save()
    plan.status = PlanStatus.IN_FORCE
    plan.first_issued_on = plan.first_issued_on or issued_on
    plan.named_setting = named_setting
    plan.named_setting_code = named_setting_code
    plan.personal_budget_taken_up = personal_budget_taken_up
    plan.organised_arrangements = organised_arrangements
    plan.direct_payments = direct_payments
    # The first review period of 12 months starts with the plan first made (CFA s44(1)(a)).
    plan.next_review_due_on = timescales.annual_review_due(start=plan.first_issued_on)
    plan.modified_by = by
    plan.save()
    request.final_issued_on = issued_on
    request.status = RequestStatus.PLAN_ISSUED
    request.modified_by = by
    request.save()
    timeline_record(
        child=request.child,
        verb="final_plan_issued",
        summary=f"Final EHC plan issued (version {version.number})",
        happened_on=issued_on,
        by=by,
        target=version,
    )
    deadlines_refresh(child=request.child)
    return version


REG_10_STAGES = (
    ExceptionStage.DECISION_TO_ASSESS,
    ExceptionStage.NOT_TO_ISSUE,
    ExceptionStage.FINAL_PLAN,
    ExceptionStage.REASSESSMENT_PLAN,
)


@transaction.atomic
def exception_record(
    *,
    request: AssessmentRequest,
    stage: str,
    reason: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    evidence: str,
    by: User,
    advice: AdviceRequest | None = None,
    closure_starts_on: datetime.date | None = None,
    closure_ends_on: datetime.date | None = None,
    family_told_on: datetime.date | None = None,
) -> StatutoryException:
    """Records a permitted exception. It lifts the limit; it never moves the clock."""
    request = _lock(request)
    if not evidence.strip():
        refuse("Enter the evidence for the exception", "evidence")
    if stage == ExceptionStage.ADVICE and advice is None:
        refuse(EXCEPTION_NOT_FOR_ADVICE, "advice")
    check_date(
        starts_on,
        label="The start date",
        field="starts_on",
        after=(request.received_on, "the date the request was received"),
    )
    facts = timescales.ExceptionFacts(
        reason=reason,
        stage=stage,
        starts_on=starts_on,
        ends_on=ends_on,
        advice_requested_on=advice.sent_on if advice else _first_advice_sent(request),
        closure_starts_on=closure_starts_on,
        closure_ends_on=closure_ends_on,
    )
    refusal = timescales.exception_refusal(facts)
    if refusal:
        refuse(refusal)
    exception = StatutoryException(
        request=request,
        advice=advice,
        stage=stage,
        reason=reason,
        starts_on=starts_on,
        ends_on=ends_on,
        closure_starts_on=closure_starts_on,
        closure_ends_on=closure_ends_on,
        evidence=evidence,
        family_told_on=family_told_on,
        created_by=by,
        modified_by=by,
    )
    exception.full_clean()
    exception.save()
    if stage in REG_10_STAGES:
        request.exception_applied = True
        request.save(update_fields=["exception_applied", "modified_at"])
    timeline_record(
        child=request.child,
        verb="exception_recorded",
        summary=f"Exception recorded: {exception.get_reason_display()} ({exception.get_stage_display().lower()})",
        happened_on=starts_on,
        by=by,
        target=exception,
    )
    deadlines_refresh(child=request.child)
    return exception


def _first_advice_sent(request: AssessmentRequest) -> datetime.date | None:
    return request.advice.order_by("sent_on").values_list("sent_on", flat=True).first()
