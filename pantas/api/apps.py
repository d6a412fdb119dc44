from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pantas.api"
    label = "api"
    verbose_name = "API"
