from rest_framework.permissions import BasePermission


class HasAnyRole(BasePermission):
    """Use as `HasAnyRole.of(Role.A, Role.B)`: the view's declared roles, checked for API calls."""

    roles: frozenset = frozenset()

    @classmethod
    def of(cls, *roles):
        return type("HasAnyRole", (cls,), {"roles": frozenset(roles)})

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_any_role(self.roles))
