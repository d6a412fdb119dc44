"""Demo reports consistent with domain.md §6 (ADR 0016). Idempotent, deterministic, bulk-inserted.

* Pemilu 2019: 128 Bawaslu forwards (Sulawesi Selatan 30, Jawa Tengah 15, Sulawesi Tenggara 14, Sulawesi Barat 10,
  Jawa Timur 7, the rest spread) and 67 PATTIRO reports from 8 regions and 4 ministries, 43 of them (64.1%)
  social-media support.
* Pilkada 2020: 2,034 reports (1,398 forwarded by Bawaslu) with the KASN category shares: social media 30.4%,
  activities showing partisanship 22.4%, photos with candidates 12.6%, attending declarations 10.9%,
  approaching parties 5.6%, the rest spread over the other SKB items.
* A showcase: one public report with a documented receipt and a staff question, one confidential report sealed
  to the demo custodian key, and a pair of duplicates with a suggestion.

The Cases app's demo (which runs after this one) finds the Pilkada reports with `election__code="pilkada-2020"`.
"""

import random
from datetime import date, datetime, time, timedelta

import nacl.pwhash
from django.db import transaction
from django.utils import timezone

from pantas.accounts.models import BawasluLevel, Organisation, OrganisationKind, User
from pantas.accounts.organisations import link_bawaslu_tiers
from pantas.core import audit
from pantas.registry.models import (
    Agency,
    CivilServant,
    Election,
    EmployeeType,
    PositionClass,
    Province,
    Regency,
    ViolationCategory,
)

from .models import (
    Anonymity,
    AuthorKind,
    Channel,
    CustodianKey,
    ElectionStage,
    Evidence,
    EvidenceKind,
    Message,
    MessageVisibility,
    Report,
    ReportedPerson,
    ReportSource,
    ReportStatus,
    ReportStatusHistory,
    ViolationMode,
)
from .security import receipts
from .services import duplicates, links, text
from .services.identity import create_custodian_key
from .services.submit import LinkInput, PersonInput, ReportInput, link_digest, reserve_numbers, submit_report

SEED = 20190417
DEMO_RECEIPT = "DEM0-0001-PANT-AS20-26KW-XY7Z"  # published on purpose: the demo status page works with it
DEMO_CUSTODIAN_PASSPHRASE = "kustodian-demo-2026"  # noqa: S105 - demo only; production refuses demo mode

