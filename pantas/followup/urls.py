from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("tindak-lanjut/", views.portal, name="portal"),
    path("tindak-lanjut/pemantauan/", views.follow_up_list, name="list"),
    path("tindak-lanjut/blokir/", views.blocking_queue, name="blocking"),
    path("tindak-lanjut/blokir/<uuid:uuid>/surat.pdf", views.blocking_pdf, name="blocking_pdf"),
    path("tindak-lanjut/blokir/<uuid:uuid>/<slug:action>/", views.blocking_action, name="blocking_action"),
    path("tindak-lanjut/laporan-ppk/", views.ppk_reports, name="ppk_reports"),
    path("tindak-lanjut/laporan-ppk/<uuid:uuid>/surat.pdf", views.ppk_report_pdf, name="ppk_report_pdf"),
    path(
        "tindak-lanjut/laporan-ppk/<uuid:uuid>/teguran/",
        views.ppk_report_reprimand,
        name="ppk_report_reprimand",
    ),
    path("tindak-lanjut/<uuid:uuid>/", views.detail, name="detail"),
    path("tindak-lanjut/<uuid:uuid>/aksi/<slug:action>/", views.action, name="action"),
    path("tindak-lanjut/<uuid:uuid>/sk/<id:pk>/", views.decree_file, name="decree_file"),
]
