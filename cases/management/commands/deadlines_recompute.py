"""Recomputes every case's stored deadlines from the clock: after a change to the rules or to the
day-counting setting. The nightly sweep does not need this; it only moves states on."""

from django.core.management.base import BaseCommand

from cases.models import Child
from cases.services.deadlines import deadlines_refresh


class Command(BaseCommand):
    help = "Recompute every case's statutory deadlines from the clock."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            for child in Child.objects.filter(pk__in=ids[start : start + batch]):
                deadlines_refresh(child=child)
            self.stdout.write(f"{min(start + batch, len(ids))} of {len(ids)} cases")
        self.stdout.write(self.style.SUCCESS("Deadlines recomputed."))
