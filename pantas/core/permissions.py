"""Deny-by-default building blocks: public views are marked, role-restricted views declare their roles.

`DenyByDefaultMiddleware` reads the attributes set here; a view with neither is reachable only when logged in.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404


def public(view):
    """Mark a view as reachable without logging in. Every use is listed in the route-walk test's allowlist."""
    view.pantas_public = True
    return view


def role_required(*roles):
    """Restrict a view to users holding at least one of `roles` (checked again inside, for direct calls)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated or not request.user.has_any_role(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.pantas_roles = frozenset(roles)
        return wrapper

    return decorator


def get_visible_or_404(queryset_or_model, user, **lookup):
    """Fetch one object through `visible_to(user)`: outside the user's scope it does not exist (404)."""
    manager = getattr(queryset_or_model, "objects", None)
    queryset = manager.all() if manager is not None else queryset_or_model
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    except (ValueError, TypeError):  # malformed ids in the URL are "not found", not a 500
        raise Http404 from None
