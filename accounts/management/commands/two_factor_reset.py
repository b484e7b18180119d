from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.two_factor import two_factor_reset


class Command(BaseCommand):
    help = "Removes a person's authenticator app and recovery codes; they set it up again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {username!r}") from None
        removed = two_factor_reset(user=user, by=None)
        self.stdout.write(f"Two-factor sign-in reset for {username} ({removed} removed)")
