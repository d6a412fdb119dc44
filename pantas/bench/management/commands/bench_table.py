"""`manage.py bench_table var/bench/latest.json [--before var/bench/before.json]`: the W1–W8 table of
docs/benchmarks.md (Markdown) from the bench's JSON, with the before/after medians when both are given."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand


def _fmt(v, unit=""):
    if v is None:
        return "–"
    return f"{v:,.1f}{unit}" if isinstance(v, float) else f"{v}{unit}"


class Command(BaseCommand):
    help = "Print the benchmark table (Markdown) from var/bench/*.json."

    def add_arguments(self, parser):
        parser.add_argument("report")
        parser.add_argument("--before")

    def handle(self, *args, report, before=None, **options):
        after = json.loads(Path(report).read_text(encoding="utf-8"))
        old = {}
        if before:
            for r in json.loads(Path(before).read_text(encoding="utf-8"))["results"]:
                old.update({(r["workload"], p["name"]): p for p in r["parts"]})
        out = [
            "| W | path | median ms | p95 ms | p99 ms | ops/s | peak RSS MB | errors |"
            + (" before: median ms |" if before else ""),
            "|---|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if before else ""),
        ]
        for r in after["results"]:
            for p in r["parts"]:
                prev = old.get((r["workload"], p["name"]), {})
                out.append(
                    f"| {r['workload']} | {p['name']} | {_fmt(p['median_ms'])} | {_fmt(p['p95_ms'])} | "
                    f"{_fmt(p['p99_ms'])} | {_fmt(p['throughput_per_s'])} | {_fmt(p['peak_rss_mb'])} | "
                    f"{p['errors']} |" + (f" {_fmt(prev.get('median_ms'))} |" if before else "")
                )
            verdict = {True: "**met**", False: "**missed**", None: "?"}[r["met"]]
            out.append(
                f"| {r['workload']} | *ratio {_fmt(r['ratio'])} ({r['ratio_kind']}); target: {r['target']}* "
                f"| | | | | | {verdict} |" + (" |" if before else "")
            )
        self.stdout.write("\n".join(out))
