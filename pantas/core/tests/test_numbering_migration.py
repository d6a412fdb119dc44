"""The data migrations carry the old counters over to `core.Counter`, so numbering continues (ADR 0043)."""

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from pantas.core import numbering

BEFORE = [("cases", "0003_archive_actors"), ("intake", "0003_trigram_index")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_counters_continue_on_core_counter():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        Counter = old.get_model("cases", "Counter")
        Counter.objects.create(key="case:2026", value=41)
        Counter.objects.create(key="letter:bkn:2026", value=7)
        old.get_model("intake", "ReportNumberSequence").objects.create(year=2026, last=123)
    finally:
        migrate(latest)

    with transaction.atomic():
        assert numbering.reserve("case", "", 2026) == 42
        assert numbering.reserve("letter", "bkn", 2026) == 8
        assert numbering.reserve("report", "", 2026) == 124
