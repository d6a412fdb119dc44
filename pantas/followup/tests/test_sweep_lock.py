"""One deadline sweep at a time across nodes (issue 13 §6, ADR 0097): the sweep runs under
`core.locks.single_runner`, so a second sweep that starts while the first is running skips cleanly (returns
`{"skipped": True}`, records no run, touches nothing) and the first finishes normally. PostgreSQL only: the lock is a
PostgreSQL advisory lock (SQLite is the one-process demo, where the lock always acquires)."""

import threading

import pytest
from django.db import connection, connections

from pantas.core.locks import single_runner

from ..models import SweepRun
from ..services import sweep as sweep_module
from ..services import sweep_deadlines

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's; SQLite runs one process")


def _in_thread(target, results, key):
    def run():
        try:
            results[key] = target()
        except BaseException as exc:  # surfaced by the assertions below
            results[key] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_concurrent_sweeps_one_runs_the_other_skips(monkeypatch):
    inside, release = threading.Event(), threading.Event()
    real_open = sweep_module.open_follow_ups

    def slow_open(*args, **kwargs):  # the first sweep pauses inside its locked section
        inside.set()
        assert release.wait(30)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(sweep_module, "open_follow_ups", slow_open)
    results = {}
    first = _in_thread(sweep_deadlines, results, "first")
    assert inside.wait(30)
    second = _in_thread(sweep_deadlines, results, "second")  # its own connection, same lock key
    second.join(30)
    assert results["second"] == {"skipped": True}
    assert not SweepRun.objects.filter(finished_at__isnull=False).exists()  # the first is still running
    release.set()
    first.join(30)
    assert set(results["first"]) >= {"opened", "escalated", "closed"}
    assert SweepRun.objects.count() == 1 and SweepRun.objects.get().finished_at is not None

    # The lock is released on exit: the next sweep runs.
    monkeypatch.setattr(sweep_module, "open_follow_ups", real_open)
    assert "skipped" not in sweep_deadlines()
    assert SweepRun.objects.count() == 2


def test_a_sweep_skips_while_another_node_holds_the_lock():
    results = {}
    with single_runner(sweep_module.LOCK_NAME) as acquired:  # "another node": this test's own connection
        assert acquired
        _in_thread(sweep_deadlines, results, "sweep").join(30)
    assert results["sweep"] == {"skipped": True}
    assert not SweepRun.objects.exists()
