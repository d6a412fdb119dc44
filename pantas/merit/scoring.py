"""Score and band computation: pure functions over plain values, used by services, demo data and tests."""

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class IndicatorShape:
    id: int
    option_scores: dict[int, Decimal]  # option id → score

    @property
    def max_score(self) -> Decimal:
        return max(self.option_scores.values(), default=ZERO)

    @property
    def min_score(self) -> Decimal:
        return min(self.option_scores.values(), default=ZERO)


@dataclass(frozen=True)
class AspectShape:
    id: int
    code: str
    name: str
    indicators: tuple[IndicatorShape, ...]

    @property
    def max_score(self) -> Decimal:
        return sum((i.max_score for i in self.indicators), ZERO)

    @property
    def min_score(self) -> Decimal:
        return sum((i.min_score for i in self.indicators), ZERO)


@dataclass(frozen=True)
class AspectScore:
    aspect_id: int
    score: Decimal
    max_score: Decimal


def band_for(bands: Iterable, score: Decimal):
    """The band whose minimum is the highest one `score` reaches; None below the lowest band.

    Bands are read by their lower bound only, so a decimal score between two printed ranges (174.5 between
    "100–174" and "175–249") stays in the lower band: it has not reached 175.
    """
    chosen = None
    for band in sorted(bands, key=lambda b: b.min_score):
        if score >= band.min_score:
            chosen = band
    return chosen


def aspect_scores(shape: Sequence[AspectShape], chosen: dict[int, int | None]) -> list[AspectScore]:
    """`chosen` maps indicator id → the id of the option that counts; unanswered indicators count 0."""
    result = []
    for aspect in shape:
        score = sum(
            (ind.option_scores.get(chosen.get(ind.id), ZERO) for ind in aspect.indicators),
            ZERO,
        )
        result.append(AspectScore(aspect.id, score, aspect.max_score))
    return result


def total(scores: Iterable[AspectScore]) -> Decimal:
    return sum((s.score for s in scores), ZERO)


def options_for_total(option_scores: Sequence[Sequence[Decimal]], target: Decimal, rng: random.Random):
    """Pick one option index per indicator so the scores add up to exactly `target`, at random among the
    combinations that do (None when impossible). Used to build demo data and boundary tests."""
    scale = 100  # scores have two decimal places: work in hundredths
    values = [[int(s * scale) for s in options] for options in option_scores]
    goal = int(target * scale)
    # reachable[i]: totals reachable with indicators i.. (built backwards) so every forward pick stays feasible
    reachable = [set() for _ in range(len(values) + 1)]
    reachable[len(values)] = {0}
    for i in range(len(values) - 1, -1, -1):
        reachable[i] = {v + rest for v in values[i] for rest in reachable[i + 1] if v + rest <= goal}
    if goal not in reachable[0]:
        return None
    picks, remaining = [], goal
    for i, options in enumerate(values):
        feasible = [k for k, v in enumerate(options) if remaining - v in reachable[i + 1]]
        k = rng.choice(feasible)
        picks.append(k)
        remaining -= options[k]
    return picks
