from django.urls import path

from . import api

urlpatterns = [path("stats/", api.Stats.as_view(), name="api-stats")]
