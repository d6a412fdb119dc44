"""Bulk INSERT of plain rows for set-based paths (the deadline sweep, ADR 0145).

`bulk_create` costs, per row, a model instance and a prepared value per field — for 100,000 rows several seconds
of Python before the database sees anything. `insert` takes each row as a dict of attribute names (missing
fields get their model default, exactly as a new instance would) and on PostgreSQL sends one statement with one
array per column (`INSERT … SELECT … FROM UNNEST(…)`); elsewhere it builds the instances and calls `bulk_create`.

`insert_objects` writes model instances the way `bulk_create` prepares them (related-field checks,
`pre_save(add=True)`, `get_db_prep_save`) through COPY on PostgreSQL: the import's path (ADR 0150), where the
rows are built as instances anyway and their ids are needed for the persons, history rows and audit events.
Models whose rows need the database to fill a column (a `db_default`, a generated field) keep `bulk_create`.
"""

import enum
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, connections, models, router
from django.dispatch import Signal

BATCH = 5000
# Sent once per `insert` (sender: the model): the rows were written without `save()`, so no `post_save` was sent;
# listeners that only need "this table changed" (the public figures' data version) connect here too.
rows_inserted = Signal()


def insert(
    model, rows: list[dict], *, ignore_conflicts: bool = False, returning: bool = False
) -> list | None:
    """Insert `rows` into `model`'s table; with `returning`, their primary keys in the same order."""
    if not rows:
        return [] if returning else None
    if connection.vendor != "postgresql":
        objs = [model(**row) for row in rows]
        model._default_manager.bulk_create(objs, batch_size=1000, ignore_conflicts=ignore_conflicts)
        pks = [obj.pk for obj in objs]
    else:
        pks = []
        for start in range(0, len(rows), BATCH):
            pks += _insert_unnest(model, rows[start : start + BATCH], ignore_conflicts, returning)
    rows_inserted.send(sender=model)
    return pks if returning else None


def _plain(value):
    return value.value if isinstance(value, enum.Enum) else value


def _insert_unnest(model, rows, ignore_conflicts, returning) -> list:
    qn = connection.ops.quote_name
    columns, selects, casts, params = [], [], [], []
    for i, field in enumerate(f for f in model._meta.concrete_fields if not f.primary_key):
        name = field.attname
        if name in rows[0]:
            values = [_plain(row[name]) for row in rows]
        elif callable(field.default) or field.default is models.NOT_PROVIDED:
            values = [field.get_default() for _ in rows]  # uuid4, now(): one per row, as for new instances
        else:
            values = [field.get_default()] * len(rows)
        column = f"c{i}"
        if isinstance(field, models.JSONField):
            values = [None if v is None else json.dumps(v, cls=DjangoJSONEncoder) for v in values]
            casts.append("%s::text[]")
            selects.append(f"{column}::jsonb")
        else:
            casts.append(f"%s::{field.db_type(connection).split('(')[0]}[]")
            selects.append(column)
        columns.append((qn(field.column), column))
        params.append(values)
    # Identifiers come from the model's meta; every value is a parameter.
    table, names, aliases = (
        qn(model._meta.db_table),
        ", ".join(c for c, _ in columns),
        ", ".join(a for _, a in columns),
    )
    sql = f"INSERT INTO {table} ({names}) SELECT {', '.join(selects)} FROM UNNEST({', '.join(casts)}) AS u({aliases})"  # noqa: S608
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += f" RETURNING {qn(model._meta.pk.column)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()] if returning else []


COPY_ROWS = 2000  # rows per COPY buffer flush; also the fall-back's batch size


def _copyable(model) -> bool:
    meta = model._meta
    return all(
        not f.generated and not f.has_db_default() and (f is meta.pk or not getattr(f, "db_returning", False))
        for f in meta.concrete_fields
    )


def insert_objects(objs: list, batch_size: int = COPY_ROWS) -> list:
    """Insert new model instances of one model; their `pk` is set afterwards, as with `bulk_create` (imports,
    ADR 0150): COPY on PostgreSQL with ids drawn from the table's sequence first, `bulk_create` elsewhere."""
    if not objs:
        return objs
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or not _copyable(model):
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        rows_inserted.send(sender=model)
        return objs
    meta, quote = model._meta, connection.ops.quote_name
    fields = list(meta.concrete_fields)
    for obj in objs:
        if obj.pk is None:
            obj.pk = meta.pk.get_pk_value_on_save(obj)  # a default (UUID) pk, as bulk_create does
        obj._prepare_related_fields_for_save(operation_name="bulk_create", fields=fields)
    with connection.cursor() as cursor:
        missing = [obj for obj in objs if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(missing)],
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = value
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    rows_inserted.send(sender=model)
    return objs
