from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.sweep import sweep_run
from reporting.services import sen2_returns_resume


class Command(BaseCommand):
    help = (
        "The embedded default has no beat: run the nightly sweep at start-up, and start any SEN2 "
        "return still waiting to start."
    )

    def handle(self, *args, **options):
        counts = sweep_run()
        self.stdout.write(
            f"Statutory sweep done: {counts['deadline_alerts']} new deadline alerts, {counts['closed']} closed."
        )
        resumed = sen2_returns_resume(now=timezone.now())
        if resumed["sent_again"] or resumed["stopped"]:
            self.stdout.write(
                f"SEN2 returns: {resumed['sent_again']} started again, {resumed['stopped']} stopped."
            )
