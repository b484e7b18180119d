"""A council built with bulk inserts, for the dashboards when the demo builder is not wanted
(`bench/dashboards.py --bulk`): requests at every stage over three years, plans with reviews,
phase transfers and appeals; no statutory deadlines, placements or timeline."""

import datetime
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import Team, User
from cases.models import (
    AnnualReview,
    Appeal,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    PlanStatus,
    SenNeed,
)
from cases.models.assessments import RequestStatus
from cases.models.codes import NeedType, SettingKind, SettingType
from cases.timescales import annual_review_due

BATCH = 5000


def bulk_council(plans: int, seed: int) -> None:
    """A council with about `plans` plans, built with bulk inserts: requests at every stage over
    three years, plans with reviews, phase transfers and appeals."""
    rng = random.Random(seed)
    today = timezone.localdate()
    teams = [Team.objects.get_or_create(name=f"Bench team {n}")[0] for n in range(1, 5)]
    group = Group.objects.get_or_create(name=roles.CASEWORKER)[0]
    workers = []
    for n in range(40):
        user, _ = User.objects.get_or_create(
            username=f"bench_worker_{n}", defaults={"team": teams[n % 4], "last_name": f"W{n}"}
        )
        user.groups.add(group)
        workers.append(user)
    types = list(SettingType.values)
    settings = EducationSetting.objects.bulk_create(
        EducationSetting(
            name=f"Bench setting {n}",
            kind=SettingKind.SCHOOL,
            setting_type=types[n % len(types)],
            urn=f"{200000 + n}",
            has_resourced_provision=n % 9 == 0,
            is_out_of_area=n % 23 == 0,
        )
        for n in range(300)
    )
    needs = [v for v in NeedType.values if v != NeedType.NSA]
    start = Child.objects.count()
    children = int(plans / 0.74)  # about 78% of requests lead to a plan, some still open
    for offset in range(0, children, BATCH):
        size = min(BATCH, children - offset)
        kids = Child.objects.bulk_create(
            Child(
                reference=f"SEND-{start + offset + i + 1:07d}",
                forename="Bench",
                surname=f"Child {offset + i}",
                date_of_birth=today - datetime.timedelta(days=rng.randrange(365, 25 * 365)),
                upn="H801200001001",
                team=teams[(offset + i) % 4],
                lead_caseworker=workers[(offset + i) % 40],
            )
            for i in range(size)
        )
        SenNeed.objects.bulk_create(
            SenNeed(child=kid, need_type=rng.choice(needs), rank=1) for kid in kids
        )
        requests, issued = [], []
        for kid in kids:
            received = today - datetime.timedelta(days=rng.randrange(30, 3 * 365))
            decided = received + datetime.timedelta(days=rng.randrange(20, 70))
            roll = rng.random()
            request = AssessmentRequest(child=kid, received_on=received, source="1")
            if roll < 0.8 and decided + datetime.timedelta(days=60) < today:
                final = min(today, decided + datetime.timedelta(days=rng.randrange(40, 300)))
                request.decided_to_assess, request.decision_on = True, min(decided, final)
                request.draft_served_on, request.final_issued_on = final, final
                request.status = RequestStatus.PLAN_ISSUED
                request.exception_applied = rng.random() < 0.08
                issued.append(request)
            elif roll < 0.86 and decided < today:
                request.decided_to_assess, request.decision_on = False, decided
                request.status = RequestStatus.NOT_ASSESSED
            else:
                request.status = rng.choice(
                    [RequestStatus.AWAITING_DECISION, RequestStatus.ASSESSING]
                )
            requests.append(request)
        AssessmentRequest.objects.bulk_create(requests)
        made = EHCPlan.objects.bulk_create(
            EHCPlan(
                child_id=r.child_id,
                request=r,
                status=PlanStatus.IN_FORCE,
                first_issued_on=r.final_issued_on,
                named_setting=rng.choice(settings),
                personal_budget_taken_up=rng.random() < 0.1,
            )
            for r in issued
        )
        AnnualReview.objects.bulk_create(
            AnnualReview(
                plan=plan,
                due_on=annual_review_due(start=plan.first_issued_on),
                meeting_on=plan.first_issued_on + datetime.timedelta(days=330)
                if plan.first_issued_on + datetime.timedelta(days=330) < today
                else None,
                phase_transfer="primary_secondary" if n % 10 == 0 else "",
                phase_transfer_due_on=datetime.date(today.year + 1, 2, 14) if n % 10 == 0 else None,
            )
            for n, plan in enumerate(made)
        )
        Appeal.objects.bulk_create(
            Appeal(
                child_id=r.child_id,
                request=r,
                decision_appealed="plan_content",
                decision_notified_on=r.final_issued_on,
                appeal_registered_on=r.final_issued_on + datetime.timedelta(days=40),
            )
            for r in issued[::50]
            if r.final_issued_on + datetime.timedelta(days=40) <= today
        )
