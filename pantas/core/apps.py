from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pantas.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self):
        from django.db.models import fields

        # Django's blank choice ("- Select an option -") has no Indonesian translation; Django documents
        # overriding it here (ADR 0060). One place for every model and form select of the project.
        fields.BLANK_CHOICE_LABEL = _("— Pilih —")

        from django.urls import register_converter

        from .converters import IdConverter

        # Before any URLconf is loaded: every integer id in a path is `<id:…>` (a test forbids `<int:…>`).
        register_converter(IdConverter, "id")

        from . import retention

        retention.register_core()
