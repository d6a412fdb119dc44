"""Score and band computation for both merit instruments, at every band boundary."""

import random
from decimal import Decimal

import pytest

from pantas.merit import scoring
from pantas.merit.models import InstrumentVersion
from pantas.merit.services.instruments import shape_of, validate_version

BOUNDARIES = [
    ("100", "I"),
    ("174", "I"),
    ("174.5", "I"),
    ("175", "II"),
    ("249", "II"),
    ("250", "III"),
    ("324", "III"),
    ("325", "IV"),
    ("326", "IV"),
    ("400", "IV"),
]


@pytest.mark.parametrize("instrument", ["kasn-sistem-merit", "panrb-sistem-merit-2025"])
@pytest.mark.parametrize(("score", "band"), BOUNDARIES)
def test_it_puts_each_boundary_score_in_the_right_band(db, instrument, score, band):
    version = InstrumentVersion.objects.get(instrument__code=instrument, number=1)
    assert scoring.band_for(version.bands.all(), Decimal(score)).code == band


@pytest.mark.parametrize("instrument", ["kasn-sistem-merit", "panrb-sistem-merit-2025"])
@pytest.mark.parametrize(("score", "band"), [b for b in BOUNDARIES if "." not in b[0]])
def test_it_computes_the_band_from_answers_adding_up_to_the_boundary(db, instrument, score, band):
    """The full path: options chosen per indicator → per-aspect scores → total → band."""
    version = InstrumentVersion.objects.get(instrument__code=instrument, number=1)
    shape = shape_of(version)
    indicators = [ind for aspect in shape for ind in aspect.indicators]
    ids = [sorted(ind.option_scores, key=ind.option_scores.get) for ind in indicators]
    picks = scoring.options_for_total(
        [[ind.option_scores[o] for o in opts] for ind, opts in zip(indicators, ids, strict=True)],
        Decimal(score),
        random.Random(7),
    )
    assert picks is not None
    chosen = {ind.id: opts[k] for ind, opts, k in zip(indicators, ids, picks, strict=True)}
    per_aspect = scoring.aspect_scores(shape, chosen)
    assert len(per_aspect) == 8
    total = scoring.total(per_aspect)
    assert total == Decimal(score)
    assert scoring.band_for(version.bands.all(), total).code == band


def test_the_shipped_instruments_are_consistent(db):
    for version in InstrumentVersion.objects.filter(number=1):
        assert validate_version(version) == [], version


def test_the_kasn_instrument_keeps_the_known_aspect_maxima_and_400(kasn):
    shape = {a.code: a.max_score for a in shape_of(kasn)}
    assert shape["perencanaan-kebutuhan"] == 40
    assert shape["pengembangan-karier"] == 130
    assert shape["manajemen-kinerja"] == 80
    assert sum(shape.values()) == kasn.max_score == 400
    assert min(sum(a.min_score for a in shape_of(kasn)) for _ in [0]) == 100


def test_it_scores_unanswered_indicators_as_zero(kasn):
    shape = shape_of(kasn)
    assert scoring.total(scoring.aspect_scores(shape, {})) == 0


def test_a_score_below_the_lowest_band_has_no_band(kasn):
    assert scoring.band_for(kasn.bands.all(), Decimal("99.99")) is None


def test_options_for_total_reports_impossible_targets():
    assert scoring.options_for_total([[Decimal(1), Decimal(2)]] * 2, Decimal(5), random.Random(1)) is None
    assert scoring.options_for_total([[Decimal(1), Decimal(2)]] * 2, Decimal(3), random.Random(1)) in (
        [0, 1],
        [1, 0],
    )
