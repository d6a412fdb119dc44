"""Base models, the append-only audit trail and the working-day calendar data."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        abstract = True


class VisibleQuerySet(models.QuerySet):
    """Every model that users read through the UI or API extends this and implements `visible_to(user)`.

    Views never start from `Model.objects.all()`: they start from `visible_to(request.user)` so that scope is
    decided in exactly one place per model (see `pantas.core.permissions.get_visible_or_404`).
    """

    def visible_to(self, user):  # pragma: no cover - abstract
        raise NotImplementedError(f"{self.model.__name__} must define visible_to(user)")


class AuditEvent(models.Model):
    """One state change, written in the same transaction as the change itself.

    Append-only: database triggers (migrations 0002, 0004) reject DELETE and every UPDATE on both SQLite and
    PostgreSQL unless a purge permit row exists (only the retention purge opens one) — except sealing, which
    sets `seq`, `prev_hash` and `hash` once, from empty, leaving every other column as it was. Events are
    inserted unsealed (no lock); `audit.seal()` chains committed events in `seq` order afterwards so that an edit
    made with the triggers dropped is still detected by `verify_audit_chain` (ADR 0040).
    """

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pelaku"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField(_("label pelaku"), max_length=150, blank=True)
    action = models.CharField(_("aksi"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100)
    object_id = models.CharField(_("ID objek"), max_length=64)
    reason = models.TextField(_("alasan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # Set once by the sealer: position in the chain (commit order, not id order), link and hash.
    seq = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "id"], name="core_audit_object_idx"),
            # The sealer's work list: small (only the unsealed window), however long the trail grows.
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="core_audit_unsealed_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class CollectiveLeaveDay(models.Model):
    """Cuti bersama: set yearly by joint ministerial decree, so it is data, not code."""

    date = models.DateField(_("tanggal"), unique=True)
    description = models.CharField(_("keterangan"), max_length=200)
    legal_source = models.CharField(_("dasar hukum"), max_length=200)

    class Meta:
        verbose_name = _("cuti bersama")
        verbose_name_plural = _("cuti bersama")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.description}"


class IdempotencyKey(models.Model):
    """A stored API write response, replayed when the same client repeats the same request (P-04)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    scope = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField(encoder=DjangoJSONEncoder)  # API responses carry dates and decimals
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "scope", "key"], name="core_unique_idempotency_key")
        ]

    def __str__(self):
        return f"{self.scope}:{self.key}"
