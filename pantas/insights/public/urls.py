from django.urls import path

from ..forecast import views as forecast_views
from . import views

app_name = "public_data"

urlpatterns = [
    path("data/", views.overview, name="overview"),
    path("data/kamus/", views.dictionary, name="dictionary"),
    path("data/prakiraan/", forecast_views.forecast, name="forecast"),
    path(
        "data/prakiraan/provinsi/<str:province>/", forecast_views.forecast_province, name="forecast_province"
    ),
    path("data/<slug:code>/", views.election, name="election"),
    path("data/<slug:code>/provinsi/<str:province>/", views.province, name="province"),
    path("data/<slug:code>/unduh.<str:fmt>", views.download, name="download"),
    path("data/<slug:code>/siaran-pers/", views.press_page, name="press"),
    path("data/<slug:code>/siaran-pers.pdf", views.press_pdf, name="press_pdf"),
]
