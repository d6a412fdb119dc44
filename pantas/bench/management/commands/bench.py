"""`manage.py bench [--only W2 W8 …] [--scale 1.0] [--seconds 20]`: run the issue-14 workloads against this
database (PostgreSQL), print median/p95/p99/throughput/peak RSS and the ratio to raw SQL or a bare view, and
write `var/bench/latest.json` (ADR 0126)."""

import json
import platform
import subprocess
import time
import traceback
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

ORDER = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]


class Command(BaseCommand):
    help = "Run the W1–W8 benchmarks (PostgreSQL) and write var/bench/latest.json."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="+", choices=ORDER, help="workloads to run (default: all)")
        parser.add_argument("--scale", type=float, default=1.0, help="size of the generated work (W4, W5)")
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--budget", type=float, default=60.0, help="seconds per measured path, at most")
        parser.add_argument("--seconds", type=float, default=20.0, help="load duration of W1 and W6")
        parser.add_argument("--clients", type=int, default=32)
        parser.add_argument("--timeout", type=float, default=900.0, help="limit for W4/W5 children")
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "var" / "bench" / "latest.json")
        )

    def handle(self, *args, **options):
        from ...harness import Result
        from ...server import SERVER
        from ...workloads import IN_PROCESS, Options

        if connection.vendor != "postgresql":
            raise CommandError(
                "manage.py bench measures PostgreSQL; set DATABASE_URL to a PostgreSQL database."
            )
        call_command(
            "createcachetable", "pantas_cache"
        )  # the bench server uses the demo settings' database cache
        opts = Options(options["scale"], options["repeat"], options["budget"], options["timeout"])
        results, failed = [], False
        for name in options["only"] or ORDER:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{name} …"))
            start = time.perf_counter()
            try:
                if name in SERVER:
                    result = SERVER[name](opts, clients=options["clients"], seconds=options["seconds"])
                else:
                    result = IN_PROCESS[name](opts)
            except Exception:  # noqa: BLE001 - one broken workload must not hide the others' numbers
                result = Result(name, "failed", met=False, notes=[traceback.format_exc()[-1500:]])
                failed = True
            self.stdout.write(render(result.as_dict(), time.perf_counter() - start))
            results.append(result.as_dict())
        report = {
            "machine": machine(),
            "database": database(),
            "options": {k: options[k] for k in ("only", "scale", "repeat", "budget", "seconds", "clients")},
            "results": results,
        }
        path = Path(options["output"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
        self.stdout.write(f"Written {path}")
        if failed:
            raise CommandError("A workload failed (its traceback is in the report).")


def render(result: dict, elapsed: float) -> str:
    lines = [f"{result['workload']}  {result['title']}  (target: {result['target']})"]
    head = f"  {'':58} {'median':>9} {'p95':>9} {'p99':>9} {'ops/s':>9} {'RSS MB':>7} {'err':>4}"
    lines.append(head)
    for p in result["parts"]:

        def f(v, fmt="9.2f"):
            return format(v, fmt) if isinstance(v, int | float) else format("-", ">" + fmt.split(".")[0])

        lines.append(
            f"  {p['name'][:58]:58} {f(p['median_ms'])} {f(p['p95_ms'])} {f(p['p99_ms'])} "
            f"{f(p['throughput_per_s'])} {f(p['peak_rss_mb'], '7.0f')} {p['errors']:4d}"
        )
        if p.get("note") and (p["errors"] or len(p["note"]) < 200):
            lines.append(f"      {p['note'][:300]}")
    verdict = {True: "MET", False: "MISSED", None: "?"}[result["met"]]
    lines.append(f"  ratio {result['ratio']} ({result['ratio_kind']}) → {verdict}  [{elapsed:.0f} s]")
    lines.extend(f"  note: {n}" for n in result["notes"])
    return "\n".join(lines)


def machine() -> dict:
    import os

    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = fh.readline().split(":")[1].strip()
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "memory": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load": os.getloadavg(),
    }


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        counts = {}
        for table in (
            "registry_civilservant",
            "registry_agency",
            "intake_report",
            "cases_case",
            "cases_recommendation",
            "followup_followup",
        ):
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
            row = cursor.fetchone()
            counts[table] = row[0] if row else None
    try:
        commit = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "postgresql": version,
        "name": connection.settings_dict["NAME"],
        "rows_estimate": counts,
        "commit": commit,
    }
