"""Numbering and documents move to core (ADRs 0043, 0044).

* `cases.Counter` keys `case:<year>` and `letter:<authority>:<year>` become `core.Counter` rows ("case", "",
  year) and ("letter", authority, year), values carried over so no number is ever reused.
* Every approved letter gets its `core.Document` (kind "letter", same number, verification code, PDF, SHA-256,
  archival flag); the letter keeps its number and date and points to the document.
"""

from django.db import migrations, models
from django.db.models import Q

LETTER_TITLE = "Surat rekomendasi"
LETTER_PUBLIC_SUBJECT = "Rekomendasi hasil pengawasan netralitas dan kode etik ASN"


def counters_forwards(apps, schema_editor):
    Old = apps.get_model("cases", "Counter")
    Counter = apps.get_model("core", "Counter")
    for row in Old.objects.all():
        parts = row.key.split(":")
        if parts[0] == "case" and len(parts) == 2:
            series, scope, year = "case", "", int(parts[1])
        elif parts[0] == "letter" and len(parts) == 3:
            series, scope, year = "letter", parts[1], int(parts[2])
        else:
            raise RuntimeError(f"unknown counter key {row.key!r}")
        counter, _created = Counter.objects.get_or_create(series=series, scope=scope, year=year)
        if counter.value < row.value:
            counter.value = row.value
            counter.save(update_fields=["value"])


def counters_backwards(apps, schema_editor):
    Old = apps.get_model("cases", "Counter")
    Counter = apps.get_model("core", "Counter")
    for counter in Counter.objects.filter(series__in=["case", "letter"]):
        key = f"case:{counter.year}" if counter.series == "case" else f"letter:{counter.scope}:{counter.year}"
        Old.objects.update_or_create(key=key, defaults={"value": counter.value})


def letters_forwards(apps, schema_editor):
    Letter = apps.get_model("cases", "RecommendationLetter")
    Document = apps.get_model("core", "Document")
    letters = Letter.objects.filter(state="approved", document__isnull=True).select_related("addressee")
    for letter in letters.iterator(chunk_size=500):
        issued_at = letter.approved_at or letter.drafted_at
        letter.document = Document.objects.create(
            kind="letter",
            number=letter.number,
            state="issued",
            authority_id=letter.authority_id,
            document_date=letter.letter_date or issued_at.date(),
            title=LETTER_TITLE,
            addressee=letter.addressee.name if letter.addressee_id else "",
            subject=LETTER_PUBLIC_SUBJECT,
            verification_code=letter.verification_code,
            reserved_at=issued_at,
            issued_at=issued_at,
            issued_by_id=letter.approved_by_id,
            pdf=letter.pdf,
            sha256=letter.sha256,
            archival=letter.archival or not letter.sha256,
        )
        letter.save(update_fields=["document"])


def letters_backwards(apps, schema_editor):
    Letter = apps.get_model("cases", "RecommendationLetter")
    for letter in Letter.objects.filter(document__isnull=False).select_related("document"):
        document = letter.document
        letter.verification_code, letter.pdf, letter.sha256 = (
            document.verification_code,
            document.pdf,
            document.sha256,
        )
        letter.archival = document.archival
        letter.save(update_fields=["verification_code", "pdf", "sha256", "archival"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_archive_actors"),
        ("core", "0005_document_immutable"),
    ]

    operations = [
        migrations.RunPython(counters_forwards, counters_backwards),
        migrations.DeleteModel(name="Counter"),
        migrations.AddField(
            model_name="recommendationletter",
            name="document",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="recommendation_letter",
                to="core.document",
            ),
        ),
        migrations.RunPython(letters_forwards, letters_backwards),
    ]
