from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeritConfig(AppConfig):
    name = "pantas.merit"
    label = "merit"
    verbose_name = _("Sistem merit")
