"""Set-based INSERT for large writes (imports, ADR 0150): COPY on PostgreSQL, `bulk_create` elsewhere.

The rows are the ones `bulk_create` would write: the same related-field checks, and every column prepared by the
same `pre_save(add=True)` + `get_db_prep_save` calls Django's insert compiler makes. On PostgreSQL the ids are
drawn from the table's own sequence in one statement first (so the caller can point persons, history rows and
audit events at the reports), then the rows go through one COPY — no SQL text or parameter arrays built in
Python, which was most of `bulk_create`'s cost at 100k rows. Models whose rows need the database to fill a
column (a `db_default`, a generated field) keep `bulk_create`.
"""

from django.db import connections, router

COPY_ROWS = 2000  # rows per COPY buffer flush; also the fall-back's batch size


def _copyable(model) -> bool:
    meta = model._meta
    return all(
        not f.generated and not f.has_db_default() and (f is meta.pk or not getattr(f, "db_returning", False))
        for f in meta.concrete_fields
    )


def insert(objs: list, batch_size: int = COPY_ROWS) -> list:
    """Insert new model instances of one model; their `pk` is set afterwards, as with `bulk_create`."""
    if not objs:
        return objs
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or not _copyable(model):
        model._default_manager.bulk_create(objs, batch_size=batch_size)
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
    return objs
