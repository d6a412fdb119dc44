"""Follow-up of a recommendation (ADR 0050): the PPK's decree, objections, BKN blocking requests, reports of
non-complying PPKs to their ministry, notifications (outbox) and the sweep heartbeat."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.core.models import StateChange, VisibleQuerySet
from pantas.core.roles import Role

from . import roles
from .workflow import BlockingState, FollowUpState, PPKReportState


class Compliance(models.TextChoices):
    COMPLIED = "complied", _("Sesuai rekomendasi")
    PARTIAL = "partial", _("Sebagian / berbeda")
    NOT_COMPLIED = "not_complied", _("Tidak ditindaklanjuti")


class FollowUpQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(roles.SUPERVISOR):
            return self
        branches = []  # combined as `id IN (… UNION …)` by `any_of` (ADR 0130)
        if user.organisation_id and user.has_any_role(roles.PPK):
            branches.append(Q(addressee_id=user.organisation_id))
        if user.has_any_role(roles.BKN):
            branches.append(BlockingRequest.objects.values("follow_up_id"))
        if user.organisation_id and user.has_any_role(roles.MINISTRY):
            branches.append(
                PPKReport.objects.filter(addressee_id=user.organisation_id).values("follow_up_id")
            )
        return self.any_of(*branches)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(state__in=[FollowUpState.AWAITING, FollowUpState.ACKNOWLEDGED], due_on__lt=today)


class FollowUp(models.Model):
    """The PPK's follow-up of one recommendation (one sanctioned person)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recommendation = models.OneToOneField(
        "cases.Recommendation", on_delete=models.PROTECT, related_name="follow_up"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="follow_ups")
    addressee = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("PPK / instansi yang wajib menindaklanjuti"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    civil_servant = models.ForeignKey(
        "registry.CivilServant", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    recommended_sanction = models.ForeignKey(
        "registry.SanctionKind",
        verbose_name=_("sanksi yang direkomendasikan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("status"), max_length=20, choices=FollowUpState.choices, default=FollowUpState.AWAITING
    )
    version = models.PositiveIntegerField(default=0)
    due_on = models.DateField(_("batas tindak lanjut"), null=True, blank=True)
    deadline_code = models.CharField(max_length=60, blank=True)
    state_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    compliance = models.CharField(_("kepatuhan"), max_length=20, choices=Compliance.choices, blank=True)
    deviation_reason = models.TextField(_("alasan perbedaan sanksi"), blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)
    reprimanded_at = models.DateTimeField(_("teguran dicatat"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut rekomendasi")
        verbose_name_plural = _("tindak lanjut rekomendasi")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["addressee", "state", "due_on"], name="followup_addressee_state_idx"),
            models.Index(fields=["state", "due_on"], name="followup_state_due_idx"),
            models.Index(fields=["nip"], name="followup_nip_idx"),
            # The supervisor's list and the API page in (due_on, id) order (ADR 0131).
            models.Index(fields=["due_on", "id"], name="followup_due_idx"),
        ]

    def __str__(self):
        return f"{self.case_id}/{self.nip or '-'}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.state in (FollowUpState.AWAITING, FollowUpState.ACKNOWLEDGED)
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    @property
    def latest_decree(self):
        return self.decrees.order_by("-uploaded_at", "-id").first()


class FollowUpStatusChange(StateChange):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="status_changes")
    from_state = models.CharField(max_length=20, choices=FollowUpState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=FollowUpState.choices)

    class Meta(StateChange.Meta):
        verbose_name = _("riwayat status tindak lanjut")
        verbose_name_plural = _("riwayat status tindak lanjut")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["follow_up", "at"], name="followup_history_idx"),
            models.Index(fields=["to_state", "at"], name="followup_history_state_idx"),
        ]

    def __str__(self):
        return f"{self.follow_up_id}: {self.from_state} → {self.to_state}"


class SanctionDecreeQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(follow_up__in=FollowUp.objects.visible_to(user))


