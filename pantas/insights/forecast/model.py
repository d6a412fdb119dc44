"""The count model of the forecast (ADR 0105): pure numpy/statsmodels, no Django.

One row per (election, voting unit): the unit's case count `y`, its covariates and the exposure log(ASN).

    log E[y] = log(ASN) + b0 + b_regional·[pilkada] + b_province·[provincial government]
               + b_central·[central agencies] + b_pj·[led by an acting head]
               + b_past·log(1 + the unit's mean count in the earlier history elections)

fitted as a negative binomial (NB2, variance mu + alpha·mu², alpha by maximum likelihood; statsmodels'
discrete `NegativeBinomial`) when a likelihood-ratio test finds over-dispersion (alpha = 0 rejected at 5%, the
boundary's ½·χ²(1) reference), else as a Poisson GLM (also when the NB fit fails). A covariate without variation in the training rows (or collinear with the others) cannot be estimated:
it is dropped, reported, and contributes nothing to a prediction (effect 0 — an assumption the report states).

Intervals are simulated from the predictive distribution: coefficient vectors (and log alpha) are drawn from
the asymptotic normal of the estimate (parametric uncertainty), then counts from the NB (gamma–Poisson
mixture) with each draw's mean (sampling noise). Any aggregate (a province, the total, several elections) is the
sum of the same draws, so its interval is coherent with its parts.
"""

import warnings
from dataclasses import dataclass, field

import numpy as np

COVARIATES = ("regional", "province_gov", "central", "pj", "past")
LEVEL = 0.90  # central prediction interval: 5th to 95th percentile
DRAWS = 4000
DISPERSION_P = 0.05  # NB when the over-dispersion test rejects alpha = 0 at this level, else Poisson
MAX_SE = 5.0  # a standard error above this (log scale) means the data do not identify the coefficient
MAX_LOG_MEAN = np.log(1e6)  # guards exp() against a runaway draw of a badly identified coefficient


@dataclass
class Fit:
    family: str  # "negative_binomial" | "poisson"
    columns: list  # "const" + the estimated covariates
    params: np.ndarray
    cov: np.ndarray
    alpha: float | None
    log_alpha_var: float | None
    dropped: list = field(default_factory=list)
    n: int = 0
    events: int = 0
    dispersion_p: float | None = None

    def coefficients(self) -> list[dict]:
        se = np.sqrt(np.clip(np.diag(self.cov), 0, None))
        exp = lambda x: float(np.exp(np.clip(x, -50, 50)))  # noqa: E731 - finite in JSON whatever happens
        return [
            {
                "name": name,
                "estimate": float(b),
                "se": float(s),
                "rate_ratio": exp(b),
                "low": exp(b - 1.96 * s),
                "high": exp(b + 1.96 * s),
            }
            for name, b, s in zip(self.columns, self.params, se, strict=True)
        ]

    def to_json(self) -> dict:
        return {
            "family": self.family,
            "coefficients": self.coefficients(),
            "alpha": self.alpha,
            "dropped": self.dropped,
            "n": self.n,
            "events": self.events,
            "dispersion_p": self.dispersion_p,
        }


def design(rows: list[dict], columns) -> np.ndarray:
    """The model matrix: a constant and each named covariate of every row."""
    return np.column_stack(
        [np.ones(len(rows))] + [np.array([float(r[c]) for r in rows]) for c in columns if c != "const"]
    )


def _estimable(rows: list[dict]) -> tuple[list, list]:
    """Covariates with variation, added one at a time while they raise the rank (no collinear column)."""
    kept, dropped = ["const"], []
    for name in COVARIATES:
        candidate = design(rows, [*kept, name])
        if np.linalg.matrix_rank(candidate) == len(kept) + 1:
            kept.append(name)
        else:
            dropped.append(name)
    return kept, dropped


def fit(rows: list[dict]) -> Fit:
    """Fit the count model to training rows (`y`, `asn`, and the COVARIATES). A covariate whose estimate is not
    identified by the data (separation: e.g. a kind of unit with no case at all, so the estimate runs off to
    minus infinity with a huge standard error) is dropped like a constant one, and the model refitted."""
    if not rows:
        raise ValueError("no training rows")
    columns, dropped = _estimable(rows)
    while True:
        fitted = _fit(rows, columns, dropped)
        se = np.sqrt(np.clip(np.diag(fitted.cov), 0, None))
        wild = [(s, name) for name, s in zip(columns, se, strict=True) if name != "const" and s > MAX_SE]
        if not wild:
            return fitted
        name = max(wild)[1]
        columns = [c for c in columns if c != name]
        dropped = [*dropped, name]


