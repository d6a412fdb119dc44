"""`manage.py backup <dir>`: see pantas.core.backup (ADR 0096)."""

from django.core.management.base import BaseCommand, CommandError

from pantas.core import backup


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas bukti ke direktori kosong, dengan manifest SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.backup(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup: {len(manifest['files'])} files ({manifest['vendor']}) — {directory}")
