"""Times each reporting dashboard for a large council (target: under 300 ms each).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_reporting \\
        .venv/bin/python bench/dashboards.py --plans 25000 --seed 2026 [--keep] [--runs 5]

Works in a throwaway database (`bench_<name>`), never the one in DATABASE_URL. Loads the council
with `manage.py demo_data --children N --seed S` (N chosen to give about --plans plans); if that
command cannot run here, it builds the rows itself with bulk inserts. Then, signed in as a manager,
it requests each dashboard page (whole service and one team) and each figure's CSV, and prints the
median time and the number of queries.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts import roles  # noqa: E402
from accounts.models import Team, User  # noqa: E402
from cases.models import (  # noqa: E402
    AnnualReview,
    Appeal,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    PlanStatus,
    SenNeed,
)
from cases.models.assessments import RequestStatus  # noqa: E402
from cases.models.codes import NeedType, SettingKind, SettingType  # noqa: E402
from cases.timescales import annual_review_due  # noqa: E402

TARGET_MS = 300
PLAN_SHARE = 0.72  # the demo builder's share of children with a plan
BATCH = 5000


def _database(keep: bool) -> str:
    test_settings = connection.settings_dict.setdefault("TEST", {})
    test_settings["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)


def _load_with_demo_data(children: int, seed: int) -> bool:
    try:
        call_command("demo_data", children=children, seed=seed, quiet_progress=True)
    except Exception as error:  # the builder may not be ready yet: fall back to bulk rows
        print(f"demo_data could not run ({type(error).__name__}: {error}); building rows directly")
        return False
    return True


def _bulk_council(plans: int, seed: int) -> None:
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


def _snapshots() -> None:
    from reporting.services import timeliness_snapshot_take

    today = timezone.localdate()
    day = today.replace(day=1) - datetime.timedelta(days=1)
    for _ in range(23):
        timeliness_snapshot_take(on=day)
        day = day.replace(day=1) - datetime.timedelta(days=1)
    timeliness_snapshot_take(on=today)


def _manager() -> User:
    user, _ = User.objects.get_or_create(username="bench_manager")
    # A team manager who is also head of service: the whole-service figures are the head's alone.
    for role in (roles.MANAGER, roles.HEAD_OF_SERVICE):
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    # The team with the most children (demo data may also hold teams with none).
    team = Team.objects.annotate(n=Count("children")).order_by("-n", "pk").first()
    team.managers.add(user)
    return user


def _time(client: Client, url: str, runs: int) -> tuple[float, int]:
    client.get(url)  # warm up
    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    return statistics.median(timings), queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse the bench database if loaded")
    args = parser.parse_args()
    from django.conf import settings

    settings.DEBUG = False
    name = _database(args.keep)
    print(f"Database: {name}")
    if not (args.keep and EHCPlan.objects.exists()):
        started = time.perf_counter()
        if not _load_with_demo_data(int(args.plans / PLAN_SHARE), args.seed):
            _bulk_council(args.plans, args.seed)
        _snapshots()
        connection.cursor().execute("ANALYZE") if connection.vendor == "postgresql" else None
        print(f"Loaded in {time.perf_counter() - started:.0f} s")
    plans = EHCPlan.objects.filter(status=PlanStatus.IN_FORCE).count()
    print(f"Plans in force: {plans:,}; children: {Child.objects.count():,}")
    client = Client(HTTP_HOST="localhost")
    manager = _manager()
    client.force_login(manager)
    team = manager.managed_teams.annotate(n=Count("children")).order_by("-n").first()
    urls = [
        ("/reports/?team=service", "20-week timeliness, whole service"),
        (f"/reports/?team={team.pk}", "20-week timeliness, one team"),
        ("/reports/measures/?team=service", "Statutory measures, whole service"),
        (f"/reports/measures/?team={team.pk}", "Statutory measures, one team"),
        ("/reports/cohort/?team=service", "Cohort, whole service"),
        (f"/reports/cohort/?team={team.pk}&need=ASD", "Cohort, one team, ASD"),
        ("/reports/download.csv?figure=timeliness&team=service", "CSV: timeliness"),
        ("/reports/download.csv?figure=need&team=service", "CSV: plans by need"),
    ]
    worst = 0.0
    print(f"\n{'Dashboard':<40} {'median ms':>10} {'queries':>8}")
    for url, label in urls:
        median, queries = _time(client, url, args.runs)
        worst = max(worst, median)
        flag = "" if median < TARGET_MS else "  over target"
        print(f"{label:<40} {median:>10.1f} {queries:>8}{flag}")
    print(f"\nSlowest: {worst:.1f} ms (target < {TARGET_MS} ms)")
    if not args.keep:
        connection.creation.destroy_test_db(name, verbosity=0)
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
