"""What the forecast pages and API show of a stored run (ADR 0108): one place that reads `ForecastRun` /
`ForecastRow`, so pages and API cannot drift apart. No model is fitted here."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from ..models import ForecastRow, ForecastRun
from .runs import ALL, latest

LEVELS = ("province", "regency", "central")
TOP = 25


@dataclass
class View:
    run: ForecastRun
    election: str  # "" = all target elections

    @classmethod
    def current(cls, election: str | None) -> "View":
        run = latest()
        if run is None:
            raise Http404(_("Belum ada prakiraan."))
        election = election or ALL
        if election != ALL and election not in run.targets:
            raise Http404(_("Pemilihan bukan sasaran prakiraan ini."))
        return cls(run, election)

    @property
    def total(self) -> dict:
        return next(t for t in self.run.totals if t["election"] == self.election)

    @property
    def totals(self) -> list[dict]:
        return [t for t in self.run.totals if t["election"] != ALL]

    @property
    def label(self) -> str:
        return self.total["label"] or _("Semua pemilihan sasaran")

    def rows(self, level: str):
        return ForecastRow.objects.filter(run=self.run, election=self.election, level=level).order_by("rank")

    def province_values(self) -> dict:
        return {r.code: round(r.expected) for r in self.rows("province").only("code", "expected")}

    def regency_values(self, province: str) -> dict:
        return {
            r.code: round(r.expected)
            for r in self.rows("regency").filter(province=province).only("code", "expected")
        }

    @property
    def backtest(self) -> dict:
        return self.run.backtest

    @property
    def reference_point(self) -> dict | None:
        return self.run.checks.get("published_forecast") if self.election == ALL else None


def row_json(row: ForecastRow) -> dict:
    return {
        "rank": row.rank,
        "level": row.level,
        "code": row.code,
        "name": row.name,
        "province": row.province,
        "asn": row.asn,
        "pj_led": row.pj_led,
        "pj_units": row.pj_units,
        "expected": round(row.expected, 2),
        "lower": row.lower,
        "upper": row.upper,
        "p_any": round(row.p_any, 4),
        "rate_per_10000": round(row.rate, 3),
    }
