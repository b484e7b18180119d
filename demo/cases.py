"""Demo cases: a realistic synthetic council built with bulk inserts, deterministic by seed.

Children and young people aged 0-25 with primary needs in the national shares, settings with
URNs, requests at every stage, plans in force with reviews due, some deadlines missed, some
exceptions, appeals. Synthetic names only; UPNs and ULNs carry valid check characters.
"""

import datetime
from itertools import islice

from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad
from django.utils import timezone

from . import identifiers, timescales
from .models import (
    AdviceRequest,
    AnnualReview,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    ParentCarer,
    Placement,
    PlanStatus,
    PlanVersion,
    RequestStatus,
    SenNeed,
    StatutoryDeadline,
    StatutoryException,
    TimelineEvent,
    VersionKind,
)
from .models.codes import (
    AdviserType,
    Ethnicity,
    NeedType,
    PhaseTransfer,
    ReviewDecision,
    ReviewKind,
    SettingKind,
    SettingType,
)
from .services.deadlines import clock_settings, compute_deadline_rows

# Published national shares of primary need, January 2025 (sen2-and-identifiers.md).
NEED_SHARES = (
    ("ASD", 31.5),
    ("SLCN", 21.3),
    ("SEMH", 20.7),
    ("MLD", 10.6),
    ("SLD", 3.9),
    ("PD", 3.9),
    ("SPLD", 2.4),
    ("HI", 1.4),
    ("PMLD", 1.3),
    ("OTH", 1.2),
    ("VI", 0.8),
    ("MSI", 0.3),
)
# Where each case is (share of children).
STAGES = (
    ("plan", 0.72),
    ("awaiting_decision", 0.06),
    ("assessing", 0.09),
    ("draft", 0.04),
    ("not_assessed", 0.04),
    ("not_issued", 0.015),
    ("withdrawn", 0.015),
    ("ceased", 0.02),
)
SETTINGS = (
    # (name pattern, kind, type, count per 2,000 children)
    ("{} Primary School", SettingKind.SCHOOL, SettingType.MAINSTREAM_MAINTAINED, 14),
    ("{} Primary Academy", SettingKind.SCHOOL, SettingType.MAINSTREAM_ACADEMY, 8),
    ("{} Academy", SettingKind.SCHOOL, SettingType.MAINSTREAM_ACADEMY, 8),
    ("{} High School", SettingKind.SCHOOL, SettingType.MAINSTREAM_MAINTAINED, 4),
    ("{} Special School", SettingKind.SCHOOL, SettingType.SPECIAL_MAINTAINED, 4),
    ("{} Special Academy", SettingKind.SCHOOL, SettingType.SPECIAL_ACADEMY, 2),
    ("{} House School", SettingKind.SCHOOL, SettingType.SPECIAL_INDEPENDENT, 2),
    ("{} College", SettingKind.COLLEGE, SettingType.FE_COLLEGE, 2),
    ("{} Specialist College", SettingKind.COLLEGE, SettingType.SPECIALIST_POST16, 1),
    ("{} Nursery", SettingKind.EARLY_YEARS, SettingType.EARLY_YEARS, 4),
    ("{} Pupil Referral Unit", SettingKind.SCHOOL, SettingType.ALTERNATIVE_PROVISION, 1),
)
PLACES = (
    "Riverside",
    "Oakfield",
    "Meadowbank",
    "Hillcrest",
    "Brookside",
    "Elmwood",
    "Kingsway",
    "Ashgrove",
    "Fairfield",
    "Highfield",
    "Westfield",
    "Greenacre",
    "Millbrook",
    "Longmead",
    "Southview",
    "Northgate",
    "Castle Hill",
    "Beechwood",
    "Parkside",
    "Lakeside",
    "Moorland",
    "Orchard",
    "Springfield",
    "Thornbury",
    "Willow Bank",
    "Cedar Park",
    "Foxhill",
    "Redbrook",
)
BATCH = 2000


