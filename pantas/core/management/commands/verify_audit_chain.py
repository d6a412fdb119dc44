"""Verify the audit hash chain; report broken events and the unsealed window. Exit status 1 when broken."""

from django.core.management.base import BaseCommand, CommandError

from pantas.core import audit


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain (optionally sealing pending events first)."

    def add_arguments(self, parser):
        parser.add_argument("--seal", action="store_true", help="seal committed unsealed events first")

    def handle(self, *args, **options):
        if options["seal"]:
            self.stdout.write(f"sealed: {audit.seal()}")
        broken = audit.verify_chain()
        self.stdout.write(f"unsealed: {audit.unsealed_count()}")
        if broken:
            raise CommandError(f"broken: {len(broken)} event(s), ids {broken[:20]}")
        self.stdout.write(self.style.SUCCESS("chain intact"))
