"""`manage.py restore <dir>`: see pantas.core.backup (ADR 0096)."""

from django.core.management.base import BaseCommand, CommandError

from pantas.core import backup


class Command(BaseCommand):
    help = "Pulihkan cadangan (manifest diperiksa dulu) ke basis data kosong."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.restore(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restore: {len(manifest['files'])} files ({manifest['vendor']}) — {directory}")
