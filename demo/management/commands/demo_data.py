"""Builds a realistic synthetic council: people, children and their cases, the Local Offer.

Deterministic with --seed; --children scales to 100,000+ (each table written once, in bulk).
Needs the packages in requirements-demo.txt (Faker, tqdm).
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

BUILDERS = (
    # (label, dotted path of a function(*, rng, faker, context, children, progress, jobs))
    ("children and their cases", "demo.cases.build_cases"),
    ("the demo caseworker's named cases", "demo.named.build_named_cases"),
    ("panels", "demo.panels.build_panels"),
    ("the Local Offer", "demo.local_offer.build_local_offer"),
    ("Local Offer services in plans", "demo.provision.build_provision_links"),
    ("partner systems", "demo.partners.build_partners"),
)


class Command(BaseCommand):
    help = "Load demo data: a synthetic council with staff, children, cases and services."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--children", type=int, default=2000)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if demo data exists"
        )
        parser.add_argument("--quiet-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            help="processes sharing the statutory clock's work on large loads (default: the "
            "machine's cores, at most 4)",
        )

    def handle(self, *args, seed, children, if_empty, quiet_progress, jobs, **options):
        from accounts.models import User
        from demo.fake import DemoPackagesMissing, make_faker
        from demo.people import SIGN_INS, TEAM_NAMES, build_people

        if children < 0:
            raise CommandError("--children must be 0 or more")
        if if_empty and User.objects.filter(username=SIGN_INS[0][0]).exists():
            self.stdout.write("Demo data already loaded.")
            self.print_sign_ins()
            return
        try:
            faker = make_faker(seed)
        except DemoPackagesMissing as error:
            raise CommandError(str(error)) from error
        rng = random.Random(seed)
        with transaction.atomic():
            # About 170 children per caseworker, as in real councils (150-250 each).
            per_team = max(4, round(children / (len(TEAM_NAMES) * 170)))
            context = build_people(rng=rng, faker=faker, caseworkers_per_team=per_team)
        for label, path in BUILDERS:
            self.stdout.write(f"Building {label}...", ending="")
            self.stdout.flush()
            started = time.perf_counter()
            import_string(path)(
                rng=rng,
                faker=faker,
                context=context,
                children=children,
                progress=not quiet_progress,
                jobs=jobs,
            )
            self.stdout.write(f" {time.perf_counter() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.print_sign_ins()

    def print_sign_ins(self):
        from accounts import roles
        from demo.people import DEMO_PASSWORD, SIGN_INS

        self.stdout.write("Sign in at http://127.0.0.1:8000 as:")
        for username, _first, _last, role_names, _team, title in SIGN_INS:
            label = ", ".join(roles.LABELS[name] for name in role_names)
            self.stdout.write(f"  {username:<12} {label} ({title}), password: {DEMO_PASSWORD}")
