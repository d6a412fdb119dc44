from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeritConfig(AppConfig):
    name = "pantas.merit"
    label = "merit"
    verbose_name = _("Sistem merit")

    def ready(self):
        from pantas.core import nav

        from .roles import ANY_MERIT, IMPORTERS, INSTRUMENT_EDITORS, READ_ALL

        nav.register(
            _("Penilaian sistem merit dan NKK"),
            "merit:home",
            roles=ANY_MERIT,
            description=_("Siklus penilaian, penilaian mandiri instansi, verifikasi dan hasil."),
            order=60,
        )
        nav.register(
            _("Instrumen penilaian"),
            "merit:instrument_list",
            roles=READ_ALL | INSTRUMENT_EDITORS,
            description=_("Aspek, indikator, skor dan kategori — berversi."),
            order=61,
        )
        nav.register(
            _("Impor hasil historis"),
            "merit:import_upload",
            roles=IMPORTERS,
            description=_("Hasil indeks sistem merit tahun-tahun sebelumnya dari CSV/XLSX."),
            order=62,
        )
