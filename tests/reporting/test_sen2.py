"""The SEN2 return against the hand-built council: census date 15 January 2026, so activity is
calendar 2025 and active plans are those in force on 15 January 2026."""

import datetime
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from cases.models import AssessmentRequest, EHCPlan, PlanStatus, SenNeed
from reporting.scope import ReportScope, calendar_year, within_weeks
from reporting.selectors.timeliness import timeliness_for
from reporting.sen2 import validation
from reporting.sen2.builder import sen2_build
from reporting.sen2.validation import sen2_validate
from reporting.sen2.writers import sen2_csv_zip, sen2_xml

from .conftest import TODAY

pytestmark = pytest.mark.django_db
d = datetime.date
CENSUS = d(2026, 1, 15)


@pytest.fixture
def return_council(council):
    c = council
    # T: a plan transferred in from another council (no request here): a historical request.
    t = c.child("T", need="PD")
    EHCPlan.objects.create(
        child=t,
        status=PlanStatus.IN_FORCE,
        first_issued_on=d(2023, 5, 1),
        transferred_in=True,
        named_setting=c.settings["special"],
    )
    # P: a plan with neither a request nor a transfer: no request date.
    p = c.child("P", need="HI")
    EHCPlan.objects.create(
        child=p,
        status=PlanStatus.IN_FORCE,
        first_issued_on=d(2022, 9, 1),
        named_setting=c.settings["mainstream"],
    )
    # X: no UPN and no reason, and a request never decided.
    x = c.child("X", upn="")
    c.request("X", x, d(2025, 3, 1))
    # W: a plan recorded as ceasing before it started.
    c.plan(
        "W",
        received=d(2024, 10, 1),
        decided=d(2024, 11, 1),
        issued=d(2025, 3, 1),
        setting="mainstream",
        need="MLD",
        status=PlanStatus.CEASED,
        ceased_on=d(2025, 2, 1),
        cease_reason="2",
    )
    return c


def _persons(xml: bytes) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.fromstring(xml)
    return root, {f"{p.findtext('Surname')}": p for p in root.iter("Person")}


def test_xml_follows_the_collect_tree(return_council):
    data = sen2_build(census_date=CENSUS, header={"DMO": "Yes", "DCO": "No", "DSCO": "Recruiting"})
    root, persons = _persons(sen2_xml(data))
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-01-15"
    assert root.findtext("Header/Source/LEA") == "801"
    assert root.findtext("Header/Officers/DSCO") == "Recruiting"
    # O5 (received 20 Jan 2026) is next year's; everyone else with a request or plan is here.
    assert "Child O5" not in persons
    assert len(persons) == 21
    a = persons["Child A"]
    request = a.find("Requests/Request")
    assert request.findtext("ReceivedDate") == "2025-03-03"
    assert request.findtext("RequestOutcome") == "Y"
    assert request.findtext("RequestOutcomeDate") == "2025-04-14"
    assessment = request.find("Assessment")
    assert assessment.findtext("AssessmentOutcome") == "Y"
    assert assessment.findtext("AssessmentOutcomeDate") == "2025-07-21"
    assert assessment.findtext("Week20") == "0"
    plan = assessment.find("NamedPlan")
    assert plan.findtext("StartDate") == "2025-07-21"
    assert (plan.findtext("PBTakenUp"), plan.findtext("PBDirectPayments")) == ("1", "1")
    assert plan.findtext("PlanDetail/URN") == "100001"
    active = a.find("ActivePlans")
    assert active.findtext("LastReview") == "2025-12-01"
    assert active.findtext("ReviewOutcome") == "M"
    assert active.findtext("ReviewDecisionDate") == "2025-12-22"
    assert active.findtext("PlacementDetail/EntryDate") == "2020-09-01"
    assert [n.findtext("SENtype") for n in active.iter("SENneed")] == ["ASD"]
    # The re-assessment of A's plan is not reported as a request.
    assert len(a.findall("Requests/Request")) == 1


def test_outcomes_flags_and_dates_as_at_the_census(return_council):
    _root, persons = _persons(sen2_xml(sen2_build(census_date=CENSUS)))
    assert persons["Child C"].findtext("Requests/Request/Assessment/Week20") == "1"
    n1 = persons["Child N1"].find("Requests/Request")
    assert (n1.findtext("RequestOutcome"), n1.find("Assessment")) == ("N", None)
    assert (n1.findtext("RequestMediation"), n1.findtext("RequestTribunal")) == ("1", "1")
    ni2 = persons["Child NI2"].find("Requests/Request/Assessment")
    assert (ni2.findtext("AssessmentOutcome"), ni2.findtext("AssessmentTribunal")) == ("N", "1")
    # F's plan was issued on 2 February 2026, after the census date: not decided yet.
    f = persons["Child F"].find("Requests/Request/Assessment")
    assert (f.findtext("AssessmentOutcome"), f.find("NamedPlan")) == ("A", None)
    assert persons["Child F"].find("ActivePlans") is None
    assert (
        persons["Child D"].findtext("Requests/Request/Assessment/NamedPlan/PlanDetail/SENsetting")
        == "NIEO"
    )
    g = persons["Child G"].find("Requests/Request/Assessment/NamedPlan")
    assert (g.findtext("CeaseDate"), g.findtext("CeaseReason")) == ("2025-06-01", "2")
    assert persons["Child G"].find("ActivePlans") is None
    t = persons["Child T"].find("Requests/Request")
    assert (t.findtext("RequestOutcome"), t.findtext("Assessment/AssessmentOutcome")) == ("H", "H")
    assert t.findtext("Assessment/NamedPlan/StartDate") == "2023-05-01"
    assert persons["Child T"].findtext("ActivePlans/TransferLA") == "0"


