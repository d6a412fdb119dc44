"""PostgreSQL only: pg_trgm and a trigram index on report descriptions for near-duplicate suggestions.

Skipped on SQLite (the portable simhash bands serve there) and when the role may not create the extension
(the app then falls back to simhash on PostgreSQL too; see ADR 0014).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SAVEPOINT intake_trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no privilege: keep the portable fallback
            cursor.execute("ROLLBACK TO SAVEPOINT intake_trgm")
            return
        cursor.execute("RELEASE SAVEPOINT intake_trgm")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS intake_report_description_trgm "
            "ON intake_report USING gin (description gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS intake_report_description_trgm")


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_messages_evidence_links")]

    operations = [migrations.RunPython(forwards, backwards)]