BAWASLU_2019 = {"73": 30, "33": 15, "74": 14, "76": 10, "35": 7}
BAWASLU_2019_TOTAL = 128
CSO_2019_TOTAL = 67
CSO_2019_SOCIAL = 43
CSO_MINISTRIES = ["kemenag", "kemenristekdikti", "mahkamah-agung", "bpom"]
CSO_REGIONS = ["73.71", "73.73", "33.74", "35.78", "32.73", "12.71", "52.71", "74.71"]
PILKADA_2020_TOTAL = 2034
PILKADA_2020_BAWASLU = 1398
# (category code, share, modes)
PILKADA_2020_CATEGORIES = [
    (
        "skb2022-b2",
        0.304,
        [ViolationMode.UPLOAD, ViolationMode.SHARE, ViolationMode.COMMENT, ViolationMode.LIKE],
    ),
    ("skb2022-b8", 0.224, [ViolationMode.OTHER]),
    ("skb2022-b7", 0.126, [ViolationMode.PHOTO_WITH_CANDIDATE]),
    ("skb2022-b4", 0.109, [ViolationMode.ATTENDING_CAMPAIGN]),
    ("skb2022-b3", 0.056, [ViolationMode.PARTY_MEMBERSHIP]),
]
PILKADA_2020_OTHER = [
    ("skb2022-b1", [ViolationMode.OTHER]),
    ("skb2022-b6", [ViolationMode.LIKE, ViolationMode.SHARE]),
    ("skb2022-b12", [ViolationMode.DECISION_BENEFITING_CANDIDATE]),
    ("skb2022-b10", [ViolationMode.OTHER]),
    ("skb2022-b11", [ViolationMode.OTHER]),
]
# Offender position shares, Pilkada 2020 (KASN): the remainder is spread over the five classes.
POSITION_SHARES = [
    (PositionClass.FUNGSIONAL, 26.5),
    (PositionClass.PELAKSANA, 17.2),
    (PositionClass.JPT, 15.7),
    (PositionClass.ADMINISTRATOR, 13.4),
    (PositionClass.PENGAWAS, 11.8 + 15.4),
]
TITLES = {
    PositionClass.JPT: [
        "Sekretaris Daerah",
        "Kepala Dinas Pendidikan",
        "Kepala Dinas Kesehatan",
        "Kepala BKPSDM",
    ],
    PositionClass.ADMINISTRATOR: ["Camat", "Kepala Bagian Umum", "Sekretaris Dinas"],
    PositionClass.PENGAWAS: ["Lurah", "Kepala Seksi Pemerintahan", "Kepala Subbagian Keuangan"],
    PositionClass.FUNGSIONAL: ["Guru", "Penyuluh Pertanian", "Perawat", "Dosen", "Hakim", "Pengawas Farmasi"],
    PositionClass.PELAKSANA: ["Pengadministrasi Umum", "Staf Kelurahan", "Pengemudi"],
}
PLATFORM_URLS = [
    "https://www.facebook.com/{acct}/posts/{n}",
    "https://www.instagram.com/p/DM{n}/",
    "https://www.tiktok.com/@{acct}/video/7{n}",
    "https://x.com/{acct}/status/1{n}",
    "https://www.youtube.com/watch?v=demo{n}",
]
ACTS = {
    ViolationMode.LIKE: "menyukai unggahan kampanye pasangan calon nomor urut {c}",
    ViolationMode.COMMENT: "menulis komentar dukungan untuk pasangan calon nomor urut {c}",
    ViolationMode.SHARE: "membagikan materi kampanye pasangan calon nomor urut {c}",
    ViolationMode.UPLOAD: "mengunggah foto dan ajakan memilih pasangan calon nomor urut {c}",
    ViolationMode.PHOTO_WITH_CANDIDATE: "berfoto bersama calon nomor urut {c} sambil mengacungkan {c} jari",
    ViolationMode.ATTENDING_CAMPAIGN: "menghadiri deklarasi pasangan calon nomor urut {c} dan ikut bersorak",
    ViolationMode.PARTY_MEMBERSHIP: "mendatangi kantor partai untuk mendaftar sebagai bakal calon tanpa cuti",
    ViolationMode.DECISION_BENEFITING_CANDIDATE: "menerbitkan keputusan bantuan sosial menjelang pencoblosan "
    "yang menguntungkan petahana nomor urut {c}",
    ViolationMode.OTHER: "mengumpulkan staf dan mengarahkan mereka memilih pasangan calon nomor urut {c}",
}
SOCIAL = {ViolationMode.LIKE, ViolationMode.COMMENT, ViolationMode.SHARE, ViolationMode.UPLOAD}


def _set_bands(report: Report) -> None:
    for field, value in text.band_fields(report.description).items():
        setattr(report, field, value)


def _aware(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59))))


def _stage(act: date, determination: date, campaign_end: date, voting: date) -> str:
    if act < determination:
        return ElectionStage.PRE_CANDIDACY
    if act <= campaign_end:
        return ElectionStage.CAMPAIGN
    if act < voting:
        return ElectionStage.QUIET_PERIOD
    return ElectionStage.VOTING if act == voting else ElectionStage.POST_VOTING


