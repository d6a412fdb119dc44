"""Second half of 0004, in its own transaction (PostgreSQL refuses ALTER TABLE on a table with pending deferred
foreign-key checks from the data step): the letter's PDF, hash, code and archival flag now live on its document."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_counters_and_letter_documents")]

    operations = [
        migrations.RemoveConstraint(
            model_name="recommendationletter", name="cases_approved_letter_is_numbered"
        ),
        migrations.AlterField(
            model_name="recommendationletter",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "Draf"),
                    ("approving", "Disetujui, sedang diterbitkan"),
                    ("approved", "Disetujui dan ditandatangani"),
                ],
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationletter",
            constraint=models.CheckConstraint(
                condition=Q(state="draft") | (Q(number__isnull=False) & Q(document__isnull=False)),
                name="cases_approved_letter_is_numbered",
            ),
        ),
        migrations.RemoveField(model_name="recommendationletter", name="archival"),
        migrations.RemoveField(model_name="recommendationletter", name="pdf"),
        migrations.RemoveField(model_name="recommendationletter", name="sha256"),
        migrations.RemoveField(model_name="recommendationletter", name="verification_code"),
    ]
