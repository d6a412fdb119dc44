"""Plain-text reports of a stored forecast run (operators' console: `manage.py forecast [--backtest]`)."""

from ..models import ForecastRun


def _n(value) -> str:
    return "—" if value is None else f"{value:,.0f}"


def run_report(run: ForecastRun) -> str:
    m = run.model
    lines = [
        f"Forecast run {run.pk}: {m['family']} fitted on {', '.join(run.history)} "
        f"({m['n']} region-elections, {m['events']} cases); {run.draws} draws, {run.level:.0%} intervals",
    ]
    for c in m["coefficients"]:
        lines.append(
            f"  {c['name']:<13} {c['estimate']:+.3f} (se {c['se']:.3f})  rate ratio {c['rate_ratio']:.3g} "
            f"[{c['low']:.3g}, {c['high']:.3g}]"
        )
    if m.get("alpha") is not None:
        lines.append(f"  dispersion alpha {m['alpha']:.3f}")
    if m["dropped"]:
        lines.append(f"  not estimable from the training data (effect 0): {', '.join(m['dropped'])}")
    for t in run.totals:
        label = t["label"] or "all targets"
        lines.append(
            f"  {label:<24} expected {_n(t['expected'])}  {run.level:.0%} interval "
            f"{_n(t['lower'])}–{_n(t['upper'])}  ({t['units']} units)"
        )
    ref = run.checks.get("published_forecast")
    if ref:
        lines.append(
            f"  reference point (not a target): {_n(ref['low'])}–{_n(ref['high'])} ({ref['source']})"
        )
    for note in run.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines)


def backtest_report(run: ForecastRun) -> str:
    bt = run.backtest
    lines = ["Backtest (train on the earlier elections, score the later one):"]
    if not bt.get("folds"):
        return "\n".join([*lines, "  no fold: fewer than two history elections with cases"])
    for f in bt["folds"]:
        lines.append(
            f"  {' + '.join(f['train'])} -> {f['target']}: actual {_n(f['total_actual'])}, "
            f"expected {_n(f['total_expected'])} [{_n(f['total_lower'])}, {_n(f['total_upper'])}] "
            f"{'covered' if f['total_covered'] else 'NOT covered'}; abs error {_n(f['total_abs_error'])}, "
            f"APE {f['total_ape']:.1f}%; regions: MAE {f['region_mae']:.2f}, "
            f"{f['level']:.0%} interval coverage {f['region_coverage']:.1%} of {f['units']} units"
            + (f"; not estimable: {', '.join(f['dropped'])}" if f["dropped"] else "")
            + (f"; {f['outside']} cases outside the voting units" if f["outside"] else "")
        )
    s = bt["summary"]
    lines.append(
        f"  summary over {s['folds']} fold(s): MAE (total) {_n(s['total_mae'])}, MAPE (total) "
        f"{s['total_mape']:.1f}%, total covered in {s['total_coverage']:.0%} of folds, region MAE "
        f"{s['region_mae']:.2f}, region coverage {s['region_coverage']:.1%} (nominal {s['level']:.0%})"
    )
    return "\n".join(lines)
