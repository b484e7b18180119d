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
from core.forms import errors_onto

from .. import forms as f
from ..models import RecordAccess
from ..selectors import child_get_for, plan_sections_current, record_access_log, register_team_for
from ..services import appeals, children, notes, plans, requests, reviews
from ..workflow import TRANSITIONS, case_load


@dataclass(frozen=True)
class StepForm:
    """The page for a declared step (`cases.workflow`): its form and how the form's answers
    become the step's service call. Whether the step is allowed now is the declaration's to say."""

    form: type
    perform: Callable  # (target, data, user, case) -> None
    form_kwargs: Callable = lambda case, target: {}
    done: str = "Saved"


def _sections(d: dict) -> dict:
    return {k[8:]: v for k, v in d.items() if k.startswith("section_")}


def _appeal_update(appeal, d, by, case):
    if "mediation_wanted" in d:
        d["mediation_wanted"] = {"yes": True, "no": False}.get(d["mediation_wanted"])
    appeals.appeal_update(appeal=appeal, by=by, **d)


def _request_of(case, _target):
    return {"request_obj": case.open_request}


def on(service: Callable, as_name: str | None = None, **fixed) -> Callable:
    """The form's answers passed to `service`, with the step's record as `as_name` (or the child
    as `child` when `as_name` is "child"; nothing when None)."""

    def perform(target, data, by, case):
        named = (
            {"child": case.child} if as_name == "child" else {as_name: target} if as_name else {}
        )
        return service(by=by, **named, **fixed, **data)

    return perform


def _decide(r, d, by, case):
    requests.request_decide(
        request=r, decided_to_assess=d["decision"] == "assess", decided_on=d["decided_on"], by=by
    )


def _draft(r, d, by, case):
    requests.draft_plan_issue(request=r, served_on=d["served_on"], sections=_sections(d), by=by)


def _new_request(_target, d, by, case):
    requests.assessment_request_create(
        child=case.child, by=by, is_reassessment=case.plan_in_force is not None, **d
    )


def _amended_plan(r, d, by, case):
    reviews.amended_plan_issue(
        review=r,
        issued_on=d["issued_on"],
        named_setting=d.get("named_setting"),
        sections=_sections(d),
        by=by,
    )


def _needs(_target, d, by, case):
    children.needs_set(
        child=case.child, by=by, primary=d["primary"], secondary=d.get("secondary") or None
    )


def _details_initial(case, child):
    return {"initial": {name: getattr(child, name) for name in children.IDENTITY_FIELDS}}


