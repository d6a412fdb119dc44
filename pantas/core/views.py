from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import health, nav
from .permissions import public


def home(request):
    context = {"nav_items": nav.items_for(request.user), "panels": nav.panels_for(request.user)}
    return render(request, "core/home.html", context)


@public
def landing(request):
    if request.user.is_authenticated:
        return home(request)
    return render(request, "core/landing.html")


@public
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers and every registered check (sweep heartbeat, task queue
    lag) is fresh, 503 otherwise. Reveals only the names of the checks and whether each passed."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return JsonResponse({"status": "error", "database": False}, status=503)
    checks = health.results()
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": True, **checks}, status=200 if healthy else 503
    )
