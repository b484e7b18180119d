"""The dashboards' filters (team, period, lead caseworker, primary need, setting type) and the
SEN2 request form."""

import datetime

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from cases.models.codes import NeedType
from core.forms import GovukDateField, GovukForm

from .models import PostHolder
from .scope import SETTING_GROUPS, ReportScope, period_choices, period_from_key
from .selectors.access import report_caseworkers_for, report_teams_for

MINE = "mine"
SERVICE = "service"
NEED_CHOICES = [("", "All needs")] + [
    (value, label) for value, label in NeedType.choices if value != NeedType.NSA
]
SETTING_CHOICES = [("", "All setting types"), *SETTING_GROUPS]
CASEWORKER_NOT_MANAGED = "Choose a caseworker in a team you manage"
CASEWORKER_NOT_FOUND = "Choose a caseworker from the list"
CASEWORKER_NOT_IN_TEAM = "Choose a caseworker in the team chosen, or choose all teams"


class QuickSelect(forms.Select):
    """The same <select> as Django's, its options written in one pass rather than one widget
    template each: the filters are on every dashboard, and the caseworkers' list is long."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, final, options)


class CaseworkerChoice(forms.ModelChoiceField):
    """A caseworker by name, with their team (a manager of two teams, or the head of service,
    may have two caseworkers of the same name)."""

    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.team.name})" if obj.team_id else name


class ReportFilterForm(GovukForm):
    """Filters come in the query string, so a filtered dashboard can be bookmarked and shared."""

    team = forms.ChoiceField(label="Team", required=False, widget=QuickSelect)
    period = forms.ChoiceField(label="Period", required=False, widget=QuickSelect)
    caseworker = CaseworkerChoice(
        label="Lead caseworker",
        required=False,
        queryset=None,
        widget=QuickSelect,
        empty_label="Any caseworker",
        error_messages={"invalid_choice": CASEWORKER_NOT_MANAGED},
    )
    need = forms.ChoiceField(
        label="Primary need", required=False, choices=NEED_CHOICES, widget=QuickSelect
    )
    setting = forms.ChoiceField(
        label="Setting type", required=False, choices=SETTING_CHOICES, widget=QuickSelect
    )

    def __init__(self, data, *, user, today: datetime.date):
        super().__init__(data)
        self.today = today
        # A team manager chooses among their own teams; the head of service among every team
        # and the whole service (the default). The selector refuses anyone else.
        allowed = report_teams_for(user=user)
        self.teams = allowed.teams
        self.whole_service = allowed.whole_service
        team_choices = [(str(team.pk), team.name) for team in self.teams]
        if self.whole_service:
            team_choices.insert(0, (SERVICE, "Whole service"))
        elif len(self.teams) > 1:
            team_choices.insert(0, (MINE, "All my teams"))
        self.fields["team"].choices = team_choices
        self.fields["period"].choices = period_choices(today)
        # Only a caseworker of the teams this person may see: never a way into another team.
        self.fields["caseworker"].queryset = report_caseworkers_for(user=user)
        if self.whole_service:
            self.fields["caseworker"].error_messages["invalid_choice"] = CASEWORKER_NOT_FOUND

    def clean(self):
        data = super().clean()
        caseworker, team = data.get("caseworker"), data.get("team")
        if caseworker and team not in (None, "", SERVICE, MINE) and str(caseworker.team_id) != team:
            self.add_error("caseworker", CASEWORKER_NOT_IN_TEAM)
        return data

    def scope(self) -> ReportScope:
        """The scope chosen; anything not valid falls back to the default for that filter."""
        data = self.cleaned_data if self.is_valid() else {}
        team = data.get("team") or (SERVICE if self.whole_service else MINE)
        if team == SERVICE:
            team_ids, label = None, "Whole service"
        elif team == MINE:
            team_ids = tuple(t.pk for t in self.teams)
            if not self.teams:
                label = "No teams: you do not manage a team yet"
            else:
                label = "All my teams" if len(self.teams) > 1 else self.teams[0].name
        else:
            chosen = next(t for t in self.teams if str(t.pk) == team)
            team_ids, label = (chosen.pk,), chosen.name
        caseworker = data.get("caseworker")
        filters = {k: v for k, v in data.items() if v}
        if caseworker:
            filters["caseworker"] = str(caseworker.pk)
        return ReportScope(
            today=self.today,
            period=period_from_key(data.get("period") or "", self.today),
            team_ids=team_ids,
            primary_need=data.get("need") or "",
            setting_group=data.get("setting") or "",
            label=label,
            filters=filters,
            caseworker_id=caseworker.pk if caseworker else None,
            caseworker_label=self.fields["caseworker"].label_from_instance(caseworker)
            if caseworker
            else "",
        )


class Sen2RequestForm(GovukForm):
    census_date = GovukDateField(
        label="Census date",
        help_text="The census date is the third Thursday in January, for example 15 1 2026. "
        "Activity covers the calendar year before it; active plans are those in force on the date.",
    )
    dmo_in_post = forms.ChoiceField(
        label="Is a designated medical officer (DMO) in post?",
        choices=PostHolder.choices,
        widget=forms.RadioSelect,
    )
    dco_in_post = forms.ChoiceField(
        label="Is a designated clinical officer (DCO) in post?",
        choices=PostHolder.choices,
        widget=forms.RadioSelect,
    )
    dsco_in_post = forms.ChoiceField(
        label="Is a designated social care officer (DSCO) in post?",
        choices=PostHolder.choices,
        widget=forms.RadioSelect,
    )