def _weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _chunks(items, size=BATCH):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _age_years(rng) -> float:
    # Most plans are held by children of school age; some under 5 and some 16-25.
    band = rng.choices(["0-4", "5-10", "11-15", "16-19", "20-25"], weights=[5, 34, 35, 19, 7])[0]
    low, high = {
        "0-4": (2, 5),
        "5-10": (5, 11),
        "11-15": (11, 16),
        "16-19": (16, 20),
        "20-25": (20, 25.5),
    }[band]
    return rng.uniform(low, high)


def _settings(*, rng, faker, children: int) -> list[EducationSetting]:
    scale = max(1, round(children / 2000))
    rows, urn = [], 100000 + rng.randrange(1000, 5000)
    for pattern, kind, setting_type, count in SETTINGS:
        for _ in range(count * scale):
            urn += rng.randrange(1, 40)
            place = rng.choice(PLACES)
            rows.append(
                EducationSetting(
                    name=pattern.format(place),
                    kind=kind,
                    setting_type=setting_type,
                    urn=str(urn) if kind != SettingKind.COLLEGE else "",
                    ukprn=str(10000000 + urn) if kind == SettingKind.COLLEGE else "",
                    la_number=801,
                    postcode=faker.postcode(),
                    has_resourced_provision=setting_type == SettingType.MAINSTREAM_MAINTAINED
                    and rng.random() < 0.2,
                    is_out_of_area=setting_type == SettingType.SPECIAL_INDEPENDENT,
                )
            )
    return EducationSetting.objects.bulk_create(rows)


def _setting_for(rng, age: float, by_kind: dict) -> EducationSetting:
    if age < 4:
        return rng.choice(by_kind["early_years"])
    if age >= 16:
        return rng.choice(by_kind["college"] + by_kind["special"])
    pool = by_kind["special"] if rng.random() < 0.38 else by_kind["mainstream"]
    return rng.choice(pool)


SECTION_TEXT = {
    "A": "Enjoys {interest}. Wants to {aspiration}.",
    "B": "Primary need: {need}. Needs adult support to access learning and to manage change.",
    "C": "Health needs are met by universal services; reviewed by the community paediatrician.",
    "D": "No assessed social care needs at present.",
    "E": "By the end of the key stage, will {outcome}.",
    "F": "{hours} hours a week of additional adult support; specialist teaching; SALT programme delivered daily.",
    "G": "Speech and language therapy assessment and termly review.",
    "H1": "",
    "H2": "Short breaks as agreed with children's social care.",
    "I": "{setting}",
    "J": "No personal budget requested.",
    "K": "Educational psychology, health and setting advice (appendices).",
}
INTERESTS = (
    "music",
    "football",
    "drawing",
    "animals",
    "computers",
    "swimming",
    "trains",
    "cooking",
)
ASPIRATIONS = (
    "work with animals",
    "go to college",
    "live independently",
    "make friends",
    "be a chef",
)
OUTCOMES = (
    "read simple texts independently",
    "communicate needs using short sentences",
    "manage transitions with visual support",
)


def _sections(rng, need: str, setting: EducationSetting) -> dict:
    values = {
        "interest": rng.choice(INTERESTS),
        "aspiration": rng.choice(ASPIRATIONS),
        "need": NeedType(need).label,
        "outcome": rng.choice(OUTCOMES),
        "hours": rng.choice((5, 10, 15, 20, 25)),
        "setting": setting.name,
    }
    return {code: text.format(**values) for code, text in SECTION_TEXT.items()}


