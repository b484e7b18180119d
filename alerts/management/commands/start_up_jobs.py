from django.core.management.base import BaseCommand

from alerts.sweep import sweep_run


class Command(BaseCommand):
    help = "The embedded default has no beat: run the nightly sweep at start-up."

    def handle(self, *args, **options):
        counts = sweep_run()
        self.stdout.write(
            f"Statutory sweep done: {counts['deadline_alerts']} new deadline alerts, {counts['closed']} closed."
        )
