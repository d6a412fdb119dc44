"""Case-handling reference data and helpers: teams, maladministration catalogue, candidacy declarations
(conflict of interest), conflict routing rules, and race-safe counters for case and letter numbers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.core.models import VisibleQuerySet
from pantas.core.roles import CASE_HANDLER_ROLES
from pantas.registry.models import AgencyKind


class StaffOnlyQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.has_any_role(CASE_HANDLER_ROLES):
            return self
        return self.none()


class Team(models.Model):
    """A working group of analysts (e.g. "Pokja Pengaduan dan Investigasi I"): the unit of the team worklist."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ketua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("anggota"), blank=True, related_name="case_teams"
    )

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("tim")
        verbose_name_plural = _("tim")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MaladministrationCategory(models.Model):
    """The Ombudsman's ten maladministration categories (UU 37/2008; Ombudsman reporting), versioned."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    catalogue = models.CharField(_("versi katalog"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    legal_source = models.CharField(_("dasar hukum"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    disabled_on = models.DateField(_("tidak berlaku sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("kategori maladministrasi")
        verbose_name_plural = _("kategori maladministrasi")
        ordering = ["order"]

    def __str__(self):
        return self.name


class CandidacyDeclarationQuerySet(StaffOnlyQuerySet):
    def active(self):
        return self.filter(withdrawn_on__isnull=True)


class CandidacyDeclaration(models.Model):
    """ "The PPK of this agency is a candidate in this election" — a recorded fact with its source.

    When it holds for a case's agency and election, the case is flagged and its recommendation is routed to the
    next level (ADR 0023).
    """

    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+"
    )
    election = models.ForeignKey(
        "registry.Election", verbose_name=_("pemilihan"), on_delete=models.PROTECT, related_name="+"
    )
    candidate_name = models.CharField(_("nama PPK yang menjadi calon"), max_length=150)
    note = models.TextField(_("catatan"), blank=True)
    source = models.CharField(
        _("sumber"), max_length=300, help_text=_("Misalnya keputusan KPU tentang penetapan pasangan calon.")
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_on = models.DateField(_("dicabut sejak"), null=True, blank=True)

    objects = CandidacyDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pernyataan pencalonan PPK")
        verbose_name_plural = _("pernyataan pencalonan PPK")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "election"], name="cases_one_candidacy_per_election")
        ]

    def __str__(self):
        return f"{self.candidate_name} — {self.agency} ({self.election})"


class ConflictRoutingRule(models.Model):
    """Where a recommendation goes when the agency's PPK is conflicted, by agency kind (data, with source)."""

    agency_kind = models.CharField(
        _("jenis instansi"), max_length=20, choices=AgencyKind.choices, unique=True
    )
    organisation_code = models.SlugField(_("kode organisasi tujuan"), max_length=60)
    legal_source = models.CharField(_("dasar hukum"), max_length=300)

    class Meta:
        verbose_name = _("aturan pengalihan konflik kepentingan")
        verbose_name_plural = _("aturan pengalihan konflik kepentingan")

    def __str__(self):
        return f"{self.get_agency_kind_display()} → {self.organisation_code}"


class CorrectiveActionKind(models.Model):
    """What a merit-system recommendation asks the PPK to correct (cancel/redo a JPT selection, revoke or correct
    a decree), versioned with its legal source (`data/corrective_actions.json`)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    catalogue = models.CharField(_("versi katalog"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    legal_source = models.CharField(_("dasar hukum"), max_length=300)
    requires_decree = models.BooleanField(_("menyebut keputusan (SK)"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    disabled_on = models.DateField(_("tidak berlaku sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("jenis rekomendasi korektif")
        verbose_name_plural = _("jenis rekomendasi korektif")
        ordering = ["order"]

    def __str__(self):
        return self.name
