"""My caseload: every open statutory step across a caseworker's cases, soonest first."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required
from accounts.models import Team
from core.forms import GovukForm

from ..models import DeadlineState, Placement, SenNeed
from ..models.codes import NeedType, SettingType
from ..selectors import children_visible_to, deadline_counts, open_deadlines

STAGES = [
    ("", "All stages"),
    ("decision", "Decision to assess"),
    ("advice", "Advice"),
    ("outcome", "Decision not to issue"),
    ("final_plan", "Final plan"),
    ("review", "Reviews"),
    ("appeal", "Mediation and appeals"),
    ("tribunal_order", "Tribunal orders"),
]
STATES = [
    ("", "All states"),
    (DeadlineState.OVERDUE, "Overdue"),
    (DeadlineState.DUE_SOON, "Due soon"),
    (DeadlineState.DUE, "Due"),
    (DeadlineState.EXCEPTED, "Exception applies"),
]


class CaseloadFilter(GovukForm):
    scope = forms.ChoiceField(label="Whose cases", required=False)
    stage = forms.ChoiceField(label="Stage", choices=STAGES, required=False)
    state = forms.ChoiceField(label="State", choices=STATES, required=False)
    need = forms.ChoiceField(
        label="Primary need", required=False, choices=[("", "All needs"), *NeedType.choices]
    )
    setting_type = forms.ChoiceField(
        label="Setting type",
        required=False,
        choices=[("", "All setting types"), *SettingType.choices],
    )
    q = forms.CharField(label="Case reference, UPN or surname", required=False, max_length=60)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scopes = []
        if user.has_role(roles.CASEWORKER):
            scopes.append(("mine", "My caseload"))
        if user.has_role(roles.MANAGER):
            scopes += [(f"team-{t.pk}", t.name) for t in Team.objects.filter(managers=user)]
            scopes.append(("all", "All my teams"))
        elif user.team_id:
            scopes.append((f"team-{user.team_id}", user.team.name))
        self.fields["scope"].choices = scopes


def _children_for(user, scope: str):
    children = children_visible_to(user=user)
    if scope == "mine":
        return children.filter(lead_caseworker=user)
    if scope.startswith("team-") and scope[5:].isdigit():
        return children.filter(team_id=int(scope[5:]))
    return children


@roles_required(*roles.CASE_STAFF)
def caseload(request):
    # The search term is sent in the body (POST), so a name typed here never lands in a URL.
    data = request.POST if request.method == "POST" else request.GET
    form = CaseloadFilter(data or None, user=request.user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    default_scope = "mine" if request.user.has_role(roles.CASEWORKER) else "all"
    children = _children_for(request.user, filters.get("scope") or default_scope)
    if filters.get("need"):
        children = children.filter(sen_needs__rank=1, sen_needs__need_type=filters["need"])
    if filters.get("setting_type"):
        children = children.filter(
            placements__leaving_on__isnull=True,
            placements__setting__setting_type=filters["setting_type"],
        )
    if filters.get("q"):
        term = filters["q"].strip()
        children = children.filter(
            Q(reference__iexact=term) | Q(upn__iexact=term) | Q(surname__iexact=term)
        )
    deadlines = open_deadlines(children=children).filter(statutory=True)
    counts = deadline_counts(deadlines=deadlines)
    if filters.get("stage"):
        deadlines = deadlines.filter(stage=filters["stage"])
    if filters.get("state"):
        deadlines = deadlines.filter(state=filters["state"])
    primary = SenNeed.objects.filter(child=OuterRef("child"), rank=1).values("need_type")[:1]
    setting = Placement.objects.filter(child=OuterRef("child"), leaving_on__isnull=True).values(
        "setting__name"
    )[:1]
    deadlines = deadlines.annotate(primary_need=Subquery(primary), setting_name=Subquery(setting))
    page = Paginator(deadlines, 50).get_page(request.GET.get("page"))
    return render(request, "cases/caseload.html", {"form": form, "page": page, "counts": counts})
