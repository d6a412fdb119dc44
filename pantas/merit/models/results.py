"""Final scores: one `Result` per agency and cycle (from an assessment or an import), with the per-aspect
breakdown. Results of a published cycle are public; `visible_to` is the one read path."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantas.core.models import TimeStampedModel, VisibleQuerySet
from pantas.registry.models import Agency

from ..roles import IMPORTERS, agency_id_of, is_merit_staff
from .cycles import Assessment, AssessmentCycle, CycleStatus
from .instruments import SCORE, Aspect, Band, InstrumentVersion


class ResultSource(models.TextChoices):
    ASSESSMENT = "assessment", _("Penilaian di Pantas")
    IMPORT = "import", _("Impor data historis")


class ResultQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Merit staff see all; an agency also sees its own final results before publication; everyone sees
        the results of published cycles."""
        if is_merit_staff(user):
            return self
        published = models.Q(cycle__status=CycleStatus.PUBLISHED)
        agency_id = agency_id_of(user)
        if agency_id:
            return self.filter(published | models.Q(agency_id=agency_id))
        return self.filter(published)

    def published(self):
        return self.filter(cycle__status=CycleStatus.PUBLISHED)


class Result(models.Model):
    cycle = models.ForeignKey(
        AssessmentCycle, verbose_name=_("siklus"), on_delete=models.PROTECT, related_name="results"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="merit_results"
    )
    assessment = models.OneToOneField(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="result"
    )
    score = models.DecimalField(_("skor"), **SCORE)
    band = models.ForeignKey(Band, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("sumber"), max_length=20, choices=ResultSource.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("hasil penilaian")
        verbose_name_plural = _("hasil penilaian")
        ordering = ["cycle", "-score", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="merit_one_result_per_agency")
        ]
        indexes = [
            models.Index(fields=["cycle", "-score"], name="merit_result_rank_idx"),
            models.Index(fields=["agency", "cycle"], name="merit_result_agency_idx"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.score} ({self.band})"


class ResultAspect(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="aspect_scores")
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("skor"), **SCORE)
    max_score = models.DecimalField(_("skor maksimum"), **SCORE)

    class Meta:
        ordering = ["aspect__order", "aspect_id"]
        constraints = [
            models.UniqueConstraint(fields=["result", "aspect"], name="merit_one_score_per_aspect")
        ]

    def __str__(self):
        return f"{self.aspect}: {self.score}/{self.max_score}"

    @property
    def percent(self) -> float:
        return float(self.score / self.max_score * 100) if self.max_score else 0.0


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Pratinjau")
    COMMITTED = "committed", _("Disimpan")
    DISCARDED = "discarded", _("Dibatalkan")


class ImportBatchQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.has_any_role(IMPORTERS):
            return self
        return self.none()


class ImportBatch(TimeStampedModel):
    """An uploaded file of historical results: parsed and checked first (preview), saved only on confirmation."""

    instrument_version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("versi instrumen"), on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("nama berkas"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(_("baris"), default=list)
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    committed_at = models.DateTimeField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor hasil historis")
        verbose_name_plural = _("impor hasil historis")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class ImportStatusChange(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="history")
    old = models.CharField(max_length=20, blank=True)
    new = models.CharField(max_length=20)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.old or '—'} → {self.new}"
