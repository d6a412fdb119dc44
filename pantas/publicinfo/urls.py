from django.urls import path

from . import views_public as public
from . import views_staff as staff

app_name = "publicinfo"

urlpatterns = [
    path("pusat-media/", public.media_center, name="media_center"),
    path("pengumuman/", public.announcement_list, name="announcements"),
    path("pengumuman/<slug:slug>/", public.announcement_detail, name="announcement"),
    path(
        "pengumuman/<slug:slug>/dokumen/<id:document>/",
        public.announcement_document,
        name="announcement_document",
    ),
    path("panduan/", public.guidance_index, name="guidance"),
    # Fixed pages before `<code>`: no catalogue code may be one of these (a test checks it).
    path("panduan/tanya-jawab/", public.faq, name="faq"),
    path("panduan/privasi-pelapor/", public.privacy_notice, name="privacy"),
    path("panduan/<slug:code>/", public.guidance_detail, name="guidance_entry"),
    path("seleksi/pengumuman/", staff.staff_list, name="staff_list"),
    path("seleksi/pengumuman/baru/", staff.staff_create, name="staff_create"),
    path("seleksi/pengumuman/<id:pk>/", staff.staff_detail, name="staff_detail"),
    path("seleksi/pengumuman/<id:pk>/ubah/", staff.staff_edit, name="staff_edit"),
    path("seleksi/pengumuman/<id:pk>/dokumen/", staff.staff_document_add, name="staff_document_add"),
    path(
        "seleksi/pengumuman/<id:pk>/dokumen/<id:document>/hapus/",
        staff.staff_document_remove,
        name="staff_document_remove",
    ),
    path("seleksi/pengumuman/<id:pk>/kandidat/", staff.staff_candidates, name="staff_candidates"),
    path("seleksi/pengumuman/<id:pk>/<slug:action>/", staff.staff_action, name="staff_action"),
]
