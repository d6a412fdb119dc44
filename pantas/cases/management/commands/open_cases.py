"""Open cases for every report that still has reported persons without a case (e.g. after a bulk import)."""

from django.core.management.base import BaseCommand, CommandError

from pantas.accounts.models import User
from pantas.cases import services
from pantas.core.errors import DomainError


class Command(BaseCommand):
    help = "Open one case per reported person for reports not yet in a case, acting as --as USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True, help="an intake officer, analyst or lead")
        parser.add_argument("--limit", type=int, default=0)

    def handle(self, *args, username, limit, **options):
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"unknown user {username!r}")
        reports = services.reports_without_case().order_by("received_at", "id")
        if limit:
            reports = reports[:limit]
        opened = 0
        for report in reports:
            try:
                opened += len(services.open_cases_for_report(report, actor))
            except DomainError as exc:
                raise CommandError(f"{report.number}: {exc.message}") from exc
        self.stdout.write(self.style.SUCCESS(f"cases opened or joined: {opened}"))
