from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts import roles
from accounts.access import roles_required
from accounts.models import User
from cases.models import EducationSetting, RecordAccess
from cases.selectors import child_get_for, record_access_log
from core.forms import GovukDateField, GovukForm

from . import services
from .models import Meeting, Membership, Option, PanelType, ProfessionalRole
from .selectors import agenda_for, item_for, meetings_for

PANEL_USERS = (roles.PANEL_MEMBER, *roles.CASE_STAFF)


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


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name}{', ' + obj.job_title if obj.job_title else ''}"


def _panel_people():
    return (
        User.objects.filter(is_active=True, groups__name__in=(roles.PANEL_MEMBER, roles.MANAGER))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class MeetingForm(GovukForm):
    panel_type = forms.ModelChoiceField(
        label="Panel",
        queryset=PanelType.objects.order_by("name"),
        empty_label="Choose the panel",
        error_messages={"required": "Choose the panel"},
    )
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2027")
    chair = StaffChoiceField(
        label="Chair",
        queryset=User.objects.none(),
        empty_label="Choose the chair",
        error_messages={"required": "Choose who chairs the meeting"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = _panel_people()


class MemberForm(GovukForm):
    user = StaffChoiceField(
        label="Member",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person joining the panel"},
    )
    professional_role = forms.ChoiceField(
        label="Professional role on the panel",
        choices=ProfessionalRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the member's professional role"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _panel_people()


class AttendanceForm(GovukForm):
    attended = forms.ModelMultipleChoiceField(
        label="Members attending",
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Anyone not ticked is recorded as having sent apologies",
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        field.queryset = meeting.members.select_related("user")
        field.label_from_instance = lambda m: (
            f"{m.user.display_name}, {m.get_professional_role_display().lower()}"
        )
        if not self.is_bound:
            field.initial = [m.pk for m in field.queryset if m.attended]


def _meeting_managed_by(user, pk: int) -> Meeting:
    """Managers arrange any meeting; a chair manages their own."""
    meeting = get_object_or_404(meetings_for(user=user), pk=pk)
    if not (user.has_role(roles.MANAGER) or meeting.chair_id == user.pk):
        raise PermissionDenied
    return meeting


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


@roles_required(*PANEL_USERS)
def meeting_list(request):
    return render(
        request, "panels/meetings.html", {"meetings": meetings_for(user=request.user)[:100]}
    )


@roles_required(*PANEL_USERS)
def meeting_page(request, pk: int):
    meeting = get_object_or_404(meetings_for(user=request.user), pk=pk)
    agenda = agenda_for(meeting=meeting, user=request.user)
    return render(
        request,
        "panels/meeting.html",
        {
            "meeting": meeting,
            "items": agenda.items,
            "hidden": agenda.hidden,
            "members": meeting.members.select_related("user"),
            "quorum_problem": services.meeting_quorum_problem(meeting),
            "can_manage": request.user.has_role(roles.MANAGER)
            or meeting.chair_id == request.user.pk,
        },
    )


@roles_required(roles.MANAGER)
def meeting_new(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_arrange(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Meeting arranged: now add its members")
            return redirect("panels:members", pk=meeting.pk)
    return render(request, "panels/form.html", {"form": form, "title": "Arrange a panel meeting"})


@roles_required(*PANEL_USERS)
def meeting_members(request, pk: int):
    meeting = _meeting_managed_by(request.user, pk)
    form = MemberForm(request.POST if "add" in request.POST else None)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                remove = request.POST["remove"]
                membership = get_object_or_404(
                    meeting.members, pk=int(remove) if remove.isdigit() else None
                )
                services.membership_remove(membership=membership, by=request.user)
                messages.success(request, "Member removed")
                return redirect("panels:members", pk=meeting.pk)
            if form.is_valid():
                services.membership_add(meeting=meeting, by=request.user, **form.cleaned_data)
                messages.success(request, "Member added")
                return redirect("panels:members", pk=meeting.pk)
        except ValidationError as error:
            if form.is_bound:
                _add_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("panels:members", pk=meeting.pk)
    return render(
        request,
        "panels/members.html",
        {
            "meeting": meeting,
            "form": form,
            "members": meeting.members.select_related("user"),
            "quorum_problem": services.meeting_quorum_problem(meeting),
            "changes": meeting.changes.select_related("by"),
        },
    )


@roles_required(*PANEL_USERS)
def meeting_attendance(request, pk: int):
    meeting = _meeting_managed_by(request.user, pk)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            present = services.attendance_record(
                meeting=meeting,
                attended={m.pk for m in form.cleaned_data["attended"]},
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Attendance recorded: {present} attending")
            return redirect("panels:meeting", pk=meeting.pk)
    return render(
        request,
        "panels/form.html",
        {"form": form, "title": "Record attendance", "meeting": meeting},
    )


@roles_required(*PANEL_USERS)
def item_page(request, pk: int):
    item = item_for(user=request.user, pk=pk)
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
    item = item_for(user=request.user, pk=pk)
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
    item = item_for(user=request.user, pk=pk)
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
