"""Disclosure control: no published cell below k, and no suppressed cell recoverable by subtraction."""

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantas.insights.disclosure import protect, rate

MEASURES = ("reported", "proven", "followed_up")


@st.composite
def tables(draw):
    """Random nested tables: reported ≥ proven ≥ followed up per row, many small cells."""
    n_rows = draw(st.integers(1, 5))
    n_measures = draw(st.integers(1, 3))
    rows = {}
    for i in range(n_rows):
        reported = draw(st.integers(0, 9))
        proven = draw(st.integers(0, reported))
        followed = draw(st.integers(0, proven))
        rows[f"r{i}"] = dict(zip(MEASURES, (reported, proven, followed), strict=True))
    k = draw(st.integers(2, 6))
    return rows, MEASURES[:n_measures], k


def _check(rows, measures, k, table):
    # 1. Every published cell and total is at least k.
    for key, values in table.rows.items():
        for m, v in values.items():
            assert v is None or (v >= k and v == rows[key][m])
    assert all(v is None or v >= k for v in table.total.values())
    # 2. Consecutive published measures of a row (and of the totals) differ by at least k.
    for values in [*table.rows.values(), table.total]:
        shown = [v for v in (values[m] for m in measures) if v is not None]
        assert all(a - b >= k for a, b in zip(shown, shown[1:], strict=False))
    for m in measures:
        hidden = [key for key, values in table.rows.items() if values[m] is None]
        if table.total[m] is None:
            # 5. No total, no column: the cells cannot add up to it.
            assert len(hidden) == len(rows)
            continue
        if not hidden:
            continue
        # 3. Subtracting the published cells from the total leaves a sum of at least k over at least 2 cells.
        derived = table.total[m] - sum(v for v in table.column(m).values() if v is not None)
        assert derived == sum(rows[key][m] for key in hidden)
        assert len(hidden) >= 2 and derived >= k
        # 4. Each suppressed cell can take another value consistent with everything published (exact search).
        for key in hidden:
            assert _has_alternative(rows, measures, table, m, key), (key, m, table)


def _options(published, measures, caps):
    """Every nested row (tuple per measure) matching the published values of a row, values ≤ caps."""
    out = [()]
    for i, m in enumerate(measures):
        nxt = []
        for partial in out:
            above = min(partial[i - 1], caps[i]) if i else caps[i]
            choices = [published[m]] if published[m] is not None else range(0, above + 1)
            nxt.extend(partial + (v,) for v in choices if v <= above)
        out = nxt
    return out


def _has_alternative(rows, measures, table, m, key):
    """Is there a table matching every published cell and total, nested in each row, where cell (key, m)
    differs from its true value? Exact search over remaining column sums (small tables only)."""
    keys = list(table.rows)
    top = max((v for v in table.total.values() if v is not None), default=0)
    caps = [top if table.total[x] is None else table.total[x] for x in measures]
    j = measures.index(m)
    options = {r: _options(table.rows[r], measures, caps) for r in keys}
    sums = tuple(table.total[x] for x in measures)

    @cache
    def feasible(i, remaining, changed):
        if i == len(keys):
            return changed and all(v in (None, 0) for v in remaining)
        for row in options[keys[i]]:
            left = tuple(None if r is None else r - v for r, v in zip(remaining, row, strict=True))
            if any(v is not None and v < 0 for v in left):
                continue
            flag = changed or (keys[i] == key and row[j] != rows[key][m])
            if feasible(i + 1, left, flag):
                return True
        return False

    return feasible(0, sums, False)


def _consistent(values, published, measures):
    return all(published[m] is None or published[m] == values[m] for m in measures)


@settings(max_examples=100, deadline=None)
@given(tables())
def test_no_published_cell_below_k_and_no_suppressed_cell_derivable(case):
    rows, measures, k = case
    _check(rows, measures, k, protect(rows, measures, k=k))


@settings(max_examples=40, deadline=None)
@given(tables(), st.data())
def test_every_filtered_table_is_protected_on_its_own(case, data):
    """A filter is a subset of the rows (e.g. the provinces of one election); each such table is protected."""
    rows, measures, k = case
    keep = data.draw(st.sets(st.sampled_from(sorted(rows)), min_size=1))
    subset = {key: rows[key] for key in rows if key in keep}
    _check(subset, measures, k, protect(subset, measures, k=k))


@settings(max_examples=200, deadline=None)
@given(tables())
def test_a_child_table_inside_a_suppressed_parent_cell_publishes_nothing(case):
    rows, measures, k = case
    table = protect(rows, measures, k=k, totals={m: None for m in measures})
    assert all(v is None for values in table.rows.values() for v in values.values())


def test_the_published_example_keeps_its_large_cells():
    rows = {
        "73": {"reported": 30},
        "33": {"reported": 15},
        "74": {"reported": 14},
        "76": {"reported": 10},
        "35": {"reported": 7},
        "11": {"reported": 3},
        "12": {"reported": 49},
    }
    table = protect(rows, ["reported"], k=5)
    assert table.total == {"reported": 128}
    assert table.column("reported")["73"] == 30
    # 3 alone would be 128 − the rest: the smallest other cell (7) goes with it.
    assert table.column("reported")["11"] is None and table.column("reported")["35"] is None
    assert table.column("reported")["76"] == 10


def test_row_chain_hides_a_measure_too_close_to_the_one_above():
    table = protect(
        {"a": {"reported": 20, "proven": 18}, "b": {"reported": 40, "proven": 10}},
        ["reported", "proven"],
        k=5,
    )
    assert table.rows["a"] == {"reported": 20, "proven": None}


def test_nested_chain_is_enforced():
    with pytest.raises(ValueError, match="chain must be nested"):
        protect({"a": {"reported": 1, "proven": 2}}, ["reported", "proven"], k=5)


def test_rates_need_both_counts():
    assert rate(None, 10) is None and rate(5, None) is None
    assert str(rate(1450, 1596)) == "90.8"


def test_a_tree_of_measures_checks_each_branch_against_its_parent():
    rows = {
        "a": {"reported": 40, "proven": 30, "bawaslu": 38},
        "b": {"reported": 40, "proven": 20, "bawaslu": 10},
        "c": {"reported": 30, "proven": 20, "bawaslu": 10},
    }
    parents = {"reported": None, "proven": "reported", "bawaslu": "reported"}
    table = protect(rows, ["reported", "proven", "bawaslu"], k=5, parents=parents)
    assert table.rows["a"]["bawaslu"] is None  # 40 − 38 = 2 not from Bawaslu
    assert table.rows["a"]["proven"] == 30  # a sibling, not a parent: no constraint
    assert table.total["bawaslu"] == 58
    assert sum(v is None for v in table.column("bawaslu").values()) >= 2


def test_a_channel_split_is_not_compared_with_its_parent():
    rows = {
        "a": {"reported": 10, "bawaslu": 10},
        "b": {"reported": 20, "bawaslu": 6},
        "c": {"reported": 9, "bawaslu": 0},
    }
    parents = {"reported": None, "bawaslu": "reported"}
    table = protect(rows, ["reported", "bawaslu"], k=5, parents=parents, splits=frozenset({"bawaslu"}))
    assert table.rows["a"]["bawaslu"] == 10
    assert table.rows["c"]["bawaslu"] is None and table.rows["b"]["bawaslu"] is None  # 0, and its complement
