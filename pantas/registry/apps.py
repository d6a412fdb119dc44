from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "pantas.registry"
    label = "registry"
    verbose_name = _("Data referensi")

    def ready(self):
        from pantas.core import nav

        from .roles import ASN_LOOKUP_ROLES

        nav.register(
            _("Cari ASN"),
            "registry:civil_servant_search",
            roles=ASN_LOOKUP_ROLES,
            description=_("Data ASN menurut NIP atau nama, dalam cakupan Anda"),
            order=90,
        )