class SanctionDecree(models.Model):
    """The PPK's decision imposing the sanction (SK hukuman disiplin), with the PDF stored encrypted."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="decrees")
    number = models.CharField(_("nomor SK"), max_length=120)
    decree_date = models.DateField(_("tanggal SK"))
    imposed_sanction = models.ForeignKey(
        "registry.SanctionKind",
        verbose_name=_("sanksi yang dijatuhkan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("berlaku mulai"))
    ends_on = models.DateField(_("berakhir"), null=True, blank=True)
    # Name in the encrypted evidence store (`pantas.intake.security.storage`); blank for archival records.
    file = models.CharField(max_length=32, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = SanctionDecreeQuerySet.as_manager()

    class Meta:
        verbose_name = _("SK hukuman disiplin")
        verbose_name_plural = _("SK hukuman disiplin")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.number


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("Rekomendasi tetap")
    REVISED = "revised", _("Rekomendasi diubah")


class ObjectionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(follow_up__in=FollowUp.objects.visible_to(user))


class Objection(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="objections")
    reasons = models.TextField(_("alasan keberatan"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("hasil"), max_length=10, choices=ObjectionOutcome.choices, blank=True)
    answer = models.TextField(_("jawaban pengawas"), blank=True)
    revised_sanction = models.ForeignKey(
        "registry.SanctionKind",
        verbose_name=_("sanksi setelah perubahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("keberatan PPK")
        verbose_name_plural = _("keberatan PPK")
        ordering = ["filed_at", "id"]

    def __str__(self):
        return f"{self.follow_up_id} {self.filed_at:%Y-%m-%d}"


class BlockingRequestQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(roles.SUPERVISOR | roles.BKN):
            return self
        if user.organisation_id and user.has_any_role(roles.PPK):
            return self.filter(follow_up__addressee_id=user.organisation_id)
        return self.none()

    def open(self):
        return self.filter(state__in=[BlockingState.REQUESTED, BlockingState.UNBLOCK_REQUESTED])


class BlockingRequest(models.Model):
    """A request to BKN to block (and later unblock) an ASN's personnel record in SIASN."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="blocking_requests")
    civil_servant = models.ForeignKey(
        "registry.CivilServant", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True, db_index=True)
    number = models.CharField(_("nomor surat"), max_length=80, unique=True)
    state = models.CharField(
        _("status"), max_length=20, choices=BlockingState.choices, default=BlockingState.REQUESTED
    )
    # The letter as a numbered, verifiable `core.Document` (ADR 0044); null only for rows from before it.
    document = models.OneToOneField(
        "core.Document", verbose_name=_("dokumen"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    version = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(_("diminta"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("diterima sistem BKN"), null=True, blank=True)
    blocked_on = models.DateField(_("tanggal blokir"), null=True, blank=True)
    siasn_reference = models.CharField(_("referensi SIASN"), max_length=100, blank=True)
    unblock_requested_at = models.DateTimeField(_("diminta buka blokir"), null=True, blank=True)
    unblocked_on = models.DateField(_("tanggal buka blokir"), null=True, blank=True)
    unblock_reference = models.CharField(_("referensi buka blokir"), max_length=100, blank=True)
    state_changed_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = BlockingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("permintaan blokir data ASN")
        verbose_name_plural = _("permintaan blokir data ASN")
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["state", "requested_at"], name="followup_blocking_state_idx")]
        constraints = [
            # At most one live request per follow-up: the sweep can never request twice.
            models.UniqueConstraint(
                fields=["follow_up"],
                condition=Q(state__in=["requested", "blocked", "unblock_requested"]),
                name="followup_one_open_blocking_request",
            )
        ]

    def __str__(self):
        return self.number


class PPKReportQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(roles.SUPERVISOR):
            return self
        if user.organisation_id and user.has_role(Role.MINISTRY_OFFICER):
            return self.filter(addressee_id=user.organisation_id)
        return self.none()


class PPKReport(models.Model):
    """Report of a PPK that let the deadline pass, to KemenPANRB (central) or Kemendagri (regional heads)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="reports")
    addressee = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ditujukan kepada"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("nomor surat"), max_length=80, unique=True)
    state = models.CharField(
        _("status"), max_length=20, choices=PPKReportState.choices, default=PPKReportState.SENT
    )
    # The letter as a numbered, verifiable `core.Document` (ADR 0044); null only for rows from before it.
    document = models.OneToOneField(
        "core.Document", verbose_name=_("dokumen"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    version = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    reprimand_note = models.TextField(_("isi teguran"), blank=True)
    reprimand_reference = models.CharField(_("nomor surat teguran"), max_length=120, blank=True)
    reprimanded_at = models.DateTimeField(_("teguran dicatat"), null=True, blank=True)
    new_due_on = models.DateField(_("tenggat baru"), null=True, blank=True)
    state_changed_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PPKReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan PPK tidak patuh")
        verbose_name_plural = _("laporan PPK tidak patuh")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up"],
                condition=Q(state__in=["sent", "reprimanded"]),
                name="followup_one_open_ppk_report",
            )
        ]

    def __str__(self):
        return self.number


class NotificationKind(models.TextChoices):
    EARLY_WARNING = "early_warning", _("Peringatan dini")
    DUE_TODAY = "due_today", _("Tenggat hari ini")
    OVERDUE = "overdue", _("Melewati tenggat")
    ESCALATED = "escalated", _("Dieskalasi")
    BLOCKING_REQUESTED = "blocking_requested", _("Permintaan blokir")
    UNBLOCK_REQUESTED = "unblock_requested", _("Permintaan buka blokir")
    REPRIMAND_REQUESTED = "reprimand_requested", _("Laporan PPK tidak patuh")
    VERIFIED = "verified", _("SK diverifikasi")


class NotificationQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.organisation_id:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def unsent(self):
        return self.filter(emailed_at__isnull=True)


class Notification(models.Model):
    """In-app notification and e-mail outbox in one row; the unique key makes every sweep exactly-once."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="follow_up_notifications"
    )
    follow_up = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    key = models.CharField(max_length=60, blank=True)  # distinguishes repeated periods, e.g. the due date
    language = models.CharField(max_length=5, default="id")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "kind", "organisation", "key"], name="followup_notification_once"
            )
        ]
        indexes = [models.Index(fields=["emailed_at"], name="followup_outbox_idx")]

    def __str__(self):
        return self.subject


class SweepRun(models.Model):
    """Heartbeat of `sweep_deadlines`: /healthz turns unhealthy when the last finished run is stale."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("jalannya sweep tenggat")
        verbose_name_plural = _("jalannya sweep tenggat")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


# JPT clearance look-ups and certificates live in their own module (track-record side of issue 9).
from .models_clearance import ClearanceRequest, ClearanceResult, ClearanceStatus  # noqa: E402, F401
