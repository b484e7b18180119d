"""Advice for the assessment (reg 6-8) and the permitted exceptions to the time limits (reg 8(2),
reg 10(4)). Declared in `cases.workflow`, run by `runner.step_run`."""

import datetime

from accounts.models import User

from .. import timescales
from ..models import AdviceRequest, AssessmentRequest, StatutoryException
from ..models.assessments import ExceptionStage
from .common import check_date, refuse
from .runner import Change, changed, step_run

EXCEPTION_NOT_FOR_ADVICE = "Choose which advice request the adviser's exception applies to"


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
    def change(case, request):
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
        )
        case.records_of(request).advice.append(advice)
        return changed(
            advice,
            "advice_requested",
            f"{advice.get_adviser_type_display()} advice requested from {adviser}",
        )

    return step_run("advice-request", by=by, given=request, change=change, on=sent_on)


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

    def change(case, advice):
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
        if returned_on:
            return changed(
                advice,
                "advice_returned",
                f"{advice.get_adviser_type_display()} advice returned by {advice.adviser}",
                returned_on,
            )
        if received_by_adviser_on:
            return changed(
                advice,
                "advice_received_by_adviser",
                f"{advice.adviser} received the request for advice",
                received_by_adviser_on,
            )
        return Change(saves=[advice], result=advice)

    return step_run("advice-returned", by=by, given=advice, change=change, actor_label=actor_label)


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
    """Records a permitted exception. It lifts the limit; it never moves the clock. Whether it
    relieves the council's 20 weeks (the Week20 flag) the clock decides (`week20_flag`)."""

    def change(case, request):
        records = case.records_of(request)
        if not evidence.strip():
            refuse("Enter the evidence for the exception", "evidence")
        if stage == ExceptionStage.ADVICE and advice is None:
            refuse(EXCEPTION_NOT_FOR_ADVICE, "advice")
        first_sent = min((a.sent_on for a in records.advice), default=None)
        facts = timescales.ExceptionFacts(
            reason=reason,
            stage=stage,
            starts_on=starts_on,
            ends_on=ends_on,
            advice_requested_on=advice.sent_on if advice else first_sent,
            closure_starts_on=closure_starts_on,
            closure_ends_on=closure_ends_on,
        )
        refusal = timescales.exception_refusal(facts)
        if refusal:
            refuse(refusal)
        exception = StatutoryException(
            request=request,
            advice=next((a for a in records.advice if advice and a.pk == advice.pk), advice),
            stage=stage,
            reason=reason,
            starts_on=starts_on,
            ends_on=ends_on,
            closure_starts_on=closure_starts_on,
            closure_ends_on=closure_ends_on,
            evidence=evidence,
            family_told_on=family_told_on,
        )
        records.exceptions.append(exception)
        return changed(
            exception,
            "exception_recorded",
            f"Exception recorded: {exception.get_reason_display()} "
            f"({exception.get_stage_display().lower()})",
        )

    return step_run("exception", by=by, given=request, change=change, on=starts_on)
