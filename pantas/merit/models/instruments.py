"""Versioned assessment instruments: aspects → indicators → answer options with scores, and score bands.

A version is edited only while it is a draft; publishing freezes it, and cycles only ever point at published
versions, so an edit (which always happens on a new draft version) can never change a running cycle.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantas.core.models import TimeStampedModel, VisibleQuerySet

from ..roles import can_edit_instruments, is_merit_staff

SCORE = {"max_digits": 7, "decimal_places": 2}


class InstrumentKind(models.TextChoices):
    MERIT = "merit", _("Indeks sistem merit")
    NKK = "nkk", _("Maturitas nilai dasar, kode etik dan kode perilaku (NKK)")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    RETIRED = "retired", _("Tidak dipakai lagi")


class InstrumentQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        # Published instruments are public knowledge (agencies must know what they are assessed against).
        if user.is_authenticated and (is_merit_staff(user) or can_edit_instruments(user)):
            return self
        return self.filter(versions__status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED]).distinct()


class Instrument(TimeStampedModel):
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=InstrumentKind.choices)
    description = models.TextField(_("keterangan"), blank=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrumen penilaian")
        verbose_name_plural = _("instrumen penilaian")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class InstrumentVersionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if user.is_authenticated and (is_merit_staff(user) or can_edit_instruments(user)):
            return self
        return self.exclude(status=VersionStatus.DRAFT)

    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)


class InstrumentVersion(TimeStampedModel):
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrumen"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("nomor versi"))
    title = models.CharField(_("judul"), max_length=200)
    legal_source = models.TextField(_("dasar hukum / sumber"))
    effective_date = models.DateField(_("berlaku sejak"), null=True, blank=True)
    max_score = models.DecimalField(
        _("skor maksimum"),
        **SCORE,
        help_text=_(
            "Parameter: sumber berbeda (400 atau 410). Harus sama dengan jumlah skor tertinggi indikator."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT, db_index=True
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("disalin dari"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    change_note = models.TextField(_("catatan perubahan"), blank=True)
    source_checksum = models.CharField(_("SHA-256 berkas data"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = InstrumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi instrumen")
        verbose_name_plural = _("versi instrumen")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="merit_unique_version_number"),
            # At most one draft per instrument: edits never fork into competing drafts.
            models.UniqueConstraint(
                fields=["instrument"], condition=Q(status="draft"), name="merit_one_draft_per_instrument"
            ),
        ]

    def __str__(self):
        return f"{self.instrument.name} — v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class AspectQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(version__in=InstrumentVersion.objects.visible_to(user))


class Aspect(models.Model):
    version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("versi"), on_delete=models.CASCADE, related_name="aspects"
    )
    code = models.SlugField(_("kode"), max_length=60)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama aspek"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    declared_max = models.DecimalField(
        _("skor maksimum menurut sumber"),
        **SCORE,
        null=True,
        blank=True,
        help_text=_(
            "Kosongkan bila sumber tidak menyebutkan; bila diisi harus sama dengan jumlah indikator."
        ),
    )
    shows_case_data = models.BooleanField(
        _("tampilkan data kasus netralitas/etik"),
        default=False,
        help_text=_("Informatif saja (mis. aspek disiplin); tidak memengaruhi skor."),
    )

    objects = AspectQuerySet.as_manager()

    class Meta:
        verbose_name = _("aspek")
        verbose_name_plural = _("aspek")
        ordering = ["version", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="merit_unique_aspect_code")]

    def __str__(self):
        return self.name


class IndicatorQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(aspect__version__in=InstrumentVersion.objects.visible_to(user))


class Indicator(models.Model):
    aspect = models.ForeignKey(
        Aspect, verbose_name=_("aspek"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("kode"), max_length=60)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    text = models.TextField(_("indikator"))
    guidance = models.TextField(_("petunjuk pengisian"), blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["aspect__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["aspect", "code"], name="merit_unique_indicator_code")]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"


class AnswerOption(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="options"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    label = models.TextField(_("pilihan jawaban"))
    score = models.DecimalField(_("skor"), **SCORE)
    evidence_required = models.BooleanField(_("wajib bukti dukung"), default=False)
    evidence_hint = models.CharField(_("bukti dukung yang diminta"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")
        ordering = ["indicator", "order", "id"]

    def __str__(self):
        return f"{self.label[:60]} ({self.score})"


class Band(models.Model):
    """A category such as "IV Sangat Baik 325–400". A score falls in the highest band whose minimum it reaches,
    so decimal scores between two printed ranges (174.5) stay in the lower band."""

    version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("versi"), on_delete=models.CASCADE, related_name="bands"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    code = models.CharField(_("kode"), max_length=10)
    name = models.CharField(_("nama kategori"), max_length=100)
    min_score = models.DecimalField(_("skor minimum"), **SCORE)
    max_score = models.DecimalField(_("skor maksimum"), **SCORE)
    is_award = models.BooleanField(_("masuk daftar penghargaan"), default=False)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["version", "min_score"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="merit_unique_band_code")]

    def __str__(self):
        return f"{self.code} {self.name}"
