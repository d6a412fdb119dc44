"""`manage.py generate_scale_data [--scale 0.001 | --cases N …] [--seed 14]`: national-scale data for the
benchmarks (PostgreSQL only, into a dedicated database; ADR 0125)."""

import time
from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

MARKER = "bench-scale-data"


class Command(BaseCommand):
    help = "Generate national-scale data (5.6M ASN, 1M reports and cases, 100k recommendations) with COPY."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)"
        )
        parser.add_argument("--seed", type=int, default=14)
        parser.add_argument("--asn", type=int)
        parser.add_argument("--agencies", type=int)
        parser.add_argument("--cases", type=int)
        parser.add_argument("--recommendations", type=int)
        parser.add_argument("--today", type=date.fromisoformat, help="the generation date (default: today)")

    def handle(self, *args, **options):
        from pantas.registry.models import Province, ReferenceDataset

        from ...scale import Generator, Sizes

        if connection.vendor != "postgresql":
            raise CommandError(
                "generate_scale_data needs PostgreSQL (COPY, index rebuilds); this database is "
                f"{connection.vendor}. Use a dedicated database, e.g. "
                "DATABASE_URL=postgres://postgres@127.0.0.1:5432/pantas_bench."
            )
        if not Province.objects.exists():
            raise CommandError(
                "Load the reference data first: manage.py migrate && manage.py load_reference."
            )
        if ReferenceDataset.objects.filter(code=MARKER).exists():
            raise CommandError("Scale data is already present in this database; generate into a fresh one.")
        sizes = Sizes.at(
            options["scale"],
            asn=options["asn"],
            agencies=options["agencies"],
            cases=options["cases"],
            recommendations=options["recommendations"],
        )
        today = options["today"] or timezone.localdate()
        self.stdout.write(f"Generating {sizes} with seed {options['seed']} as of {today}")
        call_command("sync_ppk_offices", verbosity=0)
        start = time.perf_counter()
        generator = Generator(sizes, options["seed"], today, log=self.stdout.write)
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
        generator.load_reference()
        generator.generate_asn()
        generator.generate_cases()
        generator.generate_follow_ups()
        generator.facts()
        generator.analyse()
        ReferenceDataset.objects.create(
            code=MARKER,
            title="Bench scale data",
            version=f"seed {options['seed']}",
            legal_source=f"generated: {sizes}",
            effective_date=today,
            checksum="",
        )
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - start:.0f} s."))
