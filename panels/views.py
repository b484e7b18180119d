from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts import roles
from accounts.access import roles_required
from cases.models import EducationSetting, RecordAccess, StatutoryDeadline
from cases.selectors import child_get_for, children_visible_to, record_access_log
from send_portal.forms import GovukForm

from . import services
from .models import AgendaItem, Meeting, Option

PANEL_USERS = (roles.PANEL_MEMBER, *roles.CASE_STAFF)


def meetings_for(user):
    meetings = Meeting.objects.select_related("panel_type", "chair")
    if user.has_role(*roles.CASE_STAFF):
        return meetings
    return meetings.filter(members__user=user).distinct()


def item_for(user, pk) -> AgendaItem:
    """Panel members see a case only while it is open on an agenda of a panel they sit on."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__panel_type", "child", "request"), pk=pk
    )
    if (
        user.has_role(*roles.CASE_STAFF)
        and children_visible_to(user=user).filter(pk=item.child_id).exists()
    ):
        return item
    if (
        user.has_role(roles.PANEL_MEMBER)
        and item.is_open
        and item.meeting.members.filter(user=user).exists()
    ):
        return item
    raise Http404


class DecisionForm(GovukForm):
    option = forms.ChoiceField(label="Decision", widget=forms.RadioSelect)
    reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    conditions = forms.CharField(
        label="Conditions (if any)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    funding_band = forms.CharField(label="Funding band (if any)", max_length=20, required=False)
    setting = forms.ModelChoiceField(
        label="Setting (if any)",
        queryset=EducationSetting.objects.order_by("name"),
        required=False,
        empty_label="None",
    )
    dissent = forms.CharField(
        label="Dissent recorded (if any)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o, Option(o).label) for o in options]


class AgendaForm(GovukForm):
    meeting = forms.ModelChoiceField(
        label="Panel meeting", queryset=Meeting.objects.none(), empty_label="Choose a meeting"
    )
    summary = forms.CharField(
        label="Summary for the panel", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(held_on__gte=timezone.localdate())
            .select_related("panel_type")
            .order_by("held_on")
        )


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


@roles_required(*PANEL_USERS)
def meeting_list(request):
    return render(request, "panels/meetings.html", {"meetings": meetings_for(request.user)[:100]})


@roles_required(*PANEL_USERS)
def meeting_page(request, pk: int):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    items = list(meeting.items.select_related("child").prefetch_related("conflicts"))
    deadlines = {}
    for d in StatutoryDeadline.objects.filter(
        child__in=[i.child_id for i in items], is_open=True, statutory=True
    ).order_by("due_on"):
        deadlines.setdefault(d.child_id, d)
    for item in items:
        item.next_deadline = deadlines.get(item.child_id)
    # The chair's panel pack: most urgent first.
    items.sort(
        key=lambda i: (
            i.next_deadline.due_on if i.next_deadline else timezone.localdate().replace(year=9999)
        )
    )
    return render(
        request,
        "panels/meeting.html",
        {"meeting": meeting, "items": items, "members": meeting.members.select_related("user")},
    )


@roles_required(*PANEL_USERS)
def item_page(request, pk: int):
    item = item_for(request.user, pk)
    record_access_log(
        child=item.child, user=request.user, channel=RecordAccess.Channel.PANEL, what="panel papers"
    )
    decision = getattr(item, "decision", None)
    form = DecisionForm(request.POST or None, options=item.meeting.panel_type.options)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Decision recorded: the chair confirms it")
            return redirect("panels:item", pk=item.pk)
    context = {
        "item": item,
        "decision": decision,
        "form": form,
        "advice": item.request.advice.all() if item.request else [],
        "membership": item.meeting.members.filter(user=request.user).first(),
        "is_chair": item.meeting.chair_id == request.user.pk,
        "letter": services.outcome_letter(decision) if decision else "",
    }
    return render(request, "panels/item.html", context)


@roles_required(*PANEL_USERS)
def decision_confirm(request, pk: int):
    item = item_for(request.user, pk)
    if request.method == "POST" and hasattr(item, "decision"):
        try:
            services.decision_confirm(decision=item.decision, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Decision confirmed and recorded on the case")
            if not request.user.has_role(*roles.CASE_STAFF):
                return redirect("panels:meeting", pk=item.meeting_id)
    return redirect("panels:item", pk=item.pk)


@roles_required(*PANEL_USERS)
def conflict_declare(request, pk: int):
    item = item_for(request.user, pk)
    membership = item.meeting.members.filter(user=request.user).first()
    if request.method == "POST" and membership:
        services.conflict_declare(item=item, member=membership)
        messages.success(
            request, "Conflict of interest recorded: you take no part in this decision"
        )
    return redirect("panels:item", pk=item.pk)


@roles_required(*roles.CASE_STAFF)
def agenda_add(request, reference: str):
    child = child_get_for(user=request.user, reference=reference)
    form = AgendaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(
                meeting=form.cleaned_data["meeting"],
                child=child,
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if item.deadline_before_meeting:
                messages.warning(
                    request,
                    "Added, but a statutory deadline for this case falls before the meeting date",
                )
            else:
                messages.success(request, "Added to the agenda")
            return redirect("cases:case", reference=child.reference)
    return render(request, "panels/agenda_add.html", {"form": form, "child": child})