S = StepForm
STEP_FORMS: dict[str, StepForm] = {
    "request": S(f.RequestForm, _new_request, done="Request recorded"),
    "decide": S(f.DecideForm, _decide, done="Decision recorded"),
    "advice-request": S(
        f.AdviceRequestForm,
        on(requests.advice_request_create, "request"),
        done="Request for advice recorded",
    ),
    "advice-returned": S(
        f.AdviceReturnedForm, on(requests.advice_record), _request_of, "Advice recorded"
    ),
    "not-to-issue": S(
        f.NotifiedForm,
        on(requests.request_decide_not_to_issue, "request"),
        done="Decision not to issue recorded",
    ),
    "draft": S(f.DraftForm, _draft, done="Draft plan issued"),
    "final": S(f.FinalForm, on(requests.final_plan_issue, "request"), done="Final plan issued"),
    "exception": S(
        f.ExceptionForm,
        on(requests.exception_record, "request"),
        lambda case, r: {"request_obj": r},
        "Exception recorded",
    ),
    "withdraw": S(
        f.WithdrawForm, on(requests.request_withdraw, "request"), done="Withdrawal recorded"
    ),
    "consult-setting": S(
        f.ConsultForm, on(requests.setting_consult, "request"), done="Consultation recorded"
    ),
    "setting-response": S(
        f.SettingResponseForm,
        on(requests.setting_response_record),
        _request_of,
        "Response recorded",
    ),
    "representations": S(
        f.RepresentationForm,
        on(requests.representation_record, "request"),
        done="Representations recorded",
    ),
    "review-schedule": S(
        f.ReviewScheduleForm, on(reviews.review_schedule, "plan"), done="Review scheduled"
    ),
    "review-meeting": S(
        f.ReviewMeetingForm,
        on(reviews.review_meeting_record, "review"),
        done="Review meeting recorded",
    ),
    "review-decision": S(
        f.ReviewDecisionForm, on(reviews.review_decide, "review"), done="Review decision recorded"
    ),
    "review-report": S(
        f.ReviewReportForm,
        on(reviews.review_report_record, "review"),
        done="Review report recorded",
    ),
    "amended-plan": S(
        f.AmendedPlanForm,
        _amended_plan,
        lambda case, r: {"current": plan_sections_current(plan=r.plan)},
        "Amended plan issued",
    ),
    "appeal": S(
        f.AppealForm, on(appeals.appeal_record, "child"), done="Appealable decision recorded"
    ),
    "appeal-update": S(f.AppealUpdateForm, _appeal_update, done="Appeal updated"),
    "tribunal-order": S(
        f.TribunalOrderForm,
        on(appeals.tribunal_order_record, "appeal"),
        done="Tribunal order recorded",
    ),
    "order-complied": S(
        f.OrderCompliedForm,
        on(appeals.tribunal_order_comply),
        lambda case, order: {"appeal": order.appeal},
        "Compliance recorded",
    ),
    "placement": S(f.PlacementForm, on(children.placement_add, "child"), done="Placement recorded"),
    "contact": S(f.ContactForm, on(children.parent_carer_add, "child"), done="Contact added"),
    "cease": S(f.CeaseForm, on(plans.plan_cease, "plan"), done="Plan ceased"),
    "provision-link": S(
        f.ProvisionLinkForm,
        on(plans.provision_link_add, "plan"),
        done="Service linked to the plan",
    ),
    "provision-unlink": S(
        f.ProvisionUnlinkForm,
        lambda p, d, by, case: plans.provision_link_remove(link=d["link"], by=by),
        lambda case, p: {"plan": p},
        "Link removed",
    ),
    "details": S(
        f.ChildDetailsForm, on(children.child_update, "child"), _details_initial, "Details changed"
    ),
    "needs": S(f.NeedsForm, _needs, done="Needs recorded"),
    "note": S(f.NoteForm, on(notes.case_note_add, "child"), done="Note added"),
}


def steps_allowed(child) -> list[tuple[str, str]]:
    """Kept for callers of the old name: the declared workflow's steps available now."""
    from ..workflow import steps_available

    return steps_available(child)


@roles_required(*roles.CASE_STAFF)
def step(request, reference: str, step: str):
    transition, page = TRANSITIONS.get(step), STEP_FORMS.get(step)
    if transition is None or page is None:
        raise Http404
    child = child_get_for(user=request.user, reference=reference)
    case = case_load(child)
    target = transition.target(case)
    spec = {"label": transition.label, "done": page.done}
    if not transition.allows(case, target):
        return render(
            request,
            "cases/step_refused.html",
            {"child": child, "spec": spec, "reason": transition.refusal_for(case, target)},
            status=409,
        )
    form = page.form(request.POST or None, **page.form_kwargs(case, target))
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if v not in (None, "") or isinstance(v, bool)
        }
        try:
            page.perform(target, data, request.user, case)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, page.done)
            return redirect("workspace:case", reference=child.reference)
    return render(request, "cases/step.html", {"child": child, "form": form, "spec": spec})


@roles_required(*roles.CASE_STAFF)
def child_register(request):
    team = register_team_for(user=request.user)
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
            errors_onto(form, error)
        else:
            record_access_log(
                child=child,
                user=request.user,
                channel=RecordAccess.Channel.BROWSER,
                what="registered",
            )
            messages.success(request, f"{child.reference} registered")
            return redirect("workspace:case", reference=child.reference)
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
            errors_onto(form, error)
        else:
            return redirect("workspace:case", reference=child.reference)
    return render(
        request,
        "cases/step.html",
        {"child": child, "form": form, "spec": {"label": "Hand over"}},
    )
