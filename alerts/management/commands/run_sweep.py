import datetime

from django.core.management.base import BaseCommand

from alerts.sweep import sweep_run


class Command(BaseCommand):
    help = "Run the statutory sweep now: deadline states, alerts, closing done alerts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="as if today were YYYY-MM-DD"
        )

    def handle(self, *args, date=None, **options):
        counts = sweep_run(today=date)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
