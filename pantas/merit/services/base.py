"""Shared guard for the merit services that create objects (transitions are checked by `merit.workflow`)."""

from django.utils.translation import gettext as _

from pantas.core.errors import NotAllowed


def require_roles(user, roles) -> None:
    if not (user and user.is_authenticated and user.has_any_role(roles)):
        raise NotAllowed(_("Peran Anda tidak mengizinkan tindakan ini."))
