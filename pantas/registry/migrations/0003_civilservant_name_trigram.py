"""PostgreSQL only: a trigram index that serves the ASN name search (`name__icontains`, which PostgreSQL runs as
`UPPER(name::text) LIKE UPPER(%q%)`) over millions of ASN without a scan (ADR 0133).

Skipped on SQLite, and when the role may not create pg_trgm (the search still works, by a scan), as intake's
trigram index (ADR 0014).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SAVEPOINT registry_trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no privilege: the search falls back to a scan
            cursor.execute("ROLLBACK TO SAVEPOINT registry_trgm")
            return
        cursor.execute("RELEASE SAVEPOINT registry_trgm")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS registry_asn_name_trgm "
            "ON registry_civilservant USING gin ((UPPER(name::text)) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS registry_asn_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_sanctionkind_duration_months")]

    operations = [migrations.RunPython(forwards, backwards)]
