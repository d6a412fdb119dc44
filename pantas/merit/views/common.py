"""Mapping domain errors to responses, shared by the merit views."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from pantas.core.errors import InvalidTransition, NotAllowed


def domain_errors(view):
    """NotAllowed → 403; InvalidTransition (wrong state, or someone else acted first) → 409 with the reason."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc
        except InvalidTransition as exc:
            back = request.META.get("HTTP_REFERER", "")
            if not back.startswith(request.build_absolute_uri("/")):
                back = ""
            return render(request, "merit/conflict.html", {"message": exc.message, "back": back}, status=409)

    return wrapper
