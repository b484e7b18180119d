"""The steps of a generated case, as dates: the request at the child's stage (sometimes late, as
in England), the advice and exceptions of an assessment, and a plan's annual reviews year by
year. Pure: values only, no database."""

import datetime

from cases import timescales
from cases.models import RequestStatus
from cases.models.codes import AdviserType, ReviewDecision

DAY = datetime.timedelta(days=1)
STEP_SUMMARIES = {
    "request_received": "Request for an EHC needs assessment received",
    "decided_to_assess": "Decided to assess",
    "decided_not_to_assess": "Decided not to assess",
    "decided_not_to_issue": "Decided not to issue an EHC plan",
    "draft_plan_issued": "Draft plan served",
    "final_plan_issued": "Final EHC plan issued",
    "request_withdrawn": "Request withdrawn",
}
ADVISERS = (
    (AdviserType.EDUCATIONAL_PSYCHOLOGY, "Educational psychology service"),
    (AdviserType.HEALTH, "Community paediatrics"),
    (AdviserType.SOCIAL_CARE, "Children's social care"),
    (AdviserType.SETTING, None),  # the child's own setting
)
EXCEPTION_EVIDENCE = "Exceptional personal circumstances: family bereavement (letter on file)."
REVIEW_DECISIONS = (ReviewDecision.MAINTAIN, ReviewDecision.AMEND, ReviewDecision.MAINTAIN)
REVIEW_WEIGHTS = (70, 28, 2)  # a third choice, cease, is recorded as maintain: plans stay in force


def _days(rng, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randrange(low, high))


def request_values(rng, *, dob: datetime.date, stage: str, today: datetime.date) -> dict:
    """A request's fields at the child's stage."""
    source = rng.choices("12345", weights=[55, 30, 8, 4, 3])[0]
    if stage in ("plan", "ceased"):
        earliest = max(dob + datetime.timedelta(days=400), today - datetime.timedelta(days=365 * 8))
        span = max(1, (today - datetime.timedelta(days=200) - earliest).days)
        received = earliest + datetime.timedelta(days=rng.randrange(span))
    elif stage == "awaiting_decision":
        received = today - _days(rng, 1, 55)
    elif stage == "assessing":
        received = today - _days(rng, 42, 150)
    elif stage == "draft":
        received = today - _days(rng, 100, 170)
    else:
        received = today - _days(rng, 60, 400)
    received = min(max(received, dob + datetime.timedelta(days=30)), today)
    values = {"source": source, "received_on": received}
    if stage == "awaiting_decision":
        values["status"] = RequestStatus.AWAITING_DECISION
        return values
    if stage == "withdrawn":
        values.update(
            status=RequestStatus.WITHDRAWN,
            withdrawn_on=min(today, received + _days(rng, 7, 40)),
            withdrawal_reason="Family withdrew the request",
        )
        return values
    values["decision_on"] = min(today, received + _days(rng, 25, 50))
    if stage == "not_assessed":
        values.update(decided_to_assess=False, status=RequestStatus.NOT_ASSESSED)
        return values
    values.update(decided_to_assess=True, status=RequestStatus.ASSESSING)
    if stage == "assessing":
        return values
    if stage == "not_issued":
        values.update(
            decided_to_issue=False,
            not_to_issue_on=min(today, received + _days(rng, 90, 130)),
            status=RequestStatus.NOT_ISSUED,
        )
        return values
    # About half of new plans are issued within 20 weeks, as in England.
    draft = min(today, received + _days(rng, 70, 126))
    values.update(
        decided_to_issue=True,
        draft_served_on=draft,
        comments_end_on=timescales.days_beginning_with(draft, 15),
        status=RequestStatus.DRAFT_ISSUED,
    )
    if stage == "draft":
        return values
    values.update(
        final_issued_on=min(today, draft + _days(rng, 15, 50)), status=RequestStatus.PLAN_ISSUED
    )
    return values


def advice_values(rng, request: dict, *, setting_name: str, today: datetime.date) -> list[dict]:
    """The requests for advice of an assessment, some not yet returned."""
    made = []
    done = request.get("draft_served_on") or request.get("not_to_issue_on")
    for adviser_type, adviser in ADVISERS:
        sent = request["decision_on"] + _days(rng, 1, 6)
        if sent > today:
            continue
        received = sent + _days(rng, 0, 4)
        returned = received + _days(rng, 20, 60)
        if returned > today or (not done and rng.random() < 0.25):
            returned = None
        made.append(
            {
                "adviser_type": adviser_type,
                "adviser": adviser or setting_name,
                "sent_on": sent,
                "received_by_adviser_on": min(received, today),
                "returned_on": returned,
            }
        )
    return made


def exception_values(rng, request: dict, *, today: datetime.date) -> dict | None:
    """Now and then, an exception to the 20-week limit for the family's circumstances."""
    if rng.random() >= 0.06:
        return None
    start = request["received_on"] + _days(rng, 20, 80)
    if start >= today:
        return None
    return {
        "stage": "final_plan",
        "reason": "c",
        "starts_on": start,
        "ends_on": start + _days(rng, 28, 70),
        "evidence": EXCEPTION_EVIDENCE,
    }


def completed_reviews(rng, *, first_issued_on: datetime.date, today: datetime.date):
    """The annual reviews held so far, each within 12 months of the last decision (CFA s44(1));
    returns (their values, the date the next is due)."""
    reviews = []
    due = timescales.annual_review_due(start=first_issued_on)
    while due < today - datetime.timedelta(days=60):
        meeting = due - _days(rng, 10, 50)
        notified = meeting + _days(rng, 7, 40)
        if notified > today:
            break
        decision = rng.choices(REVIEW_DECISIONS, weights=REVIEW_WEIGHTS)[0]
        amend = decision == ReviewDecision.AMEND
        issued = notified + _days(rng, 30, 70)
        reviews.append(
            {
                "due_on": due,
                "notice_sent_on": meeting - _days(rng, 10, 25),
                "meeting_on": meeting,
                "report_sent_on": meeting + _days(rng, 3, 20),
                "decision": decision,
                "decision_notified_on": notified,
                "proposed_amendments_sent_on": notified if amend else None,
                "amended_plan_issued_on": issued
                if amend and notified + datetime.timedelta(days=70) < today
                else None,
                "completed": True,
            }
        )
        due = timescales.annual_review_due(start=notified)
    return reviews, due


def steps(request: dict):
    """(verb, date) of each step of the request, for the case's timeline."""
    yield "request_received", request["received_on"]
    if request.get("decision_on"):
        assessed = request.get("decided_to_assess")
        yield ("decided_to_assess" if assessed else "decided_not_to_assess"), request["decision_on"]
    for field, verb in (
        ("not_to_issue_on", "decided_not_to_issue"),
        ("draft_served_on", "draft_plan_issued"),
        ("final_issued_on", "final_plan_issued"),
        ("withdrawn_on", "request_withdrawn"),
    ):
        if request.get(field):
            yield verb, request[field]
