from django.urls import path, re_path

from .views import actions, cases, docs, partners, public

app_name = "cases"
NUMBER = r"(?P<number>KAS-\d{4}-\d{6})"

urlpatterns = [
    path("kasus/", cases.case_list, name="list"),
    re_path(r"^kasus/ekspor\.(?P<fmt>csv|xlsx)$", cases.case_export, name="export"),
    path("kasus/laporan-baru/", cases.new_reports, name="new_reports"),
    path("kasus/laporan-baru/<uuid:uuid>/buka/", cases.open_report, name="open_report"),
    path("kasus/saya/", cases.my_cases, name="mine"),
    path("kasus/tim/<slug:code>/", cases.team_cases, name="team"),
    path("kasus/terlambat/", cases.overdue, name="overdue"),
    path("kasus/alur/", docs.workflow, name="workflow"),
    path("kasus/kotak-masuk/", partners.inbox, name="inbox"),
    path("kasus/rujukan/", partners.referrals, name="referrals"),
    path("kasus/rujukan/<uuid:uuid>/tanggapi/", partners.referral_reply, name="referral_reply"),
    path("kasus/pencalonan-ppk/", partners.candidacies, name="candidacies"),
    path("kasus/rekomendasi/<uuid:uuid>/surat.pdf", actions.letter_pdf, name="letter_pdf"),
    re_path(rf"^kasus/{NUMBER}/$", cases.case_detail, name="detail"),
    re_path(rf"^kasus/{NUMBER}/surat/$", actions.letter_preview, name="letter_preview"),
    re_path(rf"^kasus/{NUMBER}/aksi/(?P<action>[a-z-]+)/$", actions.case_action, name="action"),
    path("verifikasi/<str:code>/", public.verify_letter, name="verify_letter"),
]
