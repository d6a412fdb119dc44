"""Import partner reports from an XLSX/CSV file: the same validation and atomic import as the web upload,
without the web's 2,000-row / 5 MB cap (the file is streamed; issue 14, W4: 100k rows).

manage.py import_reports FILE --source bawaslu --org bawaslu-73 [--dry-run] [--user USERNAME]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pantas.accounts.models import Organisation, User
from pantas.core.errors import DomainError
from pantas.intake import spreadsheets
from pantas.intake.models import ImportStatus
from pantas.intake.services import imports


class Progress:
    """A text progress bar on stdout ("\\r" redraws the same line)."""

    def __init__(self, stdout, label: str, width: int = 30):
        self.stdout, self.label, self.width = stdout, label, width

    def __call__(self, done: int, total: int | None) -> None:
        if total is None:  # streaming: the row count is known at the end only
            if done % 5000 == 0:
                self.stdout.write(f"\r{self.label} {done}", ending="")
                self.stdout.flush()
            return
        if total and (done == total or done % max(1, total // 50) == 0):
            filled = int(self.width * done / total)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stdout.write(f"\r{self.label} [{bar}] {done}/{total}", ending="\n" if done == total else "")
            self.stdout.flush()


class Command(BaseCommand):
    help = "Import reports (e.g. Bawaslu forwards) from an XLSX or CSV file; --dry-run only validates."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", required=True, choices=[str(s) for s in imports.IMPORT_SOURCES])
        parser.add_argument("--org", required=True, help="organisation code, e.g. bawaslu-73")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, import nothing")
        parser.add_argument("--user", help="username recorded as the importer (default: system)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        organisation = Organisation.objects.filter(code=options["org"]).first()
        if organisation is None:
            raise CommandError(f"Unknown organisation code: {options['org']}")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Unknown user: {options['user']}")
        data = path.read_bytes()
        source, limits = options["source"], spreadsheets.COMMAND
        if options["dry_run"]:
            self._dry_run(data, path.name, organisation, source)
            return
        try:
            batch = imports.create_batch(data, path.name, organisation, source, actor, limits=limits)
            batch = imports.run_validation(batch, Progress(self.stdout, "validate"), limits=limits)
            if batch.status == ImportStatus.FAILED:
                raise CommandError(batch.error)
            if batch.error_count:
                for row in batch.rows.only("row_number", "errors").iterator(chunk_size=imports.CHUNK):
                    self._errors(row.row_number, row.errors)
            self._summary(batch.row_count, batch.error_count, batch.existing_count)
            if batch.status != ImportStatus.VALIDATED:
                raise CommandError("Nothing imported: fix the rows above and run again.")
            created = imports.confirm_import(batch, actor, progress=Progress(self.stdout, "import  "))
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {created} reports (batch {batch.uuid})."))

    def _dry_run(self, data: bytes, name: str, organisation, source: str) -> None:
        rows = errors = existing = 0
        try:
            raw_rows = spreadsheets.rows(data, name, spreadsheets.COMMAND)
            for result in imports.validate_rows(
                raw_rows, organisation, source, progress=Progress(self.stdout, "validate")
            ):
                rows += 1
                errors += bool(result.errors)
                existing += bool(result.existing_report_id)
                self._errors(result.number, result.errors)
        except spreadsheets.SpreadsheetError as exc:
            raise CommandError(str(exc.message)) from None
        self._summary(rows, errors, existing)
        if errors:
            raise CommandError("Nothing imported: fix the rows above and run again.")
        self.stdout.write("Dry run: nothing imported.")

    def _errors(self, number: int, errors: list) -> None:
        for error in errors:
            self.stdout.write(f"row {number} [{error['column']}]: {error['message']}")

    def _summary(self, rows: int, errors: int, existing: int) -> None:
        self.stdout.write(
            f"{rows} rows, {errors} with errors, {existing} already imported (skipped), "
            f"{rows - errors - existing} new"
        )
