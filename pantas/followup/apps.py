from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "pantas.followup"
    label = "followup"
    verbose_name = _("Tindak lanjut rekomendasi")

    def ready(self):
        from pantas.core import health, nav

        from . import roles, signals  # noqa: F401  (signals: open a follow-up when a recommendation is issued)
        from .health import sweep_fresh

        health.register("sweep", sweep_fresh)

        from . import panels

        nav.register_panel(
            "follow_up",
            _("Tindak lanjut PPK"),
            panels.supervisor,
            roles={"decider", "supervisor_lead"},
            order=15,
        )
        nav.register_panel("bkn", _("Permintaan blokir data"), panels.bkn, roles=roles.BKN, order=15)
        nav.register_panel("ppk", _("Rekomendasi untuk instansi Anda"), panels.ppk, roles=roles.PPK, order=15)
        nav.register(
            _("Tindak lanjut rekomendasi"),
            "followup:portal",
            roles=roles.PPK,
            description=_("Rekomendasi yang harus ditindaklanjuti: tenggat, keterlambatan, dan SK hukuman."),
            order=37,
        )
        nav.register(
            _("Pemantauan tindak lanjut"),
            "followup:list",
            roles=roles.SUPERVISOR,
            description=_("Kepatuhan PPK atas rekomendasi: verifikasi SK, keberatan, eskalasi."),
            order=38,
        )
        nav.register(
            _("Permintaan blokir data ASN"),
            "followup:blocking",
            roles=roles.BKN | {"supervisor_lead"},
            description=_("Blokir dan buka blokir data kepegawaian di SIASN."),
            order=40,
        )
        nav.register(
            _("Laporan PPK tidak patuh"),
            "followup:ppk_reports",
            roles=roles.MINISTRY | {"supervisor_lead"},
            description=_("PPK yang melewati tenggat: catat teguran dan tenggat baru."),
            order=41,
        )
        nav.register(
            _("Penelusuran rekam jejak calon JPT"),
            "followup_record:clearance",
            roles=roles.CLEARANCE,
            description=_("Periksa daftar NIP calon dan terbitkan surat keterangan bernomor."),
            order=42,
        )