class _Batch:
    """Collects demo reports and their rows, then writes everything with a handful of bulk inserts."""

    def __init__(self, rng: random.Random, faker, servants: dict):
        self.rng, self.faker, self.servants = rng, faker, servants
        self.items = []

    def person(self, agency, position_class=None, link_share=0.4) -> ReportedPerson:
        pool = self.servants.get(agency.pk) if agency else None
        if pool and self.rng.random() < link_share:
            cs = self.rng.choice(pool)
            return ReportedPerson(
                name=cs.name,
                name_key=text.normalise_name(cs.name),
                nip=cs.nip,
                employee_type=cs.employee_type,
                civil_servant=cs,
                agency=cs.agency,
                position_title=cs.position_title,
                position_class=cs.position_class,
                province_id=cs.province_id,
                regency_id=cs.regency_id,
            )
        position_class = position_class or self.rng.choice(list(TITLES))
        name = self.faker.name()
        return ReportedPerson(
            name=name,
            name_key=text.normalise_name(name),
            employee_type=EmployeeType.PNS,
            agency=agency,
            position_title=self.rng.choice(TITLES[position_class]),
            position_class=position_class,
            province_id=agency.province_id if agency else None,
            regency_id=agency.regency_id if agency else None,
        )

    def add(self, report: Report, person: ReportedPerson, link: bool) -> None:
        self.items.append((report, person, link))

    def write(self, stdout_label: str, stdout) -> int:
        by_year: dict[int, list] = {}
        for item in self.items:
            by_year.setdefault(timezone.localtime(item[0].received_at).year, []).append(item)
        with transaction.atomic():
            for year, items in sorted(by_year.items()):
                items.sort(key=lambda i: i[0].received_at)
                for (report, _p, _l), number in zip(items, reserve_numbers(year, len(items)), strict=True):
                    report.number = number
            reports = [i[0] for i in self.items]
            Report.objects.bulk_create(reports, batch_size=500)
            persons, evidence, history, events = [], [], [], []
            for report, person, with_link in self.items:
                person.report = report
                persons.append(person)
                rows = []
                if with_link:
                    acct = person.name_key.replace(" ", "")[:15] or "akun"
                    url = self.rng.choice(PLATFORM_URLS).format(acct=acct, n=self.rng.randint(10**8, 10**9))
                    platform = links.platform_for(url)
                    act = report.description.split(": ", 1)[-1][:300]
                    rows.append(
                        Evidence(
                            report=report,
                            kind=EvidenceKind.LINK,
                            received_at=report.received_at,
                            sha256=link_digest(url, platform, acct, act, report.received_at),
                            from_reporter=report.source == ReportSource.PUBLIC,
                            url=url,
                            url_key=links.url_key(url),
                            platform=platform,
                            account=acct,
                            act=act,
                        )
                    )
                evidence.extend(rows)
                history.append(
                    ReportStatusHistory(report=report, to_status=ReportStatus.RECEIVED, at=report.received_at)
                )
                events.append(
                    {
                        "action": "intake.report.received",
                        "obj": report,
                        "at": report.received_at,
                        "data": {
                            "number": report.number,
                            "source": report.source,
                            "channel": report.channel,
                            "demo": True,
                            "evidence": [{"kind": e.kind, "sha256": e.sha256} for e in rows],
                        },
                    }
                )
            ReportedPerson.objects.bulk_create(persons, batch_size=500)
            Evidence.objects.bulk_create(evidence, batch_size=500)
            ReportStatusHistory.objects.bulk_create(history, batch_size=500)
            audit.record_many(events)
        stdout.write(f"  {stdout_label}: {len(reports)}")
        return len(reports)


def _description(rng, person: ReportedPerson, mode: str, place: str, source: str) -> str:
    candidate = rng.randint(1, 4)
    act = ACTS[mode].format(c=candidate)
    opener = {
        ReportSource.BAWASLU: "Hasil pengawasan Bawaslu: ",
        ReportSource.CSO: "Temuan pemantauan: ",
        ReportSource.MEDIA: "Pemberitaan media lokal: ",
        ReportSource.LAPOR: "Aduan melalui SP4N-LAPOR!: ",
    }.get(source, "")
    where = rng.choice(
        ["di akun media sosial pribadinya", f"di {place}", "di grup percakapan warga", f"di sekitar {place}"]
    )
    return f"{opener}{person.position_title or 'ASN'} {person.name} {where}: {act}."


def _bawaslu_orgs(codes) -> dict[str, Organisation]:
    provinces = {p.code: p for p in Province.objects.filter(code__in=codes)}
    orgs = {
        o.province_id: o
        for o in Organisation.objects.filter(kind=OrganisationKind.BAWASLU, province_id__in=codes)
    }
    missing = [
        Organisation(
            code=f"bawaslu-{code}",
            name=f"Bawaslu Provinsi {provinces[code].name}",
            kind=OrganisationKind.BAWASLU,
            bawaslu_level=BawasluLevel.PROVINCE,
            province=provinces[code],
        )
        for code in codes
        if code not in orgs
        and code in provinces
        and not Organisation.objects.filter(code=f"bawaslu-{code}").exists()
    ]
    Organisation.objects.bulk_create(missing)
    link_bawaslu_tiers()
    return {
        o.province_id: o
        for o in Organisation.objects.filter(kind=OrganisationKind.BAWASLU, province_id__in=codes)
    }


def _regional_agency(regency_code, agencies_by_regency, agencies_by_province, province_code):
    return agencies_by_regency.get(regency_code) or agencies_by_province.get(province_code)