def _fit(rows: list[dict], columns: list, dropped: list) -> Fit:
    import statsmodels.api as sm

    X = design(rows, columns)
    y = np.array([r["y"] for r in rows], dtype=float)
    offset = np.log(np.array([r["asn"] for r in rows], dtype=float))
    common = {"dropped": dropped, "n": len(rows), "events": int(y.sum())}
    poisson = sm.GLM(y, X, family=sm.families.Poisson(), offset=offset).fit()
    nb = _negative_binomial(y, X, offset)
    if nb is not None:
        # Over-dispersion test: likelihood ratio for alpha = 0, on the boundary → ½·χ²(1) (chi-bar-square).
        lr = max(0.0, 2 * (nb.llf - poisson.llf))
        from scipy.stats import chi2  # heavy (seconds); only a fit needs it, never a page

        p_value = 0.5 * chi2.sf(lr, 1)
        common["dispersion_p"] = float(p_value)
        if p_value < DISPERSION_P:
            params, cov = np.asarray(nb.params), np.asarray(nb.cov_params())
            k, alpha = len(columns), float(params[-1])
            # log alpha by the delta method: var(log a) = var(a) / a².
            return Fit(
                "negative_binomial",
                columns,
                params[:k],
                cov[:k, :k],
                alpha,
                float(cov[k, k] / alpha**2),
                **common,
            )
    return Fit(
        "poisson", columns, np.asarray(poisson.params), np.asarray(poisson.cov_params()), None, None, **common
    )


def _negative_binomial(y, X, offset):
    """The NB2 maximum-likelihood fit, or None when it fails (no convergence, alpha on the boundary, a
    covariance that is not positive)."""
    from statsmodels.discrete.discrete_model import NegativeBinomial

    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = NegativeBinomial(y, X, loglike_method="nb2", offset=offset).fit(disp=0, maxiter=500)
        params, cov = np.asarray(nb.params), np.asarray(nb.cov_params())
    except (np.linalg.LinAlgError, ValueError):
        return None
    ok = (
        nb.mle_retvals.get("converged", False)
        and np.all(np.isfinite(params))
        and np.all(np.isfinite(cov))
        and params[-1] > 1e-6
        and np.all(np.diag(cov) > 0)
    )
    return nb if ok else None


def expected(model: Fit, rows: list[dict], draws: int = DRAWS, seed: int = 0) -> np.ndarray:
    """The expected count of each row, averaged over the parameter draws (no sampling noise: rows with the same
    covariates and exposure get the same value, so rankings never follow simulation noise)."""
    return _means(model, rows, np.random.default_rng(seed), draws).mean(axis=0)


def _means(model: Fit, rows: list[dict], rng, draws: int) -> np.ndarray:
    X = design(rows, model.columns)
    offset = np.log(np.array([r["asn"] for r in rows], dtype=float))
    betas = rng.multivariate_normal(model.params, model.cov, size=draws, method="eigh")
    return np.exp(np.clip(betas @ X.T + offset, None, MAX_LOG_MEAN))


def simulate(model: Fit, rows: list[dict], draws: int = DRAWS, seed: int = 0) -> np.ndarray:
    """Predictive draws, shape (draws, len(rows)): parameter uncertainty + NB/Poisson sampling noise."""
    rng = np.random.default_rng(seed)
    if not rows:
        return np.zeros((draws, 0))
    mu = _means(model, rows, rng, draws)
    if model.family == "poisson":
        return rng.poisson(mu).astype(float)
    log_alpha = rng.normal(np.log(model.alpha), np.sqrt(model.log_alpha_var or 0.0), size=(draws, 1))
    alpha = np.exp(log_alpha)
    # NB2 as a gamma–Poisson mixture: lambda ~ Gamma(shape 1/alpha, scale alpha·mu), y ~ Poisson(lambda).
    lam = rng.gamma(shape=1.0 / alpha, scale=alpha * mu)
    return rng.poisson(lam).astype(float)


def summarise(draws: np.ndarray, level: float = LEVEL) -> dict:
    """Per column: mean, the central `level` interval (integers: counts) and P(at least one)."""
    tail = (1 - level) / 2
    return {
        "expected": draws.mean(axis=0),
        "lower": np.floor(np.quantile(draws, tail, axis=0)),
        "upper": np.ceil(np.quantile(draws, 1 - tail, axis=0)),
        "p_any": (draws > 0).mean(axis=0),
    }


def score(actual: np.ndarray, draws: np.ndarray, level: float = LEVEL) -> dict:
    """Backtest scores of one held-out election: the total (absolute and percentage error, interval, covered)
    and the regions (mean absolute error of the expected counts, share of regions whose actual count falls in
    its interval — to compare with `level`)."""
    actual = np.asarray(actual, dtype=float)
    units = summarise(draws, level)
    total = summarise(draws.sum(axis=1, keepdims=True), level)
    t_actual = float(actual.sum())
    t_expected = float(total["expected"][0])
    inside = (actual >= units["lower"]) & (actual <= units["upper"])
    return {
        "level": level,
        "units": int(len(actual)),
        "total_actual": t_actual,
        "total_expected": t_expected,
        "total_lower": float(total["lower"][0]),
        "total_upper": float(total["upper"][0]),
        "total_covered": bool(total["lower"][0] <= t_actual <= total["upper"][0]),
        "total_abs_error": abs(t_expected - t_actual),
        "total_ape": abs(t_expected - t_actual) / t_actual * 100 if t_actual else None,
        "region_mae": float(np.mean(np.abs(units["expected"] - actual))) if len(actual) else None,
        "region_coverage": float(inside.mean()) if len(actual) else None,
    }
