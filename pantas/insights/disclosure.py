"""Statistical disclosure control for every public figure (ADR 0076).

A public table is one grouping (province, category, …) × a chain of nested measures (reported ⊇ proven ⊇
followed up), with a total row. Rules, applied until nothing changes:

1. **Primary**: a cell below k (`PANTAS_PUBLIC_MIN_CELL`, default 5; zero included) is suppressed.
2. **Row chain**: within a row, a published measure must differ by at least k from the nearest published
   measure it is a subset of ("7 reported, 6 proven" would tell that one person was not proven); otherwise it
   is suppressed. Measures form a tree (reported ⊇ proven ⊇ followed up; reported ⊇ forwarded by Bawaslu).
3. **Column complement**: in each measure's column, the suppressed cells must be none, or at least two whose sum
   (derivable as total − published cells) is at least k — otherwise the smallest published cell is suppressed too.
4. **Interval audit**: no suppressed cell may be pinned to one value by the column sum and the bounds the
   published values of its own row give it (an upper bound from the measure above, a lower one from below).
   A pinned cell makes the smallest published cell of its column (or, failing that, its bound) suppressed.
5. A suppressed total suppresses its whole column (the cells would add up to it).

Public queries never combine filters freely: one election (or none for the by-election table) and one
grouping, so the only margins an attacker can subtract from are the ones protected here.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.conf import settings

from .stats import percent

INF = float("inf")


def min_cell() -> int:
    return int(getattr(settings, "PANTAS_PUBLIC_MIN_CELL", 5))


@dataclass
class ProtectedTable:
    """Published values: None where suppressed. `rows` keeps the caller's order."""

    measures: tuple[str, ...]
    rows: dict[Hashable, dict[str, int | None]]
    total: dict[str, int | None]
    k: int

    def column(self, measure: str) -> dict[Hashable, int | None]:
        return {key: values[measure] for key, values in self.rows.items()}

    @property
    def suppressed_cells(self) -> int:
        return sum(v is None for values in self.rows.values() for v in values.values())


def protect(
    rows: dict[Hashable, dict[str, int]],
    measures: Sequence[str],
    *,
    k: int | None = None,
    totals: dict[str, int | None] | None = None,
    parents: dict[str, str | None] | None = None,
    splits: frozenset[str] = frozenset(),
) -> ProtectedTable:
    """Protect a table of counts. `rows` must partition the population (add an "unknown" row for missing
    values); `totals` defaults to the column sums, or is the published margin from a parent table (a regency
    table inside a province: None there suppresses the column here). `parents` makes the measures a tree
    (measure → the measure it is a subset of; default: a chain in the given order, each inside the previous);
    parents come before their children in `measures`. `splits`: measures that only split their parent by
    channel (forwarded by Bawaslu), not by outcome: the row rule does not compare them with their parent (the
    difference tells how a case came in, not what became of the person), the interval audit still does."""
    k = min_cell() if k is None else k
    measures = tuple(measures)
    if parents is None:
        parents = {m: (measures[i - 1] if i else None) for i, m in enumerate(measures)}
    tree = _Tree(measures, parents, splits)
    keys = list(rows)
    true = {key: {m: int(rows[key].get(m, 0)) for m in measures} for key in keys}
    true_total = {m: sum(true[key][m] for key in keys) for m in measures}
    for key in keys:
        for lower, upper in parents.items():
            if upper is not None and true[key][lower] > true[key][upper]:
                raise ValueError(f"measure {lower} exceeds {upper} in row {key!r}: the chain must be nested")
    hidden: set[tuple[Hashable, str]] = set()
    total_hidden = _chain_hidden(true_total, tree, k)
    if totals is not None:
        total_hidden |= {m for m in measures if totals.get(m) is None}

    changed = True
    while changed:
        changed = False
        for key in keys:
            published = {m: v for m, v in true[key].items() if (key, m) not in hidden}
            for m in _chain_hidden(published, tree, k, already=set(true[key]) - set(published)):
                if (key, m) not in hidden:
                    hidden.add((key, m))
                    changed = True
        for m in measures:
            column_keys = [key for key in keys if (key, m) not in hidden]
            if m in total_hidden:
                if column_keys:
                    hidden.update((key, m) for key in column_keys)
                    changed = True
                continue
            extra = _complement(true, hidden, keys, tree, m, true_total[m], k)
            if extra:
                hidden.add(extra)
                changed = True

    out_rows = {key: {m: None if (key, m) in hidden else true[key][m] for m in measures} for key in keys}
    out_total = {m: None if m in total_hidden else true_total[m] for m in measures}
    return ProtectedTable(measures, out_rows, out_total, k)


class _Tree:
    def __init__(self, measures, parents, splits=frozenset()):
        self.measures, self.parents, self.splits = measures, parents, splits
        self.ancestors = {m: self._ancestors(m) for m in measures}
        self.descendants = {m: [d for d in measures if m in self.ancestors[d]] for m in measures}

    def _ancestors(self, m):
        out, p = [], self.parents.get(m)
        while p is not None:
            out.append(p)
            p = self.parents.get(p)
        return out  # nearest first


def _chain_hidden(values: dict, tree: _Tree, k, already=frozenset()) -> set[str]:
    """Measures of one row to hide: below k, or within k of the nearest published measure above it."""
    hidden = set(already)
    for m in tree.measures:
        if m in already:
            continue
        above = (
            None
            if m in tree.splits
            else next((values[a] for a in tree.ancestors[m] if a not in hidden), None)
        )
        if values[m] < k or (above is not None and above - values[m] < k):
            hidden.add(m)
    return hidden - set(already)


def _bounds(true, hidden, key, tree: _Tree, m, column_total):
    """What the published values of the row say about a hidden cell: (lower, upper)."""
    upper = next((true[key][a] for a in tree.ancestors[m] if (key, a) not in hidden), column_total)
    lower = max((true[key][d] for d in tree.descendants[m] if (key, d) not in hidden), default=0)
    return lower, upper


def _complement(true, hidden, keys, tree: _Tree, m, column_total, k):
    """The next cell to hide in column m, or None when the column is safe."""
    hidden_keys = [key for key in keys if (key, m) in hidden]
    if not hidden_keys:
        return None
    shown = sorted((true[key][m], str(key), key) for key in keys if (key, m) not in hidden)
    smallest = (shown[0][2], m) if shown else None
    total = sum(true[key][m] for key in hidden_keys)
    if len(hidden_keys) < 2 or total < k:
        return smallest
    bounds = {key: _bounds(true, hidden, key, tree, m, column_total) for key in hidden_keys}
    sum_upper = sum(u for _l, u in bounds.values())
    sum_lower = sum(lo for lo, _u in bounds.values())
    for key in hidden_keys:
        lo, up = bounds[key]
        low = max(lo, total - (sum_upper - up))
        high = min(up, total - (sum_lower - lo))
        if low >= high:  # pinned: the attacker can work this cell out
            if smallest:
                return smallest
            # Every cell of the column is hidden: loosen the row bound that pins it.
            for neighbour in (*tree.ancestors[m], *tree.descendants[m]):
                if (key, neighbour) not in hidden:
                    return (key, neighbour)
    return None


def rate(numerator: int | None, denominator: int | None):
    """A percentage (the statistics layer's rule) only when both counts are published."""
    if numerator is None or denominator is None:
        return None
    return percent(numerator, denominator)
