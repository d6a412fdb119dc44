"""Deny by default: a view is public only if marked `@public`; everything else needs a logged-in user,
holding one of the view's declared roles, with MFA when it is required (P-16, P-25)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def _view_attr(view_func, name, default=None):
    value = getattr(view_func, name, None)
    if value is None:
        view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
        value = getattr(view_class, name, None)
    return default if value is None else value


def _is_drf(view_func) -> bool:
    return getattr(view_func, "cls", None) is not None and hasattr(view_func.cls, "permission_classes")


class DenyByDefaultMiddleware:
    # Views that must stay reachable while MFA enrolment is pending.
    MFA_EXEMPT = {"accounts:mfa_setup", "accounts:logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Pages for logged-in staff and answers to form posts (receipts!) must never sit in a shared cache.
        if "Cache-Control" not in response and (
            request.method == "POST" or getattr(request, "user", None) and request.user.is_authenticated
        ):
            response["Cache-Control"] = "private, no-store"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _view_attr(view_func, "pantas_public", False):
            return None
        if _is_drf(view_func):
            # DRF authenticates (Bearer tokens) inside the view; its default permission is IsAuthenticated and
            # public API views opt out explicitly with `pantas_public` + AllowAny.
            return None
        user = request.user
        if not user.is_authenticated:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Autentikasi diperlukan.")}, status=401)
            return redirect_to_login(request.get_full_path())
        match = request.resolver_match
        route_name = (
            f"{match.namespace}:{match.url_name}"
            if match and match.namespace
            else getattr(match, "url_name", "")
        )
        if settings.MFA_REQUIRED and not user.mfa_enabled and route_name not in self.MFA_EXEMPT:
            return redirect("accounts:mfa_setup")
        roles = _view_attr(view_func, "pantas_roles")
        if roles and not user.has_any_role(roles):
            raise PermissionDenied
        return None


class TrustedProxyMiddleware:
    """Behind nginx every request comes from the proxy's address; rate limits need the client's (ADR 0097).

    Only when the direct peer is one of `PANTAS_TRUSTED_PROXIES` is the last `X-Forwarded-For` entry (the one the
    proxy itself wrote) taken as `REMOTE_ADDR`; from anyone else the header is ignored, so it cannot be spoofed.
    The address stays in memory: it is only ever used through the HMAC in `core.throttle` (P-11).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(getattr(settings, "PANTAS_TRUSTED_PROXIES", ()))

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and request.META.get("REMOTE_ADDR") in self.trusted:
            request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)
