"""Load the published aggregate figures (reference data, idempotent): `manage.py load_published_figures`."""

from django.core.management.base import BaseCommand

from pantas.insights import aggregates


class Command(BaseCommand):
    help = "Load the published aggregate figures from pantas/insights/data/published_figures.json."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(aggregates.DATA))

    def handle(self, *args, **options):
        n = aggregates.load(options["file"])
        self.stdout.write(f"{n} published figure cells loaded.")