@transaction.atomic
def build_cases(*, rng, faker, context: dict, children: int, progress: bool = True) -> None:
    today = timezone.localdate()
    clock = clock_settings()
    teams = context["teams"]
    caseworkers = context["caseworkers"]
    settings_rows = _settings(rng=rng, faker=faker, children=children)
    by_kind = {"early_years": [], "college": [], "special": [], "mainstream": []}
    for s in settings_rows:
        if s.kind == SettingKind.EARLY_YEARS:
            by_kind["early_years"].append(s)
        elif s.kind == SettingKind.COLLEGE:
            by_kind["college"].append(s)
        elif s.setting_type.startswith("special"):
            by_kind["special"].append(s)
        else:
            by_kind["mainstream"].append(s)
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        tqdm = None
    bar = tqdm(total=children, unit="child", disable=not progress) if tqdm else None
    serial = rng.randrange(1, 500)
    created = 0
    for chunk_start in range(0, children, BATCH):
        size = min(BATCH, children - chunk_start)
        kids = []
        for i in range(size):
            age = _age_years(rng)
            dob = today - datetime.timedelta(days=int(age * 365.25))
            team = rng.choice(teams)
            serial += 1
            sex = rng.choice("FMM")
            kid = Child(
                reference=f"tmp-{chunk_start + i}",
                forename=faker.first_name_female() if sex == "F" else faker.first_name_male(),
                surname=faker.last_name(),
                date_of_birth=dob,
                sex=sex,
                ethnicity=rng.choice(Ethnicity.values[:10]),
                postcode=faker.postcode(),
                upn=identifiers.make_upn(
                    la=801,
                    establishment=2000 + serial % 900,
                    year=(dob.year + 5) % 100,
                    serial=serial % 1000,
                )
                if age >= 4
                else "",
                upn_unknown_reason="" if age >= 4 else "UN1",
                uln=identifiers.make_uln(f"{(400000000 + serial * 7919) % 1000000000:09d}")
                if age >= 14
                else "",
                looked_after=rng.random() < 0.06,
                child_in_need=rng.random() < 0.1,
                team=team,
                lead_caseworker=rng.choice(caseworkers[team.pk]),
            )
            kid._age = age
            kid._stage = _weighted(rng, STAGES)
            kids.append(kid)
        Child.objects.bulk_create(kids)
        needs, carers, placements, requests, timeline = [], [], [], [], []
        for kid in kids:
            need = _weighted(rng, NEED_SHARES)
            kid._need = need
            needs.append(SenNeed(child=kid, need_type=need, rank=1))
            if rng.random() < 0.3:
                second = _weighted(rng, [p for p in NEED_SHARES if p[0] != need])
                needs.append(SenNeed(child=kid, need_type=second, rank=2))
            carers.append(
                ParentCarer(
                    child=kid,
                    name=faker.name(),
                    relationship=rng.choice(("mother", "father", "carer", "grandparent")),
                    phone=faker.phone_number(),
                    email=faker.email(),
                    contact_consent=rng.random() < 0.9,
                )
            )
            setting = _setting_for(rng, kid._age, by_kind)
            kid._setting = setting
            placements.append(
                Placement(
                    child=kid,
                    setting=setting,
                    entry_on=max(
                        kid.date_of_birth + datetime.timedelta(days=365 * 3),
                        today - datetime.timedelta(days=rng.randrange(30, 1500)),
                    ),
                    in_resourced_provision=setting.has_resourced_provision and rng.random() < 0.5,
                )
            )
            requests.append(_request_for(rng, kid, today))
        SenNeed.objects.bulk_create(needs)
        ParentCarer.objects.bulk_create(carers)
        Placement.objects.bulk_create(placements)
        AssessmentRequest.objects.bulk_create(requests)
        advice, exceptions, plans = [], [], []
        for request in requests:
            kid = request.child
            request._advice, request._exceptions = [], []
            if request.decided_to_assess:
                for adviser_type, adviser in (
                    (AdviserType.EDUCATIONAL_PSYCHOLOGY, "Educational psychology service"),
                    (AdviserType.HEALTH, "Community paediatrics"),
                    (AdviserType.SOCIAL_CARE, "Children's social care"),
                    (AdviserType.SETTING, kid._setting.name),
                ):
                    sent = request.decision_on + datetime.timedelta(days=rng.randrange(1, 6))
                    if sent > today:
                        continue
                    received = sent + datetime.timedelta(days=rng.randrange(0, 4))
                    returned = received + datetime.timedelta(days=rng.randrange(20, 60))
                    done = (
                        request.draft_served_on or request.not_to_issue_on or request.withdrawn_on
                    )
                    if returned > today or (not done and rng.random() < 0.25):
                        returned = None
                    a = AdviceRequest(
                        request=request,
                        adviser_type=adviser_type,
                        adviser=adviser,
                        sent_on=sent,
                        received_by_adviser_on=min(received, today),
                        returned_on=returned,
                    )
                    advice.append(a)
                    request._advice.append(a)
                if rng.random() < 0.06:
                    start = request.received_on + datetime.timedelta(days=rng.randrange(20, 80))
                    if start < today:
                        e = StatutoryException(
                            request=request,
                            stage="final_plan",
                            reason="c",
                            starts_on=start,
                            ends_on=start + datetime.timedelta(days=rng.randrange(28, 70)),
                            evidence="Exceptional personal circumstances: family bereavement (letter on file).",
                        )
                        exceptions.append(e)
                        request._exceptions.append(e)
                        request.exception_applied = True
            if request.draft_served_on:
                plans.append(
                    EHCPlan(
                        child=kid,
                        request=request,
                        status=PlanStatus.DRAFT,
                        named_setting=kid._setting,
                    )
                )
        AdviceRequest.objects.bulk_create(advice)
        StatutoryException.objects.bulk_create(exceptions)
        AssessmentRequest.objects.bulk_update(
            [r for r in requests if r.exception_applied], ["exception_applied"]
        )
        for plan in plans:
            request = plan.request
            if request.final_issued_on:
                plan.status = PlanStatus.IN_FORCE
                plan.first_issued_on = request.final_issued_on
                pb = rng.random() < 0.08
                plan.personal_budget_taken_up = pb
                plan.direct_payments = pb and rng.random() < 0.5
                plan.organised_arrangements = pb and not plan.direct_payments
                if request.child._stage == "ceased":
                    plan.status = PlanStatus.CEASED
                    plan.ceased_on = min(
                        today,
                        request.final_issued_on + datetime.timedelta(days=rng.randrange(200, 900)),
                    )
                    plan.cease_reason = rng.choice(("2", "3", "4", "5", "6"))
        EHCPlan.objects.bulk_create(plans)
        versions, reviews = [], []
        for plan in plans:
            request = plan.request
            kid = request.child
            sections = _sections(rng, kid._need, kid._setting)
            versions.append(
                PlanVersion(
                    plan=plan,
                    number=1,
                    kind=VersionKind.DRAFT,
                    issued_on=request.draft_served_on,
                    sections=sections,
                    named_setting=kid._setting,
                )
            )
            plan._reviews = []
            if not plan.first_issued_on:
                continue
            versions.append(
                PlanVersion(
                    plan=plan,
                    number=2,
                    kind=VersionKind.FINAL,
                    issued_on=plan.first_issued_on,
                    sections=sections,
                    named_setting=kid._setting,
                    personal_budget_taken_up=plan.personal_budget_taken_up,
                    direct_payments=plan.direct_payments,
                    organised_arrangements=plan.organised_arrangements,
                )
            )
            last_decision = None
            due = timescales.annual_review_due(start=plan.first_issued_on)
            while plan.status == PlanStatus.IN_FORCE and due < today - datetime.timedelta(days=60):
                meeting = due - datetime.timedelta(days=rng.randrange(10, 50))
                notified = meeting + datetime.timedelta(days=rng.randrange(7, 40))
                if notified > today:
                    break
                decision = rng.choices(ReviewDecision.values, weights=[70, 28, 2])[0]
                if decision == ReviewDecision.CEASE:
                    decision = ReviewDecision.MAINTAIN
                reviews.append(
                    AnnualReview(
                        plan=plan,
                        due_on=due,
                        notice_sent_on=meeting - datetime.timedelta(days=rng.randrange(10, 25)),
                        meeting_on=meeting,
                        report_sent_on=meeting + datetime.timedelta(days=rng.randrange(3, 20)),
                        decision=decision,
                        decision_notified_on=notified,
                        proposed_amendments_sent_on=notified
                        if decision == ReviewDecision.AMEND
                        else None,
                        amended_plan_issued_on=notified
                        + datetime.timedelta(days=rng.randrange(30, 70))
                        if decision == ReviewDecision.AMEND
                        and notified + datetime.timedelta(days=70) < today
                        else None,
                        completed=True,
                    )
                )
                last_decision = notified
                due = timescales.annual_review_due(start=notified)
            if plan.status == PlanStatus.IN_FORCE:
                plan.next_review_due_on = due
                year = timescales.school_year_group(kid.date_of_birth, today)
                transfer = None
                if year in (6, 11) and today.month >= 9:
                    transfer = (
                        PhaseTransfer.PRIMARY_TO_SECONDARY
                        if year == 6
                        else PhaseTransfer.SECONDARY_TO_POST16
                    )
                open_review = AnnualReview(
                    plan=plan,
                    due_on=due,
                    kind=ReviewKind.PHASE_TRANSFER if transfer else ReviewKind.ANNUAL,
                    phase_transfer=transfer or "",
                    transfer_year=today.year + 1 if transfer else None,
                    phase_transfer_due_on=timescales.phase_transfer_due(
                        today.year + 1,
                        post16=transfer == PhaseTransfer.SECONDARY_TO_POST16,
                        settings=clock,
                    )
                    if transfer
                    else None,
                    preparing_for_adulthood=timescales.preparing_for_adulthood_applies(
                        kid.date_of_birth, due
                    ),
                )
                if due < today + datetime.timedelta(days=40) and rng.random() < 0.5:
                    open_review.meeting_on = min(
                        today, due - datetime.timedelta(days=rng.randrange(0, 30))
                    )
                    open_review.notice_sent_on = open_review.meeting_on - datetime.timedelta(
                        days=14
                    )
                reviews.append(open_review)
            plan._last_decision = last_decision
        PlanVersion.objects.bulk_create(versions)
        AnnualReview.objects.bulk_create(reviews)
        EHCPlan.objects.bulk_update(
            [p for p in plans if p.next_review_due_on], ["next_review_due_on"]
        )
        reviews_by_plan: dict = {}
        for review in reviews:
            reviews_by_plan.setdefault(review.plan_id, []).append(review)
        deadlines = []
        plan_of = {plan.request_id: plan for plan in plans}
        for request in requests:
            kid = request.child
            plan = plan_of.get(request.pk)
            in_force = plan is not None and plan.status == PlanStatus.IN_FORCE
            deadlines.extend(
                compute_deadline_rows(
                    child=kid,
                    requests=[(request, request._advice, request._exceptions)],
                    reviews=reviews_by_plan.get(plan.pk, []) if in_force else [],
                    appeals=[],
                    today=today,
                )
            )
            for step, on in _steps(request):
                timeline.append(
                    TimelineEvent(
                        child=kid,
                        verb=step,
                        summary=STEP_SUMMARIES[step],
                        happened_on=on,
                        actor=kid.lead_caseworker,
                    )
                )
        StatutoryDeadline.objects.bulk_create(deadlines, batch_size=BATCH)
        AssessmentRequest.objects.bulk_update(
            requests, ["decision_due_on", "not_to_issue_due_on", "final_plan_due_on"]
        )
        AdviceRequest.objects.bulk_update(advice, ["due_on"])
        AnnualReview.objects.bulk_update(
            reviews, ["report_due_on", "decision_due_on", "amended_plan_due_on"]
        )
        TimelineEvent.objects.bulk_create(timeline, batch_size=BATCH)
        created += size
        if bar:
            bar.update(size)
    if bar:
        bar.close()
    # Case references follow the primary key, set in one statement.
    Child.objects.filter(reference__startswith="tmp-").update(
        reference=Concat(Value("SEND-"), LPad(Cast("id", CharField()), 7, Value("0")))
    )
    _reset_sequences()


