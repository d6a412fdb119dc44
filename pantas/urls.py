from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path
from django.views.i18n import set_language

from pantas.core.permissions import public
from pantas.core.views import healthz


def _admin_login(request, extra_context=None):
    # The admin signs in through our login (lockout + MFA), never through its own form.
    return redirect(f"/akun/masuk/?next={request.GET.get('next', '/admin/')}")


admin.site.login = public(_admin_login)
admin.site.site_header = "Pantas — administrasi data referensi"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    # The busiest anonymous pages first: Django tries the patterns in order (issue 14, W6). Only `data/…`.
    path("", include("pantas.insights.public.urls")),
    path("admin/", admin.site.urls),
    path("akun/", include("pantas.accounts.urls")),
    path("api/v1/", include("pantas.api.urls")),
    path("", include("pantas.registry.urls")),
    path("", include("pantas.intake.urls")),
    path("", include("pantas.cases.urls")),
    path("", include("pantas.followup.urls")),
    path("", include("pantas.merit.urls")),
    path("", include("pantas.followup.urls_record")),
    path("", include("pantas.insights.urls")),
    path("", include("pantas.publicinfo.urls")),
    path("", include("pantas.core.urls")),
]

handler404 = "pantas.core.error_views.not_found"
handler500 = "pantas.core.error_views.server_error"
