from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks and national-scale data (issue 14): management commands only, no models, no URLs in production."""

    name = "pantas.bench"
    label = "bench"
    verbose_name = "Bench"
