"""Track record and JPT clearance pages (included from `pantas/urls.py`)."""

from django.urls import path

from . import views_clearance as clearance
from . import views_record as record

app_name = "followup_record"
urlpatterns = [
    path("asn/<str:nip>/rekam-jejak/", record.record, name="record"),
    path("seleksi/penelusuran/", clearance.clearance_index, name="clearance"),
    path("seleksi/penelusuran/<uuid:uuid>/", clearance.clearance_detail, name="clearance_detail"),
    path("seleksi/penelusuran/<uuid:uuid>/terbitkan/", clearance.clearance_issue, name="clearance_issue"),
    path("seleksi/penelusuran/<uuid:uuid>/surat.pdf", clearance.clearance_pdf, name="clearance_pdf"),
]
