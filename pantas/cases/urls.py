from django.urls import path

from .views import public

app_name = "cases"
urlpatterns = [
    path("verifikasi/<str:code>/", public.verify_letter, name="verify_letter"),
]
