from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicInfoConfig(AppConfig):
    """Media Center (ADR 0100): open-selection announcements and public guidance. Last in the flow: it may read
    registry, the case catalogues and the follow-up clearance service; no app imports it."""

    name = "pantas.publicinfo"
    label = "publicinfo"
    verbose_name = _("Pusat Media")

    def ready(self):
        from pantas.core import nav

        from . import roles

        nav.register(
            _("Pengumuman seleksi JPT"),
            "publicinfo:staff_list",
            roles=roles.EDITORS,
            description=_(
                "Pengumuman seleksi terbuka JPT: susun, terbitkan, dan telusuri rekam jejak kandidat."
            ),
            order=85,
        )
