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


class TotalPlanner:
    """Chooses one option per indicator so the scores add up to an exact total, at random among the
    combinations that do. The reachable totals are computed once, so many targets are cheap (demo data for
    hundreds of agencies, boundary tests)."""

    SCALE = 100  # scores have two decimal places: work in hundredths

    def __init__(self, option_scores: Sequence[Sequence[Decimal]]):
        self.values = [[int(s * self.SCALE) for s in options] for options in option_scores]
        # reachable[i]: totals reachable with indicators i.. (built backwards), so every pick stays feasible
        self.reachable = [set() for _ in range(len(self.values) + 1)]
        self.reachable[-1] = {0}
        for i in range(len(self.values) - 1, -1, -1):
            self.reachable[i] = {v + rest for v in self.values[i] for rest in self.reachable[i + 1]}

    def pick(self, target: Decimal, rng: random.Random) -> list[int] | None:
        remaining = int(target * self.SCALE)
        if remaining not in self.reachable[0]:
            return None
        picks = []
        for i, options in enumerate(self.values):
            feasible = [k for k, v in enumerate(options) if remaining - v in self.reachable[i + 1]]
            k = rng.choice(feasible)
            picks.append(k)
            remaining -= options[k]
        return picks


def options_for_total(option_scores: Sequence[Sequence[Decimal]], target: Decimal, rng: random.Random):
    """One option index per indicator adding up to exactly `target`, or None when impossible."""
    return TotalPlanner(option_scores).pick(target, rng)
