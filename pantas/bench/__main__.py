"""`python -m pantas.bench [--quick]`: build a PostgreSQL database with reference + demo data, then time each
benchmark against its raw SQL. Exit status 1 when a ratio exceeds its budget."""

import argparse
import io
import json
import os
import statistics
import sys
import time
from importlib import import_module
from importlib.util import find_spec


def _prepare_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _time(fn, repeat: int) -> float:
    fn()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--output", default="var/bench.json")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pantas_bench")
    _prepare_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("PANTAS_DEMO", "1")
    os.environ["DEBUG"] = "0"  # DEBUG records every query: it would measure Django's debug overhead
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantas.settings.dev")

    import django
    from django.core.management import call_command

    django.setup()
    from django.apps import apps
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("sync_ppk_offices", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())

    benches = []
    for config in apps.get_app_configs():
        module = f"{config.name}.bench"
        if config.name.startswith("pantas.") and find_spec(module):
            benches.extend(import_module(module).BENCHMARKS)

    def raw(bench):
        params = bench.params() if callable(bench.params) else bench.params

        def run():
            with connection.cursor() as cursor:
                cursor.execute(bench.raw_sql, params)
                cursor.fetchall()

        return run

    results, failed = [], False
    print(f"{'benchmark':48} {'app ms':>9} {'raw ms':>9} {'ratio':>7} {'budget':>7}")
    for bench in benches:
        app_s, raw_s = _time(bench.run, args.repeat), _time(raw(bench), args.repeat)
        ratio = app_s / raw_s if raw_s else float("inf")
        ok = ratio <= bench.budget
        failed |= not ok
        results.append(
            {
                "name": bench.name,
                "app_ms": app_s * 1000,
                "raw_ms": raw_s * 1000,
                "ratio": ratio,
                "budget": bench.budget,
                "ok": ok,
            }
        )
        print(
            f"{bench.name:48} {app_s * 1000:9.2f} {raw_s * 1000:9.2f} {ratio:7.2f} {bench.budget:7.1f}"
            f"{'' if ok else '  OVER BUDGET'}"
        )
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
