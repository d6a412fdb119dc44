"""Error handlers (`handler404`/`handler500` in the root URLconf): API clients get JSON under `/api/`, people get
the translated pages. A path under `/api/` that resolves to nothing (e.g. `/api/v1/cases/null,null/`) is still
an API answer, in the shape `pantas.api.exceptions` gives every other error (ADR 0091)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Tidak ditemukan."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": _("Terjadi kesalahan pada server."), "code": "error"}, status=500)
    return defaults.server_error(request)
