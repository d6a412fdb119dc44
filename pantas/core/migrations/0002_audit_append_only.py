"""Make core_auditevent append-only at the database level (P-08).

UPDATE and DELETE raise unless a row exists in core_audit_purge_permit, which only the retention purge (and
the test harness, before it flushes a transactional test database) inserts inside its own transaction. The
permit table is deliberately not a Django model, so `flush` never empties it by accident.
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE IF NOT EXISTS core_audit_purge_permit (id INTEGER PRIMARY KEY, reason TEXT NOT NULL)",
    """CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_permit)
       BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_permit)
       BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    "DROP TABLE IF EXISTS core_audit_purge_permit",
]

POSTGRES = [
    "CREATE TABLE IF NOT EXISTS core_audit_purge_permit (id SERIAL PRIMARY KEY, reason TEXT NOT NULL)",
    """CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM core_audit_purge_permit) THEN
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'core_auditevent is append-only';
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
    "DROP TABLE IF EXISTS core_audit_purge_permit",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
