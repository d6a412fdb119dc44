"""Base models, the append-only audit trail and the working-day calendar data."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.lookups import In
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

    def any_of(self, *branches):
        """Rows matching any branch: a `Q` on this model or a queryset of this model's ids (`.values(...)`).

        One `Q` is a plain filter. Otherwise the ids are collected first — `id = ANY(ARRAY(branch UNION branch
        …))` on PostgreSQL, `id IN (… UNION …)` elsewhere — so each branch is planned on its own index, where an
        OR mixing columns and subqueries is checked row by row over the whole table, and an `IN` semi-join next
        to a list's joins is planned in written order past `join_collapse_limit` (ADR 0130). Same rows as OR-ing
        the branches."""
        if not branches:
            return self.none()
        if len(branches) == 1 and isinstance(branches[0], models.Q):
            return self.filter(branches[0])
        base = self.model._base_manager
        parts = [(base.filter(b).values("pk") if isinstance(b, models.Q) else b).order_by() for b in branches]
        ids = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        return self.filter(InCollectedIds(models.F("pk"), ids.query))


class InCollectedIds(In):
    """`lhs IN (subquery)`, written on PostgreSQL as `lhs = ANY(ARRAY(subquery))`: the subquery runs once as an
    init plan and the outer scan looks its ids up by index, whatever joins the outer query has."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # Both parts are SQL compiled by Django with their values as parameters.
        return f"{lhs} = ANY(ARRAY(SELECT * FROM {rhs} AS ids))", (*lhs_params, *rhs_params)  # noqa: S608


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


class Counter(models.Model):
    """One gap-free counter per (series, scope, year), e.g. ("letter", "BKN", 2026); see `core.numbering`."""

    series = models.CharField(max_length=40)
    scope = models.CharField(max_length=80, blank=True, default="")
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung nomor")
        verbose_name_plural = _("penghitung nomor")
        constraints = [
            models.UniqueConstraint(fields=["series", "scope", "year"], name="core_unique_counter")
        ]

    def __str__(self):
        return f"{self.series}:{self.scope}:{self.year}={self.value}"


class DocumentState(models.TextChoices):
    RESERVED = "reserved", _("Nomor dipesan")
    ISSUED = "issued", _("Diterbitkan")


class Document(models.Model):
    """A numbered official document, rendered once (`core.documents`, ADR 0044).

    Reserved first (number and verification code, in a short transaction), then rendered outside any
    transaction, then stored and issued. Once issued nothing changes: the service never updates it and a
    database trigger (migration 0005) refuses any UPDATE of an issued row.
    """

    kind = models.CharField(_("jenis"), max_length=40)
    number = models.CharField(_("nomor"), max_length=80)
    state = models.CharField(max_length=10, choices=DocumentState.choices, default=DocumentState.RESERVED)
    authority = models.ForeignKey(
        "registry.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document_date = models.DateField(_("tanggal"))
    title = models.CharField(_("judul"), max_length=200)
    addressee = models.CharField(_("ditujukan kepada"), max_length=300, blank=True)
    subject = models.CharField(
        _("keterangan publik"),
        max_length=300,
        blank=True,
        help_text=_("Apa yang dinyatakan dokumen ini, tanpa data pribadi; tampil di halaman verifikasi."),
    )
    verification_code = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
    language = models.CharField(max_length=10, default="id")
    reserved_at = models.DateTimeField(default=timezone.now)
    issued_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    archival = models.BooleanField(
        _("arsip tanpa salinan digital"),
        default=False,
        help_text=_("Dokumen historis yang dicatat dari arsip; berkas PDF-nya tidak tersedia di sistem."),
    )

    class Meta:
        verbose_name = _("dokumen resmi")
        verbose_name_plural = _("dokumen resmi")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="core_unique_document_number"),
            models.CheckConstraint(
                condition=models.Q(state="reserved")
                | models.Q(archival=True)
                | (models.Q(issued_at__isnull=False) & ~models.Q(sha256="")),
                name="core_issued_document_is_hashed",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_issued(self) -> bool:
        return self.state == DocumentState.ISSUED


class RetentionRule(models.Model):
    """How long one kind of record is kept, with its legal source (P-17, ADR 0095).

    Reference data loaded from `core/data/retention.json`; a new version adds rows and leaves the older ones for
    provenance. The purge uses the newest version of each kind.
    """

    kind = models.CharField(_("jenis rekaman"), max_length=60)
    version = models.CharField(_("versi"), max_length=20)
    days = models.PositiveIntegerField(_("masa retensi (hari)"))
    action = models.CharField(_("tindakan"), max_length=20)  # "delete" or "anonymise"
    legal_source = models.TextField(_("dasar hukum"))
    description = models.TextField(_("keterangan"), blank=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("aturan retensi")
        verbose_name_plural = _("aturan retensi")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="core_retention_kind_version")
        ]

    def __str__(self):
        return f"{self.kind} v{self.version}: {self.days} d"


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(released_at__isnull=True)


class LegalHold(models.Model):
    """Keeps one object (a report, a case) out of every purge while a legal process needs it."""

    object_type = models.CharField(_("jenis objek"), max_length=60)  # e.g. "intake.report", "cases.case"
    object_id = models.CharField(_("id objek"), max_length=64)
    reason = models.TextField(_("alasan"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    placed_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("penahanan hukum")
        verbose_name_plural = _("penahanan hukum")
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_legalhold_object_idx")]

    def __str__(self):
        return f"{self.object_type}:{self.object_id}"


class StateChange(models.Model):
    """The columns of a status-history row written by `core.workflow.History` (one row per state change,
    append-only, cheap to query for time-in-state). Each app adds its FK and its own `from_state`/`to_state`
    with its state choices."""

    action = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]
