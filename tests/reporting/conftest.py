"""A small council whose figures are worked out by hand (see each test for the sums).

Records are created directly with historical dates (the services refuse dates in the future and
compute today's deadlines); "today" for every measure is Tuesday 10 February 2026.

North team (managed by `manager`): new plans A-G, a re-assessment, requests decided not to assess
or not to issue, open requests O1-O5; South team: plan H and open request O6.
"""

import datetime

import pytest

from cases.models import (
    AnnualReview,
    Appeal,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    Placement,
    PlanStatus,
    SenNeed,
)
from cases.models.assessments import RequestStatus
from cases.models.codes import (
    AppealableDecision,
    AppealOutcome,
    PhaseTransfer,
    ReviewKind,
    SettingKind,
    SettingType,
)
from reporting.scope import ReportScope, last_12_months

TODAY = datetime.date(2026, 2, 10)
d = datetime.date


def settings_named() -> dict[str, EducationSetting]:
    def make(name, setting_type, urn, **flags):
        return EducationSetting.objects.create(
            name=name, kind=SettingKind.SCHOOL, setting_type=setting_type, urn=urn, **flags
        )

    return {
        "mainstream": make("Riverside Primary", SettingType.MAINSTREAM_MAINTAINED, "100001"),
        "resourced": make(
            "Oakfield Academy",
            SettingType.MAINSTREAM_ACADEMY,
            "100002",
            has_resourced_provision=True,
        ),
        "special": make("Meadowbank Special", SettingType.SPECIAL_MAINTAINED, "100003"),
        "college": make("Hillcrest College", SettingType.FE_COLLEGE, "100004"),
        "out_of_area": make(
            "Brookside Special", SettingType.SPECIAL_MAINTAINED, "100005", is_out_of_area=True
        ),
    }


class Council:
    def __init__(self, team, other_team, caseworker):
        self.team, self.other_team, self.caseworker = team, other_team, caseworker
        self.settings = settings_named()
        self.children: dict[str, Child] = {}
        self.requests: dict[str, AssessmentRequest] = {}
        self.plans: dict[str, EHCPlan] = {}
        self.count = 0

    def child(self, key, *, team=None, dob=d(2014, 5, 4), need=None, upn="H801200001001", **extra):
        self.count += 1
        child = Child.objects.create(
            reference=f"SEND-{self.count:07d}",
            forename="Test",
            surname=f"Child {key}",
            date_of_birth=dob,
            sex="F",
            upn=upn,
            team=team or self.team,
            lead_caseworker=self.caseworker if (team or self.team) == self.team else None,
            **extra,
        )
        if need:
            SenNeed.objects.create(child=child, need_type=need, rank=1)
        self.children[key] = child
        return child

    def request(self, key, child, received, *, decided=None, assess=True, **fields):
        request = AssessmentRequest.objects.create(
            child=child,
            received_on=received,
            source="1",
            decided_to_assess=assess if decided else None,
            decision_on=decided,
            **fields,
        )
        self.requests[key] = request
        return request

    def plan(
        self,
        key,
        *,
        received,
        decided,
        issued,
        setting=None,
        need=None,
        dob=None,
        team=None,
        exception=False,
        code="",
        **plan_fields,
    ):
        child = self.child(key, need=need, dob=dob or d(2014, 5, 4), team=team)
        request = self.request(
            key,
            child,
            received,
            decided=decided,
            status=RequestStatus.PLAN_ISSUED,
            draft_served_on=issued - datetime.timedelta(days=20),
            final_issued_on=issued,
            exception_applied=exception,
        )
        plan = EHCPlan.objects.create(
            child=child,
            request=request,
            status=plan_fields.pop("status", PlanStatus.IN_FORCE),
            first_issued_on=issued,
            named_setting=self.settings[setting] if setting else None,
            named_setting_code=code,
            **plan_fields,
        )
        self.plans[key] = plan
        return plan


