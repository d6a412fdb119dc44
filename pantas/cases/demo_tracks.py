"""Demo cases of the two non-election tracks (issue 15, ADR 0084): ethics (pungli at a service counter,
gratification, abuse of authority, private conduct) and merit-system complaints (a JPT filled without open
selection, a mass transfer after an election, dismissal and appointment against procedure), some handled jointly
with the Ombudsman, at every stage including issued corrective recommendations.

Everything goes through the services (intake's `submit_report`, `open_cases_for_report`, one service per
action) under `replay_at`, so history, audit and deadlines carry the historical moments. No election is set:
the neutrality figures of `demo.py` (Pilkada 2020, Pemilu 2019) stay exactly as published. Idempotent: skipped
once a case of either track exists. Deterministic: fixed plan and seed.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from pantas.accounts.models import User
from pantas.core.workflow import replay_at
from pantas.intake.models import Anonymity, Report, ReportStatusHistory
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report
from pantas.registry.models import Agency, Track, ViolationCategory

from . import services
from .models import Case, Outcome, RejectionReason
from .workflow import CaseState

SEED = 20250117
S = CaseState
OPEN_FINALS = {S.RECEIVED, S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION, S.PROVEN}
ORDER = [S.RECEIVED, S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION, S.PROVEN, S.RECOMMENDED]


@dataclass
class Spec:
    category: str
    final: str  # a CaseState, or "not_proven" / "rejected" / "referred"
    agency: str
    person: str
    position: str
    story: str
    joint: bool = False
    ombudsman_number: str = ""
    confidential: bool = False
    corrective: list = field(default_factory=list)
    sanction: str | None = None  # merit cases: an additional sanction of a person
    selection: str = ""


def _decree(kind, number, day, subject):
    return {"kind": kind, "decree_number": number, "decree_date": day, "decree_subject": subject}


PUNGLI = "Petugas loket {place} meminta uang tambahan Rp{amount} di luar tarif resmi agar berkas diproses hari itu."
GRATIFICATION = "{position} menerima {gift} dari rekanan yang sedang mengikuti pengadaan di instansinya."
PLANS = [
    # -- ethics: pungli at a service counter --
    Spec("etik-pungli", S.RECOMMENDED, "kota-73-71", "Andi Baso", "Petugas Loket Disdukcapil",
         PUNGLI.format(place="KTP-el Disdukcapil", amount="150.000"), confidential=True),
    Spec("etik-pungli", S.RECOMMENDED, "kota-33-74", "Sri Wahyuni", "Pengadministrasi Perizinan DPMPTSP",
         PUNGLI.format(place="perizinan DPMPTSP", amount="500.000"), joint=True,
         ombudsman_number="0112/LM/II/2025/SMG"),
    Spec("etik-pungli", S.RECOMMENDED, "kota-12-71", "Rudi Siregar", "Petugas Pelayanan Samsat",
         PUNGLI.format(place="pelayanan kecamatan", amount="100.000")),
    Spec("etik-pungli", S.PROVEN, "kota-61-71", "Yohanes Lim", "Staf Pelayanan Kecamatan",
         PUNGLI.format(place="surat keterangan kecamatan", amount="75.000")),
    Spec("etik-pungli", S.CLARIFICATION, "kota-32-73", "Dede Suhendar", "Petugas Loket Puskesmas",
         PUNGLI.format(place="pendaftaran puskesmas", amount="50.000"), joint=True,
         ombudsman_number="0287/LM/V/2025/BDG"),
    Spec("etik-pungli", S.CLARIFICATION, "kab-52-01", "Lalu Ahmad", "Petugas Loket Pajak Daerah",
         PUNGLI.format(place="PBB kabupaten", amount="200.000"), confidential=True),
    Spec("etik-pungli", S.INVESTIGATION, "kota-64-72", "Hendri Gunawan", "Penata Layanan Operasional",
         PUNGLI.format(place="izin reklame", amount="1.000.000")),
    Spec("etik-pungli", S.VERIFICATION, "kota-73-71", "Nurhayati", "Petugas Loket Kelurahan",
         PUNGLI.format(place="kelurahan", amount="50.000")),
    # -- ethics: gratification --
    Spec("etik-gratifikasi", S.RECOMMENDED, "prov-73", "Ir. Syamsuddin", "Kepala Bidang Bina Marga",
         GRATIFICATION.format(position="Kepala Bidang", gift="sebuah mobil"), confidential=True),
    Spec("etik-gratifikasi", "not_proven", "kota-33-74", "Bambang Prasetyo", "Sekretaris Dinas",
         GRATIFICATION.format(position="Sekretaris Dinas", gift="paket perjalanan umrah")),
    Spec("etik-gratifikasi", S.INVESTIGATION, "prov-61", "Fransiska Ani", "Kepala Seksi Pengadaan",
         GRATIFICATION.format(position="Kepala Seksi", gift="telepon genggam")),
    Spec("etik-gratifikasi", S.RECEIVED, "kota-12-71", "Togar Nainggolan", "Kepala UPT",
         GRATIFICATION.format(position="Kepala UPT", gift="uang tunai")),
    # -- ethics: abuse of authority and private conduct --
    Spec("etik-penyalahgunaan-wewenang", "referred", "kota-61-71", "Agus Salim", "Kepala Bagian Umum",
         "Kepala Bagian memakai kendaraan dinas dan sopir kantor untuk usaha angkutan pribadinya; warga yang "
         "mengeluh tidak dilayani."),
    Spec("etik-penyalahgunaan-wewenang", S.INVESTIGATION, "kota-32-73", "Rina Marlina", "Camat",
         "Camat menahan surat rekomendasi izin warga yang tidak mendukung kegiatannya.", confidential=True),
    Spec("etik-rumah-tangga", S.RECOMMENDED, "kab-52-01", "Made Suarta", "Guru Ahli Pertama",
         "ASN menelantarkan keluarga dan tidak menafkahi istri dan anak selama satu tahun."),
    Spec("etik-rumah-tangga", S.CLARIFICATION, "kota-64-72", "Dimas Kurniawan", "Analis Kepegawaian",
         "ASN berulang kali membuat keributan di lingkungan tempat tinggal dan mengunggah makian di media sosial."),
    Spec("etik-rumah-tangga", "rejected", "kota-73-71", "Sulaiman", "Pengelola Keuangan",
         "Perselisihan utang-piutang pribadi antara pelapor dan terlapor."),
    # -- merit: JPT filled without open selection --
    Spec("merit-pengisian-jpt", S.RECOMMENDED, "kab-52-01", "Drs. H. Lalu Mahsun", "Kepala Dinas Pendidikan",
         "Jabatan Kepala Dinas Pendidikan diisi tanpa seleksi terbuka; pejabat dilantik sehari setelah "
         "pelaksana tugas diberhentikan.", joint=True, ombudsman_number="0034/LM/I/2025/MTR",
         corrective=[_decree("sk-cabut-pengangkatan", "821.2/12/BKPSDM/2025", "2025-01-06",
                             "Pengangkatan dalam Jabatan Pimpinan Tinggi Pratama Kepala Dinas Pendidikan"),
                     _decree("jpt-ulang-seleksi", "", None, "Seleksi terbuka Kepala Dinas Pendidikan")]),
    Spec("merit-pengisian-jpt", S.RECOMMENDED, "kota-61-71", "Ir. Robert Tan", "Kepala Dinas PUPR",
         "Panitia seleksi JPT meloloskan peserta yang tidak memenuhi syarat pangkat dan pengalaman jabatan.",
         selection="Pengumuman seleksi terbuka JPT Pratama Kota Pontianak Nomor 800/05/PANSEL/2025",
         corrective=[_decree("jpt-batalkan-seleksi", "", None, "Hasil seleksi terbuka JPT Kepala Dinas PUPR"),
                     _decree("jpt-ulang-seleksi", "", None, "Seleksi ulang JPT Kepala Dinas PUPR")]),
    Spec("merit-pengisian-jpt", S.PROVEN, "prov-73", "Dr. Andi Makkulau", "Kepala Badan Pendapatan Daerah",
         "Gubernur melantik Kepala Bapenda tanpa seleksi terbuka dan tanpa rekomendasi pengawas.",
         corrective=[_decree("sk-cabut-pengangkatan", "821.22/0456/BKD", "2025-06-02",
                             "Pengangkatan Kepala Badan Pendapatan Daerah")]),
    Spec("merit-pengisian-jpt", S.CLARIFICATION, "kota-33-74", "Haryanto", "Kepala Dinas Kesehatan",
         "Pejabat JPT diangkat dari luar daftar tiga besar hasil seleksi panitia.", joint=True,
         ombudsman_number="0198/LM/IV/2025/SMG"),
    Spec("merit-pengisian-jpt", S.VERIFICATION, "kab-52-01", "Drs. H. Lalu Mahsun", "Kepala Dinas Pendidikan",
         "Pengaduan yang sama juga disampaikan ke Ombudsman: pengisian Kepala Dinas Pendidikan tanpa seleksi.",
         ombudsman_number="0034/LM/I/2025/MTR"),
    # -- merit: mass transfer after an election --
    Spec("merit-mutasi", S.RECOMMENDED, "kota-12-71", "Sahat Hutapea", "Kepala Badan Kepegawaian",
         "Enam bulan setelah pelantikan wali kota, 214 pejabat administrator dan pengawas dimutasi dalam satu "
         "keputusan tanpa uji kompetensi dan tanpa persetujuan teknis.", joint=True,
         ombudsman_number="0301/LM/VI/2025/MDN", sanction="sedang-tukin-6",
         corrective=[_decree("sk-cabut-pemindahan", "800.1.3/2211/BKPSDM/2025", "2025-03-14",
                             "Pemindahan 214 pejabat administrator dan pengawas")]),
    Spec("merit-mutasi", S.INVESTIGATION, "kota-64-72", "Sutrisno", "Sekretaris Daerah",
         "Mutasi massal pejabat yang dinilai tidak mendukung petahana setelah pemilihan kepala daerah.",
         joint=True, ombudsman_number="0322/LM/VII/2025/SMD"),
    Spec("merit-mutasi", S.CLARIFICATION, "prov-61", "Yulius Pandu", "Kepala BKD Provinsi",
         "Pemindahan 60 guru ke daerah terpencil tanpa analisis kebutuhan setelah pemilihan gubernur."),
    Spec("merit-mutasi", "not_proven", "kota-32-73", "Asep Saepudin", "Kepala Bagian Organisasi",
         "Dugaan mutasi tanpa pertimbangan Baperjakat."),
    # -- merit: dismissal and appointment against procedure --
    Spec("merit-pemberhentian", S.RECOMMENDED, "kota-33-74", "Wahyu Hidayat", "Kepala BKPP",
         "Pejabat pengawas diberhentikan dari jabatannya tanpa pemeriksaan dan tanpa alasan tertulis.",
         corrective=[_decree("sk-cabut-pemberhentian", "821.3/118/BKPP/2025", "2025-04-22",
                             "Pemberhentian dari jabatan pengawas Kepala Subbagian Umum")]),
    Spec("merit-pemberhentian", S.RECEIVED, "prov-73", "Muhammad Arsyad", "Kepala BKD",
         "Pemberhentian sementara tiga ASN tanpa keputusan tertulis."),
    Spec("merit-pengangkatan", S.INVESTIGATION, "kota-73-71", "Rahmat Hidayat", "Kepala BKPSDM",
         "Pengangkatan pejabat fungsional tanpa uji kompetensi dan tanpa formasi."),
]  # fmt: skip


def _actors() -> dict:
    names = ("intake", "analis", "komisioner", "ombudsman", "ppk.makassar")
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _submit(spec: Spec, at: datetime) -> Report:
    category = ViolationCategory.objects.get(code=spec.category)
    agency = Agency.objects.get(code=spec.agency)
    identity = None
    if spec.confidential:  # a civil servant reporting a colleague or superior (ADR 0083)
        identity = {"name": "Pelapor ASN (demo)", "contact": "0812-0000-0015", "note": "Rekan kerja terlapor"}
    report = submit_report(
        ReportInput(
            description=spec.story,
            persons=[PersonInput(name=spec.person, agency=agency, position_title=spec.position)],
            track=category.track,
            category=category,
            province=agency.province,
            regency=agency.regency,
            act_date=(at - timedelta(days=20)).date(),
            anonymity=Anonymity.CONFIDENTIAL if spec.confidential else Anonymity.ANONYMOUS,
            identity=identity,
        )
    ).report
    # Demo only: the historical receipt date (the audit event keeps the real moment it was entered).
    Report.objects.filter(pk=report.pk).update(received_at=at)
    ReportStatusHistory.objects.filter(report=report).update(at=at)
    report.received_at = at
    return report


def _steps(spec: Spec) -> list[str]:
    final = spec.final
    if final in (S.RECEIVED, S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION, S.PROVEN, S.RECOMMENDED):
        return ORDER[1 : ORDER.index(final) + 1]
    return {
        "rejected": [S.VERIFICATION, "reject"],
        "referred": [S.VERIFICATION, "refer"],
        "not_proven": [S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION, "answer", "not_proven"],
    }[final]


def _play(spec: Spec, case: Case, actors: dict, at: datetime, rng) -> None:
    analyst, decider = actors["analis"], actors["komisioner"]
    for step in _steps(spec):
        at += timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 5))
        with replay_at(at):
            case.refresh_from_db()
            if step == S.VERIFICATION:
                services.verify(case, actors["intake"])
                services.claim(case, analyst)
                # A joint case gets the Ombudsman's number from its reply; a duplicate filed with both is linked here.
                number = "" if spec.joint else spec.ombudsman_number
                if number or spec.selection:
                    services.link_ombudsman(
                        case,
                        actors["intake"],
                        ombudsman_register_number=number,
                        selection_reference=spec.selection,
                    )
            elif step == S.INVESTIGATION:
                services.start_investigation(case, analyst, category=spec.category, assignee=analyst)
                if spec.joint:
                    _share(spec, case, actors, at)
            elif step == S.CLARIFICATION:
                services.request_clarification(
                    case, analyst, question="Mohon penjelasan tertulis terlapor dan salinan dokumen terkait."
                )
            elif step == "answer" or step == S.PROVEN:
                if step == S.PROVEN:
                    _answer(case, actors)
                    services.resume_investigation(case, analyst)
                    _decide(spec, case, analyst)
                else:
                    _answer(case, actors)
            elif step == S.RECOMMENDED:
                services.issue_recommendation(case, decider)
            elif step == "not_proven":
                services.decide(case, analyst, outcome=Outcome.NOT_PROVEN, findings="Bukti tidak mencukupi.")
            elif step == "reject":
                services.reject(
                    case, actors["intake"], reason_code=RejectionReason.NOT_A_VIOLATION,
                    reason="Sengketa perdata pribadi, bukan pelanggaran kode etik.",
                )  # fmt: skip
            elif step == "refer":
                services.refer(
                    case, actors["intake"], partner="ombudsman", maladministration="penyalahgunaan-wewenang",
                    note="Inti pengaduan adalah pelayanan yang tidak diberikan: kewenangan Ombudsman.",
                )  # fmt: skip


def _answer(case: Case, actors: dict) -> None:
    ppk = (
        actors.get("ppk.makassar") if case.addressee_id and case.addressee.code == "ppk-kota-73-71" else None
    )
    services.answer_clarification(
        case,
        ppk or actors["analis"],
        body="Terlapor memberikan keterangan dan salinan dokumen; PPK menyampaikan kronologi.",
        respondent="ppk",
    )


def _decide(spec: Spec, case: Case, analyst) -> None:
    merit = ViolationCategory.objects.get(code=spec.category).track == Track.MERIT
    findings = "Hasil pemeriksaan dokumen, klarifikasi, dan keterangan saksi membuktikan pengaduan."
    kwargs = {"corrective_actions": spec.corrective} if merit else {}
    if spec.sanction:
        kwargs |= {
            "sanction": spec.sanction,
            "override_reason": "Pejabat yang menandatangani ikut bertanggung jawab.",
        }
    services.decide(case, analyst, outcome=Outcome.PROVEN, findings=findings, **kwargs)


def _share(spec: Spec, case: Case, actors: dict, at: datetime) -> None:
    maladministration = "permintaan-imbalan" if case.track == Track.ETHICS else "penyimpangan-prosedur"
    services.share_with_partner(
        case, actors["analis"], partner="ombudsman", maladministration=maladministration,
        note="Subjek tumpang tindih menurut nota kesepahaman: ditangani bersama Ombudsman.",
    )  # fmt: skip
    referral = case.referrals.get()
    with replay_at(at + timedelta(days=3)):
        services.reply_to_referral(
            referral,
            actors["ombudsman"],
            outcome="in_progress",
            body="Diterima dan diregister; Ombudsman memeriksa aspek pelayanan publiknya.",
            partner_register_number=spec.ombudsman_number,
            findings="Pemeriksaan maladministrasi berjalan.",
        )


def seed(stdout) -> None:
    if Case.objects.filter(track__in=[Track.ETHICS, Track.MERIT]).exists():
        stdout.write("  ethics and merit-system cases: already present")
        return
    actors = _actors()
    rng = random.Random(SEED)
    # Recent history (ending a few weeks before today): the open cases have realistic deadlines, a few overdue.
    first = timezone.localdate() - timedelta(days=len(PLANS) * 9 + 45)
    start = timezone.make_aware(datetime(first.year, first.month, first.day, 9, 0))
    # Cases still open were received in the last weeks, so their stage deadlines are recent and only a few have
    # run out (a worklist, not a backlog); concluded ones are spread over the months before.
    now = timezone.now()
    for index, spec in enumerate(PLANS):
        at = start + timedelta(days=index * 9 + rng.randint(0, 4), hours=rng.randint(0, 6))
        if spec.final in OPEN_FINALS:  # each step takes at most 9 days 5 hours: the last one is before now
            at = now - timedelta(days=len(_steps(spec)) * 9.3 + 1 + index % 3)
        with transaction.atomic():
            report = _submit(spec, at)
            with replay_at(at + timedelta(hours=2)):
                case = services.open_cases_for_report(report, actors["intake"])[0]
        _play(spec, case, actors, at + timedelta(hours=2), rng)
    tally = Case.objects.filter(track__in=[Track.ETHICS, Track.MERIT]).values_list("track", "state")
    stdout.write(f"  ethics and merit-system cases: {len(tally)} (through the services, ADR 0084)")
