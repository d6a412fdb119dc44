"""Every statistic's definition, written once (ADR 0070): labels and explanations in Indonesian, English through
the catalogue. Rendered at `/statistik/definisi/` and used as labels on dashboards, exports and the API docs."""

from django.utils.translation import gettext_lazy as _

MEASURES = {
    "reported": (
        _("Dilaporkan"),
        _("Kasus (satu ASN terlapor per kasus) yang laporannya diterima sampai tanggal acuan. Laporan duplikat "
          "yang digabung ke kasus lain dihitung sekali."),
    ),
    "verified": (
        _("Lolos verifikasi"),
        _("Kasus yang sampai tanggal acuan pernah masuk tahap pemeriksaan (laporan memenuhi syarat)."),
    ),
    "proven": (
        _("Terbukti"),
        _("Kasus yang pada tanggal acuan berstatus terbukti atau sudah direkomendasikan. Putusan yang dikembalikan "
          "ke pemeriksaan tidak dihitung."),
    ),
    "recommended": (
        _("Direkomendasikan"),
        _("Kasus yang rekomendasinya sudah diterbitkan kepada PPK sampai tanggal acuan."),
    ),
    "followed_up": (
        _("Ditindaklanjuti PPK"),
        _("Rekomendasi yang sampai tanggal acuan sudah ditindaklanjuti: PPK melaporkan SK hukuman disiplin "
          "(dihitung sejak SK dilaporkan; laporan yang dikembalikan karena tidak lengkap tidak dihitung)."),
    ),
    "follow_up_rate": (
        _("Persentase tindak lanjut"),
        _("Ditindaklanjuti PPK dibagi direkomendasikan, dalam persen, dibulatkan ke bawah satu desimal seperti "
          "angka yang dipublikasikan pengawas."),
    ),
    "proven_rate": (
        _("Persentase terbukti"),
        _("Terbukti dibagi dilaporkan, dalam persen, dibulatkan ke bawah satu desimal."),
    ),
    "median_days_to_recommendation": (
        _("Median hari kerja sampai rekomendasi"),
        _("Median jumlah hari kerja (tanpa libur nasional dan cuti bersama) dari laporan pertama diterima sampai "
          "rekomendasi diterbitkan, atas kasus yang sudah direkomendasikan."),
    ),
    "median_days_to_follow_up": (
        _("Median hari kerja sampai tindak lanjut"),
        _("Median jumlah hari kerja dari rekomendasi diterbitkan sampai PPK melaporkan SK, atas rekomendasi yang "
          "sudah ditindaklanjuti."),
    ),
    "overdue": (
        _("Melewati tenggat"),
        _("Rekomendasi yang batas tindak lanjutnya (dalam surat rekomendasi) sudah lewat pada tanggal acuan "
          "tanpa SK dilaporkan."),
    ),
    "blocked": (
        _("Data diblokir"),
        _("Kasus yang data kepegawaian ASN-nya tercatat diblokir di SIASN oleh BKN pada tanggal acuan."),
    ),
}  # fmt: skip

DIMENSIONS = {
    "election": _("Pemilihan"),
    "province": _("Provinsi"),
    "regency": _("Kabupaten/kota"),
    "agency": _("Instansi"),
    "category": _("Kategori pelanggaran"),
    "mode": _("Bentuk pelanggaran"),
    "position_class": _("Kelompok jabatan"),
    "source": _("Sumber laporan"),
    "authority": _("Otoritas pengawas"),
    "track": _("Jalur"),
    "addressee": _("PPK tujuan rekomendasi"),
    "month": _("Bulan diterima"),
}

AS_OF = _(
    "Tanggal acuan: setiap angka dihitung seperti keadaannya pada akhir tanggal itu (WIB), dari riwayat status "
    "kasus dan tindak lanjut, sehingga angka masa lalu tidak berubah ketika kasus bergerak kemudian."
)


def label(measure: str) -> str:
    return MEASURES[measure][0]
