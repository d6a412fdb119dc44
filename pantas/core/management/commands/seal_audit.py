"""Chain the committed, unsealed audit events now (normally the seal task does it after each commit)."""

from django.core.management.base import BaseCommand

from pantas.core import audit


class Command(BaseCommand):
    help = "Seal (hash-chain) every committed audit event that is not sealed yet."

    def handle(self, *args, **options):
        self.stdout.write(f"sealed: {audit.seal()}")
