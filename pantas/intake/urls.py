from django.urls import path

from .views import files, imports, partner, public, staff

app_name = "intake"
urlpatterns = [
    # Public channel
    path("lapor/", public.report_form, name="report_form"),
    path("lapor/status/", public.status, name="status"),
    # Supervisor staff
    path("pengaduan/", staff.report_list, name="staff_list"),
    path("pengaduan/ekspor.csv", staff.report_export, name="staff_export"),
    path("pengaduan/baru/", staff.report_new, name="staff_new"),
    path("pengaduan/kunci-kustodian/", staff.custodian_key, name="custodian_key"),
    path("pengaduan/<uuid:uuid>/", staff.report_detail, name="staff_detail"),
    path("pengaduan/<uuid:uuid>/pesan/", staff.report_message, name="staff_message"),
    path("pengaduan/<uuid:uuid>/tautkan/", staff.report_link, name="staff_link"),
    path("pengaduan/<uuid:uuid>/status/", staff.report_status, name="staff_status"),
    path("pengaduan/<uuid:uuid>/saran/<id:pk>/", staff.suggestion_decide, name="suggestion_decide"),
    path("pengaduan/<uuid:uuid>/identitas/", staff.reveal, name="reveal"),
    path("bukti/<uuid:uuid>/", files.evidence_download, name="evidence"),
    path("bukti/<uuid:uuid>/kecil/", files.evidence_thumbnail, name="evidence_thumbnail"),
    path("bukti/<uuid:uuid>/asli/", files.evidence_original, name="evidence_original"),
    # Partner organisations
    path("mitra/laporan/", partner.report_list, name="partner_list"),
    path("mitra/laporan/baru/", partner.report_new, name="partner_new"),
    path("mitra/laporan/<uuid:uuid>/", partner.report_detail, name="partner_detail"),
    path("mitra/laporan/<uuid:uuid>/pesan/", partner.report_message, name="partner_message"),
    path("mitra/impor/", imports.import_list, name="import_list"),
    path("mitra/impor/templat.xlsx", imports.import_template, name="import_template"),
    path("mitra/impor/templat.csv", imports.import_template_csv, name="import_template_csv"),
    path("mitra/impor/<uuid:uuid>/", imports.import_detail, name="import_detail"),
    path("mitra/impor/<uuid:uuid>/konfirmasi/", imports.import_confirm, name="import_confirm"),
    path("mitra/impor/<uuid:uuid>/kesalahan.csv", imports.import_errors, name="import_errors"),
]
