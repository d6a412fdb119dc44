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
from pantas.core.roles import CASE_HANDLER_ROLES

from ..roles import ADDRESSEE_ROLES, VIEW_ALL_ROLES
from .case import Case


class LetterState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    APPROVING = "approving", _("Disetujui, sedang diterbitkan")
    APPROVED = "approved", _("Disetujui dan ditandatangani")


class LetterQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Case staff see letters of cases they can see; addressees see their approved letters."""
        if not user.is_authenticated:
            return self.none()
        scope = Q() if user.role_set & VIEW_ALL_ROLES else Q(case__in=Case.objects.visible_to(user))
        if not user.has_any_role(CASE_HANDLER_ROLES):
            scope &= Q(state=LetterState.APPROVED)
        return self.filter(scope)


class RecommendationLetter(models.Model):
    """Immutable once approved: number, date and its `core.Document` (PDF, SHA-256) are set once (ADRs 0024, 0044)."""

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
    # Number and date are the letter's heading, set once with the reservation of its document (ADR 0044);
    # the document holds the verification code, the PDF and its SHA-256.
    number = models.CharField(_("nomor surat"), max_length=80, unique=True, null=True, blank=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    document = models.OneToOneField(
        "core.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="recommendation_letter"
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
                condition=Q(state="draft") | (Q(number__isnull=False) & Q(document__isnull=False)),
                name="cases_approved_letter_is_numbered",
            )
        ]

    def __str__(self):
        return self.number or f"draf {self.case_id}"

    # Read through to the document, so templates, the API and the e-mail task keep their names.
    @property
    def verification_code(self) -> str | None:
        return self.document.verification_code if self.document_id else None

    @property
    def pdf(self):
        return self.document.pdf if self.document_id and self.document.is_issued else None

    @property
    def sha256(self) -> str:
        return self.document.sha256 if self.document_id else ""

    @property
    def archival(self) -> bool:
        return bool(self.document_id) and self.document.archival


class RecommendationKind(models.TextChoices):
    """What the PPK is asked to do: sanction a person, correct a staffing decision (merit track), or both."""

    SANCTION = "sanction", _("Penjatuhan sanksi")
    CORRECTION = "correction", _("Tindakan korektif")
    BOTH = "both", _("Tindakan korektif dan penjatuhan sanksi")


class RecommendationQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.role_set & VIEW_ALL_ROLES:
            return self  # every case is visible, so is every recommendation (each has a case)
        # The case's branches joined through `case__`, not "case in (every visible case)": a ministry's PPK
        # office has thousands of disclosed cases, and collecting their ids first cost more than its inbox page.
        branches = Case.objects.visibility_branches(user, prefix="case__")
        if user.organisation_id and user.has_any_role(ADDRESSEE_ROLES):
            branches.append(Q(addressee_id=user.organisation_id))
        return self.any_of(*branches)


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
    kind = models.CharField(
        _("jenis rekomendasi"),
        max_length=12,
        choices=RecommendationKind.choices,
        default=RecommendationKind.SANCTION,
    )
    issued_at = models.DateTimeField(_("diterbitkan"))
    follow_up_due = models.DateField(_("batas tindak lanjut PPK"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat surel"), null=True, blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["-issued_at", "-id"]
        indexes = [
            models.Index(fields=["addressee", "-issued_at"], name="cases_rec_addressee_idx"),
            models.Index(fields=["issued_at", "id"], name="cases_rec_issued_idx"),  # list order (ADR 0131)
        ]

    def __str__(self):
        return f"{self.letter.number}"