def test_one_csv_per_module(return_council):
    archive = zipfile.ZipFile(io.BytesIO(sen2_csv_zip(sen2_build(census_date=CENSUS))))
    assert archive.namelist() == [
        "0_header.csv",
        "1_person.csv",
        "2_requests.csv",
        "3_assessment.csv",
        "4a_named_plan.csv",
        "4b_plan_detail.csv",
        "5a_active_plans.csv",
        "5b_placement_detail.csv",
        "5c_sen_need.csv",
    ]
    people = archive.read("1_person.csv").decode().splitlines()
    assert people[0].startswith("PersonID,Surname,Forename,PersonBirthDate")
    assert len(people) == 1 + 21
    needs = archive.read("5c_sen_need.csv").decode().splitlines()
    a_ref = return_council.children["A"].reference
    a_plan = return_council.plans["A"].pk
    assert f"{a_ref},{a_ref}-P{a_plan},ASD,1" in needs


def test_validation_report(return_council):
    c = return_council
    findings = sen2_validate(sen2_build(census_date=CENSUS))
    found = {(f["severity"], f["module"], f["reference"], f["message"]) for f in findings}
    ref = {key: child.reference for key, child in c.children.items()}
    expected_errors = {
        ("error", "5c SEN need", ref["E"], validation.NO_PRIMARY_NEED),
        ("error", "1 Person", ref["X"], validation.NO_UPN),
        (
            "error",
            "2 Requests",
            ref["X"],
            validation.NO_OUTCOME.format(received="1 Mar 2025", due="12 Apr 2025"),
        ),
        (
            "error",
            "2 Requests",
            ref["O1"],
            validation.NO_OUTCOME.format(received="1 Dec 2025", due="12 Jan 2026"),
        ),
        (
            "error",
            "4a Named plan",
            ref["P"],
            validation.NO_REQUEST_DATE.format(issued="1 Sep 2022"),
        ),
        (
            "error",
            "4a Named plan",
            ref["W"],
            "Cease date (1 Feb 2025) is before plan start (1 Mar 2025)",
        ),
    }
    assert {f for f in found if f[0] == "error"} == expected_errors
    warnings = {f[2] for f in found if f[0] == "warning"}
    assert warnings == {ref["O4"], ref["O6"]}  # assessments past 20 weeks with no outcome
    assert findings[0]["severity"] == "error"  # errors first


def test_two_primary_needs_and_nsa_are_reported(return_council):
    c = return_council
    SenNeed.objects.filter(child=c.children["E"]).delete()
    SenNeed.objects.create(child=c.children["E"], need_type="NSA", rank=1)
    SenNeed.objects.create(child=c.children["E"], need_type="NSA", rank=2)
    messages = {
        f["message"]
        for f in sen2_validate(sen2_build(census_date=CENSUS))
        if f["reference"] == c.children["E"].reference
    }
    assert validation.NSA_ON_PLAN in messages
    assert validation.SAME_NEED_TWICE in messages
    assert validation.NO_PRIMARY_NEED not in messages


def _headline_from_sen2(xml: bytes, year: int) -> tuple[int, int, int, int]:
    """New plans issued in the year from the return itself: assessment outcome Y dated in the
    year; within 20 weeks of the request's received date; Week20 = 1 means an exception."""
    issued = within = issued_excl = within_excl = 0
    for request in ET.fromstring(xml).iter("Request"):
        assessment = request.find("Assessment")
        if assessment is None or assessment.findtext("AssessmentOutcome") != "Y":
            continue
        outcome_on = datetime.date.fromisoformat(assessment.findtext("AssessmentOutcomeDate"))
        if outcome_on.year != year:
            continue
        received = datetime.date.fromisoformat(request.findtext("ReceivedDate"))
        on_time = within_weeks(received, outcome_on, 20)
        issued += 1
        within += on_time
        if assessment.findtext("Week20") == "0":
            issued_excl += 1
            within_excl += on_time
    return issued, within, issued_excl, within_excl


@pytest.mark.parametrize("day_one", [False, True])
def test_sen2_and_dashboard_agree_on_the_20_week_figure(return_council, settings, day_one):
    settings.SEND_RECEIPT_DAY_IS_DAY_ONE = day_one
    from_return = _headline_from_sen2(sen2_xml(sen2_build(census_date=CENSUS)), 2025)
    year = calendar_year(2025, TODAY)
    scope = ReportScope(today=TODAY, period=year)
    row = timeliness_for(scope=scope, start=year.start, end=year.end)
    from_dashboard = (
        row["issued"],
        row["within"],
        row["issued_excluding"],
        row["within_excluding"],
    )
    assert from_return == from_dashboard
    # 2025: A (140 days), B, C (exception), E, G, H, W; within: A (not when day one), C, H.
    assert from_return == ((7, 2, 6, 1) if day_one else (7, 3, 6, 2))
    assert (
        AssessmentRequest.objects.filter(final_issued_on__year=2025).count() == 8
    )  # + re-assessment
