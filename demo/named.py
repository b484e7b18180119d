"""The named demo cases: the demo caseworker's own caseload, one case at each step that matters,
each written through the services a caseworker's clicks call, so its timeline, stored deadlines
and alerts are exactly what the portal itself would have recorded.

Dates are counted back from today, so the cases look the same whenever the demo is loaded: a
request just in, a decision due this week and one overdue, an assessment waiting on advice,
an exception, a draft out for comment, plans with their annual reviews, an appeal.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from cases import identifiers
from cases.models import Child, EducationSetting
from cases.models.codes import AdviserType, AppealableDecision, Ethnicity, ReviewDecision
from cases.services import appeals, children, requests, reviews

from .council import SECTION_TEXT

# (forename, surname, sex, date of birth (years, days before today), primary need, story)
NAMED_CASES = (
    ("Amara", "Bello", "F", (7, 40), "ASD", "new_request"),
    ("Oliver", "Hughes", "M", (9, 100), "SLCN", "decision_due_soon"),
    ("Noah", "Fletcher", "M", (12, 200), "SEMH", "decision_overdue"),
    ("Isla", "Patel", "F", (5, 150), "SLCN", "waiting_for_advice"),
    ("Leo", "Thompson", "M", (14, 20), "SPLD", "exception"),
    ("Maya", "Clarke", "F", (10, 300), "ASD", "draft_out_for_comment"),
    ("Ethan", "Walsh", "M", (8, 60), "MLD", "review_meeting_held"),
    ("Zara", "Ahmed", "F", (15, 250), "HI", "review_amend"),
    ("Jacob", "Evans", "M", (11, 90), "PD", "refused_and_appealed"),
)
CARERS = ("mother", "father", "carer", "grandparent")


def _ago(today: datetime.date, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)


def _sections(need_label: str, setting: EducationSetting) -> dict:
    values = {
        "interest": "music and drawing",
        "aspiration": "go to college",
        "need": need_label,
        "outcome": "communicate needs using short sentences",
        "hours": 15,
        "setting": setting.name,
    }
    return {code: text.format(**values) for code, text in SECTION_TEXT.items() if text}


def _plan_issued(child, request, *, by, setting, received: int, today) -> object:
    """Decided, assessed, drafted and issued, `received` days ago onwards; returns the plan."""
    request = requests.request_decide(
        request=request, decided_to_assess=True, decided_on=_ago(today, received - 35), by=by
    )
    for adviser_type, adviser in (
        (AdviserType.EDUCATIONAL_PSYCHOLOGY, "Educational psychology service"),
        (AdviserType.HEALTH, "Community paediatrics"),
    ):
        advice = requests.advice_request_create(
            request=request,
            adviser_type=adviser_type,
            adviser=adviser,
            sent_on=_ago(today, received - 37),
            by=by,
        )
        requests.advice_record(advice=advice, by=by, returned_on=_ago(today, received - 70))
    sections = _sections(child.sen_needs.get(rank=1).get_need_type_display(), setting)
    requests.draft_plan_issue(
        request=request,
        served_on=_ago(today, received - 100),
        sections=sections,
        by=by,
        named_setting=setting,
    )
    version = requests.final_plan_issue(
        request=request, issued_on=_ago(today, received - 130), by=by, named_setting=setting
    )
    return version.plan


def _story(story: str, child, request, *, by, setting, today) -> None:
    if story == "waiting_for_advice":
        request = requests.request_decide(
            request=request, decided_to_assess=True, decided_on=_ago(today, 48), by=by
        )
        psychology = requests.advice_request_create(
            request=request,
            adviser_type=AdviserType.EDUCATIONAL_PSYCHOLOGY,
            adviser="Educational psychology service",
            sent_on=_ago(today, 46),
            by=by,
        )
        requests.advice_record(advice=psychology, by=by, returned_on=_ago(today, 10))
        requests.advice_request_create(
            request=request,
            adviser_type=AdviserType.HEALTH,
            adviser="Community paediatrics",
            sent_on=_ago(today, 46),
            by=by,
        )
    elif story == "exception":
        request = requests.request_decide(
            request=request, decided_to_assess=True, decided_on=_ago(today, 60), by=by
        )
        requests.exception_record(
            request=request,
            stage="final_plan",
            reason="c",
            starts_on=_ago(today, 30),
            ends_on=_ago(today, -20),
            evidence="Exceptional personal circumstances: family bereavement (letter on file).",
            by=by,
        )
    elif story == "draft_out_for_comment":
        _plan_draft(child, request, by=by, setting=setting, today=today)
    elif story in ("review_meeting_held", "review_amend"):
        received = 520 if story == "review_meeting_held" else 600
        plan = _plan_issued(child, request, by=by, setting=setting, received=received, today=today)
        review = reviews.review_schedule(plan=plan, by=by)
        meeting = _ago(today, 20 if story == "review_meeting_held" else 70)
        review = reviews.review_meeting_record(
            review=review,
            meeting_on=meeting,
            notice_sent_on=meeting - datetime.timedelta(days=15),
            by=by,
        )
        if story == "review_amend":
            reviews.review_report_record(review=review, sent_on=_ago(today, 62), by=by)
            reviews.review_decide(
                review=review, decision=ReviewDecision.AMEND, notified_on=_ago(today, 50), by=by
            )
    elif story == "refused_and_appealed":
        request = requests.request_decide(
            request=request, decided_to_assess=False, decided_on=_ago(today, 30), by=by
        )
        appeals.appeal_record(
            child=child,
            request=request,
            decision_appealed=AppealableDecision.REFUSAL_TO_ASSESS,
            decision_notified_on=_ago(today, 30),
            by=by,
        )


def _plan_draft(child, request, *, by, setting, today) -> None:
    request = requests.request_decide(
        request=request, decided_to_assess=True, decided_on=_ago(today, 90), by=by
    )
    advice = requests.advice_request_create(
        request=request,
        adviser_type=AdviserType.EDUCATIONAL_PSYCHOLOGY,
        adviser="Educational psychology service",
        sent_on=_ago(today, 88),
        by=by,
    )
    requests.advice_record(advice=advice, by=by, returned_on=_ago(today, 50))
    sections = _sections(child.sen_needs.get(rank=1).get_need_type_display(), setting)
    requests.draft_plan_issue(
        request=request, served_on=_ago(today, 5), sections=sections, by=by, named_setting=setting
    )


# Days before today each story's request was received.
RECEIVED = {
    "new_request": 12,
    "decision_due_soon": 38,
    "decision_overdue": 50,
    "waiting_for_advice": 60,
    "exception": 80,
    "draft_out_for_comment": 110,
    "review_meeting_held": 520,
    "review_amend": 600,
    "refused_and_appealed": 45,
}


@transaction.atomic
def build_named_cases(*, rng, faker, context: dict, **_options) -> list[Child]:
    """The demo caseworker's named cases, each written step by step through the services."""
    caseworker = context["named"]["caseworker"]
    if Child.objects.filter(lead_caseworker=caseworker, surname="Bello").exists():
        return []
    today = timezone.localdate()
    schools = list(
        EducationSetting.objects.filter(kind="school", la_number=801).order_by("pk")[:20]
    )
    made = []
    for index, (forename, surname, sex, (years, days), need, story) in enumerate(NAMED_CASES):
        dob = today - datetime.timedelta(days=int(years * 365.25) + days)
        setting = schools[index % len(schools)] if schools else None
        child = children.child_create(
            by=caseworker,
            team=caseworker.team,
            lead_caseworker=caseworker,
            forename=forename,
            surname=surname,
            date_of_birth=dob,
            sex=sex,
            ethnicity=Ethnicity.values[index % 10],
            postcode=faker.postcode(),
            upn=identifiers.make_upn(
                la=801, establishment=2100 + index, year=dob.year + 5, serial=index
            ),
            uln=identifiers.make_uln(f"{500000000 + index * 7919:09d}") if years >= 14 else "",
        )
        children.needs_set(child=child, by=caseworker, primary=need)
        children.parent_carer_add(
            child=child,
            by=caseworker,
            name=faker.name(),
            relationship=CARERS[index % len(CARERS)],
            phone=faker.phone_number(),
            email=f"family{index + 1}@example.org",
            contact_consent=True,
        )
        if setting:
            children.placement_add(
                child=child,
                by=caseworker,
                setting=setting,
                entry_on=max(dob + datetime.timedelta(days=365 * 4), _ago(today, 700)),
            )
        request = requests.assessment_request_create(
            child=child,
            received_on=_ago(today, RECEIVED[story]),
            source=rng.choice("12"),
            by=caseworker,
        )
        _story(story, child, request, by=caseworker, setting=setting, today=today)
        made.append(child)
    return made
