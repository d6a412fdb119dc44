from django.urls import path

from . import views
from .forecast import views as forecast_views

app_name = "insights"

urlpatterns = [
    path("statistik/", views.dashboard, name="dashboard"),
    path("statistik/prakiraan/", forecast_views.forecast_staff, name="forecast"),
    path("statistik/definisi/", views.definitions_page, name="definitions"),
    path("statistik/ekspor/<slug:key>.<str:fmt>", views.export, name="export"),
]
