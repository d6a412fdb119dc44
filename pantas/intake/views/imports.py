"""Spreadsheet import for Bawaslu officers under `/mitra/impor/`: upload → validation in the background →
preview with row errors → confirm (atomic). Re-uploading the same rows imports nothing twice."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantas.core.errors import DomainError
from pantas.core.forms import apply_validation_error
from pantas.core.permissions import get_visible_or_404, role_required
from pantas.core.roles import Role

from .. import import_choices, spreadsheets
from ..forms import ImportUploadForm
from ..models import ImportBatch, ImportStatus, ReportSource
from ..services import imports
from .common import has_tiers


@role_required(Role.BAWASLU_OFFICER)
@never_cache
@require_http_methods(["GET", "POST"])
def import_list(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_BYTES:
            form.add_error("file", _("Berkas terlalu besar (maksimal 5 MB)."))
        else:
            try:
                batch = imports.start_import(
                    upload.read(), upload.name, request.user.organisation, ReportSource.BAWASLU, request.user
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("intake:import_detail", uuid=batch.uuid)
    batches = ImportBatch.objects.visible_to(request.user).select_related("uploaded_by", "organisation")[:50]
    return render(
        request,
        "intake/partner/import_list.html",
        {"form": form, "batches": batches, "has_tiers": has_tiers(request.user)},
        status=400 if form.errors else 200,
    )


@role_required(Role.BAWASLU_OFFICER)
@never_cache
def import_detail(request, uuid):
    batch = get_visible_or_404(ImportBatch.objects.select_related("organisation"), request.user, uuid=uuid)
    rows = batch.rows.select_related("existing_report")
    show = request.GET.get("tampil", "errors" if batch.error_count else "all")
    if show == "errors":
        rows = [r for r in rows if r.errors]
    return render(
        request,
        "intake/partner/import_detail.html",
        {
            "batch": batch,
            "rows": rows,
            "show": show,
            "pending": batch.status == ImportStatus.UPLOADED,
            "own": batch.organisation_id == request.user.organisation_id,
        },
    )


@role_required(Role.BAWASLU_OFFICER)
@require_POST
def import_confirm(request, uuid):
    # Offices above read their offices' batches; only the uploading office confirms its own (ADR 0115).
    batch = get_visible_or_404(
        ImportBatch.objects.select_related("organisation"),
        request.user,
        uuid=uuid,
        organisation_id=request.user.organisation_id,
    )
    try:
        created = imports.confirm_import(batch, request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)s laporan diimpor.") % {"n": created})
    return redirect("intake:import_detail", uuid=batch.uuid)


@role_required(Role.BAWASLU_OFFICER)
def import_template(request):
    response = HttpResponse(
        spreadsheets.template_xlsx(import_choices.build()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-laporan.xlsx"'
    return response


@role_required(Role.BAWASLU_OFFICER)
def import_template_csv(request):
    response = HttpResponse(spreadsheets.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-impor-laporan.csv"'
    return response


@role_required(Role.BAWASLU_OFFICER)
@never_cache
def import_errors(request, uuid):
    batch = get_visible_or_404(ImportBatch, request.user, uuid=uuid)
    lines = (
        [row.row_number, row.register_number, error["column"], error["message"]]
        for row in batch.rows.all()
        for error in row.errors
    )
    response = HttpResponse(
        spreadsheets.csv_bytes([_("baris"), _("nomor register"), _("kolom"), _("kesalahan")], lines),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="kesalahan-impor.csv"'
    return response
