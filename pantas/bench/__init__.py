"""Benchmarks: each measures a hot code path (ORM/queryset as the app runs it) against the equivalent
hand-written SQL on PostgreSQL and reports the ratio. Apps add theirs in `pantas/<app>/bench.py` as a list
`BENCHMARKS` of `Bench` objects. Run with `make bench` (never inside the unit tests)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Bench:
    name: str
    run: Callable[[], object]  # the application's code path; must evaluate its queryset
    raw_sql: str  # the same result, written by hand
    params: list | Callable[[], list] = field(default_factory=list)  # a callable is evaluated after seeding
    budget: float = 3.0  # maximum acceptable ratio app / raw
