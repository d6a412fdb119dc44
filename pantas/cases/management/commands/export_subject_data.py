"""`manage.py export_subject_data --nip 1987…` → JSON of one civil servant's own record (audited)."""

import json

from django.core.management.base import BaseCommand, CommandError

from pantas.cases.subject_export import export_subject
from pantas.lib.nip import normalise


class Command(BaseCommand):
    help = "Ekspor data pribadi satu ASN (hak subjek data, UU 27/2022) sebagai JSON."

    def add_arguments(self, parser):
        parser.add_argument("--nip", required=True)
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, nip, output=None, **options):
        nip = normalise(nip)
        if not nip.isdigit() or len(nip) != 18:
            raise CommandError("invalid NIP")
        text = json.dumps(export_subject(nip), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            self.stdout.write(text)
