"""Evidence downloads: only through `visible_to`, always as attachments with `nosniff` and a sandbox CSP,
never from a public URL (ADR 0013); photo thumbnails inline, re-encoded from the clean copy (ADR 0112)."""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

from pantas.core import audit
from pantas.core.downloads import attachment_response
from pantas.core.permissions import get_visible_or_404, role_required
from pantas.lib import uploads

from ..models import HANDLER_ROLES, PARTNER_ROLES, STAFF_ROLES, Evidence, EvidenceKind
from ..security import files as file_checks
from ..security import storage


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
        return attachment_response(
            storage.load(evidence.derivative_name), evidence.derivative_type, f"{stem}-bersih{ext}"
        )
    return attachment_response(storage.load(evidence.storage_name), evidence.content_type, evidence.file_name)


THUMBNAIL_SIDE = 320


@role_required(*STAFF_ROLES, *PARTNER_ROLES)
@never_cache
def evidence_thumbnail(request, uuid):
    """A small re-encoded JPEG of a photo, shown inline on the report page (ADR 0112). Made from the sanitised
    derivative, never from the original: fresh pixels, no metadata; same scope as the derivative download."""
    evidence = get_visible_or_404(
        Evidence.objects.select_related("report"),
        request.user,
        uuid=uuid,
        kind=EvidenceKind.FILE,
        derivative_name__gt="",
    )
    try:
        data = uploads.image_thumbnail(
            storage.load(evidence.derivative_name),
            evidence.derivative_type,
            max_pixels=file_checks.limits()["max_pixels"],
            side=THUMBNAIL_SIDE,
        )
    except (uploads.UploadRejected, OSError) as exc:
        raise Http404 from exc
    response = HttpResponse(data, content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


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
    return attachment_response(data, evidence.content_type, evidence.file_name)
