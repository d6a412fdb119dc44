"""JPT clearance pages under `/seleksi/penelusuran/` (ADR 0056): paste or upload a candidate list, see the
answers, issue and download the numbered certificate (verified on the common page `/verifikasi/<code>/`, ADR 0044)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantas.core.permissions import get_visible_or_404, role_required
from pantas.intake.spreadsheets import SpreadsheetError

from . import roles
from .clearance import (
    MAX_NIPS,
    issue_certificate,
    parse_list,
    read_nip_column,
    run_clearance,
)
from .models_clearance import ClearanceRequest, ClearanceStatus


@role_required(*roles.CLEARANCE)
@never_cache
@require_http_methods(["GET", "POST"])
def clearance_index(request):
    errors, nips_text, purpose = {}, "", ""
    if request.method == "POST":
        nips_text = request.POST.get("nips", "")[:60000]
        purpose = request.POST.get("purpose", "")
        nips = parse_list(nips_text)
        upload = request.FILES.get("file")
        if upload is not None:
            try:
                nips += read_nip_column(upload.read(), upload.name)
            except SpreadsheetError as exc:
                errors["file"] = [exc.message]
        if not errors:
            try:
                done = run_clearance(request.user, nips, purpose)
            except ValidationError as exc:
                errors = exc.message_dict
            else:
                return redirect("followup_record:clearance_detail", uuid=done.uuid)
    history = (
        ClearanceRequest.objects.visible_to(request.user)
        .select_related("requested_by", "document")
        .defer("document__pdf")[:20]
    )
    return render(
        request,
        "followup/clearance_index.html",
        {"errors": errors, "nips": nips_text, "purpose": purpose, "history": history, "max_nips": MAX_NIPS},
        status=400 if errors else 200,
    )


@role_required(*roles.CLEARANCE)
@never_cache
def clearance_detail(request, uuid):
    done = get_visible_or_404(
        ClearanceRequest.objects.select_related("requested_by", "document").defer("document__pdf"),
        request.user,
        uuid=uuid,
    )
    results = done.results.order_by("position")
    return render(
        request,
        "followup/clearance_detail.html",
        {"request_obj": done, "results": results, "statuses": ClearanceStatus},
    )


@role_required(*roles.CLEARANCE)
@require_POST
def clearance_issue(request, uuid):
    done = get_visible_or_404(ClearanceRequest, request.user, uuid=uuid)
    done = issue_certificate(done, request.user)
    messages.success(request, _("Surat keterangan %(n)s diterbitkan.") % {"n": done.number})
    return redirect("followup_record:clearance_detail", uuid=done.uuid)


@role_required(*roles.CLEARANCE)
def clearance_pdf(request, uuid):
    done = get_visible_or_404(ClearanceRequest.objects.select_related("document"), request.user, uuid=uuid)
    certificate = done.certificate
    if certificate is None:
        return redirect("followup_record:clearance_detail", uuid=done.uuid)
    response = HttpResponse(bytes(certificate.pdf), content_type="application/pdf")
    filename = certificate.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
