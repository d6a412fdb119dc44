"""Forecast features (ADR 0106): the voting units of an election with their exposure and covariates, and their
case counts — reference data through `registry.facts`, counts through the statistics layer (`stats.Query`, one
grouped SQL statement for every election at once; no query per region).

A unit is a kabupaten/kota (code "73.71"), a provincial government ("73": cases with a province and no
kabupaten/kota, and Jakarta's administrative units, which have no PPK of their own) or the central agencies
("pusat": cases with no region). Covariate facts that are not reference data yet come from
`data/forecast_reference.json` (versioned, each with its source; derived ones say how).
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

from pantas.registry import facts as registry_facts

from ..stats import Query

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "forecast_reference.json"
CENTRAL = "pusat"


@cache
def _reference_text(path: Path = REFERENCE) -> str:
    return path.read_text(encoding="utf-8")


def reference(path: Path = REFERENCE) -> dict:
    text = _reference_text(path)
    data = json.loads(text)
    data["checksum"] = hashlib.sha256(text.encode()).hexdigest()
    return data


@dataclass
class Regions:
    """The reference regions, read once per run."""

    provinces: dict  # code → name
    regencies: dict  # code → {"province", "name", "autonomous"}
    elections: dict  # code → registry facts of the election

    @classmethod
    def load(cls) -> "Regions":
        return cls(
            registry_facts.provinces(),
            {r["code"]: r for r in registry_facts.regencies()},
            registry_facts.elections(),
        )

    def unit_of(self, province: str | None, regency: str | None) -> str:
        if regency and self.regencies.get(regency, {}).get("autonomous"):
            return regency
        if province or regency:
            return province or regency[:2]
        return CENTRAL

    def autonomous(self) -> list[str]:
        return [code for code, r in self.regencies.items() if r["autonomous"]]


def case_counts(elections: list[str], as_of: date | None = None) -> dict[str, dict[str, int]]:
    """Election → unit → reported ASN (cases), from one grouped statistics query."""
    regions = Regions.load()
    rows = Query(
        filters={"election": list(elections)},
        group_by=("election", "province", "regency"),
        as_of=as_of,
        medians=False,
    ).rows()
    counts: dict[str, dict[str, int]] = {code: {} for code in elections}
    for r in rows:
        unit = regions.unit_of(r["province"], r["regency"])
        by_unit = counts.setdefault(r["election"], {})
        by_unit[unit] = by_unit.get(unit, 0) + r["reported"]
    return counts


@dataclass
class Unit:
    code: str
    level: str  # "regency" | "province" | "central"
    province: str
    name: str
    asn: int
    pj: bool
    regional: bool
    y: int = 0
    extra: dict = field(default_factory=dict)

    def row(self) -> dict:
        return {
            "y": self.y,
            "asn": self.asn,
            "regional": int(self.regional),
            "province_gov": int(self.level == "province"),
            "central": int(self.level == "central"),
            "pj": int(self.pj),
            "past": self.extra.get("past", 0.0),
        }


class Features:
    """Builds the units of any election from the reference data and the case counts."""

    def __init__(self, ref: dict, regions: Regions, counts: dict[str, dict[str, int]], history: list[str]):
        self.ref, self.regions, self.counts = ref, regions, counts
        self.history = sorted(history, key=lambda e: regions.elections[e]["voting_date"])
        self.notes: list[str] = []

    def past(self, election: str, code: str) -> float:
        """log(1 + the unit's mean count over the history elections held before `election`); 0 when none."""
        day = self.regions.elections[election]["voting_date"]
        before = [e for e in self.history if self.regions.elections[e]["voting_date"] < day]
        if not before:
            return 0.0
        return float(np.log1p(sum(self.counts.get(e, {}).get(code, 0) for e in before) / len(before)))

    # --- covariates ---------------------------------------------------------------------------------
    def asn_total(self, election: str) -> int:
        day = self.regions.elections[election]["voting_date"]
        series = sorted(self.ref["asn_national"], key=lambda f: f["as_of"])
        chosen = series[0]
        for figure in series:
            if date.fromisoformat(figure["as_of"]) <= day:
                chosen = figure
        return int(chosen["total"])

    def asn(self, election: str, code: str, level: str) -> int:
        listed = self.ref.get("asn_by_region") or {}
        if code in listed:
            return int(listed[code])
        total = self.asn_total(election)
        central = round(total * self.ref["central_share"]["value"])
        if level == "central":
            return central
        governments = len(self.regions.provinces) + len(self.regions.autonomous())
        return max(1, round((total - central) / governments))

    def voting(self, election: str) -> tuple[list[str], list[str]]:
        """(provinces, kabupaten/kota) voting in a regional election: the registry's lists, or the derivation
        the reference data name for it."""
        meta = self.regions.elections[election]
        provinces, regencies = list(meta["provinces"]), list(meta["regencies"])
        if not regencies:
            rule = self.ref["voting_regions"]["derive_when_missing"].get(election, {}).get("rule")
            if rule == "regions_with_cases":
                seen = self.counts.get(election, {})
                regencies = [c for c in self.regions.autonomous() if seen.get(c)]
                self.notes.append(f"{election}: kabupaten/kota derived from cases ({len(regencies)})")
        autonomous = set(self.regions.autonomous())
        return provinces, [r for r in regencies if r in autonomous]

    def pj_led(self, election: str) -> set[str]:
        spec = self.ref["pj_led"].get(election) or {}
        if spec.get("rule") == "autonomous_not_voting_in":
            _provinces, voted = self.voting(spec["election"])
            return set(self.regions.autonomous()) - set(voted)
        return set(spec.get("regions") or [])

    # --- units --------------------------------------------------------------------------------------
    def units(self, election: str) -> list[Unit]:
        meta = self.regions.elections[election]
        regional = meta["kind"] == "regional"
        if regional:
            provinces, regencies = self.voting(election)
        else:
            provinces, regencies = list(self.regions.provinces), self.regions.autonomous()
        pj = self.pj_led(election)
        counts = self.counts.get(election, {})
        units = [
            Unit(
                p,
                "province",
                p,
                self.regions.provinces[p],
                self.asn(election, p, "province"),
                False,
                regional,
            )
            for p in provinces
        ]
        units += [
            Unit(
                r,
                "regency",
                self.regions.regencies[r]["province"],
                self.regions.regencies[r]["name"],
                self.asn(election, r, "regency"),
                r in pj,
                regional,
            )
            for r in regencies
        ]
        if not regional:
            units.append(
                Unit(CENTRAL, "central", "", "", self.asn(election, CENTRAL, "central"), False, False)
            )
        for u in units:
            u.y = counts.get(u.code, 0)
            u.extra["past"] = self.past(election, u.code)
        return units

    def outside(self, election: str, units: list[Unit]) -> int:
        """Cases of the election in no voting unit (e.g. a kabupaten that was not on the list)."""
        inside = {u.code for u in units}
        return sum(n for code, n in self.counts.get(election, {}).items() if code not in inside)
