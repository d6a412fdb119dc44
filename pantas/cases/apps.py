from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "pantas.cases"
    label = "cases"
    verbose_name = _("Penanganan kasus")

    def ready(self):
        from . import retention

        retention.register()

        from pantas.intake import report_actions

        from .intake_actions import report_actions as case_buttons

        report_actions.register(case_buttons)

        import logging

        # WeasyPrint logs every rendering step (and its import) at INFO; keep the logs for what matters.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

        from pantas.core import nav
        from pantas.core.roles import Role

        from . import panels
        from .roles import CASE_STAFF_ROLES

        nav.register_panel(
            "commissioner",
            _("Menunggu keputusan Anda"),
            panels.commissioner,
            roles={Role.DECIDER, Role.SUPERVISOR_LEAD},
            order=10,
        )
        nav.register_panel(
            "analyst", _("Kasus saya menurut tenggat"), panels.analyst, roles={Role.ANALYST}, order=20
        )
        nav.register(
            _("Kasus"),
            "cases:list",
            roles=CASE_STAFF_ROLES,
            description=_("Daftar kasus dengan filter, ekspor CSV/XLSX, dan tenggat."),
            order=30,
        )
        nav.register(
            _("Laporan belum berkas kasus"),
            "cases:new_reports",
            roles=[Role.INTAKE_OFFICER, Role.ANALYST, Role.SUPERVISOR_LEAD],
            description=_("Buka kasus untuk laporan masuk: satu kasus per terlapor."),
            order=31,
        )
        nav.register(
            _("Daftar kerja saya"),
            "cases:mine",
            roles=[Role.ANALYST],
            description=_("Kasus yang ditugaskan kepada Anda, diurutkan menurut tenggat."),
            order=32,
        )
        nav.register(
            _("Tenggat terlewat"),
            "cases:overdue",
            roles=[Role.ANALYST, Role.SUPERVISOR_LEAD, Role.DECIDER],
            description=_("Kasus yang melewati tenggat tahap, per analis."),
            order=33,
        )
        nav.register(
            _("Surat menunggu persetujuan"),
            "cases:letters_awaiting",
            roles=[Role.DECIDER, Role.SUPERVISOR_LEAD],
            description=_("Kasus terbukti dengan draf surat rekomendasi yang menunggu persetujuan Anda."),
            order=31,
        )
        nav.register(
            _("Pencalonan PPK"),
            "cases:candidacies",
            roles=[Role.DECIDER, Role.SUPERVISOR_LEAD],
            description=_("Konflik kepentingan: PPK yang menjadi calon dan kasus yang dialihkan."),
            order=34,
        )
        nav.register(
            _("Alur kasus"),
            "cases:workflow",
            roles=CASE_STAFF_ROLES,
            description=_("Tabel status, aksi, dan peran yang berwenang."),
            order=39,
        )
        nav.register(
            _("Kotak masuk rekomendasi"),
            "cases:inbox",
            roles=[Role.PPK_OFFICER, Role.MINISTRY_OFFICER],
            description=_("Surat rekomendasi dan permintaan klarifikasi untuk organisasi Anda."),
            order=35,
        )
        nav.register(
            _("Rujukan kasus"),
            "cases:referrals",
            roles=[Role.OMBUDSMAN_LIAISON, Role.MINISTRY_OFFICER],
            description=_("Kasus yang dirujuk ke organisasi Anda; sampaikan hasil penanganannya."),
            order=36,
        )
