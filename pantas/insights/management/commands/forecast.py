"""`manage.py forecast [--backtest] [--history …] [--targets …]`: fit the violation forecast and store a run
(ADR 0108); with --backtest, print the backtest report (train on the earlier elections, score the later one)."""

from django.core.management.base import BaseCommand, CommandError

from pantas.insights.forecast import runs
from pantas.insights.forecast.report import backtest_report, run_report


class Command(BaseCommand):
    help = "Fit and store the violation forecast; --backtest prints the backtest errors."

    def add_arguments(self, parser):
        parser.add_argument("--backtest", action="store_true", help="print the backtest report")
        parser.add_argument("--history", nargs="+", help="training elections (default: the reference file's)")
        parser.add_argument(
            "--targets", nargs="+", help="elections to forecast (default: the reference file's)"
        )
        parser.add_argument("--draws", type=int, default=runs.model.DRAWS)
        parser.add_argument("--seed", type=int, default=runs.SEED)

    def handle(self, *args, **options):
        if not 100 <= options["draws"] <= 50_000:
            raise CommandError("--draws must be between 100 and 50000")
        try:
            forecast = runs.run(
                history=options["history"],
                targets=options["targets"],
                draws=options["draws"],
                seed=options["seed"],
            )
        except runs.ForecastError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(run_report(forecast))
        if options["backtest"]:
            self.stdout.write(backtest_report(forecast))
