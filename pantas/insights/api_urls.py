from django.urls import path

from . import api
from .forecast import api as forecast_api
from .public import api as public_api

urlpatterns = [
    path("stats/", api.Stats.as_view(), name="api-stats"),
    path("public/stats/", public_api.PublicStats.as_view(), name="api-public-stats"),
    path("public/forecast/", forecast_api.PublicForecast.as_view(), name="api-public-forecast"),
]