def _reset_sequences() -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), [Child])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


STEP_SUMMARIES = {
    "request_received": "Request for an EHC needs assessment received",
    "decided_to_assess": "Decided to assess",
    "decided_not_to_assess": "Decided not to assess",
    "decided_not_to_issue": "Decided not to issue an EHC plan",
    "draft_plan_issued": "Draft plan served",
    "final_plan_issued": "Final EHC plan issued",
    "request_withdrawn": "Request withdrawn",
}


def _steps(request):
    yield "request_received", request.received_on
    if request.decision_on:
        yield (
            ("decided_to_assess" if request.decided_to_assess else "decided_not_to_assess"),
            request.decision_on,
        )
    if request.not_to_issue_on:
        yield "decided_not_to_issue", request.not_to_issue_on
    if request.draft_served_on:
        yield "draft_plan_issued", request.draft_served_on
    if request.final_issued_on:
        yield "final_plan_issued", request.final_issued_on
    if request.withdrawn_on:
        yield "request_withdrawn", request.withdrawn_on


def _days(rng, low, high) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randrange(low, high))


def _request_for(rng, kid: Child, today: datetime.date) -> AssessmentRequest:
    """A request at the child's stage, with realistic (sometimes late) dates."""
    stage = kid._stage
    request = AssessmentRequest(
        child=kid, source=rng.choices("12345", weights=[55, 30, 8, 4, 3])[0]
    )
    if stage in ("plan", "ceased"):
        earliest = max(
            kid.date_of_birth + datetime.timedelta(days=400),
            today - datetime.timedelta(days=365 * 8),
        )
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
    received = min(max(received, kid.date_of_birth + datetime.timedelta(days=30)), today)
    request.received_on = received
    if stage == "awaiting_decision":
        request.status = RequestStatus.AWAITING_DECISION
        return request
    if stage == "withdrawn":
        request.status = RequestStatus.WITHDRAWN
        request.withdrawn_on = min(today, received + _days(rng, 7, 40))
        request.withdrawal_reason = "Family withdrew the request"
        return request
    request.decision_on = min(today, received + _days(rng, 25, 50))
    if stage == "not_assessed":
        request.decided_to_assess = False
        request.status = RequestStatus.NOT_ASSESSED
        return request
    request.decided_to_assess = True
    request.status = RequestStatus.ASSESSING
    if stage == "assessing":
        return request
    if stage == "not_issued":
        request.decided_to_issue = False
        request.not_to_issue_on = min(today, received + _days(rng, 90, 130))
        request.status = RequestStatus.NOT_ISSUED
        return request
    request.decided_to_issue = True
    # About half of new plans are issued within 20 weeks, as in England.
    request.draft_served_on = min(today, received + _days(rng, 70, 126))
    request.comments_end_on = timescales.days_beginning_with(request.draft_served_on, 15)
    request.status = RequestStatus.DRAFT_ISSUED
    if stage == "draft":
        return request
    request.final_issued_on = min(today, request.draft_served_on + _days(rng, 15, 50))
    request.status = RequestStatus.PLAN_ISSUED
    return request


