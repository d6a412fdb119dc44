from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import nav
from .permissions import public


def home(request):
    return render(request, "core/home.html", {"nav_items": nav.items_for(request.user)})


@public
def landing(request):
    if request.user.is_authenticated:
        return home(request)
    return render(request, "core/landing.html")


@public
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise. Reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return JsonResponse({"status": "error", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})
