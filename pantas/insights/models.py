"""Published aggregate figures (ADR 0078): what the supervisor announced, with its source, kept apart from the
figures computed from case rows ("angka terbitan" beside "angka terhitung"), never added to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureUnit(models.TextChoices):
    COUNT = "count", _("jumlah")
    SHARE = "share", _("proporsi")


class PublishedFigure(models.Model):
    figure = models.CharField(_("kode angka"), max_length=80)
    election = models.CharField(_("pemilihan (kode)"), max_length=40, blank=True, db_index=True)
    election_label = models.CharField(_("pemilihan (sebutan sumber)"), max_length=80, blank=True)
    # A breakdown cell: dimension (province, category, sanction, status, …) and its key; both blank for a total.
    dimension = models.CharField(_("rincian"), max_length=40, blank=True)
    key = models.CharField(_("butir"), max_length=80, blank=True)
    measure = models.CharField(_("ukuran (sumber)"), max_length=255)
    value = models.DecimalField(_("nilai"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("satuan"), max_length=10, choices=FigureUnit.choices, default=FigureUnit.COUNT)
    as_of = models.DateField(_("per tanggal"), null=True, blank=True)
    period = models.CharField(_("periode"), max_length=40, blank=True)
    source = models.CharField(_("sumber"), max_length=255)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("angka terbitan")
        verbose_name_plural = _("angka terbitan")
        ordering = ["election", "figure", "dimension", "key"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "dimension", "key"], name="insights_figure_cell_unique")
        ]

    def __str__(self):
        return f"{self.figure} {self.key}".strip()


class ForecastLevel(models.TextChoices):
    PROVINCE = "province", _("provinsi")
    REGENCY = "regency", _("kabupaten/kota")
    CENTRAL = "central", _("instansi pusat")


class ForecastRun(models.Model):
    """One fit of the violation forecast (ADR 0105–0108), made off the request path by `manage.py forecast`:
    the model, its backtest, the totals per target election (and all targets together, election "") and the
    rows per region. Pages and the API read the latest run. Aggregates of reference data: no personal data."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    history = models.JSONField(_("pemilihan data latih"), default=list)
    targets = models.JSONField(_("pemilihan sasaran"), default=list)
    family = models.CharField(_("model"), max_length=30)
    level = models.FloatField(_("tingkat interval"))
    draws = models.PositiveIntegerField(_("jumlah simulasi"))
    seed = models.BigIntegerField(_("benih acak"))
    model = models.JSONField(_("koefisien"), default=dict)
    totals = models.JSONField(_("total"), default=list)
    backtest = models.JSONField(_("uji mundur"), default=dict)
    checks = models.JSONField(_("pembanding"), default=dict)
    notes = models.JSONField(_("catatan"), default=list)
    reference_version = models.CharField(_("versi data referensi"), max_length=40)
    reference_checksum = models.CharField(_("SHA-256 data referensi"), max_length=64)

    class Meta:
        verbose_name = _("prakiraan")
        verbose_name_plural = _("prakiraan")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {', '.join(self.targets)}"


class ForecastRow(models.Model):
    """One region's forecast in one run, for one target election or for all targets together (election "")."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="rows")
    election = models.CharField(_("pemilihan (kode)"), max_length=40, blank=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=ForecastLevel.choices)
    code = models.CharField(_("kode wilayah"), max_length=10)
    province = models.CharField(_("provinsi (kode)"), max_length=2, blank=True)
    name = models.CharField(_("nama"), max_length=120)
    asn = models.PositiveIntegerField(_("jumlah ASN"))
    pj_led = models.BooleanField(_("dipimpin Pj"), default=False)
    pj_units = models.PositiveIntegerField(_("daerah dipimpin Pj"), default=0)
    expected = models.FloatField(_("perkiraan"))
    lower = models.PositiveIntegerField(_("batas bawah"))
    upper = models.PositiveIntegerField(_("batas atas"))
    p_any = models.FloatField(_("peluang ≥ 1 pelanggaran"))
    rate = models.FloatField(_("per 10.000 ASN"))
    rank = models.PositiveIntegerField(_("peringkat"))

    class Meta:
        verbose_name = _("baris prakiraan")
        verbose_name_plural = _("baris prakiraan")
        ordering = ["run", "election", "level", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "election", "level", "code"], name="insights_forecast_row_unique"
            )
        ]
        indexes = [models.Index(fields=["run", "election", "level", "rank"], name="insights_fc_rank")]

    def __str__(self):
        return f"{self.code} {self.expected:.1f}"