def _context():
    agencies_by_regency = {a.regency_id: a for a in Agency.objects.filter(regency__isnull=False)}
    agencies_by_province = {a.province_id: a for a in Agency.objects.filter(kind="province")}
    servants = {}
    for cs in CivilServant.objects.select_related("agency").order_by("nip"):
        servants.setdefault(cs.agency_id, []).append(cs)
    regencies = {}
    for code, province_id in Regency.objects.values_list("code", "province_id"):
        regencies.setdefault(province_id, []).append(code)
    categories = {c.code: c for c in ViolationCategory.objects.all()}
    regency_names = dict(Regency.objects.values_list("code", "name"))
    return agencies_by_regency, agencies_by_province, servants, regencies, categories, regency_names


def _seed_pemilu_2019(stdout, rng, faker) -> None:
    election = Election.objects.get(code="pemilu-2019")
    done = Report.objects.filter(election=election)
    if done.filter(source=ReportSource.BAWASLU).exists() and done.filter(source=ReportSource.CSO).exists():
        stdout.write("  Pemilu 2019 reports: already present")
        return
    by_regency, by_province, servants, regencies, categories, names = _context()
    determination, campaign_end, voting = date(2018, 9, 20), date(2019, 4, 13), election.voting_date
    batch = _Batch(rng, faker, servants)
    # Bawaslu forwards by province: the named provinces, the rest spread over the other provinces of 2019.
    provinces_2019 = [code for code in regencies if code not in {"93", "94", "95", "96"}]
    others = [c for c in sorted(provinces_2019) if c not in BAWASLU_2019]
    counts = dict(BAWASLU_2019)
    rest = BAWASLU_2019_TOTAL - sum(counts.values())
    for i in range(rest):
        counts[others[i % len(others)]] = counts.get(others[i % len(others)], 0) + 1
    orgs = _bawaslu_orgs(list(counts))
    serial = 0
    for province, count in sorted(counts.items()):
        for _ in range(count):
            serial += 1
            regency = rng.choice(regencies[province])
            agency = _regional_agency(regency, by_regency, by_province, province)
            person = batch.person(agency)
            mode = rng.choice([*SOCIAL, ViolationMode.PHOTO_WITH_CANDIDATE, ViolationMode.ATTENDING_CAMPAIGN])
            act = date(2018, 10, 1) + timedelta(days=rng.randint(0, (voting - date(2018, 10, 1)).days))
            received = act + timedelta(days=rng.randint(4, 12))  # after the 3-day kajian awal
            place = names.get(regency, "")
            category = categories[
                "skb2022-b6"
                if mode in SOCIAL
                else "skb2022-b7"
                if mode == "photo_with_candidate"
                else "skb2022-b4"
            ]
            report = Report(
                source=ReportSource.BAWASLU,
                channel=Channel.PARTNER_WEB,
                track=category.track,
                category=category,
                mode=mode,
                election=election,
                election_stage=_stage(act, determination, campaign_end, voting),
                place=place,
                province_id=province,
                regency_id=regency,
                act_date=act,
                received_at=_aware(received, rng),
                status_changed_at=_aware(received, rng),
                organisation=orgs[province],
                register_number=f"{serial:03d}/TM/PL/Prov/{province}.00/{received:%m/%Y}",
                initial_study="Memenuhi syarat formal dan materiel; bukan pelanggaran pemilu, diteruskan ke KASN.",
                anonymity=Anonymity.ORGANISATION,
            )
            report.description = _description(rng, person, mode, place, ReportSource.BAWASLU)
            _set_bands(report)
            batch.add(report, person, link=mode in SOCIAL)
    # PATTIRO: 67 reports from 8 regions and 4 ministries, 43 of them social-media support.
    pattiro = Organisation.objects.get(code="cso-pattiro")
    ministries = [Agency.objects.get(code=code) for code in CSO_MINISTRIES]
    modes = [rng.choice(sorted(SOCIAL)) for _ in range(CSO_2019_SOCIAL)]
    modes += [ViolationMode.PHOTO_WITH_CANDIDATE] * 10 + [ViolationMode.ATTENDING_CAMPAIGN] * 8
    modes += [ViolationMode.OTHER] * (CSO_2019_TOTAL - len(modes))
    rng.shuffle(modes)
    for i, mode in enumerate(modes):
        if i % 5 < 3:  # 60% in the eight regions, 40% in the four ministries
            regency = CSO_REGIONS[i % len(CSO_REGIONS)]
            agency = _regional_agency(regency, by_regency, by_province, regency[:2])
        else:
            agency, regency = ministries[i % len(ministries)], None
        person = batch.person(agency)
        act = date(2019, 1, 5) + timedelta(days=rng.randint(0, 100))
        received = act + timedelta(days=rng.randint(1, 6))
        category = categories[
            "skb2022-b6"
            if mode in SOCIAL
            else "skb2022-b7"
            if mode == "photo_with_candidate"
            else "skb2022-b4"
            if mode == "attending_campaign"
            else "skb2022-b8"
        ]
        report = Report(
            source=ReportSource.CSO,
            channel=Channel.PARTNER_WEB,
            track=category.track,
            category=category,
            mode=mode,
            election=election,
            election_stage=_stage(act, determination, campaign_end, voting),
            province_id=regency[:2] if regency else None,
            regency_id=regency,
            act_date=act,
            received_at=_aware(received, rng),
            status_changed_at=_aware(received, rng),
            organisation=pattiro,
            register_number=f"PATTIRO/PMT/2019/{i + 1:03d}",
            anonymity=Anonymity.ORGANISATION,
        )
        report.description = _description(rng, person, mode, agency.name, ReportSource.CSO)
        _set_bands(report)
        batch.add(report, person, link=mode in SOCIAL)
    batch.write("Pemilu 2019 reports (128 Bawaslu + 67 PATTIRO)", stdout)


