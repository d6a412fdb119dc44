"""`manage.py bench_soak --minutes 10 --rate 100`: public pages, partner submissions and staff API reads against a
loopback gunicorn (2 workers) for a bounded time; reports errors and worker RSS growth (ADR 0128)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Soak test on loopback: errors and worker RSS growth (target: 0 errors, growth < 10 %)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=float, default=10.0)
        parser.add_argument("--rate", type=float, default=100.0, help="requests started per second")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "var" / "bench" / "soak.json"))

    def handle(self, *args, **options):
        from ...soak import soak

        if not 0 < options["minutes"] <= 120:
            raise CommandError("--minutes must be between 0 and 120 (the soak is bounded).")
        result = soak(options["minutes"], options["rate"], log=self.stdout.write)
        Path(options["output"]).parent.mkdir(parents=True, exist_ok=True)
        Path(options["output"]).write_text(json.dumps(result, indent=1), encoding="utf-8")
        for kind, s in result["by_kind"].items():
            self.stdout.write(
                f"{kind:8} {s['requests']:7} requests, {s['errors']} errors, median {s['median_ms']} "
                f"ms, p99 {s['p99_ms']} ms, statuses {s['status']}"
            )
        self.stdout.write(f"worker RSS growth: {result['worker_rss_growth_pct']} %")
        if not result["ok"]:
            raise CommandError("Soak failed: errors or RSS growth ≥ 10 %.")
        self.stdout.write(self.style.SUCCESS("Soak passed."))
