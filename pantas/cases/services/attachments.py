"""Attachments on clarification answers and referral replies (ADR 0118): the intake evidence checks and the
encrypted evidence store, reused; a refused file is a ValidationError on the form's `attachments` field."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pantas.intake.security import files as file_checks
from pantas.intake.security import storage

from ..models import CaseAttachment

MAX_FILES = 5


def check(uploads) -> list:
    """Every upload checked before anything is written; the first refusal names the file."""
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_FILES:
        raise ValidationError({"attachments": _("Paling banyak %(n)s lampiran.") % {"n": MAX_FILES}})
    checked = []
    for upload in uploads:
        try:
            checked.append(file_checks.check_upload(upload))
        except file_checks.FileRejected as exc:
            raise ValidationError({"attachments": exc.message}) from None
    return checked


def store(checked, case, actor, *, answer=None, reply=None) -> list[CaseAttachment]:
    """Write the sanitised copy (images re-encoded without metadata; PDFs and videos as checked) encrypted."""
    rows = []
    for f in checked:
        clean = f.derivative if f.derivative else f.data
        content_type = f.derivative_type if f.derivative else f.content_type
        rows.append(
            CaseAttachment(
                case=case,
                answer=answer,
                reply=reply,
                file_name=f.name,
                content_type=content_type,
                size=len(clean),
                sha256=f.sha256,
                storage_name=storage.save(clean),
                uploaded_by=actor,
            )
        )
    return CaseAttachment.objects.bulk_create(rows)


def load(attachment: CaseAttachment) -> bytes:
    return storage.load(attachment.storage_name)
