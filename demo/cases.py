"""Demo cases: a realistic synthetic council built with bulk inserts, deterministic by seed.

Children and young people aged 0-25 with primary needs in the national shares, settings with
URNs, requests at every stage, plans in force with reviews due, some deadlines missed, some
exceptions, appeals. Synthetic names only; UPNs and ULNs carry valid check characters.
"""

import datetime

from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad
from django.utils import timezone

from cases import identifiers, timescales
from cases.models import (
    AdviceRequest,
    AnnualReview,
    AssessmentRequest,
    Child,
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
from cases.models.codes import (
    AdviserType,
    Ethnicity,
    PhaseTransfer,
    ReviewDecision,
    ReviewKind,
    SettingKind,
)
from cases.services.deadlines import clock_settings, compute_deadline_rows

from .council import (
    BATCH,
    NEED_SHARES,
    STAGES,
    _age_years,
    _sections,
    _setting_for,
    _settings,
    _weighted,
)


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
