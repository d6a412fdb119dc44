"""Delete or anonymise personal data past its retention period (P-17, ADR 0095). Run daily (deploy/)."""

from django.core.management.base import BaseCommand

from pantas.core import retention
from pantas.core.locks import single_runner


class Command(BaseCommand):
    help = (
        "Hapus/anonimkan data pribadi yang melewati masa retensi (UU 27/2022); --dry-run hanya menampilkan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be purged, change nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        version = retention.load_rules()
        with single_runner("purge_expired") as acquired:
            if not acquired:
                self.stdout.write("another purge is running; nothing done")
                return
            reports = retention.purge(dry_run=dry_run)
        self.stdout.write(f"retention rules v{version}{' (dry run)' if dry_run else ''}")
        for report in reports:
            if not report.handled:
                self.stdout.write(f"{report.kind}: no handler installed, skipped")
                continue
            done = len(report.items) if dry_run else report.purged
            verb = "would purge" if dry_run else "purged"
            self.stdout.write(f"{report.kind}: {verb} {done} (older than {report.days} days)")
            if dry_run:
                for label in report.labels:
                    self.stdout.write(f"  {label}")
