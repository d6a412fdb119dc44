"""Import historical merit results from CSV/XLSX through the same preview → commit services as the page."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pantas.accounts.models import User
from pantas.core.errors import DomainError
from pantas.merit.models import InstrumentVersion, VersionStatus
from pantas.merit.services import imports as svc


class Command(BaseCommand):
    help = "Check (and with --commit save) historical results: columns instansi, tahun, skor, kategori."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--instrument", required=True, help="instrument code, e.g. kasn-sistem-merit")
        parser.add_argument(
            "--instrument-version", type=int, help="version number (default: the latest published)"
        )
        parser.add_argument("--user", required=True, help="username of the importing assessor/administrator")
        parser.add_argument("--commit", action="store_true", help="save the rows when every row is valid")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"unknown user {options['user']!r}")
        versions = InstrumentVersion.objects.filter(instrument__code=options["instrument"]).exclude(
            status=VersionStatus.DRAFT
        )
        if options["instrument_version"]:
            versions = versions.filter(number=options["instrument_version"])
        version = versions.order_by("-number").first()
        if version is None:
            raise CommandError("no published version of that instrument")
        path: Path = options["file"]
        try:
            batch = svc.preview_import(user, version=version, name=path.name, data=path.read_bytes())
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for row in batch.rows:
            if row["errors"]:
                self.stdout.write(f"  baris {row['line']}: " + "; ".join(row["errors"]))
        self.stdout.write(f"{batch.row_count} baris, {batch.error_count} bermasalah (impor #{batch.pk}).")
        if not options["commit"]:
            return
        if batch.error_count:
            raise CommandError("tidak disimpan: perbaiki baris yang bermasalah")
        try:
            count = svc.commit_import(batch, user)
        except (ValidationError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} hasil disimpan."))
