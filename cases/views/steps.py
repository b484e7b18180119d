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


STEP_FORMS: dict[str, StepForm] = {
    "request": StepForm(
        f.RequestForm,
        lambda _c, d, by, case: requests.assessment_request_create(
            child=case.child, by=by, is_reassessment=case.plan_in_force is not None, **d
        ),
        done="Request recorded",
    ),
    "decide": StepForm(
        f.DecideForm,
        lambda r, d, by, case: requests.request_decide(
            request=r,
            decided_to_assess=d["decision"] == "assess",
            decided_on=d["decided_on"],
            by=by,
        ),
        done="Decision recorded",
    ),
    "advice-request": StepForm(
        f.AdviceRequestForm,
        lambda r, d, by, case: requests.advice_request_create(request=r, by=by, **d),
        done="Request for advice recorded",
    ),
    "advice-returned": StepForm(
        f.AdviceReturnedForm,
        lambda _a, d, by, case: requests.advice_record(by=by, **d),
        form_kwargs=_request_of,
        done="Advice recorded",
    ),
    "not-to-issue": StepForm(
        f.NotifiedForm,
        lambda r, d, by, case: requests.request_decide_not_to_issue(request=r, by=by, **d),
        done="Decision not to issue recorded",
    ),
    "draft": StepForm(
        f.DraftForm,
        lambda r, d, by, case: requests.draft_plan_issue(
            request=r, served_on=d["served_on"], sections=_sections(d), by=by
        ),
        done="Draft plan issued",
    ),
    "final": StepForm(
        f.FinalForm,
        lambda r, d, by, case: requests.final_plan_issue(request=r, by=by, **d),
        done="Final plan issued",
    ),
    "exception": StepForm(
        f.ExceptionForm,
        lambda r, d, by, case: requests.exception_record(request=r, by=by, **d),
        form_kwargs=lambda case, r: {"request_obj": r},
        done="Exception recorded",
    ),
    "withdraw": StepForm(
        f.WithdrawForm,
        lambda r, d, by, case: requests.request_withdraw(request=r, by=by, **d),
        done="Withdrawal recorded",
    ),
    "consult-setting": StepForm(
        f.ConsultForm,
        lambda r, d, by, case: requests.setting_consult(request=r, by=by, **d),
        done="Consultation recorded",
    ),
    "setting-response": StepForm(
        f.SettingResponseForm,
        lambda _c, d, by, case: requests.setting_response_record(by=by, **d),
        form_kwargs=_request_of,
        done="Response recorded",
    ),
    "representations": StepForm(
        f.RepresentationForm,
        lambda r, d, by, case: requests.representation_record(request=r, by=by, **d),
        done="Representations recorded",
    ),
    "review-schedule": StepForm(
        f.ReviewScheduleForm,
        lambda p, d, by, case: reviews.review_schedule(plan=p, by=by, due_on=d.get("due_on")),
        done="Review scheduled",
    ),
    "review-meeting": StepForm(
        f.ReviewMeetingForm,
        lambda r, d, by, case: reviews.review_meeting_record(review=r, by=by, **d),
        done="Review meeting recorded",
    ),
    "review-decision": StepForm(
        f.ReviewDecisionForm,
        lambda r, d, by, case: reviews.review_decide(review=r, by=by, **d),
        done="Review decision recorded",
    ),
    "review-report": StepForm(
        f.ReviewReportForm,
        lambda r, d, by, case: reviews.review_report_record(review=r, by=by, **d),
        done="Review report recorded",
    ),
    "amended-plan": StepForm(
        f.AmendedPlanForm,
        lambda r, d, by, case: reviews.amended_plan_issue(
            review=r,
            issued_on=d["issued_on"],
            named_setting=d.get("named_setting"),
            sections=_sections(d),
            by=by,
        ),
        form_kwargs=lambda case, r: {"current": plan_sections_current(plan=r.plan)},
        done="Amended plan issued",
    ),
    "appeal": StepForm(
        f.AppealForm,
        lambda _t, d, by, case: appeals.appeal_record(child=case.child, by=by, **d),
        done="Appealable decision recorded",
    ),
    "appeal-update": StepForm(f.AppealUpdateForm, _appeal_update, done="Appeal updated"),
    "tribunal-order": StepForm(
        f.TribunalOrderForm,
        lambda a, d, by, case: appeals.tribunal_order_record(appeal=a, by=by, **d),
        done="Tribunal order recorded",
    ),
    "order-complied": StepForm(
        f.OrderCompliedForm,
        lambda _o, d, by, case: appeals.tribunal_order_comply(
            order=d["order"], complied_on=d["complied_on"], by=by
        ),
        form_kwargs=lambda case, order: {"appeal": order.appeal},
        done="Compliance recorded",
    ),
    "placement": StepForm(
        f.PlacementForm,
        lambda _t, d, by, case: children.placement_add(child=case.child, by=by, **d),
        done="Placement recorded",
    ),
    "contact": StepForm(
        f.ContactForm,
        lambda _t, d, by, case: children.parent_carer_add(child=case.child, by=by, **d),
        done="Contact added",
    ),
    "cease": StepForm(
        f.CeaseForm,
        lambda p, d, by, case: plans.plan_cease(plan=p, by=by, **d),
        done="Plan ceased",
    ),
    "provision-link": StepForm(
        f.ProvisionLinkForm,
        lambda p, d, by, case: plans.provision_link_add(plan=p, by=by, **d),
        done="Service linked to the plan",
    ),
    "provision-unlink": StepForm(
        f.ProvisionUnlinkForm,
        lambda p, d, by, case: plans.provision_link_remove(link=d["link"], by=by),
        form_kwargs=lambda case, p: {"plan": p},
        done="Link removed",
    ),
    "details": StepForm(
        f.ChildDetailsForm,
        lambda _t, d, by, case: children.child_update(child=case.child, by=by, **d),
        form_kwargs=lambda case, c: {
            "initial": {name: getattr(c, name) for name in children.IDENTITY_FIELDS}
        },
        done="Details changed",
    ),
    "needs": StepForm(
        f.NeedsForm,
        lambda _t, d, by, case: children.needs_set(
            child=case.child, by=by, primary=d["primary"], secondary=d.get("secondary") or None
        ),
        done="Needs recorded",
    ),
    "note": StepForm(
        f.NoteForm,
        lambda _t, d, by, case: notes.case_note_add(child=case.child, by=by, **d),
        done="Note added",
    ),
}


def steps_allowed(child) -> list[tuple[str, str]]:
    """Kept for callers of the old name: the declared workflow's steps available now."""
    from ..workflow import steps_available

    return steps_available(child)


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


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
            _errors_to_form(form, error)
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
            _errors_to_form(form, error)
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
            _errors_to_form(form, error)
        else:
            return redirect("workspace:case", reference=child.reference)
    return render(
        request,
        "cases/step.html",
        {"child": child, "form": form, "spec": {"label": "Hand over"}},
    )
