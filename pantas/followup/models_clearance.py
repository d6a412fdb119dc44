"""JPT clearance look-ups (ADR 0056): who asked about which NIPs, for what, what each NIP was on that day, and
the numbered certificate issued from those stored answers. Imported by `models.py` so Django registers them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.core.models import VisibleQuerySet
from pantas.core.roles import Role

from . import roles


class ClearanceStatus(models.TextChoices):
    CLEAR = "clear", _("Bersih")
    PENDING = "pending", _("Ada kasus yang sedang diproses")
    NOT_FOLLOWED_UP = "not_followed_up", _("Rekomendasi belum ditindaklanjuti PPK")
    SANCTIONED = "sanctioned", _("Sedang menjalani sanksi")
    UNKNOWN = "unknown", _("Tidak terdaftar")
    INVALID = "invalid", _("NIP tidak valid")


class ClearanceChannel(models.TextChoices):
    WEB = "web", _("Aplikasi web")
    API = "api", _("API")


class ClearanceRequestQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Supervisor staff see every look-up; a selection committee sees its own organisation's."""
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(roles.SUPERVISOR):
            return self
        if user.organisation_id and user.has_role(Role.SELECTION_COMMITTEE):
            return self.filter(organisation_id=user.organisation_id)
        return self.none()


class ClearanceRequest(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("waktu penelusuran"), default=timezone.now)
    as_of = models.DateField(_("keadaan per tanggal"))
    purpose = models.CharField(_("keperluan"), max_length=300)
    channel = models.CharField(max_length=5, choices=ClearanceChannel.choices, default=ClearanceChannel.WEB)
    nip_count = models.PositiveIntegerField(_("jumlah NIP"))
    counts = models.JSONField(default=dict, blank=True)  # status -> number of NIPs
    # The certificate: a numbered, verifiable `core.Document` (ADR 0044), reserved and rendered once on request.
    document = models.OneToOneField(
        "core.Document",
        verbose_name=_("surat keterangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ClearanceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("penelusuran rekam jejak (JPT)")
        verbose_name_plural = _("penelusuran rekam jejak (JPT)")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-requested_at"], name="followup_clearance_org_idx")]

    def __str__(self):
        return self.number or f"{self.requested_at:%Y-%m-%d} ({self.nip_count})"

    @property
    def certificate(self):
        """The issued certificate, or None (a reservation whose rendering failed is not one yet)."""
        document = self.document if self.document_id else None
        return document if document is not None and document.is_issued else None

    @property
    def number(self) -> str | None:
        return self.certificate.number if self.certificate else None


class ClearanceResult(models.Model):
    """One NIP of a look-up, as answered then. Name and agency are copied so the certificate never changes."""

    request = models.ForeignKey(ClearanceRequest, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField()
    nip = models.CharField(_("NIP"), max_length=40)  # as typed (normalised) when invalid
    status = models.CharField(_("hasil"), max_length=20, choices=ClearanceStatus.choices)
    name = models.CharField(_("nama"), max_length=150, blank=True)
    agency = models.CharField(_("instansi"), max_length=200, blank=True)
    ends_on = models.DateField(_("sanksi berakhir"), null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("hasil penelusuran per NIP")
        verbose_name_plural = _("hasil penelusuran per NIP")
        ordering = ["request", "position"]
        indexes = [models.Index(fields=["nip"], name="followup_clearance_nip_idx")]

    def __str__(self):
        return f"{self.nip}: {self.status}"
