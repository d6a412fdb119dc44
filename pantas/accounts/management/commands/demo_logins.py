from django.conf import settings
from django.core.management.base import BaseCommand

from pantas.accounts.demo import CAST, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo users, their organisations and roles, and the demo password."

    def handle(self, *args, **options):
        if not settings.PANTAS_DEMO:
            self.stdout.write("Not in demo mode: there are no demo logins.")
            return
        width = max(len(c[0]) for c in CAST)
        self.stdout.write("")
        self.stdout.write(f"{'username'.ljust(width)}  roles / organisation")
        self.stdout.write(f"{'-' * width}  {'-' * 50}")
        for username, _name, org, roles in CAST:
            self.stdout.write(f"{username.ljust(width)}  {', '.join(str(r.value) for r in roles)} @ {org}")
        self.stdout.write(f"\nPassword for every demo user: {DEMO_PASSWORD}\n")
