"""Evidence downloads: only through `visible_to`, always as attachments with `nosniff` and a sandbox CSP,
never from a public URL (ADR 0013)."""

from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from pantas.core import audit
from pantas.core.permissions import get_visible_or_404, role_required

from ..models import HANDLER_ROLES, PARTNER_ROLES, STAFF_ROLES, Evidence, EvidenceKind
from ..security import storage


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type or "application/octet-stream")
    safe = "".join(ch for ch in filename if ch.isalnum() or ch in "._- ")[:120] or "bukti"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*STAFF_ROLES, *PARTNER_ROLES)
@never_cache
def evidence_download(request, uuid):
    """The sanitised derivative of an image, or the file itself for PDFs and videos."""
    evidence = get_visible_or_404(
        Evidence.objects.select_related("report"), request.user, uuid=uuid, kind=EvidenceKind.FILE
    )
    if evidence.derivative_name:
        stem = evidence.file_name.rsplit(".", 1)[0]
        ext = ".png" if evidence.derivative_type == "image/png" else ".jpg"
        return _attachment(
            storage.load(evidence.derivative_name), evidence.derivative_type, f"{stem}-bersih{ext}"
        )
    return _attachment(storage.load(evidence.storage_name), evidence.content_type, evidence.file_name)


@role_required(*HANDLER_ROLES)
@never_cache
def evidence_original(request, uuid):
    """The original as received (evidentiary copy, metadata included): supervisor handlers only, audited."""
    evidence = get_visible_or_404(
        Evidence.objects.select_related("report"), request.user, uuid=uuid, kind=EvidenceKind.FILE
    )
    data = storage.load(evidence.storage_name)
    with transaction.atomic():
        audit.record(
            "intake.evidence.original_downloaded",
            evidence.report,
            actor=request.user,
            data={"evidence": str(evidence.uuid), "sha256": evidence.sha256},
        )
    return _attachment(data, evidence.content_type, evidence.file_name)
