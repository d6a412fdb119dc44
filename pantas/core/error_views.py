"""Error handlers (`handler404`/`handler500` in the root URLconf): API clients get JSON under `/api/`, people get
the translated pages. A path under `/api/` that resolves to nothing (e.g. `/api/v1/cases/null,null/`) is still
an API answer, in the shape `pantas.api.exceptions` gives every other error (ADR 0091).

An unreachable database (PostgreSQL restarting, a dropped connection) is not a server bug: the request answers
503 with `Retry-After` — the translated page or the API's JSON — instead of 500 (ADR 0127)."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Tidak ditemukan."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def database_unavailable(exc: BaseException | None = None) -> bool:
    """True when the exception being handled (or one it was raised from) says the database cannot be reached."""
    exc = exc if exc is not None else sys.exc_info()[1]
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def service_unavailable(request):
    if _is_api(request):
        response = JsonResponse(
            {
                "detail": _("Layanan sementara tidak tersedia. Coba lagi sebentar lagi."),
                "code": "unavailable",
            },
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    if database_unavailable():
        return service_unavailable(request)
    if _is_api(request):
        return JsonResponse({"detail": _("Terjadi kesalahan pada server."), "code": "error"}, status=500)
    return defaults.server_error(request)
