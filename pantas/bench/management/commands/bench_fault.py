"""`manage.py bench_fault postgres-restart --cluster 15/main` / `bench_fault worker-kill`: fault scenarios on
loopback (ADR 0128). Restarting a shared cluster disconnects every client of it: use a dedicated cluster."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Fault scenarios: PostgreSQL restart under intake load; task worker killed during escalations."

    def add_arguments(self, parser):
        parser.add_argument("scenario", choices=["postgres-restart", "worker-kill"])
        parser.add_argument("--cluster", default="15/main", help="pg_ctlcluster version/name to restart")
        parser.add_argument("--seconds", type=float, default=40.0)
        parser.add_argument("--rate", type=float, default=20.0)
        parser.add_argument("--overdue", type=int, default=200)

    def handle(self, *args, scenario, **options):
        from ...soak import postgres_restart, worker_kill

        if scenario == "postgres-restart":
            result = postgres_restart(
                options["cluster"], options["seconds"], options["rate"], log=self.stdout.write
            )
        else:
            result = worker_kill(options["overdue"], log=self.stdout.write)
        out = Path(settings.BASE_DIR) / "var" / "bench" / f"fault-{scenario}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        self.stdout.write(json.dumps(result, default=str))
        if not result["ok"]:
            raise CommandError(f"{scenario}: failed")
        self.stdout.write(self.style.SUCCESS(f"{scenario}: passed"))
