from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "pantas.intake"
    label = "intake"
    verbose_name = _("Penerimaan pengaduan")

    def ready(self):
        from . import retention

        retention.register()

        from pantas.core import nav
        from pantas.core.roles import Role

        from . import panels
        from .models import INTAKE_ROLES, PARTNER_ROLES, STAFF_ROLES

        nav.register_panel(
            "intake_desk", _("Laporan masuk"), panels.intake_desk, roles={Role.INTAKE_OFFICER}, order=30
        )
        nav.register_panel(
            "partner_reports",
            _("Laporan organisasi Anda menurut hasil"),
            panels.partner,
            roles={Role.CSO_MONITOR, Role.BAWASLU_OFFICER},
            order=30,
        )
        nav.register(
            _("Pengaduan masuk"),
            "intake:staff_list",
            roles=STAFF_ROLES,
            description=_("Laporan dari masyarakat, OMS, Bawaslu, dan mitra: bukti, pesan, saran duplikat."),
            order=10,
        )
        nav.register(
            _("Catat laporan"),
            "intake:staff_new",
            roles=INTAKE_ROLES | {Role.ADMINISTRATOR},
            description=_("Laporan dari SP4N-LAPOR!, media, surat, atau temuan pengawas."),
            order=11,
        )
        nav.register(
            _("Kunci kustodian identitas"),
            "intake:custodian_key",
            roles=[Role.IDENTITY_CUSTODIAN],
            description=_("Kunci untuk menyegel dan membuka identitas pelapor rahasia."),
            order=12,
        )
        nav.register(
            _("Laporan organisasi"),
            "intake:partner_list",
            roles=PARTNER_ROLES,
            description=_("Kirim laporan atas nama organisasi Anda dan pantau statusnya."),
            order=10,
        )
        nav.register(
            _("Impor laporan Bawaslu"),
            "intake:import_list",
            roles=[Role.BAWASLU_OFFICER],
            description=_("Teruskan banyak temuan sekaligus dari spreadsheet XLSX/CSV."),
            order=11,
        )
