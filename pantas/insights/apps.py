from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "pantas.insights"
    label = "insights"
    verbose_name = _("Statistik")

    def ready(self):
        from pantas.core import nav

        from .public import signals
        from .roles import STATS_ROLES

        signals.connect()

        nav.register(
            _("Statistik"),
            "insights:dashboard",
            roles=STATS_ROLES,
            description=_(
                "Angka dilaporkan, terbukti, rekomendasi, dan tindak lanjut — per tanggal acuan mana pun."
            ),
            order=90,
        )
