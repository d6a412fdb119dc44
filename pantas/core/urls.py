from django.urls import path

from . import verification, views

app_name = "core"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("beranda/", views.home, name="home"),
    path("verifikasi/", verification.verify_form, name="verify_form"),
    path("verifikasi/<str:code>/", verification.verify_document, name="verify_document"),
]
