"""Demo announcements for the demo selection committee (persona `pansel`, Pemerintah Provinsi Sulawesi Selatan):
two open selections, one closed and one draft, made through the real services (history and audit included).
Idempotent: nothing is added when the committee already has announcements."""

from datetime import timedelta

from django.utils import timezone

from pantas.accounts.models import User

from . import services
from .models import Announcement, PositionLevel, StageKind
from .services import Stage

REQUIREMENTS = "\n".join(
    [
        "PNS dengan pangkat paling rendah Pembina (IV/a)",
        "Pendidikan paling rendah sarjana (S1) atau diploma IV",
        "Pernah menduduki jabatan administrator paling singkat 5 tahun",
        "Tidak sedang menjalani hukuman disiplin dan tidak pernah dijatuhi hukuman disiplin berat",
        "Tidak menjadi anggota atau pengurus partai politik",
        "Usia paling tinggi 56 tahun pada saat pelantikan",
    ]
)
CONTACT = "Sekretariat Panitia Seleksi JPT, BKD Provinsi Sulawesi Selatan\nseleksi.jpt@demo.pantas.go.id · (0411) 000-000"
LOCATION = "Kantor BKD Provinsi Sulawesi Selatan, Jl. Urip Sumoharjo, Makassar"

# (position, level, unit, days from today to registration start, final state)
ANNOUNCEMENTS = [
    ("Kepala Dinas Pendidikan", PositionLevel.PRATAMA, "Dinas Pendidikan", -5, "published"),
    ("Kepala Badan Perencanaan Pembangunan Daerah", PositionLevel.PRATAMA, "Bappeda", -2, "published"),
    ("Kepala Dinas Kesehatan", PositionLevel.PRATAMA, "Dinas Kesehatan", -90, "closed"),
    ("Sekretaris Daerah Provinsi", PositionLevel.MADYA, "Sekretariat Daerah", 20, "draft"),
]


def _stages(start):
    spans = [
        (StageKind.REGISTRATION, 0, 13),
        (StageKind.ADMINISTRATIVE, 15, 18),
        (StageKind.ASSESSMENT, 22, 24),
        (StageKind.INTERVIEW, 28, 29),
        (StageKind.ANNOUNCEMENT, 33, 33),
    ]
    return [Stage(kind, start + timedelta(days=a), start + timedelta(days=b)) for kind, a, b in spans]


def seed(stdout) -> None:
    committee = User.objects.filter(username="pansel").select_related("organisation__agency").first()
    if committee is None or committee.organisation is None or committee.organisation.agency is None:
        stdout.write("  announcements: no demo committee, skipped")
        return
    agency = committee.organisation.agency
    if Announcement.objects.filter(agency=agency).exists():
        stdout.write("  announcements: already there")
        return
    today = timezone.localdate()
    for title, level, unit, offset, final in ANNOUNCEMENTS:
        values = {
            "position_title": f"{title} Provinsi Sulawesi Selatan",
            "level": level,
            "unit": unit,
            "summary": f"Seleksi terbuka dan kompetitif untuk mengisi jabatan {title} "
            f"di lingkungan Pemerintah Provinsi Sulawesi Selatan.",
            "requirements": REQUIREMENTS,
            "location": LOCATION,
            "contact": CONTACT,
        }
        announcement = services.create_announcement(
            committee, agency, values, _stages(today + timedelta(offset))
        )
        if final in ("published", "closed"):
            announcement = services.publish(announcement, committee)
        if final == "closed":
            services.close(announcement, committee, reason="Seleksi selesai; hasil diumumkan.")
    stdout.write(f"  announcements: {len(ANNOUNCEMENTS)}")
