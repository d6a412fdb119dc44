"""Assessment cycles, each agency's assessment in a cycle, its answers and evidence, and status history."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantas.core.models import TimeStampedModel, VisibleQuerySet
from pantas.registry.models import Agency, Authority

from ..roles import agency_id_of, is_merit_staff
from .instruments import AnswerOption, Indicator, Instrument, InstrumentVersion


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Disiapkan")
    OPEN = "open", _("Berjalan")
    PUBLISHED = "published", _("Hasil diumumkan")


class CycleKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Penilaian di Pantas")
    HISTORICAL = "historical", _("Hasil historis (impor)")


class CycleQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Merit staff see every cycle; an agency sees the running/published cycles it takes part in; everyone
        sees published cycles (their results are public)."""
        if is_merit_staff(user):
            return self
        published = models.Q(status=CycleStatus.PUBLISHED)
        agency_id = agency_id_of(user)
        if agency_id:
            own = models.Q(assessments__agency_id=agency_id) & ~models.Q(status=CycleStatus.DRAFT)
            return self.filter(published | own).distinct()
        return self.filter(published)


class AssessmentCycle(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(
        _("jenis"), max_length=20, choices=CycleKind.choices, default=CycleKind.ASSESSMENT
    )
    # `instrument` repeats the version's instrument so that "one cycle per instrument and year" is a constraint.
    instrument = models.ForeignKey(Instrument, verbose_name=_("instrumen"), on_delete=models.PROTECT)
    instrument_version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("versi instrumen"), on_delete=models.PROTECT, related_name="cycles"
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("penyelenggara"), null=True, blank=True, on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CycleStatus.choices, default=CycleStatus.DRAFT, db_index=True
    )
    participants = models.ManyToManyField(
        Agency, verbose_name=_("instansi peserta"), blank=True, related_name="merit_cycles"
    )
    self_assessment_due = models.DateField(_("batas penilaian mandiri"), null=True, blank=True)
    verification_due = models.DateField(_("batas verifikasi"), null=True, blank=True)
    reply_window_days = models.PositiveSmallIntegerField(
        _("masa tanggapan (hari kerja)"),
        default=10,
        help_text=_("Dihitung sejak hasil verifikasi dikirim ke instansi."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    published_at = models.DateTimeField(_("diumumkan"), null=True, blank=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("siklus penilaian")
        verbose_name_plural = _("siklus penilaian")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "year"], name="merit_one_cycle_per_instrument_year")
        ]

    def __str__(self):
        return self.title


class AssessmentStatus(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Penilaian mandiri")
    SUBMITTED = "submitted", _("Diajukan, menunggu verifikasi")
    VERIFIED = "verified", _("Hasil verifikasi dikirim (masa tanggapan)")
    REPLIED = "replied", _("Tanggapan instansi diterima")
    FINAL = "final", _("Final")
    UNASSESSED = "unassessed", _("Tidak dinilai")


class AssessmentQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Merit staff see all; an agency's PPK office sees its own agency's assessments; nobody else any.
        (Published scores are read through `Result`, which is public.)"""
        if is_merit_staff(user):
            return self
        agency_id = agency_id_of(user)
        if agency_id:
            return self.filter(agency_id=agency_id).exclude(cycle__status=CycleStatus.DRAFT)
        return self.none()


class Assessment(TimeStampedModel):
    cycle = models.ForeignKey(
        AssessmentCycle, verbose_name=_("siklus"), on_delete=models.PROTECT, related_name="assessments"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="merit_assessments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.SELF_ASSESSMENT
    )
    self_score = models.DecimalField(_("skor penilaian mandiri"), max_digits=7, decimal_places=2, null=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    verified_at = models.DateTimeField(_("hasil verifikasi dikirim"), null=True, blank=True)
    reply_due = models.DateField(_("batas tanggapan"), null=True, blank=True)
    replied_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    reply_text = models.TextField(_("tanggapan umum instansi"), blank=True)
    finalised_at = models.DateTimeField(_("difinalkan"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian instansi")
        verbose_name_plural = _("penilaian instansi")
        ordering = ["cycle", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="merit_one_assessment_per_agency")
        ]
        indexes = [models.Index(fields=["cycle", "status"], name="merit_assessment_status_idx")]

    def __str__(self):
        return f"{self.agency} — {self.cycle}"


class AnswerQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(assessment__in=Assessment.objects.visible_to(user))


class Answer(models.Model):
    """One indicator of one assessment: the agency's answer, the assessor's adjustment and the agency's reply."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    self_option = models.ForeignKey(
        AnswerOption,
        verbose_name=_("jawaban instansi"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_note = models.TextField(_("penjelasan instansi"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessor_option = models.ForeignKey(
        AnswerOption,
        verbose_name=_("jawaban hasil verifikasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessor_reason = models.TextField(_("alasan penyesuaian"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reply_agrees = models.BooleanField(_("instansi setuju"), null=True, blank=True)
    reply_text = models.TextField(_("tanggapan instansi"), blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="merit_one_answer")]

    def __str__(self):
        return f"{self.assessment_id}/{self.indicator_id}"

    @property
    def final_option(self):
        return self.assessor_option or self.self_option

    @property
    def is_adjusted(self) -> bool:
        return self.assessor_option_id is not None and self.assessor_option_id != self.self_option_id


def evidence_storage():
    # Outside MEDIA_ROOT and never served directly: downloads go through a permission-checked view.
    return FileSystemStorage(location=settings.EVIDENCE_ROOT / "merit")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")


class EvidenceQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(answer__assessment__in=Assessment.objects.visible_to(user))


class Evidence(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    file = models.FileField(_("berkas"), storage=evidence_storage, upload_to="%Y/%m", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title


class StatusChange(models.Model):
    old = models.CharField(_("dari"), max_length=20, blank=True)
    new = models.CharField(_("menjadi"), max_length=20)
    at = models.DateTimeField(_("waktu"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.old or '—'} → {self.new}"


class AssessmentStatusChange(StatusChange):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="history")


class CycleStatusChange(StatusChange):
    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="history")


class VersionStatusChange(StatusChange):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="history")