def _category_plan(rng) -> list[tuple[str, str]]:
    plan = []
    for code, share, modes in PILKADA_2020_CATEGORIES:
        plan += [(code, modes[i % len(modes)]) for i in range(round(PILKADA_2020_TOTAL * share))]
    remainder = PILKADA_2020_TOTAL - len(plan)
    for i in range(remainder):
        code, modes = PILKADA_2020_OTHER[i % len(PILKADA_2020_OTHER)]
        plan.append((code, modes[i % len(modes)]))
    rng.shuffle(plan)
    return plan


def _seed_pilkada_2020(stdout, rng, faker) -> None:
    election = Election.objects.get(code="pilkada-2020")
    if Report.objects.filter(election=election).exists():
        stdout.write("  Pilkada 2020 reports: already present")
        return
    by_regency, by_province, servants, regencies, categories, _names = _context()
    determination, campaign_end, voting = date(2020, 9, 23), date(2020, 12, 5), election.voting_date
    provinces = sorted(election.provinces.values_list("code", flat=True))
    all_regencies = sorted(
        code for codes in regencies.values() for code in codes if not code.startswith("31")
    )
    regions = sorted(rng.sample(all_regencies, 261))  # 224 kabupaten + 37 kota took part
    orgs = _bawaslu_orgs(sorted({r[:2] for r in regions}))
    # Regency offices that have their own organisation forward their regency's reports (the tiers: ADR 0115).
    regency_offices = {
        o.regency_id: o
        for o in Organisation.objects.filter(kind=OrganisationKind.BAWASLU, regency_id__in=regions)
    }
    positions, weights = zip(*POSITION_SHARES, strict=True)
    sources = [ReportSource.BAWASLU] * PILKADA_2020_BAWASLU
    sources += [ReportSource.PUBLIC] * 400 + [ReportSource.MEDIA] * 120
    sources += [ReportSource.LAPOR] * (PILKADA_2020_TOTAL - len(sources))
    rng.shuffle(sources)
    batch = _Batch(rng, faker, servants)
    start = date(2020, 6, 15)
    for i, ((code, mode), source) in enumerate(zip(_category_plan(rng), sources, strict=True)):
        if rng.random() < 0.08:  # governors' races: the provincial government
            province = rng.choice(provinces)
            regency, agency = None, by_province.get(province)
        else:
            regency = rng.choice(regions)
            province = regency[:2]
            agency = _regional_agency(regency, by_regency, by_province, province)
        person = batch.person(agency, rng.choices(positions, weights)[0], link_share=0.3)
        act = start + timedelta(days=rng.randint(0, (voting - start).days + 10))
        received = act + timedelta(days=rng.randint(1, 9))
        category = categories[code]
        place = agency.name if agency else ""
        report = Report(
            source=source,
            channel=Channel.PARTNER_WEB if source == ReportSource.BAWASLU else Channel.STAFF,
            track=category.track,
            category=category,
            mode=mode,
            election=election,
            election_stage=_stage(act, determination, campaign_end, voting),
            place=place,
            province_id=province,
            regency_id=regency,
            act_date=act,
            received_at=_aware(received, rng),
            status_changed_at=_aware(received, rng),
            organisation=(regency_offices.get(regency) or orgs.get(province))
            if source == ReportSource.BAWASLU
            else None,
            register_number=f"{i + 1:04d}/Reg/TM/PB/{province}/{received:%m/%Y}"
            if source == ReportSource.BAWASLU
            else "",
            initial_study="Diteruskan ke KASN: dugaan pelanggaran netralitas ASN."
            if source == ReportSource.BAWASLU
            else "",
            anonymity=Anonymity.ANONYMOUS if source == ReportSource.PUBLIC else Anonymity.ORGANISATION,
        )
        report.description = _description(rng, person, mode, place, source)
        _set_bands(report)
        batch.add(report, person, link=mode in SOCIAL)
    batch.write("Pilkada 2020 reports", stdout)


