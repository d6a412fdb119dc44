from django.urls import path

from .views import actions, cases, docs, partners

app_name = "cases"
urlpatterns = [
    path("kasus/", cases.case_list, name="list"),
    path("kasus/ekspor.csv", cases.case_export, {"fmt": "csv"}, name="export_csv"),
    path("kasus/ekspor.xlsx", cases.case_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("kasus/laporan-baru/", cases.new_reports, name="new_reports"),
    path("kasus/laporan-baru/<uuid:uuid>/buka/", cases.open_report, name="open_report"),
    path("kasus/saya/", cases.my_cases, name="mine"),
    path("kasus/tim/<slug:code>/", cases.team_cases, name="team"),
    path("kasus/terlambat/", cases.overdue, name="overdue"),
    path("kasus/alur/", docs.workflow, name="workflow"),
    path("kasus/surat-menunggu/", cases.letters_awaiting, name="letters_awaiting"),
    path("kasus/kotak-masuk/", partners.inbox, name="inbox"),
    path("kasus/rujukan/", partners.referrals, name="referrals"),
    path("kasus/rujukan/<uuid:uuid>/tanggapi/", partners.referral_reply, name="referral_reply"),
    path("kasus/pencalonan-ppk/", partners.candidacies, name="candidacies"),
    path("kasus/rekomendasi/<uuid:uuid>/surat.pdf", actions.letter_pdf, name="letter_pdf"),
    path("kasus/lampiran/<uuid:uuid>/", actions.attachment_download, name="attachment"),
    # Case numbers (KAS-2026-000123) come after the fixed paths above, which they never collide with.
    path("kasus/<str:number>/", cases.case_detail, name="detail"),
    path("kasus/<str:number>/surat/", actions.letter_preview, name="letter_preview"),
    path("kasus/<str:number>/aksi/<slug:action>/", actions.case_action, name="action"),
]
