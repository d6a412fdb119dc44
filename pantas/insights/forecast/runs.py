"""Forecast runs (ADR 0107, 0108): fit on the history elections, backtest (train on the earlier elections,
score the later one), simulate the target elections and persist a `ForecastRun` with its rows — off the
request path (`manage.py forecast`, the demo seed). Pages and the API read `latest()`."""

from datetime import date

import numpy as np
from django.db import transaction

from ..models import ForecastRow, ForecastRun, PublishedFigure
from . import model
from .features import CENTRAL, Features, Regions, case_counts, reference

SEED = 20240214
KEEP = 10
ALL = ""  # the scope of all target elections together


class ForecastError(ValueError):
    pass


def latest() -> ForecastRun | None:
    return ForecastRun.objects.order_by("-created_at", "-id").first()


def _features(history: list[str], targets: list[str], as_of: date | None) -> Features:
    regions = Regions.load()
    elections = sorted(set(history) | set(targets))
    unknown = [e for e in elections if e not in regions.elections]
    if unknown:
        raise ForecastError(f"unknown election(s): {', '.join(unknown)}")
    return Features(reference(), regions, case_counts(elections, as_of), history)


def _training_rows(feats: Features, elections: list[str]) -> list[dict]:
    return [u.row() for e in elections for u in feats.units(e)]


def backtest(feats: Features, history: list[str], *, draws=model.DRAWS, seed=SEED, level=model.LEVEL) -> dict:
    """Every fold "train on the elections before T, score T" over the history (chronological)."""
    folds = []
    for i, target in enumerate(history):
        train = history[:i]
        rows = _training_rows(feats, train)
        if not rows or not sum(r["y"] for r in rows):
            continue
        fitted = model.fit(rows)
        units = feats.units(target)
        simulated = model.simulate(fitted, [u.row() for u in units], draws, seed + i)
        fold = model.score(np.array([u.y for u in units]), simulated, level)
        fold.update(
            train=train,
            target=target,
            target_label=feats.regions.elections[target]["name"],
            family=fitted.family,
            dropped=fitted.dropped,
            outside=feats.outside(target, units),
        )
        folds.append(fold)
    return {"folds": folds, "summary": summary(folds, level)}


def summary(folds: list[dict], level: float) -> dict:
    """MAE and MAPE of the totals over the folds, region MAE and interval coverage (mean over folds)."""
    if not folds:
        return {"folds": 0, "level": level}
    mean = lambda key: float(np.mean([f[key] for f in folds if f[key] is not None]))  # noqa: E731
    return {
        "folds": len(folds),
        "level": level,
        "total_mae": mean("total_abs_error"),
        "total_mape": mean("total_ape"),
        "total_coverage": float(np.mean([f["total_covered"] for f in folds])),
        "region_mae": mean("region_mae"),
        "region_coverage": mean("region_coverage"),
    }


def _scope_rows(
    units: list, simulated: np.ndarray, means: np.ndarray, level: float, election: str
) -> tuple[list[dict], dict]:
    """Rows of one scope: each unit, each province (its kabupaten/kota + its government), and the total. The
    expected values are the model's means (`means`, noise-free); intervals and P(≥1) come from the draws."""
    stats = model.summarise(simulated, level)
    stats["expected"] = means
    rows = []
    for j, u in enumerate(units):
        rows.append(
            {
                "election": election,
                "level": u.level,
                "code": u.code,
                "province": u.province,
                "name": u.name,
                "asn": u.asn,
                "pj_led": u.pj,
                "pj_units": int(u.pj),
                **{k: float(stats[k][j]) for k in ("expected", "lower", "upper", "p_any")},
            }
        )
    provinces = sorted({u.province for u in units if u.province})
    if provinces:
        member = np.array([[u.province == p for p in provinces] for u in units], dtype=float)
        by_province = model.summarise(simulated @ member, level)
        by_province["expected"] = means @ member
        for k, p in enumerate(provinces):
            inside = [u for u in units if u.province == p]
            rows.append(
                {
                    "election": election,
                    "level": "province_total",
                    "code": p,
                    "province": p,
                    "name": "",
                    "asn": sum(u.asn for u in inside),
                    "pj_led": False,
                    "pj_units": sum(u.pj for u in inside),
                    **{key: float(by_province[key][k]) for key in ("expected", "lower", "upper", "p_any")},
                }
            )
    total = model.summarise(simulated.sum(axis=1, keepdims=True), level)
    total["expected"] = np.array([means.sum()])
    return rows, {key: float(total[key][0]) for key in ("expected", "lower", "upper")}


def _combined(per_election: list[tuple[list, np.ndarray, np.ndarray]]):
    """All target elections together: the same unit's draws (and means) added across elections."""
    index, units = {}, []
    for election_units, _draws, _means in per_election:
        for u in election_units:
            if u.code not in index:
                index[u.code] = len(units)
                units.append(u)
            else:  # the latest election's exposure and Pj status
                units[index[u.code]] = u
    draws = next(iter(per_election))[1].shape[0]
    combined, means = np.zeros((draws, len(units))), np.zeros(len(units))
    for election_units, simulated, unit_means in per_election:
        cols = [index[u.code] for u in election_units]
        np.add.at(combined, (slice(None), cols), simulated)
        np.add.at(means, cols, unit_means)
    return units, combined, means


