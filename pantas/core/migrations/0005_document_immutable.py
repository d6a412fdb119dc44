"""Issued documents are immutable at the database level (ADR 0044): any UPDATE of a row whose state is
`issued` is refused, and number, kind and verification code never change even while reserved. DELETE is left
to PROTECT foreign keys (and to the test harness's flush)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER core_document_immutable BEFORE UPDATE ON core_document
       WHEN OLD.state = 'issued' OR NEW.number != OLD.number OR NEW.kind != OLD.kind
         OR NEW.verification_code != OLD.verification_code
       BEGIN SELECT RAISE(ABORT, 'core_document is immutable once issued'); END""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS core_document_immutable"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION core_document_immutable() RETURNS trigger AS $$
       BEGIN
         IF OLD.state = 'issued' OR NEW.number <> OLD.number OR NEW.kind <> OLD.kind
            OR NEW.verification_code <> OLD.verification_code THEN
           RAISE EXCEPTION 'core_document is immutable once issued';
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_document_immutable BEFORE UPDATE ON core_document
       FOR EACH ROW EXECUTE FUNCTION core_document_immutable()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_document_immutable ON core_document",
    "DROP FUNCTION IF EXISTS core_document_immutable()",
]


def forwards(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_numbering_documents")]
    operations = [migrations.RunPython(forwards, backwards)]