# Which Local Offer service types deliver provision in which plan section.
PROVISION_SOURCES = (
    ("F", "Education", "Specialist advice and training for the staff who teach them, each term"),
    ("G", "Health", "Assessment, a programme of therapy and a review every 6 months"),
    ("H2", "Short breaks and leisure", "Short breaks after school and in the holidays"),
)


@transaction.atomic
def build_provision_links(
    *, rng, faker, context: dict, children: int, progress: bool = True
) -> None:
    """Links Local Offer services to provision in about a third of the plans in force."""
    from local_offer.models import Service, ServiceStatus

    from .models import ProvisionLink

    if ProvisionLink.objects.exists():
        return
    by_kind = {
        section: list(
            Service.objects.filter(
                status=ServiceStatus.ACTIVE, attributes__taxonomy_term__name=kind
            ).distinct()
        )
        for section, kind, _text in PROVISION_SOURCES
    }
    texts = {section: text for section, _kind, text in PROVISION_SOURCES}
    plans = EHCPlan.objects.filter(status=PlanStatus.IN_FORCE).values_list("pk", "first_issued_on")
    links = []
    for plan_id, issued_on in plans.iterator():
        if rng.random() > 0.35 or issued_on is None:
            continue
        for section in rng.sample(sorted(by_kind), k=rng.choice((1, 1, 2))):
            if not by_kind[section]:
                continue
            service = rng.choice(by_kind[section])
            links.append(
                ProvisionLink(
                    plan_id=plan_id,
                    section=section,
                    service=service,
                    provision=texts[section],
                    linked_on=issued_on,
                )
            )
    ProvisionLink.objects.bulk_create(links, batch_size=BATCH)
