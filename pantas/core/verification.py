"""The public verification of official documents: `/verifikasi/` (type a code) and `/verifikasi/<code>/`.

It shows what the document is, who issued it, to whom and when, and its SHA-256 — nothing about the people a
document concerns (the public `subject` is written without personal data). Rate-limited per client like the
other public endpoints; codes are 60 random bits, so the limit is against crawling, not guessing.
"""

import hashlib

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import throttle
from .documents import find_issued, normalise_code
from .permissions import public

MAX_UPLOAD = 10 * 1024 * 1024
DEFAULT_LIMIT = (60, 900)  # requests per client per 15 minutes


def _throttled(request):
    limit, window = getattr(settings, "PANTAS_VERIFY_LIMIT", DEFAULT_LIMIT)
    verdict = throttle.check(request, "core:rl:verify", limit, window)
    if verdict.allowed:
        return None
    response = render(
        request,
        "core/verify_form.html",
        {"error": throttle.too_many_message(verdict.retry_after)},
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


@public
def verify_form(request):
    code = request.GET.get("kode") or request.POST.get("kode") or ""
    if not code.strip():
        return render(request, "core/verify_form.html", {})
    if limited := _throttled(request):
        return limited
    return redirect("core:verify_document", code=normalise_code(code))


@public
def verify_document(request, code):
    if limited := _throttled(request):
        return limited
    canonical = normalise_code(code)
    if canonical != code and canonical:
        return redirect("core:verify_document", code=canonical)
    document = find_issued(canonical)
    match = error = None
    if request.method == "POST" and document is not None:
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Pilih berkas PDF yang ingin dicocokkan.")
        elif upload.size > MAX_UPLOAD:
            error = _("Berkas terlalu besar (maksimal 10 MB).")
        else:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            match = bool(document.sha256) and digest.hexdigest() == document.sha256
    context = {"document": document, "code": canonical, "match": match, "error": error}
    return render(request, "core/verify_document.html", context, status=200 if document else 404)
