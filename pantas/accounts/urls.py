from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/verifikasi/", views.mfa_verify, name="mfa_verify"),
    path("keluar/", views.logout_view, name="logout"),
    path("mfa/", views.mfa_setup, name="mfa_setup"),
    path("mfa/konfirmasi/", views.mfa_reauth, name="mfa_reauth"),
]
