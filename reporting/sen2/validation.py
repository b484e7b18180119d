"""Checks the return before it is exported, in the spirit of the DfE's COLLECT validation rules:
each finding names the module, says what is wrong in words a caseworker understands, and links to
the case by its reference (never a name)."""

import datetime

from cases.models.codes import NeedType

from ..scope import limit_days
from .builder import Sen2Data

ERROR = "error"
WARNING = "warning"

NO_UPN = "No UPN and no reason why it is not known (UN1-UN10)"
UPN_FORMAT = "The UPN should be 13 characters: a check letter, then 12 letters or digits"
NO_PRIMARY_NEED = "Plan in force with no primary need recorded"
TWO_PRIMARY_NEEDS = "More than one primary need recorded"
TOO_MANY_NEEDS = "More than two needs recorded (one primary, at most one secondary)"
SAME_NEED_TWICE = "The same need is recorded as both primary and secondary"
NSA_ON_PLAN = "NSA (SEN support) is not a valid need type on an EHC plan"
NO_OUTCOME = "Request received {received} has no outcome, though the decision was due by {due}"
NO_ASSESSMENT_OUTCOME = "Assessment has no outcome, though the final plan was due by {due}"
NO_REQUEST_DATE = "Plan issued {issued} has no request (and no received date)"
NO_SETTING = "Plan has no setting named in Section I (a URN, UKPRN or setting code)"
NO_CEASE_REASON = "Plan ceased {ceased} without a cease reason"
OUT_OF_ORDER = "{later_label} ({later}) is before {earlier_label} ({earlier})"


def _finding(severity, module, reference, message) -> dict:
    return {
        "severity": severity,
        "module": module,
        "reference": reference,
        "message": message,
    }


def _order(findings, module, reference, pairs) -> None:
    """Each pair (earlier label, earlier, later label, later) must be in order."""
    for earlier_label, earlier, later_label, later in pairs:
        if earlier and later and later < earlier:
            findings.append(
                _finding(
                    ERROR,
                    module,
                    reference,
                    OUT_OF_ORDER.format(
                        later_label=later_label,
                        later=_day(later),
                        earlier_label=earlier_label.lower(),
                        earlier=_day(earlier),
                    ),
                )
            )


def _person(findings, person) -> None:
    ref = person["PersonID"]
    if not person["UPN"] and not person["UPNunknown"]:
        findings.append(_finding(ERROR, "1 Person", ref, NO_UPN))
    elif person["UPN"] and (len(person["UPN"]) != 13 or not person["UPN"].isalnum()):
        findings.append(_finding(ERROR, "1 Person", ref, UPN_FORMAT))


def _day(value: datetime.date) -> str:
    return f"{value:%-d %b %Y}"


def _undecided(findings, severity, module, ref, received, weeks, census, message) -> None:
    """No outcome yet, though the limit of `weeks` from receipt passed before the census date."""
    if not received:
        return
    due = received + datetime.timedelta(days=limit_days(weeks))
    if due < census:
        findings.append(
            _finding(severity, module, ref, message.format(received=_day(received), due=_day(due)))
        )


def _request(findings, person, request, census: datetime.date) -> None:
    ref = person["PersonID"]
    received = request["ReceivedDate"]
    assessment = request["assessment"]
    if request["RequestOutcome"] == "A":
        _undecided(findings, ERROR, "2 Requests", ref, received, 6, census, NO_OUTCOME)
    _order(
        findings,
        "2 Requests",
        ref,
        [
            ("Date of birth", person["PersonBirthDate"], "Request received", received),
            ("Request received", received, "Request outcome", request["RequestOutcomeDate"]),
        ],
    )
    if not assessment:
        return
    plan = assessment["named_plan"]
    if assessment["AssessmentOutcome"] == "A":
        _undecided(
            findings, WARNING, "3 Assessment", ref, received, 20, census, NO_ASSESSMENT_OUTCOME
        )
    _order(
        findings,
        "3 Assessment",
        ref,
        [
            (
                "Request received",
                received,
                "Assessment outcome",
                assessment["AssessmentOutcomeDate"],
            ),
            (
                "Decision to assess",
                request["RequestOutcomeDate"],
                "Assessment outcome",
                assessment["AssessmentOutcomeDate"],
            ),
        ],
    )
    if plan:
        _named_plan(findings, ref, request, plan)


def _named_plan(findings, ref, request, plan) -> None:
    received = request["ReceivedDate"]
    module = "4a Named plan"
    if request["RequestOutcome"] == "H" and not received and not request.get("transferred_in"):
        findings.append(
            _finding(ERROR, module, ref, NO_REQUEST_DATE.format(issued=_day(plan["StartDate"])))
        )
    if plan["CeaseDate"] and not plan["CeaseReason"]:
        findings.append(
            _finding(ERROR, module, ref, NO_CEASE_REASON.format(ceased=_day(plan["CeaseDate"])))
        )
    _order(
        findings,
        module,
        ref,
        [
            ("Request received", received, "Plan start", plan["StartDate"]),
            ("Plan start", plan["StartDate"], "Cease date", plan["CeaseDate"]),
        ],
    )
    for detail in plan["plan_detail"]:
        if not (detail["URN"] or detail["UKPRN"] or detail["SENsetting"]):
            findings.append(_finding(ERROR, "4b Plan detail", ref, NO_SETTING))


def _active(findings, person, active) -> None:
    ref = person["PersonID"]
    needs = active["needs"]
    primary = [n for n in needs if n["SENtypeRank"] == "1"]
    if not primary:
        findings.append(_finding(ERROR, "5c SEN need", ref, NO_PRIMARY_NEED))
    if len(primary) > 1:
        findings.append(_finding(ERROR, "5c SEN need", ref, TWO_PRIMARY_NEEDS))
    if len(needs) > 2:
        findings.append(_finding(ERROR, "5c SEN need", ref, TOO_MANY_NEEDS))
    types = [n["SENtype"] for n in needs]
    if len(set(types)) < len(types):
        findings.append(_finding(ERROR, "5c SEN need", ref, SAME_NEED_TWICE))
    if NeedType.NSA in types:
        findings.append(_finding(ERROR, "5c SEN need", ref, NSA_ON_PLAN))
    _order(
        findings,
        "5a Active plans",
        ref,
        [("Review meeting", active["LastReview"], "Review decision", active["ReviewDecisionDate"])],
    )
    for placement in active["placements"]:
        _order(
            findings,
            "5b Placement detail",
            ref,
            [("Entry date", placement["EntryDate"], "Leaving date", placement["LeavingDate"])],
        )


def person_findings(person: dict, census_date: datetime.date) -> list[dict]:
    """One person's findings, in the order they are found."""
    findings: list[dict] = []
    _person(findings, person)
    for request in person["requests"]:
        _request(findings, person, request, census_date)
    for active in person["active_plans"]:
        _active(findings, person, active)
    return findings


def findings_in_order(findings: list[dict]) -> list[dict]:
    """Errors first, then by case reference."""
    return sorted(findings, key=lambda f: (f["severity"] != ERROR, f["reference"], f["module"]))


def sen2_validate(data: Sen2Data) -> list[dict]:
    """Every finding in the return, errors first, then by case reference."""
    findings: list[dict] = []
    for person in data.persons:
        findings += person_findings(person, data.census_date)
    return findings_in_order(findings)
