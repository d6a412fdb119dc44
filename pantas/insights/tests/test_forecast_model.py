"""The count model on synthetic data with known rates: it recovers the coefficients, drops what it cannot
estimate, and its intervals cover what they claim (ADR 0105, 0107). Pure numpy: no database."""

import numpy as np
import pytest

from pantas.insights.forecast import model

TRUE = {"const": np.log(0.8) - np.log(10_000), "regional": 1.2, "province_gov": -0.3, "pj": 0.4}


def synthetic(n, regional, seed, alpha=0.3, pj_share=0.3):
    """Units with exposure 2,000–20,000 ASN, a Pj flag and a provincial-government flag, counts from NB2
    (gamma–Poisson) with the TRUE coefficients (alpha 0: Poisson)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        asn = int(rng.integers(2_000, 20_000))
        pj, prov = bool(rng.random() < pj_share), i % 10 == 0
        mu = asn * np.exp(
            TRUE["const"] + TRUE["regional"] * regional + TRUE["pj"] * pj + TRUE["province_gov"] * prov
        )
        lam = rng.gamma(1 / alpha, alpha * mu) if alpha else mu
        rows.append(
            {
                "y": int(rng.poisson(lam)),
                "asn": asn,
                "regional": regional,
                "province_gov": int(prov),
                "central": 0,
                "pj": int(pj),
                "past": 0.0,
            }
        )
    return rows


def test_negative_binomial_recovers_the_coefficients_and_the_dispersion():
    fit = model.fit(synthetic(600, 0, 1) + synthetic(600, 1, 2))
    assert fit.family == "negative_binomial"
    assert set(fit.dropped) == {"central", "past"}
    got = {c["name"]: c for c in fit.coefficients()}
    for name, value in TRUE.items():
        # within 3 standard errors and, absolutely, within 0.2 on the log scale
        assert abs(got[name]["estimate"] - value) < max(3 * got[name]["se"], 0.05), name
        assert abs(got[name]["estimate"] - value) < 0.2, name
    assert 0.2 < fit.alpha < 0.4
    assert got["regional"]["low"] < np.exp(TRUE["regional"]) < got["regional"]["high"]


def test_poisson_when_there_is_no_over_dispersion():
    fit = model.fit(synthetic(800, 0, 3, alpha=0) + synthetic(800, 1, 4, alpha=0))
    assert fit.family == "poisson"
    got = {c["name"]: c["estimate"] for c in fit.coefficients()}
    assert got["regional"] == pytest.approx(TRUE["regional"], abs=0.1)
    assert got["pj"] == pytest.approx(TRUE["pj"], abs=0.1)


def test_a_covariate_without_variation_is_dropped_and_has_no_effect():
    fit = model.fit(synthetic(300, 0, 5))
    assert "regional" in fit.dropped and "regional" not in fit.columns
    rows = synthetic(50, 1, 6)
    as_general = [{**r, "regional": 0} for r in rows]
    assert np.allclose(model.expected(fit, rows, 500, 1), model.expected(fit, as_general, 500, 1))


def test_intervals_cover_what_they_claim():
    """Train on two elections, predict a third from the same process: about 90% of the regions fall inside
    their 90% interval (counts are discrete, so a little more), and the total inside its interval."""
    fit = model.fit(synthetic(500, 0, 7) + synthetic(500, 1, 8))
    held_out = synthetic(500, 1, 9)
    draws = model.simulate(fit, held_out, draws=4000, seed=10)
    score = model.score(np.array([r["y"] for r in held_out]), draws, level=0.9)
    assert 0.86 <= score["region_coverage"] <= 0.97, score
    assert score["total_covered"], score
    assert score["total_ape"] < 10
    assert np.isfinite([score["region_mae"], score["total_abs_error"]]).all()


def test_a_too_narrow_model_is_caught_by_the_coverage():
    """The check can fail: a Poisson fit to strongly over-dispersed counts claims 90% and covers far less."""
    rows = synthetic(500, 1, 11, alpha=1.5)
    fit = model.fit(rows)
    poisson = model.Fit("poisson", fit.columns, fit.params, fit.cov * 0, None, None)
    held_out = synthetic(500, 1, 12, alpha=1.5)
    score = model.score(np.array([r["y"] for r in held_out]), model.simulate(poisson, held_out, 2000, 1), 0.9)
    assert score["region_coverage"] < 0.8


def test_summaries_add_up():
    fit = model.fit(synthetic(200, 0, 13) + synthetic(200, 1, 14))
    draws = model.simulate(fit, synthetic(100, 1, 15), draws=1000, seed=2)
    stats = model.summarise(draws)
    assert (stats["lower"] <= stats["upper"]).all()
    assert ((stats["p_any"] >= 0) & (stats["p_any"] <= 1)).all()
    total = model.summarise(draws.sum(axis=1, keepdims=True))
    assert total["expected"][0] == pytest.approx(stats["expected"].sum())


def test_a_separated_covariate_is_dropped_not_extrapolated():
    """A kind of unit with no case at all (here: the central agencies) would send its coefficient to minus
    infinity; it is dropped, and predictions stay finite and bounded."""
    rows = synthetic(300, 0, 16) + synthetic(300, 1, 17)
    rows += [{"y": 0, "asn": 1_000_000, "regional": 0, "province_gov": 0, "central": 1, "pj": 0, "past": 0.0}]
    fit = model.fit(rows)
    assert "central" in fit.dropped
    central = [
        {"y": 0, "asn": 1_000_000, "regional": 0, "province_gov": 0, "central": 1, "pj": 0, "past": 0.0}
    ]
    draws = model.simulate(fit, central, draws=500, seed=1)
    assert np.isfinite(draws).all() and draws.mean() < 1_000
