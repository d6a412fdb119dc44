"""Two-way messaging: staff ↔ reporter (through the receipt) and staff ↔ submitting organisation, plus
internal notes that only supervisor staff see."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.errors import NotAllowed

from ..models import (
    HANDLER_ROLES,
    PARTNER_ROLES,
    AuthorKind,
    Evidence,
    EvidenceKind,
    Message,
    MessageVisibility,
    Report,
)
from .submit import build_evidence, discard_files, evidence_audit, store_files, unique_files

MAX_BODY = 5000


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Tulis isi pesan.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("Pesan terlalu panjang (maksimal 5.000 karakter).")})
    return body


def post_staff_message(report: Report, actor, body: str, internal: bool = False) -> Message:
    """A supervisor staff message to the reporter/organisation, or an internal note."""
    if not actor.has_any_role(HANDLER_ROLES):
        raise NotAllowed(_("Peran Anda tidak berwenang menulis pesan pada laporan."))
    body = _clean_body(body)
    visibility = MessageVisibility.INTERNAL if internal else MessageVisibility.PUBLIC
    with transaction.atomic():
        message = Message.objects.create(
            report=report, visibility=visibility, author_kind=AuthorKind.STAFF, author=actor, body=body
        )
        audit.record(
            "intake.note.added" if internal else "intake.message.sent",
            report,
            actor=actor,
            data={"message": message.pk, "visibility": visibility},
        )
    return message


def post_organisation_message(report: Report, actor, body: str) -> Message:
    """A reply from the organisation that submitted the report (CSO, Bawaslu, partner)."""
    if not actor.has_any_role(PARTNER_ROLES) or report.organisation_id != actor.organisation_id:
        raise NotAllowed(_("Hanya organisasi pengirim yang dapat membalas pada laporan ini."))
    body = _clean_body(body)
    with transaction.atomic():
        message = Message.objects.create(
            report=report,
            visibility=MessageVisibility.PUBLIC,
            author_kind=AuthorKind.ORGANISATION,
            author=actor,
            body=body,
        )
        audit.record("intake.message.received", report, actor=actor, data={"message": message.pk})
    return message


def post_reporter_message(
    report: Report, body: str, files=(), link_inputs=(), submission_key=None
) -> Message:
    """The reporter's answer through the receipt, optionally with more evidence. A repeated one-time token
    returns the message already posted (double click)."""
    if submission_key:
        existing = Message.objects.filter(submission_key=submission_key, report=report).first()
        if existing:
            return existing
    if not report.receipt_lookup:
        raise NotAllowed(_("Laporan ini tidak menerima balasan melalui kode laporan."))
    body = (body or "").strip()
    if not body and not files and not link_inputs:
        raise ValidationError({"body": _("Tulis pesan atau lampirkan bukti.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("Pesan terlalu panjang (maksimal 5.000 karakter).")})
    if report.evidence.count() + len(files) + len(link_inputs) > 60:
        raise ValidationError({"files": _("Batas jumlah bukti untuk laporan ini sudah tercapai.")})
    sent = len(files)
    files = unique_files(
        files, report.evidence.filter(kind=EvidenceKind.FILE).values_list("sha256", flat=True)
    )
    written = store_files(list(files))
    try:
        with transaction.atomic():
            now = timezone.now()
            message = Message.objects.create(
                report=report,
                visibility=MessageVisibility.PUBLIC,
                author_kind=AuthorKind.REPORTER,
                body=body or _("(bukti tambahan)"),
                created_at=now,
                submission_key=submission_key,
            )
            rows = build_evidence(report, files=files, link_inputs=link_inputs, at=now, message=message)
            Evidence.objects.bulk_create(rows)
            audit.record(
                "intake.message.received",
                report,
                data={
                    "message": message.pk,
                    "author": "reporter",
                    "evidence": evidence_audit(rows),
                    "duplicate_files": sent - len(files),
                },
                at=now,
            )
    except IntegrityError:
        discard_files(written)
        existing = Message.objects.filter(submission_key=submission_key, report=report).first()
        if existing:
            return existing
        raise
    except Exception:
        discard_files(written)
        raise
    return message
