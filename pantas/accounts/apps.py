from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pantas.accounts"
    label = "accounts"
    verbose_name = _("Akun dan organisasi")

    def ready(self):
        from pantas.core import nav
        from pantas.core.roles import Role

        from . import (
            schema,  # noqa: F401 - registers the OpenAPI auth extension
            sessions,  # noqa: F401 - stamps sessions at login
        )

        nav.register(
            _("Administrasi data referensi"),
            "admin:index",
            roles=[Role.ADMINISTRATOR],
            description=_("Instansi, wilayah, pemilihan, katalog, pengguna dan peran"),
            order=200,
        )
