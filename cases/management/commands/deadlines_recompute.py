"""Recomputes every case's stored deadlines from the clock: after a change to the rules (such as
the annual review period, CFA s44(1)) or to the day-counting setting. The nightly sweep does not
need this; it only moves states on.

Batched: the review dates of a batch of plans, then the deadlines of a batch of cases, each in a
fixed number of queries, not a handful per case."""

from django.core.management.base import BaseCommand

from cases.models import Child, EHCPlan
from cases.services.deadlines import deadlines_refresh_many
from cases.services.reviews import review_due_dates_recompute


def _batches(ids: list[int], size: int):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class Command(BaseCommand):
    help = "Recompute every case's statutory deadlines (and stored review dates) from the clock."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        plan_ids = list(
            EHCPlan.objects.filter(first_issued_on__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        moved = 0
        for ids in _batches(plan_ids, batch):
            moved += review_due_dates_recompute(plan_ids=ids)
        self.stdout.write(f"Review dates brought onto the rule: {moved} moved")
        ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
        done = 0
        for chunk in _batches(ids, batch):
            deadlines_refresh_many(child_ids=chunk)
            done += len(chunk)
            self.stdout.write(f"{done} of {len(ids)} cases")
        self.stdout.write(self.style.SUCCESS("Deadlines recomputed."))
