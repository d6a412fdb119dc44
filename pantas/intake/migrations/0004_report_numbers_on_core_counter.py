"""Report numbers move to `core.Counter` ("report", "", year) (ADR 0043): carry every year's last value over
so numbering continues and no number is ever reused, then drop the old sequence table."""

from django.db import migrations


def forwards(apps, schema_editor):
    Sequence = apps.get_model("intake", "ReportNumberSequence")
    Counter = apps.get_model("core", "Counter")
    for row in Sequence.objects.all():
        counter, _created = Counter.objects.get_or_create(series="report", scope="", year=row.year)
        if counter.value < row.last:
            counter.value = row.last
            counter.save(update_fields=["value"])


def backwards(apps, schema_editor):
    Sequence = apps.get_model("intake", "ReportNumberSequence")
    Counter = apps.get_model("core", "Counter")
    for counter in Counter.objects.filter(series="report", scope=""):
        Sequence.objects.update_or_create(year=counter.year, defaults={"last": counter.value})


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_trigram_index"),
        ("core", "0004_numbering_documents"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ReportNumberSequence"),
    ]