def _ensure_custodian_key(stdout) -> None:
    if CustodianKey.objects.filter(active=True).exists():
        return
    create_custodian_key(
        User.objects.filter(username="kustodian").first(),
        DEMO_CUSTODIAN_PASSPHRASE,
        "Kunci demo (frasa sandi: kustodian-demo-2026)",
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
        memlimit=nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
    )
    stdout.write(f"  custodian key: created (demo passphrase {DEMO_CUSTODIAN_PASSPHRASE})")


def _seed_showcase(stdout) -> None:
    lookup, secret = receipts.parse(DEMO_RECEIPT)
    if Report.objects.filter(receipt_lookup=lookup).exists():
        stdout.write("  showcase reports: already present")
        return
    intake = User.objects.filter(username="intake").first()
    makassar = Agency.objects.filter(code="kota-73-71").first()
    election = Election.objects.get(code="pilkada-2024")
    description = (
        "Lurah Bara-Baraya membagikan video kampanye pasangan calon wali kota nomor urut 2 di grup WhatsApp "
        "RT/RW dan meminta warga memilih pasangan tersebut saat rapat kelurahan."
    )
    person = PersonInput(name="Syamsul Bahri", agency=makassar, position_title="Lurah Bara-Baraya")
    common = {
        "persons": [person],
        "mode": ViolationMode.SHARE,
        "election": election,
        "election_stage": ElectionStage.CAMPAIGN,
        "regency": Regency.objects.get(code="73.71"),
        "act_date": date(2024, 10, 12),
        "category": ViolationCategory.objects.get(code="skb2022-b6"),
    }
    with transaction.atomic():
        video = LinkInput(
            url="https://www.facebook.com/groups/rtrw.barabaraya/posts/7712345678",
            account="Grup Warga RT/RW Bara-Baraya",
            act="membagikan video kampanye pasangan calon nomor urut 2",
        )
        public = submit_report(
            ReportInput(description=description, anonymity=Anonymity.ANONYMOUS, links=[video], **common)
        ).report
        # The documented demo receipt replaces the random one (demo only: real receipts are never chosen).
        Report.objects.filter(pk=public.pk).update(
            receipt_lookup=lookup, receipt_hash=receipts.hash_secret(secret)
        )
        Message.objects.create(
            report=public,
            visibility=MessageVisibility.PUBLIC,
            author_kind=AuthorKind.STAFF,
            author=intake,
            body="Terima kasih. Apakah Anda menyimpan tangkapan layar pesan di grup WhatsApp tersebut?",
        )
        confidential = submit_report(
            ReportInput(
                description=description.replace("membagikan video", "meneruskan video")
                + " Saya hadir di rapat itu.",
                anonymity=Anonymity.CONFIDENTIAL,
                identity={"name": "Nurul Hidayah (demo)", "contact": "0812-0000-0000", "note": "Warga RT 03"},
                **common,
            )
        ).report
        duplicates.suggest_for(confidential)
    stdout.write(
        f"  showcase reports: {public.number} (receipt {DEMO_RECEIPT}), {confidential.number} (rahasia)"
    )


def seed(stdout) -> None:
    from faker import Faker

    rng = random.Random(SEED)
    faker = Faker("id_ID")
    faker.seed_instance(SEED)
    _ensure_custodian_key(stdout)
    _seed_pemilu_2019(stdout, rng, faker)
    _seed_pilkada_2020(stdout, rng, faker)
    _seed_showcase(stdout)
