from django.core.management.base import BaseCommand, CommandError

from pantas.accounts.models import User
from pantas.accounts.services import issue_api_token


class Command(BaseCommand):
    help = "Issue a new API token for USERNAME. The token is printed once, alone on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="label for the token")

    def handle(self, *args, username, name, **options):
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user named {username!r}") from None
        token = issue_api_token(user, name=name)
        self.stderr.write(f"Token for {username} (stored hashed; it cannot be shown again):")
        self.stdout.write(token)
