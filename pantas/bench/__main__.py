"""`python -m pantas.bench [bench options]` (what `make bench` runs): the issue-14 workloads against the bench
database — `BENCH_DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/pantas_bench. The database must hold
reference data (and, for national-scale numbers, `manage.py generate_scale_data`); see docs/benchmarks.md."""

import os
import sys


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pantas_bench")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("PANTAS_DEMO", "1")
    os.environ["DEBUG"] = "0"  # DEBUG records every query: it would measure Django's debug overhead
    os.environ["DJANGO_SETTINGS_MODULE"] = "pantas.settings.bench"
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "bench", *sys.argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
