"""The bench URLconf: every production route plus the bare comparison views (W1, W6). Selected only by
`pantas.settings.bench`."""

from django.urls import path

from pantas.urls import handler404, handler500  # noqa: F401
from pantas.urls import urlpatterns as production

from . import views

urlpatterns = [
    path("bench/bare/", views.bare, name="bench_bare"),
    path("bench/bare-insert/", views.bare_insert, name="bench_bare_insert"),
    *production,
]
