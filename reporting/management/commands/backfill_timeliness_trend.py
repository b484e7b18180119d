import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.services import BACKFILL_MONTHS, timeliness_snapshots_backfill


class Command(BaseCommand):
    help = (
        "Fill the 20-week trend's past months from the plans on record: one point for the last "
        "day of each month with no snapshot, back to the first plan issued (at most 24 months). "
        "The nightly snapshot does this by itself the first time it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="as if today were YYYY-MM-DD"
        )
        parser.add_argument("--months", type=int, default=BACKFILL_MONTHS)

    def handle(self, *args, date=None, months=BACKFILL_MONTHS, **options):
        days = timeliness_snapshots_backfill(today=date or timezone.localdate(), months=months)
        if not days:
            self.stdout.write("Nothing to fill: every month on record has its point.")
        else:
            self.stdout.write(
                f"Filled {len(days)} months, {days[0]:%B %Y} to {days[-1]:%B %Y}, from the records."
            )
