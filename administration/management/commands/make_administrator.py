"""The first administrator: `manage.py make_administrator USERNAME`. Gives an existing account
(for example one made with `createsuperuser`) the administrator role, or creates the account and
prints a one-time password. Everything after that is done in the portal, at /administration/."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from administration.services import administrator_promote


class Command(BaseCommand):
    help = "Make a user the portal's administrator (creating the account if it does not exist)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, username, email, first_name, last_name, **options):
        try:
            user, password = administrator_promote(
                username=username, email=email, first_name=first_name, last_name=last_name
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if password:
            self.stdout.write(f"Created {user.username} as an administrator.")
            self.stdout.write(f"One-time sign-in password (shown only now): {password}")
        else:
            self.stdout.write(f"{user.username} is now an administrator.")
        self.stdout.write("Sign in and open /administration/ to set up the council.")
