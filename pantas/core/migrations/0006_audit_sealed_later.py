"""Audit events are inserted unsealed and chained afterwards by `core.audit.seal()` (ADR 0040).

`seq` (the position in the chain, in seal order) is added and `hash` may be empty until sealed. The append-only
triggers are replaced: DELETE and UPDATE stay refused without a purge permit, except the one UPDATE the sealer
makes — `seq`, `prev_hash` and `hash` set from empty while every other column stays as it was. The old triggers
are dropped first because SQLite rebuilds the table for these field changes. Existing events were chained in
id order, so their `seq` is their id.
"""

from django.db import migrations, models

CONTENT = ["id", "at", "actor_id", "actor_label", "action", "object_type", "object_id", "reason", "data"]
SEALING = (
    "OLD.seq IS NULL AND OLD.hash IS NULL AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND "
    + " AND ".join(f"NEW.{c} IS OLD.{c}" for c in CONTENT)
)

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
]
SQLITE_CREATE = [
    f"""CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_permit) AND NOT ({SEALING})
       BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_permit)
       BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END""",
]
SQLITE_OLD_UPDATE = """CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_permit)
       BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END"""

POSTGRES_DROP = ["DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent"]
# jsonb of the row minus the sealed columns: any other column changed (including ones added later) is refused.
POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM core_audit_purge_permit) THEN
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NEW;
         END IF;
         IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.hash IS NULL
            AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
            AND to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'core_auditevent is append-only';
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()""",
]
POSTGRES_OLD_FUNCTION = """CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM core_audit_purge_permit) THEN
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'core_auditevent is append-only';
       END $$ LANGUAGE plpgsql"""


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP)


def create_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_CREATE if schema_editor.connection.vendor == "postgresql" else SQLITE_CREATE)


def restore_old_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, [POSTGRES_OLD_FUNCTION, POSTGRES_CREATE[1]])
    else:
        _run(schema_editor, [SQLITE_OLD_UPDATE, SQLITE_CREATE[1]])


def number_existing(apps, schema_editor):
    schema_editor.execute("UPDATE core_auditevent SET seq = id WHERE hash IS NOT NULL")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_document_immutable")]

    operations = [
        migrations.RunPython(drop_triggers, restore_old_triggers),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("seq__isnull", True)), fields=["id"], name="core_audit_unsealed_idx"
            ),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
