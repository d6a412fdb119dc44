from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("statistik/", views.dashboard, name="dashboard"),
    path("statistik/definisi/", views.definitions_page, name="definitions"),
    path("statistik/ekspor/<slug:key>.<str:fmt>", views.export, name="export"),
]
