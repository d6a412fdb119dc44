import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pantas.lib.services import is_loopback

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


def _internal_caller(request) -> bool:
    """A direct caller on this machine (not through the proxy, which always adds X-Forwarded-For), or one that
    knows the health token (monitoring on another machine)."""
    token = settings.PANTAS_HEALTH_TOKEN
    if token and hmac.compare_digest(request.headers.get("X-Health-Token", ""), token):
        return True
    return is_loopback(request.META.get("REMOTE_ADDR", "")) and "HTTP_X_FORWARDED_FOR" not in request.META


def _details() -> dict:
    from django_tasks_db.models import DBTaskResult

    from .audit import unsealed_count

    details = {}
    try:
        cache.set("pantas:healthz", 1, 10)
        details["cache"] = cache.get("pantas:healthz") == 1
    except Exception:  # noqa: BLE001 - a broken cache is a finding, not a crash
        details["cache"] = False
    ready = DBTaskResult.objects.filter(status="READY")
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    details["tasks_ready"] = ready.count()
    details["oldest_ready_seconds"] = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    details["audit_unsealed"] = unsealed_count()
    return details


@public
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers and every registered check (sweep heartbeat, task queue
    lag) is fresh, 503 otherwise. Names of checks and other details (cache, task queue, audit sealing) only for
    internal callers (P-24); everyone else gets the bare status."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return JsonResponse({"status": "error"}, status=503)
    checks = health.results()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    if _internal_caller(request):
        body |= {"database": True, **checks, **_details()}
    return JsonResponse(body, status=200 if healthy else 503)
