from django.core.management.base import BaseCommand

from pantas.registry.reference import load_all


class Command(BaseCommand):
    help = (
        "Load versioned reference data (regions, agencies, elections, authorities, catalogues). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even when a file is unchanged")

    def handle(self, *args, force=False, **options):
        loaded = load_all(force=force)
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {', '.join(loaded)}"))
        else:
            self.stdout.write("Reference data already up to date.")
