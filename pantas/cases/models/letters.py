"""Recommendation letters (drafted, approved, numbered, rendered once) and the recommendation they carry.

`Recommendation` is the seam the later follow-up app builds on: who must act, on what, by when.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.core.models import VisibleQuerySet
from pantas.core.roles import SUPERVISOR_ROLES

from ..roles import ADDRESSEE_ROLES
from .case import Case


class LetterState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    APPROVED = "approved", _("Disetujui dan ditandatangani")


class LetterQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Supervisor staff see letters of cases they can see; addressees see their approved letters."""
        if not user.is_authenticated:
            return self.none()
        scope = Q(case__in=Case.objects.visible_to(user))
        if not user.has_any_role(SUPERVISOR_ROLES):
            scope &= Q(state=LetterState.APPROVED)
        return self.filter(scope)


class RecommendationLetter(models.Model):
    """Immutable once approved: number, date, PDF bytes and their SHA-256 are set exactly once (ADR 0024)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="letter")
    state = models.CharField(max_length=10, choices=LetterState.choices, default=LetterState.DRAFT)
    authority = models.ForeignKey("registry.Authority", on_delete=models.PROTECT, related_name="+")
    addressee = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("perihal"), max_length=300)
    body = models.TextField(_("isi surat"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(default=timezone.now)
    number = models.CharField(_("nomor surat"), max_length=80, unique=True, null=True, blank=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    verification_code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    archival = models.BooleanField(
        _("arsip tanpa salinan digital"),
        default=False,
        help_text=_("Surat historis yang dicatat dari arsip; berkas PDF-nya tidak tersedia di sistem."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("surat rekomendasi")
        verbose_name_plural = _("surat rekomendasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | (Q(number__isnull=False) & Q(verification_code__isnull=False)),
                name="cases_approved_letter_is_numbered",
            )
        ]

    def __str__(self):
        return self.number or f"draf {self.case_id}"


class RecommendationQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        scope = Q(case__in=Case.objects.visible_to(user))
        if user.organisation_id and user.has_any_role(ADDRESSEE_ROLES):
            scope |= Q(addressee_id=user.organisation_id)
        return self.filter(scope)


class Recommendation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="recommendation")
    letter = models.OneToOneField(
        RecommendationLetter, on_delete=models.PROTECT, related_name="recommendation"
    )
    authority = models.ForeignKey("registry.Authority", on_delete=models.PROTECT, related_name="+")
    addressee = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ditujukan kepada"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    sanction = models.ForeignKey(
        "registry.SanctionKind", verbose_name=_("sanksi"), null=True, blank=True, on_delete=models.PROTECT
    )
    issued_at = models.DateTimeField(_("diterbitkan"))
    follow_up_due = models.DateField(_("batas tindak lanjut PPK"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat surel"), null=True, blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["addressee", "-issued_at"], name="cases_rec_addressee_idx")]

    def __str__(self):
        return f"{self.letter.number}"
