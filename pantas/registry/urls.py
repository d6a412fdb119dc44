from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("asn/", views.civil_servant_search, name="civil_servant_search"),
    path("tentang/", views.about, name="about"),
]
