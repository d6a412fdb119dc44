"""Import partner reports from an XLSX/CSV file: the same validation and atomic import as the web upload.

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

    def __call__(self, done: int, total: int) -> None:
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
        try:
            raw_rows = spreadsheets.read(data, path.name)
        except spreadsheets.SpreadsheetError as exc:
            raise CommandError(str(exc.message)) from None
        results = imports.validate_rows(
            raw_rows, organisation, options["source"], progress=Progress(self.stdout, "validate")
        )
        errors = [r for r in results if r.errors]
        existing = sum(1 for r in results if r.existing_report_id)
        for row in errors:
            for error in row.errors:
                self.stdout.write(f"row {row.number} [{error['column']}]: {error['message']}")
        self.stdout.write(
            f"{len(results)} rows, {len(errors)} with errors, {existing} already imported (skipped), "
            f"{len(results) - len(errors) - existing} new"
        )
        if errors:
            raise CommandError("Nothing imported: fix the rows above and run again.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing imported.")
            return
        try:
            batch = imports.create_batch(data, path.name, organisation, options["source"], actor)
            batch = imports.run_validation(batch)
            if batch.status != ImportStatus.VALIDATED:
                raise CommandError(batch.error or "The file changed between validation and import.")
            created = imports.confirm_import(batch, actor, progress=Progress(self.stdout, "import  "))
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {created} reports (batch {batch.uuid})."))
