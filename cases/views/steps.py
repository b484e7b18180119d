"""A form for every step. Only the steps allowed now are offered; the service has the last word
and a refused step shows its reason on the form, with what was typed kept and nothing written."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts import roles
from accounts.access import roles_required
from accounts.models import Team

from .. import forms as f
from ..models import OPEN_REQUEST_STATUSES, PlanStatus, RecordAccess, RequestStatus
from ..selectors import child_get_for, record_access_log
from ..services import appeals, children, notes, plans, requests, reviews  # noqa: F401


def _open_request(child):
    return child.requests.filter(status__in=OPEN_REQUEST_STATUSES).order_by("-received_on").first()


def _plan(child):
    return child.plans.filter(status=PlanStatus.IN_FORCE).first()


def _plan_not_ceased(child):
    """The plan the case page shows: the one in force, or else a draft."""
    return (
        _plan(child) or child.plans.filter(status=PlanStatus.DRAFT).order_by("-created_at").first()
    )


def _plan_with_links(child):
    plan = _plan_not_ceased(child)
    return plan if plan and plan.provision_links.filter(removed_on__isnull=True).exists() else None


def _open_review(child):
    plan = _plan(child)
    return plan.reviews.filter(completed=False).first() if plan else None


@dataclass(frozen=True)
class Step:
    label: str
    form: type
    target: Callable  # child -> the record the step acts on, or None when not allowed now
    perform: Callable  # (target, data, user, child) -> None
    form_kwargs: Callable = lambda target: {}
    done: str = "Saved"


def _decide(request, d, by, child):
    requests.request_decide(
        request=request,
        decided_to_assess=d["decision"] == "assess",
        decided_on=d["decided_on"],
        by=by,
    )


def _new_request(_target, d, by, child):
    requests.assessment_request_create(
        child=child, by=by, is_reassessment=_plan(child) is not None, **d
    )


def _exception(request, d, by, child):
    requests.exception_record(request=request, by=by, **d)


def _amending_review(child):
    plan = _plan(child)
    if plan is None:
        return None
    return plan.reviews.filter(decision="A", amended_plan_issued_on__isnull=True).first()


def _appeal_update(appeal, d, by, child):
    if "mediation_wanted" in d:
        d["mediation_wanted"] = {"yes": True, "no": False}.get(d["mediation_wanted"])
    appeals.appeal_update(appeal=appeal, by=by, **d)


def _review_meeting(review, d, by, child):
    reviews.review_meeting_record(review=review, by=by, **d)


STEPS: dict[str, Step] = {
    "request": Step(
        "Record a request for an assessment",
        f.RequestForm,
        lambda c: c if _open_request(c) is None else None,
        _new_request,
        done="Request recorded",
    ),
    "decide": Step(
        "Record the decision whether to assess",
        f.DecideForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.AWAITING_DECISION and r,
        _decide,
        done="Decision recorded",
    ),
    "advice-request": Step(
        "Request advice",
        f.AdviceRequestForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.ASSESSING and r,
        lambda r, d, by, c: requests.advice_request_create(request=r, by=by, **d),
        done="Request for advice recorded",
    ),
    "advice-returned": Step(
        "Record advice returned",
        f.AdviceReturnedForm,
        lambda c: (
            (r := _open_request(c)) and r.advice.filter(returned_on__isnull=True).exists() and r
        ),
        lambda r, d, by, c: requests.advice_record(by=by, **d),
        form_kwargs=lambda r: {"request_obj": r},
        done="Advice recorded",
    ),
    "not-to-issue": Step(
        "Record a decision not to issue a plan",
        f.NotifiedForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.ASSESSING and r,
        lambda r, d, by, c: requests.request_decide_not_to_issue(request=r, by=by, **d),
        done="Decision not to issue recorded",
    ),
    "draft": Step(
        "Issue the draft plan",
        f.DraftForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.ASSESSING and r,
        lambda r, d, by, c: requests.draft_plan_issue(
            request=r,
            served_on=d["served_on"],
            sections={k[8:]: v for k, v in d.items() if k.startswith("section_")},
            by=by,
        ),
        done="Draft plan issued",
    ),
    "final": Step(
        "Issue the final plan",
        f.FinalForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.DRAFT_ISSUED and r,
        lambda r, d, by, c: requests.final_plan_issue(request=r, by=by, **d),
        done="Final plan issued",
    ),
    "exception": Step(
        "Record an exception",
        f.ExceptionForm,
        _open_request,
        _exception,
        form_kwargs=lambda r: {"request_obj": r},
        done="Exception recorded",
    ),
    "withdraw": Step(
        "Record that the request was withdrawn",
        f.WithdrawForm,
        _open_request,
        lambda r, d, by, c: requests.request_withdraw(request=r, by=by, **d),
        done="Withdrawal recorded",
    ),
    "review-schedule": Step(
        "Schedule the annual review",
        f.ReviewScheduleForm,
        lambda c: (p := _plan(c)) and not p.reviews.filter(completed=False).exists() and p,
        lambda p, d, by, c: reviews.review_schedule(plan=p, by=by, due_on=d.get("due_on")),
        done="Review scheduled",
    ),
    "review-meeting": Step(
        "Record the review meeting",
        f.ReviewMeetingForm,
        lambda c: (r := _open_review(c)) and r.meeting_on is None and r,
        _review_meeting,
        done="Review meeting recorded",
    ),
    "review-decision": Step(
        "Record the review decision",
        f.ReviewDecisionForm,
        lambda c: (r := _open_review(c)) and r.meeting_on and not r.decision and r,
        lambda r, d, by, c: reviews.review_decide(review=r, by=by, **d),
        done="Review decision recorded",
    ),
    "consult-setting": Step(
        "Consult a setting on the draft",
        f.ConsultForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.DRAFT_ISSUED and r,
        lambda r, d, by, c: requests.setting_consult(request=r, by=by, **d),
        done="Consultation recorded",
    ),
    "setting-response": Step(
        "Record a setting's response",
        f.SettingResponseForm,
        lambda c: (
            (r := _open_request(c)) and r.consultations.filter(response="awaiting").exists() and r
        ),
        lambda r, d, by, c: requests.setting_response_record(by=by, **d),
        form_kwargs=lambda r: {"request_obj": r},
        done="Response recorded",
    ),
    "representations": Step(
        "Record the family's representations",
        f.RepresentationForm,
        lambda c: (r := _open_request(c)) and r.status == RequestStatus.DRAFT_ISSUED and r,
        lambda r, d, by, c: requests.representation_record(request=r, by=by, **d),
        done="Representations recorded",
    ),
    "review-report": Step(
        "Record the review report sent",
        f.ReviewReportForm,
        lambda c: (r := _open_review(c)) and r.meeting_on and not r.report_sent_on and r,
        lambda r, d, by, c: reviews.review_report_record(review=r, by=by, **d),
        done="Review report recorded",
    ),
    "amended-plan": Step(
        "Issue the amended plan",
        f.AmendedPlanForm,
        _amending_review,
        lambda r, d, by, c: reviews.amended_plan_issue(
            review=r,
            issued_on=d["issued_on"],
            named_setting=d.get("named_setting"),
            sections={k[8:]: v for k, v in d.items() if k.startswith("section_")},
            by=by,
        ),
        form_kwargs=lambda r: {
            "current": (
                r.plan.versions.order_by("-number").first().sections
                if r.plan.versions.exists()
                else {}
            )
        },
        done="Amended plan issued",
    ),
    "appeal": Step(
        "Record an appealable decision",
        f.AppealForm,
        lambda c: c,
        lambda _t, d, by, c: appeals.appeal_record(child=c, by=by, **d),
        done="Appealable decision recorded",
    ),
    "appeal-update": Step(
        "Record mediation or appeal progress",
        f.AppealUpdateForm,
        lambda c: c.appeals.filter(outcome="").first(),
        _appeal_update,
        done="Appeal updated",
    ),
    "tribunal-order": Step(
        "Record a tribunal order",
        f.TribunalOrderForm,
        lambda c: c.appeals.order_by("-decision_notified_on").first(),
        lambda a, d, by, c: appeals.tribunal_order_record(appeal=a, by=by, **d),
        done="Tribunal order recorded",
    ),
    "order-complied": Step(
        "Record an order complied with",
        f.OrderCompliedForm,
        lambda c: next(
            (a for a in c.appeals.all() if a.orders.filter(complied_on__isnull=True).exists()), None
        ),
        lambda a, d, by, c: appeals.tribunal_order_comply(
            order=d["order"], complied_on=d["complied_on"], by=by
        ),
        form_kwargs=lambda a: {"appeal": a},
        done="Compliance recorded",
    ),
    "placement": Step(
        "Record a placement",
        f.PlacementForm,
        lambda c: c,
        lambda _t, d, by, c: children.placement_add(child=c, by=by, **d),
        done="Placement recorded",
    ),
    "contact": Step(
        "Add a parent or carer",
        f.ContactForm,
        lambda c: c,
        lambda _t, d, by, c: children.parent_carer_add(child=c, by=by, **d),
        done="Contact added",
    ),
    "cease": Step(
        "Cease the plan",
        f.CeaseForm,
        _plan,
        lambda p, d, by, c: plans.plan_cease(plan=p, by=by, **d),
        done="Plan ceased",
    ),
    "provision-link": Step(
        "Link a Local Offer service to provision in the plan",
        f.ProvisionLinkForm,
        _plan_not_ceased,
        lambda p, d, by, c: plans.provision_link_add(plan=p, by=by, **d),
        done="Service linked to the plan",
    ),
    "provision-unlink": Step(
        "Remove a Local Offer service from the plan",
        f.ProvisionUnlinkForm,
        _plan_with_links,
        lambda p, d, by, c: plans.provision_link_remove(link=d["link"], by=by),
        form_kwargs=lambda p: {"plan": p},
        done="Link removed",
    ),
    "details": Step(
        "Change personal details",
        f.ChildDetailsForm,
        lambda c: c,
        lambda _t, d, by, c: children.child_update(child=c, by=by, **d),
        form_kwargs=lambda c: {
            "initial": {name: getattr(c, name) for name in children.IDENTITY_FIELDS}
        },
        done="Details changed",
    ),
    "needs": Step(
        "Record special educational needs",
        f.NeedsForm,
        lambda c: c,
        lambda _t, d, by, c: children.needs_set(
            child=c, by=by, primary=d["primary"], secondary=d.get("secondary") or None
        ),
        done="Needs recorded",
    ),
    "note": Step(
        "Add a case note",
        f.NoteForm,
        lambda c: c,
        lambda _t, d, by, c: notes.case_note_add(child=c, by=by, **d),
        done="Note added",
    ),
}


def steps_allowed(child) -> list[tuple[str, str]]:
    return [(slug, step.label) for slug, step in STEPS.items() if step.target(child)]


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@roles_required(*roles.CASE_STAFF)
def step(request, reference: str, step: str):
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    child = child_get_for(user=request.user, reference=reference)
    target = spec.target(child)
    if not target:
        return render(
            request, "cases/step_refused.html", {"child": child, "spec": spec}, status=409
        )
    form = spec.form(request.POST or None, **spec.form_kwargs(target))
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if v not in (None, "") or isinstance(v, bool)
        }
        try:
            spec.perform(target, data, request.user, child)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, spec.done)
            return redirect("cases:case", reference=child.reference)
    return render(request, "cases/step.html", {"child": child, "form": form, "spec": spec})


@roles_required(*roles.CASE_STAFF)
def child_register(request):
    team = request.user.team or Team.objects.filter(managers=request.user).first()
    form = f.ChildForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lead_caseworker"}
        try:
            child = children.child_create(
                by=request.user,
                team=team,
                lead_caseworker=form.cleaned_data.get("lead_caseworker")
                or (request.user if request.user.has_role(roles.CASEWORKER) else None),
                **data,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            record_access_log(
                child=child,
                user=request.user,
                channel=RecordAccess.Channel.BROWSER,
                what="registered",
            )
            messages.success(request, f"{child.reference} registered")
            return redirect("cases:case", reference=child.reference)
    return render(request, "cases/register.html", {"form": form})


@roles_required(roles.MANAGER)
def hand_over(request, reference: str):
    child = child_get_for(user=request.user, reference=reference)
    form = f.HandOverForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["whole_caseload"] and child.lead_caseworker:
                moved = children.caseload_reassign(
                    from_caseworker=child.lead_caseworker,
                    to=form.cleaned_data["to"],
                    by=request.user,
                )
                messages.success(request, f"{moved} case{'' if moved == 1 else 's'} handed over")
            else:
                children.child_reassign(child=child, to=form.cleaned_data["to"], by=request.user)
                messages.success(request, "Case handed over")
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect("cases:case", reference=child.reference)
    return render(
        request,
        "cases/step.html",
        {"child": child, "form": form, "spec": Step("Hand over", f.HandOverForm, None, None)},
    )
