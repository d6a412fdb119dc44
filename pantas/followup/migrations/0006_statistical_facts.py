from django.db import migrations


def backfill(apps, schema_editor):
    """The follow-up facts on the case rows from the follow-ups and their history, set-based (ADR 0140)."""
    from pantas.followup.services import facts

    with schema_editor.connection.cursor() as cursor:
        facts.rebuild(cursor=cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_statistical_facts"),
        ("followup", "0005_followup_due_index"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
