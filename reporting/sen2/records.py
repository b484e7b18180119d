"""Shapes case rows into SEN2 records (sen2-and-identifiers.md): outcomes, flags, the named plan
and its detail, historical requests for older plans, active plans."""

import datetime

from cases.models.codes import AppealableDecision

REQUEST_DECISIONS = (AppealableDecision.REFUSAL_TO_ASSESS,)
ASSESSMENT_DECISIONS = (
    AppealableDecision.REFUSAL_TO_ISSUE,
    AppealableDecision.PLAN_CONTENT,
    AppealableDecision.SETTING_ONLY,
)
REQUEST_DATES = ("decision_on", "not_to_issue_on", "final_issued_on", "withdrawn_on")


def flag(value) -> str:
    return "1" if value else "0"


def as_at(row: dict, census: datetime.date, fields: tuple[str, ...]) -> dict:
    """Dates after the census date have not happened yet, as far as the return is concerned."""
    for name in fields:
        if row.get(name) and row[name] > census:
            row[name] = None
    return row


def request_outcome(r: dict) -> tuple[str, datetime.date | None]:
    if r["decided_to_assess"] is True and r["decision_on"]:
        return "Y", r["decision_on"]
    if r["decided_to_assess"] is False and r["decision_on"]:
        return "N", r["decision_on"]
    if r["withdrawn_on"]:
        return "W", r["withdrawn_on"]
    return "A", None


def assessment_outcome(r: dict) -> tuple[str, datetime.date | None]:
    if r["final_issued_on"]:
        return "Y", r["final_issued_on"]
    if r["not_to_issue_on"]:
        return "N", r["not_to_issue_on"]
    if r["withdrawn_on"]:
        return "W", r["withdrawn_on"]
    return "A", None


def mediation_held(appeal: dict, census) -> bool:
    held = appeal["mediation_held_on"] or appeal["mediation_certificate_on"]
    return bool(held and held <= census)


def tribunal_registered(appeal: dict, census) -> bool:
    return bool(appeal["appeal_registered_on"] and appeal["appeal_registered_on"] <= census)


def named_plan_record(plan: dict) -> dict:
    return {
        "PlanID": f"P{plan['pk']}",
        "StartDate": plan["first_issued_on"],
        "PlanRes": flag(plan["residential"]),
        "PlanWBL": flag(plan["work_based_learning"]),
        "PBTakenUp": flag(plan["personal_budget_taken_up"]),
        "PBOrganisedArrangements": flag(plan["organised_arrangements"]),
        "PBDirectPayments": flag(plan["direct_payments"]),
        "CeaseDate": plan["ceased_on"],
        "CeaseReason": plan["cease_reason"] if plan["ceased_on"] else "",
        "plan_detail": [
            {
                "URN": plan["named_setting__urn"] or "",
                "UKPRN": plan["named_setting__ukprn"] or "",
                "SENsetting": plan["named_setting_code"] or "",
                "PlacementRank": "1",
                "SENunitIndicator": flag(plan["named_setting__has_sen_unit"]),
                "ResourcedProvisionIndicator": flag(plan["named_setting__has_resourced_provision"]),
            }
        ],
    }


def request_record(number: int, r: dict, appeals: list[dict], plan: dict | None, census) -> dict:
    outcome, outcome_on = request_outcome(r)
    on_request = [a for a in appeals if a["request_id"] == r["pk"]]
    asked = [a for a in on_request if a["decision_appealed"] in REQUEST_DECISIONS]
    record = {
        "RequestID": f"R{number}",
        "ReceivedDate": r["received_on"],
        "RequestSource": r["source"],
        "RYA": flag(r["youth_custody"]),
        "RequestOutcomeDate": outcome_on,
        "RequestOutcome": outcome,
        "RequestMediation": flag(any(mediation_held(a, census) for a in asked)),
        "RequestTribunal": flag(any(tribunal_registered(a, census) for a in asked)),
        "Exported": flag(r["exported"]),
        "assessment": None,
    }
    if outcome != "Y":
        return record
    assessed = [a for a in on_request if a["decision_appealed"] in ASSESSMENT_DECISIONS]
    other = [
        a
        for a in appeals
        if a["decision_appealed"] not in (*REQUEST_DECISIONS, *ASSESSMENT_DECISIONS)
    ]
    a_outcome, a_outcome_on = assessment_outcome(r)
    record["assessment"] = {
        "AssessmentOutcome": a_outcome,
        "AssessmentOutcomeDate": a_outcome_on,
        "AssessmentMediation": flag(any(mediation_held(a, census) for a in assessed)),
        "AssessmentTribunal": flag(any(tribunal_registered(a, census) for a in assessed)),
        "OtherMediation": flag(any(mediation_held(a, census) for a in other)),
        "OtherTribunal": flag(any(tribunal_registered(a, census) for a in other)),
        "Week20": flag(r["exception_applied"]),
        "named_plan": named_plan_record(plan) if plan and a_outcome == "Y" else None,
    }
    return record


def historical_request(number: int, plan: dict) -> dict:
    received = plan["request__received_on"] if plan["request_id"] else None
    return {
        "RequestID": f"R{number}",
        "ReceivedDate": received,
        "RequestSource": "",
        "RYA": "0",
        "RequestOutcomeDate": None,
        "RequestOutcome": "H",
        "RequestMediation": "0",
        "RequestTribunal": "0",
        "Exported": "0",
        "assessment": {
            "AssessmentOutcome": "H",
            "AssessmentOutcomeDate": plan["first_issued_on"],
            "AssessmentMediation": "0",
            "AssessmentTribunal": "0",
            "OtherMediation": "0",
            "OtherTribunal": "0",
            "Week20": "0",
            "named_plan": named_plan_record(plan),
        },
        "historical": True,
        "transferred_in": plan["transferred_in"],
    }


def active_plan_record(plan: dict, review: dict | None, start, end) -> dict:
    review = review or {}
    return {
        "PlanID": f"P{plan['pk']}",
        "TransferLA": flag(plan["transferred_in"] and start <= plan["first_issued_on"] <= end),
        "LastReview": review.get("meeting_on"),
        "ReviewDecisionDate": review.get("decision_notified_on"),
        "ReviewOutcome": review.get("decision", "") if review.get("decision_notified_on") else "",
        "DraftAmendedPlanDate": review.get("proposed_amendments_sent_on"),
        "PhaseTransferDueDate": review.get("phase_transfer_due_on"),
        "PhaseTransferFinalDate": review.get("amended_plan_issued_on")
        if review.get("phase_transfer_due_on")
        else None,
    }
