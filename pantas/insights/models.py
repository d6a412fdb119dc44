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
