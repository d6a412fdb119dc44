from django.db import migrations


def load(apps, schema_editor):
    from pantas.cases.reference import load_all

    load_all(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_tracks_corrective_ombudsman"), ("registry", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
