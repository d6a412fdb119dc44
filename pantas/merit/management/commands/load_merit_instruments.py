"""Load the merit instruments shipped in pantas/merit/data/instruments/ (idempotent: unchanged files are skipped)."""

from django.core.management.base import BaseCommand

from pantas.merit.reference import load_all


class Command(BaseCommand):
    help = "Load the shipped merit/NKK instruments as published versions (skips files already loaded)."

    def handle(self, *args, **options):
        versions = load_all()
        for version in versions:
            self.stdout.write(f"  {version}")
        self.stdout.write(self.style.SUCCESS(f"Merit instruments: {len(versions)} new version(s)."))
