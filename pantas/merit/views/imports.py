from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pantas.core.forms import apply_validation_error
from pantas.core.permissions import get_visible_or_404, role_required

from ..forms import ImportForm
from ..models import ImportBatch, ImportStatus
from ..roles import IMPORTERS
from ..services import imports as svc
from .common import domain_errors


@role_required(*IMPORTERS)
@domain_errors
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = svc.preview_import(
                request.user,
                version=form.cleaned_data["instrument_version"],
                name=upload.name,
                data=upload.read(svc.MAX_BYTES + 1),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("merit:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.visible_to(request.user).select_related("instrument_version__instrument")[
        :10
    ]
    return render(request, "merit/import_upload.html", {"form": form, "recent": recent})


@role_required(*IMPORTERS)
@domain_errors
def import_preview(request, pk):
    batch = get_visible_or_404(
        ImportBatch.objects.select_related("instrument_version__instrument"), request.user, pk=pk
    )
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            svc.discard_import(batch, request.user)
            messages.success(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
            return redirect("merit:import_upload")
        try:
            count = svc.commit_import(batch, request.user)
        except ValidationError as exc:
            for line, message in exc.message_dict.items():
                messages.error(
                    request, _("Baris %(line)s: %(msg)s") % {"line": line, "msg": " ".join(message)}
                )
        else:
            messages.success(request, _("%(n)s hasil historis disimpan.") % {"n": count})
            return redirect("merit:import_upload")
    return render(
        request,
        "merit/import_preview.html",
        {"batch": batch, "can_commit": batch.status == ImportStatus.PREVIEWED and not batch.error_count},
    )