def run(
    *,
    history: list[str] | None = None,
    targets: list[str] | None = None,
    draws: int = model.DRAWS,
    seed: int = SEED,
    level: float = model.LEVEL,
    as_of: date | None = None,
    keep: int = KEEP,
) -> ForecastRun:
    """Fit, backtest, simulate and persist one run (the rows of every scope and level in one transaction)."""
    ref = reference()
    history = list(history or ref["history"]["elections"])
    targets = list(targets or ref["targets"]["elections"])
    feats = _features(history, targets, as_of)
    history.sort(key=lambda e: feats.regions.elections[e]["voting_date"])
    training = _training_rows(feats, history)
    if not sum(r["y"] for r in training):
        raise ForecastError("the history elections have no cases to learn from")
    fitted = model.fit(training)
    tested = backtest(feats, history, draws=draws, seed=seed, level=level)

    per_election, rows, totals = [], [], []
    for i, election in enumerate(targets):
        units = feats.units(election)
        unit_rows = [u.row() for u in units]
        simulated = model.simulate(fitted, unit_rows, draws, seed + 100 + i)
        means = model.expected(fitted, unit_rows, draws, seed + 200 + i)
        per_election.append((units, simulated, means))
        scope_rows, total = _scope_rows(units, simulated, means, level, election)
        rows += scope_rows
        totals.append(
            {
                "election": election,
                "label": feats.regions.elections[election]["name"],
                "units": len(units),
                **total,
            }
        )
    units, combined, means = _combined(per_election)
    scope_rows, total = _scope_rows(units, combined, means, level, ALL)
    rows += scope_rows
    totals.append({"election": ALL, "label": "", "units": len(units), **total})

    names = feats.regions.provinces
    for r in rows:
        if r["level"] == "province_total":
            r["name"] = names.get(r["code"], r["code"])
        elif r["level"] == "province":
            r["name"] = names.get(r["code"], r["code"])
    checks = _checks(combined, units, ref)
    with transaction.atomic():
        forecast = ForecastRun.objects.create(
            history=history,
            targets=targets,
            family=fitted.family,
            level=level,
            draws=draws,
            seed=seed,
            model=fitted.to_json(),
            totals=totals,
            backtest=tested,
            checks=checks,
            notes=sorted(set(feats.notes)),
            reference_version=ref["dataset"]["version"],
            reference_checksum=ref["checksum"],
        )
        ForecastRow.objects.bulk_create(_row_objects(forecast, rows), batch_size=1000)
        stale = ForecastRun.objects.order_by("-created_at", "-id").values_list("pk", flat=True)[keep:]
        ForecastRun.objects.filter(pk__in=list(stale)).delete()
    return forecast


def _row_objects(forecast: ForecastRun, rows: list[dict]):
    """Levels stored: "province" = the province as a whole (its kabupaten/kota + its government, the map and
    the ranked list), "regency", "central". The provincial government alone is part of the province row."""
    ranked: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["level"] == "province":
            continue
        level = "province" if r["level"] == "province_total" else r["level"]
        ranked.setdefault((r["election"], level), []).append({**r, "level": level})
    for group in ranked.values():
        group.sort(key=lambda r: (-r["expected"], -r["pj_units"], r["code"]))
        for rank, r in enumerate(group, start=1):
            yield ForecastRow(
                run=forecast,
                election=r["election"],
                level=r["level"],
                code=r["code"],
                province=r["province"],
                name=r["name"][:120],
                asn=r["asn"],
                pj_led=r["pj_led"],
                pj_units=r["pj_units"],
                expected=r["expected"],
                lower=int(r["lower"]),
                upper=int(r["upper"]),
                p_any=r["p_any"],
                rate=r["expected"] / r["asn"] * 10_000 if r["asn"] else 0.0,
                rank=rank,
            )


def _checks(combined: np.ndarray, units: list, ref: dict) -> dict:
    """Reference points shown beside the forecast: KASN's own forecast and the Pj share (never fitted to)."""
    checks = {}
    point = ref["targets"].get("reference_point", {}).get("figure")
    cells = dict(PublishedFigure.objects.filter(figure=point).values_list("key", "value").order_by("key"))
    if cells.get("low") is not None and cells.get("high") is not None:
        source = PublishedFigure.objects.filter(figure=point).values_list("source", flat=True).first()
        checks["published_forecast"] = {
            "figure": point,
            "low": int(cells["low"]),
            "high": int(cells["high"]),
            "source": source or "",
        }
    pj = [j for j, u in enumerate(units) if u.pj and u.code != CENTRAL]
    share = ref["published_pj_share"]
    checks["pj_share"] = {
        "regions": len(pj),
        "model_share": float((combined[:, pj] > 0).mean()) if pj else None,
        "published_share": share["with_violations"] / share["regions"],
        "published_with_violations": share["with_violations"],
        "published_regions": share["regions"],
        "source": share["source"],
    }
    return checks
