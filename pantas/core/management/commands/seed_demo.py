"""Load demo data: every installed Pantas app may provide `demo.seed(stdout)`; they run in INSTALLED_APPS
order (registry → accounts → intake → cases → …) and each must be idempotent."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pantas.core import audit


class Command(BaseCommand):
    help = "Load idempotent demo data (requires PANTAS_DEMO=1)."

    def handle(self, *args, **options):
        if not settings.PANTAS_DEMO:
            raise CommandError("Demo data is only loaded with PANTAS_DEMO=1 (never in production).")
        for config in apps.get_app_configs():
            if not config.name.startswith("pantas."):
                continue
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            self.stdout.write(f"{config.label}:")
            import_module(module_name).seed(self.stdout)
        # The demo ends with a sealed chain whatever the task worker has done so far.
        audit.seal()
        if broken := audit.verify_chain():
            raise CommandError(f"Audit chain broken at events {broken[:20]}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
