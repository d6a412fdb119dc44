from django.urls import path

from .views import assessments, cycles, dashboard, imports, instruments, public

app_name = "merit"
urlpatterns = [
    path("merit/", dashboard.home, name="home"),
    path("merit/siklus/baru/", cycles.cycle_create, name="cycle_create"),
    path("merit/siklus/<id:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("merit/siklus/<id:pk>/ubah/", cycles.cycle_edit, name="cycle_edit"),
    path("merit/siklus/<id:pk>/buka/", cycles.cycle_open, name="cycle_open"),
    path("merit/siklus/<id:pk>/umumkan/", cycles.cycle_publish, name="cycle_publish"),
    path("merit/siklus/<id:pk>/hasil/", cycles.cycle_results, name="cycle_results"),
    path("merit/penilaian/<id:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path(
        "merit/penilaian/<id:pk>/aspek/<id:aspect_id>/",
        assessments.assessment_aspect,
        name="assessment_aspect",
    ),
    path("merit/penilaian/<id:pk>/ajukan/", assessments.assessment_submit, name="assessment_submit"),
    path("merit/penilaian/<id:pk>/kirim-verifikasi/", assessments.assessment_send, name="assessment_send"),
    path("merit/penilaian/<id:pk>/tanggapan/", assessments.assessment_reply, name="assessment_reply"),
    path("merit/penilaian/<id:pk>/finalkan/", assessments.assessment_finalise, name="assessment_finalise"),
    path("merit/penilaian/<id:pk>/laporan.pdf", assessments.assessment_pdf, name="assessment_pdf"),
    path("merit/bukti/<id:pk>/", assessments.evidence_download, name="evidence_download"),
    path("merit/instrumen/", instruments.instrument_list, name="instrument_list"),
    path("merit/instrumen/baru/", instruments.instrument_create, name="instrument_create"),
    path("merit/instrumen/versi/<id:pk>/", instruments.version_detail, name="version_detail"),
    path("merit/instrumen/versi/<id:pk>/ubah/", instruments.version_edit, name="version_edit"),
    path("merit/instrumen/versi/<id:pk>/draf-baru/", instruments.version_draft, name="version_draft"),
    path("merit/instrumen/versi/<id:pk>/terbitkan/", instruments.version_publish, name="version_publish"),
    path("merit/instrumen/versi/<id:pk>/pensiunkan/", instruments.version_retire, name="version_retire"),
    path("merit/instrumen/versi/<id:version_pk>/aspek/baru/", instruments.aspect_edit, name="aspect_create"),
    path("merit/instrumen/aspek/<id:pk>/ubah/", instruments.aspect_edit, name="aspect_edit"),
    path("merit/instrumen/aspek/<id:pk>/hapus/", instruments.aspect_delete, name="aspect_delete"),
    path(
        "merit/instrumen/aspek/<id:aspect_pk>/indikator/baru/",
        instruments.indicator_edit,
        name="indicator_create",
    ),
    path("merit/instrumen/indikator/<id:pk>/ubah/", instruments.indicator_edit, name="indicator_edit"),
    path("merit/instrumen/indikator/<id:pk>/hapus/", instruments.indicator_delete, name="indicator_delete"),
    path("merit/impor/", imports.import_upload, name="import_upload"),
    path("merit/impor/<id:pk>/", imports.import_preview, name="import_preview"),
    path("publik/merit/", public.public_index, name="public_index"),
    path("publik/merit/<id:pk>/", public.public_cycle, name="public_cycle"),
    path("publik/merit/<id:pk>/<slug:agency>/", public.public_result, name="public_result"),
    path(
        "publik/merit/<id:pk>/<slug:agency>/laporan.pdf", public.public_result_pdf, name="public_result_pdf"
    ),
]
