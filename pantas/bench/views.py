"""Bare comparison views for the benchmark server only (served by `pantas.bench.urls`, selected by
`pantas.settings.bench`; production URLs never include them)."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from pantas.core.permissions import public

BARE_TABLE = "bench_bare"
CREATE_BARE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id bigserial PRIMARY KEY, body text NOT NULL, "
    "at timestamptz NOT NULL DEFAULT now())"
)


@public
def bare(request):
    """The least a Django view can do: the floor for W6 (cached public statistics page)."""
    return HttpResponse(b"ok", content_type="text/plain")


@public
@csrf_exempt
def bare_insert(request):
    """One INSERT and a JSON answer: the floor for W1 (partner API intake)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare (body) VALUES (%s) RETURNING id", [request.body.decode()[:2000]]
        )
        pk = cursor.fetchone()[0]
    return JsonResponse({"id": pk}, status=201)