def build_council(team, other_team, caseworker) -> Council:
    c = Council(team, other_team, caseworker)
    # Within 20 weeks by default: received + 140 days is the last compliant day.
    c.plan(
        "A",
        received=d(2025, 3, 3),
        decided=d(2025, 4, 14),
        issued=d(2025, 7, 21),
        setting="mainstream",
        need="ASD",
        dob=d(2016, 5, 4),
        personal_budget_taken_up=True,
        direct_payments=True,
    )
    c.plan(
        "B",
        received=d(2025, 1, 6),
        decided=d(2025, 3, 10),
        issued=d(2025, 9, 1),
        setting="resourced",
        need="ASD",
        dob=d(2010, 2, 10),
    )
    c.plan(
        "C",
        received=d(2025, 5, 1),
        decided=d(2025, 6, 12),
        issued=d(2025, 8, 15),
        setting="special",
        need="SEMH",
        dob=d(2010, 2, 11),
        exception=True,
        personal_budget_taken_up=True,
        organised_arrangements=True,
    )
    c.plan(
        "D",
        received=d(2025, 9, 1),
        decided=d(2025, 10, 13),
        issued=d(2026, 1, 1),
        code="NIEO",
        need="SLCN",
        dob=d(2022, 1, 1),
    )
    c.plan(
        "E",
        received=d(2024, 6, 3),
        decided=d(2024, 7, 15),
        issued=d(2025, 7, 1),
        setting="college",
        dob=d(2004, 3, 1),
    )
    c.plan(
        "F",
        received=d(2025, 10, 1),
        decided=d(2025, 11, 10),
        issued=d(2026, 2, 2),
        setting="out_of_area",
        need="ASD",
        dob=d(2012, 6, 1),
        exception=True,
    )
    c.plan(
        "G",
        received=d(2024, 1, 2),
        decided=d(2024, 2, 12),
        issued=d(2025, 2, 10),
        setting="mainstream",
        need="MLD",
        status=PlanStatus.CEASED,
        ceased_on=d(2025, 6, 1),
        cease_reason="2",
    )
    c.plan(
        "H",
        received=d(2025, 4, 1),
        decided=d(2025, 5, 13),
        issued=d(2025, 8, 1),
        setting="mainstream",
        need="MLD",
        team=other_team,
    )
    # A re-assessment's plan is not a new plan.
    reassessed = c.request(
        "I",
        c.children["A"],
        d(2025, 4, 1),
        decided=d(2025, 4, 10),
        is_reassessment=True,
        status=RequestStatus.PLAN_ISSUED,
        draft_served_on=d(2025, 5, 1),
        final_issued_on=d(2025, 6, 1),
    )
    assert reassessed.is_reassessment
    # Decided not to assess (49 days: late), and not to issue (112 days: on time; 123: late).
    c.request(
        "N1",
        c.child("N1"),
        d(2025, 6, 2),
        decided=d(2025, 7, 21),
        assess=False,
        status=RequestStatus.NOT_ASSESSED,
    )
    c.request(
        "NI1",
        c.child("NI1"),
        d(2025, 2, 20),
        decided=d(2025, 3, 27),
        not_to_issue_on=d(2025, 6, 12),
        status=RequestStatus.NOT_ISSUED,
    )
    c.request(
        "NI2",
        c.child("NI2"),
        d(2025, 5, 1),
        decided=d(2025, 6, 5),
        not_to_issue_on=d(2025, 9, 1),
        status=RequestStatus.NOT_ISSUED,
    )
    # Open requests.
    c.request("O1", c.child("O1"), d(2025, 12, 1), status=RequestStatus.AWAITING_DECISION)
    c.request(
        "O2", c.child("O2"), d(2025, 10, 6), decided=d(2025, 11, 10), status=RequestStatus.ASSESSING
    )
    c.request(
        "O3",
        c.child("O3"),
        d(2025, 11, 3),
        decided=d(2025, 12, 8),
        status=RequestStatus.DRAFT_ISSUED,
        draft_served_on=d(2026, 2, 9),
    )
    c.request(
        "O3b",
        c.child("O3b"),
        d(2025, 10, 1),
        decided=d(2025, 11, 5),
        status=RequestStatus.DRAFT_ISSUED,
        draft_served_on=d(2026, 2, 5),
    )
    c.request(
        "O4", c.child("O4"), d(2025, 8, 1), decided=d(2025, 9, 5), status=RequestStatus.ASSESSING
    )
    c.request("O5", c.child("O5"), d(2026, 1, 20), status=RequestStatus.AWAITING_DECISION)
    c.request(
        "O6",
        c.child("O6", team=other_team),
        d(2025, 7, 1),
        decided=d(2025, 8, 5),
        status=RequestStatus.ASSESSING,
    )
    # Annual reviews.
    plans = c.plans
    AnnualReview.objects.create(
        plan=plans["A"],
        due_on=d(2026, 1, 5),
        meeting_on=d(2025, 12, 1),
        decision="M",
        decision_notified_on=d(2025, 12, 22),
        completed=True,
    )
    AnnualReview.objects.create(
        plan=plans["B"],
        due_on=d(2026, 1, 15),
        meeting_on=d(2025, 12, 10),
        decision="A",
        decision_notified_on=d(2026, 1, 20),
        completed=True,
    )
    AnnualReview.objects.create(plan=plans["E"], due_on=d(2026, 1, 31))
    AnnualReview.objects.create(plan=plans["D"], due_on=d(2026, 4, 1))

    # Phase transfers, round 2026.
    def transfer(plan, kind, due, **fields):
        AnnualReview.objects.create(
            plan=plan,
            kind=ReviewKind.PHASE_TRANSFER,
            phase_transfer=kind,
            transfer_year=due.year,
            due_on=due,
            phase_transfer_due_on=due,
            **fields,
        )

    transfer(
        plans["A"],
        PhaseTransfer.PRIMARY_TO_SECONDARY,
        d(2026, 2, 14),
        meeting_on=d(2025, 11, 1),
        amended_plan_issued_on=d(2026, 2, 1),
        completed=True,
    )
    transfer(
        plans["C"], PhaseTransfer.PRIMARY_TO_SECONDARY, d(2026, 2, 14), meeting_on=d(2025, 11, 20)
    )
    transfer(plans["F"], PhaseTransfer.SECONDARY_TO_POST16, d(2026, 3, 30))
    transfer(
        plans["B"],
        PhaseTransfer.PRIMARY_TO_SECONDARY,
        d(2025, 2, 14),
        completed=True,
        meeting_on=d(2024, 11, 1),
        amended_plan_issued_on=d(2025, 2, 1),
    )
    # Appeals.
    Appeal.objects.create(
        child=c.children["N1"],
        request=c.requests["N1"],
        decision_appealed=AppealableDecision.REFUSAL_TO_ASSESS,
        decision_notified_on=d(2025, 7, 21),
        mediation_held_on=d(2025, 8, 20),
        appeal_registered_on=d(2025, 9, 1),
        outcome=AppealOutcome.UPHELD,
        outcome_on=d(2026, 1, 10),
    )
    Appeal.objects.create(
        child=c.children["NI2"],
        request=c.requests["NI2"],
        decision_appealed=AppealableDecision.REFUSAL_TO_ISSUE,
        decision_notified_on=d(2025, 9, 1),
        appeal_registered_on=d(2025, 11, 1),
    )
    Placement.objects.create(
        child=c.children["A"], setting=c.settings["mainstream"], entry_on=d(2020, 9, 1)
    )
    return c


@pytest.fixture
def council(db, team, other_team, caseworker, manager):
    return build_council(team, other_team, caseworker)


def scope_for(council, *, whole_service=False, period=None, **filters) -> ReportScope:
    return ReportScope(
        today=TODAY,
        period=period or last_12_months(TODAY),
        team_ids=None if whole_service else (council.team.pk,),
        label="Whole service" if whole_service else council.team.name,
        **filters,
    )
