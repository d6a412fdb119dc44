"""Shared guards for the merit services: role checks, state locks and the one transition helper."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.errors import InvalidTransition, NotAllowed

from ..roles import agency_id_of


def require_roles(user, roles) -> None:
    if not (user and user.is_authenticated and user.has_any_role(roles)):
        raise NotAllowed(_("Peran Anda tidak mengizinkan tindakan ini."))


def require_agency(user, agency_id) -> None:
    """Only the agency's own PPK office acts for the agency."""
    if agency_id_of(user) != agency_id:
        raise NotAllowed(_("Hanya kantor PPK instansi ini yang dapat melakukan tindakan ini."))


def lock_status(obj, allowed, message=None) -> str:
    """Lock the row for the rest of the transaction and return its current status if it is one of `allowed`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_status() must run inside a transaction")
    current = type(obj).objects.select_for_update().filter(pk=obj.pk).values_list("status", flat=True).first()
    if current not in allowed:
        raise InvalidTransition(message or _("Tindakan ini tidak dapat dilakukan pada status saat ini."))
    return current


def move(obj, *, allowed, to, actor, action, history, reason="", fields=None, data=None, message=None):
    """Compare-and-set `obj.status` from one of `allowed` to `to`, with its status-history row and audit event.

    Two users acting at once both read the same status; only the first UPDATE matches `status=current`, the
    second changes 0 rows and gets InvalidTransition (409).
    """
    current = lock_status(obj, allowed, message)
    now = timezone.now()
    fields = {**(fields or {})}
    if any(f.name == "updated_at" for f in obj._meta.fields):
        fields["updated_at"] = now
    if not type(obj).objects.filter(pk=obj.pk, status=current).update(status=to, **fields):
        raise InvalidTransition(message or _("Data ini baru saja diubah pengguna lain; muat ulang halaman."))
    history.create(old=current, new=to, at=now, by=actor, reason=reason)
    audit.record(action, obj, actor=actor, reason=reason, data={"status": [current, to], **(data or {})})
    obj.status = to
    for name, value in fields.items():
        setattr(obj, name, value)
    return current
