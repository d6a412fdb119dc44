"""Bulk-load helpers for the scale generator (PostgreSQL only): COPY through psycopg 3, with each target table's
secondary indexes and constraints dropped during the load and rebuilt once afterwards (one sort per index
instead of a million B-tree inserts, one join per foreign key instead of a trigger per row)."""

import sys
import threading
import time
from contextlib import contextmanager

from django.db import connection, connections

NULL = "\\N"


class Progress:
    """A one-line progress bar on stderr: `label [#####.....] 52% 520,000/1,000,000 12.3 s`."""

    def __init__(self, label: str, total: int, stream=None, width: int = 30):
        self.label, self.total, self.width = label, max(total, 1), width
        self.stream = stream or sys.stderr
        self.done = 0
        self.start = self.drawn = time.perf_counter()
        self._draw()

    def advance(self, n: int) -> None:
        self.done += n
        if time.perf_counter() - self.drawn >= 0.5:
            self._draw()

    def _draw(self, end: str = "") -> None:
        self.drawn = time.perf_counter()
        frac = min(self.done / self.total, 1.0)
        bar = "#" * int(frac * self.width)
        elapsed = time.perf_counter() - self.start
        self.stream.write(
            f"\r{self.label:28} [{bar:{self.width}}] {frac:4.0%} {self.done:>11,}/{self.total:,} {elapsed:6.1f} s{end}"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.done = self.total
        self._draw("\n")


def _raw_cursor():
    connection.ensure_connection()
    return connection.connection.cursor()


def copy_lines(table: str, columns: list[str], lines) -> int:
    """COPY `lines` (tab-separated text rows without the newline, `\\N` for NULL) into `table`."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    count = 0
    with _raw_cursor() as cursor, cursor.copy(sql) as copy:
        buffer = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 20000:
                copy.write("\n".join(buffer) + "\n")
                count += len(buffer)
                buffer.clear()
        if buffer:
            copy.write("\n".join(buffer) + "\n")
            count += len(buffer)
    return count


def copy_binary_rows(table: str, columns: list[str], rows) -> int:
    """COPY rows of Python values (bytes included) with psycopg's row writer."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    count = 0
    with _raw_cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - our own table names
        return cursor.fetchone()[0]


def reset_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"  # noqa: S608
        )


@contextmanager
def indexes_deferred(tables: list[str], log=None):
    """Drop the secondary indexes and the unique/foreign-key/check constraints of `tables` (primary keys stay),
    yield, then recreate them exactly as they were (definitions read from the catalogue)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f', 'c')",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        # Foreign keys of *other* tables pointing at ours stay: they reference primary keys only.
        for table, name, _definition, _kind in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        start = time.perf_counter()
        progress = Progress("indexes and constraints", len(indexes) + len(constraints))
        # The indexes in two connections at once (CREATE INDEX takes a SHARE lock, so builds on one table do not
        # wait for each other): one sort per core, the GIN of the descriptions beside the B-trees.
        _in_parallel([definition for _name, definition in indexes], progress)
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            # Unique and check constraints first, foreign keys last (they may need the unique ones); one at a
            # time: ALTER TABLE locks both tables of a foreign key, two at once could deadlock.
            for table, name, definition, _kind in sorted(constraints, key=lambda c: c[3] == "f"):
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                progress.advance(1)
        progress.finish()
        if log:
            log(
                f"rebuilt {len(indexes)} indexes and {len(constraints)} constraints in {time.perf_counter() - start:.0f} s"
            )


def _in_parallel(statements: list[str], progress: Progress, workers: int = 2) -> None:
    """Run DDL statements on `workers` connections of their own, largest tables' statements spread first."""
    pending = list(statements)
    lock = threading.Lock()
    errors = []

    def work():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                while True:
                    with lock:
                        if not pending or errors:
                            return
                        statement = pending.pop(0)
                    cursor.execute(statement)
                    with lock:
                        progress.advance(1)
        except Exception as exc:  # noqa: BLE001 - re-raised in the calling thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
