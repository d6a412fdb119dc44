"""Demo: a stored forecast on the demo data (runs last in `seed_demo`, after the cases and follow-ups), so
`make run` shows `/data/prakiraan/`. Idempotent: skipped once a run exists."""

from .forecast import runs
from .forecast.report import backtest_report, run_report


def seed(stdout) -> None:
    if runs.latest() is not None:
        stdout.write("  forecast: already present")
        return
    forecast = runs.run()
    stdout.write("  " + run_report(forecast).replace("\n", "\n  "))
    stdout.write("  " + backtest_report(forecast).replace("\n", "\n  "))
