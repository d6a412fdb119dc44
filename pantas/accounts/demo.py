"""Demo organisations and the fixed cast of users (README lists them; partner scripts and tests rely on them)."""

from django.db import transaction

from pantas.core.roles import Role
from pantas.registry.models import Agency, Authority, Province, Regency

from .models import BawasluLevel, Organisation, OrganisationKind, RoleAssignment, User
from .organisations import ensure_ppk_offices, link_bawaslu_tiers

DEMO_PASSWORD = "pantas-demo-2026"  # noqa: S105 - published on purpose; production refuses demo mode

# (username, full name, organisation code, roles)
CAST = [
    ("admin", "Administrator Sistem", "bkn-wasdal", [Role.ADMINISTRATOR]),
    ("intake", "Rina Wulandari", "bkn-wasdal", [Role.INTAKE_OFFICER]),
    ("analis", "Bima Saputra", "bkn-wasdal", [Role.ANALYST]),
    ("komisioner", "Dr. Hendra Kusuma", "bkn-wasdal", [Role.DECIDER, Role.SUPERVISOR_LEAD]),
    ("kustodian", "Sari Rahmawati", "bkn-wasdal", [Role.IDENTITY_CUSTODIAN]),
    ("penilai", "Yusuf Hidayat", "bkn-wasdal", [Role.MERIT_ASSESSOR]),
    ("bawaslu.sulsel", "Andi Muhammad Arfah", "bawaslu-73", [Role.BAWASLU_OFFICER]),
    ("bawaslu.ri", "Ratna Kartika Sari", "bawaslu-ri", [Role.BAWASLU_OFFICER]),
    ("bawaslu.makassar", "Fadli Rahman Syam", "bawaslu-kota-73-71", [Role.BAWASLU_OFFICER]),
    ("ppk.makassar", "Nurhayati Daeng", "ppk-kota-73-71", [Role.PPK_OFFICER]),
    ("ppk.kemenag", "Ahmad Fauzi", "ppk-kemenag", [Role.PPK_OFFICER]),
    ("bkn", "Teguh Prasetyo", "bkn-data", [Role.BKN_OFFICER]),
    ("kemendagri", "Dewi Lestari", "kemendagri", [Role.MINISTRY_OFFICER]),
    ("ombudsman", "Rudi Hartono", "ombudsman", [Role.OMBUDSMAN_LIAISON]),
    ("cso.pattiro", "Maya Anggraini", "cso-pattiro", [Role.CSO_MONITOR]),
    ("pansel", "Prof. Agus Salim", "pansel-prov-73", [Role.SELECTION_COMMITTEE]),
]

# NIPs printed under a signature (fictional, well-formed: born 1975-03-12, appointed 2000-03, male, no. 001).
NIPS = {"komisioner": "197503122000031001"}


def ensure_organisations() -> None:
    ensure_ppk_offices()
    bkn_authority = Authority.objects.get(code="bkn")
    kasn_authority = Authority.objects.get(code="kasn")
    sulsel = Province.objects.get(code="73")
    fixed = [
        (
            "bkn-wasdal",
            "BKN — Deputi Bidang Pengawasan dan Pengendalian",
            OrganisationKind.SUPERVISOR,
            {"authority": bkn_authority},
        ),
        (
            "kasn",
            "Komisi Aparatur Sipil Negara (arsip, s.d. 2024)",
            OrganisationKind.SUPERVISOR,
            {"authority": kasn_authority},
        ),
        (
            "bawaslu-ri",
            "Bawaslu Republik Indonesia",
            OrganisationKind.BAWASLU,
            {"bawaslu_level": BawasluLevel.RI},
        ),
        (
            "bawaslu-73",
            "Bawaslu Provinsi Sulawesi Selatan",
            OrganisationKind.BAWASLU,
            {"bawaslu_level": BawasluLevel.PROVINCE, "province": sulsel},
        ),
        (
            "bawaslu-kota-73-71",
            "Bawaslu Kota Makassar",
            OrganisationKind.BAWASLU,
            {
                "bawaslu_level": BawasluLevel.REGENCY,
                "province": sulsel,
                "regency": Regency.objects.get(code="73.71"),
            },
        ),
        (
            "bkn-data",
            "BKN — Direktorat Pengolahan Data dan Sistem Informasi Kepegawaian",
            OrganisationKind.BKN_RECORDS,
            {},
        ),
        (
            "kemendagri",
            "Kementerian Dalam Negeri — Inspektorat Jenderal",
            OrganisationKind.KEMENDAGRI,
            {"agency": Agency.objects.get(code="kemendagri")},
        ),
        (
            "kemenpanrb",
            "KemenPANRB — Deputi Bidang SDM Aparatur",
            OrganisationKind.KEMENPANRB,
            {"agency": Agency.objects.get(code="kemenpanrb")},
        ),
        ("ombudsman", "Ombudsman Republik Indonesia", OrganisationKind.OMBUDSMAN, {}),
        ("cso-pattiro", "PATTIRO (Pusat Telaah dan Informasi Regional)", OrganisationKind.CSO, {}),
        (
            "pansel-prov-73",
            "Panitia Seleksi JPT Pemerintah Provinsi Sulawesi Selatan",
            OrganisationKind.SELECTION_COMMITTEE,
            {"agency": Agency.objects.get(code="prov-73"), "province": sulsel},
        ),
    ]
    for code, name, kind, extra in fixed:
        Organisation.objects.update_or_create(code=code, defaults={"name": name, "kind": kind, **extra})
    link_bawaslu_tiers()


@transaction.atomic
def create_cast(password: str = DEMO_PASSWORD) -> dict[str, User]:
    """Create (or repair) the demo users. Passwords are only set on creation, so re-runs are cheap."""
    ensure_organisations()
    orgs = {o.code: o for o in Organisation.objects.filter(code__in={c[2] for c in CAST})}
    users = {}
    for username, full_name, org_code, roles in CAST:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=full_name,
                organisation=orgs[org_code],
                email=f"{username}@demo.pantas.go.id",
            )
            user.set_password(password)
            user.is_staff = user.is_superuser = username == "admin"
            user.save()
        if username in NIPS and not user.nip:
            User.objects.filter(pk=user.pk).update(nip=NIPS[username])
            user.nip = NIPS[username]
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
        users[username] = user
    return users


def seed(stdout) -> None:
    create_cast()
    stdout.write(f"  demo users: {len(CAST)}")
