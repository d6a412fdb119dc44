"""~2,000 synthetic ASN with valid NIPs (Faker id_ID, fixed seed: the same people on every machine)."""

import random
from datetime import date

from faker import Faker

from pantas.lib import nip as nip_lib

from .models import Agency, AgencyKind, CivilServant, EmployeeType, PositionClass

TARGET = 2000
SEED = 20240214

POSITION_WEIGHTS = [
    (PositionClass.FUNGSIONAL, 40),
    (PositionClass.PELAKSANA, 30),
    (PositionClass.PENGAWAS, 14),
    (PositionClass.ADMINISTRATOR, 10),
    (PositionClass.JPT, 6),
]
TITLES = {
    PositionClass.JPT: [
        "Sekretaris Daerah",
        "Kepala Dinas Pendidikan",
        "Kepala Dinas Kesehatan",
        "Kepala Badan Kepegawaian Daerah",
        "Asisten Pemerintahan",
        "Direktur Jenderal",
        "Inspektur",
    ],
    PositionClass.ADMINISTRATOR: ["Kepala Bagian Umum", "Camat", "Kepala Bidang Mutasi", "Sekretaris Dinas"],
    PositionClass.PENGAWAS: [
        "Lurah",
        "Kepala Seksi Pelayanan",
        "Kepala Subbagian Keuangan",
        "Kepala Seksi Kesejahteraan Sosial",
    ],
    PositionClass.FUNGSIONAL: [
        "Guru Ahli Pertama",
        "Guru Ahli Muda",
        "Perawat Terampil",
        "Analis Kebijakan",
        "Penyuluh Pertanian",
        "Dokter Ahli Muda",
        "Pranata Komputer",
    ],
    PositionClass.PELAKSANA: [
        "Pengadministrasi Umum",
        "Pengelola Keuangan",
        "Operator Layanan Operasional",
        "Pengemudi",
    ],
}


def make_nip(rng: random.Random, employee_type: str, gender: str, used: set[str]) -> tuple[str, date]:
    while True:
        birth = date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
        if employee_type == EmployeeType.PNS:
            year = min(birth.year + rng.randint(21, 35), 2025)
            middle = f"{year:04d}{rng.randint(1, 12):02d}"
        else:
            middle = f"{rng.randint(max(2019, birth.year + 21), 2025):04d}21"
        nip = f"{birth:%Y%m%d}{middle}{gender}{rng.randint(1, 999):03d}"
        if nip not in used and nip_lib.parse(nip, employee_type).valid:
            used.add(nip)
            return nip, birth


def seed(stdout) -> None:
    if CivilServant.objects.count() >= TARGET:
        stdout.write("  civil servants: already present")
        return
    rng = random.Random(SEED)
    fake = Faker("id_ID")
    fake.seed_instance(SEED)
    agencies = list(Agency.objects.filter(has_own_ppk=True, disabled_on__isnull=True).order_by("code"))
    # Most ASN work for regional governments (76% per BKN, Nov 2025).
    weights = [1 if a.kind == AgencyKind.CENTRAL else 4 for a in agencies]
    used = set(CivilServant.objects.values_list("nip", flat=True))
    rows = []
    positions, position_weights = zip(*POSITION_WEIGHTS, strict=True)
    for _i in range(TARGET):
        agency = rng.choices(agencies, weights)[0]
        employee_type = EmployeeType.PPPK if rng.random() < 0.2 else EmployeeType.PNS
        gender = "2" if rng.random() < 0.56 else "1"
        nip, birth = make_nip(rng, employee_type, gender, used)
        position = rng.choices(positions, position_weights)[0]
        if employee_type == EmployeeType.PPPK and position in (
            PositionClass.JPT,
            PositionClass.ADMINISTRATOR,
        ):
            position = PositionClass.FUNGSIONAL
        name = fake.name_female() if gender == "2" else fake.name_male()
        rows.append(
            CivilServant(
                nip=nip,
                employee_type=employee_type,
                name=name,
                gender=gender,
                birth_date=birth,
                agency=agency,
                position_class=position,
                position_title=rng.choice(TITLES[position]),
                province_id=agency.province_id,
                regency_id=agency.regency_id,
            )
        )
    CivilServant.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    stdout.write(f"  civil servants: {CivilServant.objects.count()}")
