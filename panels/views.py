from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts import roles
from accounts.access import roles_required
from cases.models import RecordAccess
from cases.selectors import child_get_for, record_access_log
from core.forms import errors_onto

from . import selectors, services
from .forms import AgendaForm, AttendanceForm, DecisionForm, MeetingForm, MemberForm

PANEL_USERS = (roles.PANEL_MEMBER, *roles.CASE_STAFF)


@roles_required(*PANEL_USERS)
def meeting_list(request):
    return render(
        request,
        "panels/meetings.html",
        {"meetings": selectors.meetings_for(user=request.user)[:100]},
    )


@roles_required(*PANEL_USERS)
def meeting_page(request, pk: int):
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    agenda = selectors.agenda_for(meeting=meeting, user=request.user)
    return render(
        request,
        "panels/meeting.html",
        {
            "meeting": meeting,
            "items": agenda.items,
            "hidden": agenda.hidden,
            "members": selectors.members_of(meeting=meeting),
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
            errors_onto(form, error)
        else:
            messages.success(request, "Meeting arranged: now add its members")
            return redirect("panels:members", pk=meeting.pk)
    return render(request, "panels/form.html", {"form": form, "title": "Arrange a panel meeting"})


@roles_required(*PANEL_USERS)
def meeting_members(request, pk: int):
    meeting = selectors.meeting_managed_by(user=request.user, pk=pk)
    form = MemberForm(request.POST if "add" in request.POST else None)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                membership = selectors.membership_of(meeting=meeting, pk=request.POST["remove"])
                services.membership_remove(membership=membership, by=request.user)
                messages.success(request, "Member removed")
                return redirect("panels:members", pk=meeting.pk)
            if form.is_valid():
                services.membership_add(meeting=meeting, by=request.user, **form.cleaned_data)
                messages.success(request, "Member added")
                return redirect("panels:members", pk=meeting.pk)
        except ValidationError as error:
            if form.is_bound:
                errors_onto(form, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("panels:members", pk=meeting.pk)
    return render(
        request,
        "panels/members.html",
        {
            "meeting": meeting,
            "form": form,
            "members": selectors.members_of(meeting=meeting),
            "quorum_problem": services.meeting_quorum_problem(meeting),
            "changes": selectors.changes_of(meeting=meeting),
        },
    )


@roles_required(*PANEL_USERS)
def meeting_attendance(request, pk: int):
    meeting = selectors.meeting_managed_by(user=request.user, pk=pk)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            present = services.attendance_record(
                meeting=meeting,
                attended={m.pk for m in form.cleaned_data["attended"]},
                by=request.user,
            )
        except ValidationError as error:
            errors_onto(form, error)
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
    item = selectors.item_for(user=request.user, pk=pk)
    record_access_log(
        child=item.child, user=request.user, channel=RecordAccess.Channel.PANEL, what="panel papers"
    )
    decision = getattr(item, "decision", None)
    panel_type = item.meeting.panel_type
    form = DecisionForm(request.POST or None, options=panel_type.options, kind=panel_type.kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Decision recorded: the chair confirms it")
            return redirect("panels:item", pk=item.pk)
    papers = selectors.papers_for(item=item, user=request.user)
    context = {
        "item": item,
        "decision": decision,
        "form": form,
        "advice": papers.advice,
        "membership": papers.membership,
        "is_chair": papers.is_chair,
        "letter": services.outcome_letter(decision) if decision else "",
        "papers": papers,
    }
    return render(request, "panels/item.html", context)


@roles_required(*PANEL_USERS)
def decision_confirm(request, pk: int):
    item = selectors.item_for(user=request.user, pk=pk)
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
    item = selectors.item_for(user=request.user, pk=pk)
    membership = selectors.membership_for(meeting=item.meeting, user=request.user)
    if request.method == "POST" and membership:
        services.conflict_declare(item=item, member=membership)
        messages.success(
            request, "Conflict of interest recorded: you take no part in this decision"
        )
    return redirect("panels:item", pk=item.pk)


@roles_required(*roles.CASE_STAFF)
def agenda_add(request, reference: str):
    child = child_get_for(user=request.user, reference=reference)
    form = AgendaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(
                meeting=form.cleaned_data["meeting"],
                child=child,
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if item.deadline_before_meeting:
                messages.warning(
                    request,
                    "Added, but a statutory deadline for this case falls before the meeting date",
                )
            else:
                messages.success(request, "Added to the agenda")
            return redirect("workspace:case", reference=child.reference)
    return render(request, "panels/agenda_add.html", {"form": form, "child": child})
