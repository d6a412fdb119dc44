"""National-scale data for the benchmarks (`manage.py generate_scale_data`, ADR 0125).

Everything is drawn from one NumPy generator seeded by `--seed`, vectorised, and written with COPY: ASN with
valid-looking NIPs spread over the agencies by size, reports surging before each election, one case per report
(a few reports are duplicates linked to an earlier one and join its case), the cases' status history so "as of"
statistics work, decisions, numbered recommendation letters (issued documents), recommendations and their
follow-ups with history. Identifiers are assigned here (from the table's current maximum) and the sequences are
moved past them; number series (report, case, letter) continue from their counters, which are moved on too.
"""

import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from django.db import connection

from pantas.core.models import Counter
from pantas.registry.models import (
    Agency,
    Authority,
    Election,
    Province,
    Regency,
    SanctionKind,
    ViolationCategory,
)

from .bulk import NULL, Progress, copy_binary_rows, copy_lines, indexes_deferred, next_id, reset_sequence

FULL = {"asn": 5_600_000, "agencies": 600, "cases": 1_000_000, "recommendations": 100_000}
CHUNK = 200_000
DUPLICATE_SHARE = 0.05  # reports that repeat an earlier report and join its case
RECEIPT_SECRET = "BENCHBENCHBENCH0"  # noqa: S105 - not a secret: every generated public report shares one receipt secret (one Argon2 hash)

FIRST_NAMES = [
    "Agus",
    "Budi",
    "Dewi",
    "Siti",
    "Rina",
    "Andi",
    "Yusuf",
    "Ratna",
    "Hendra",
    "Wahyu",
    "Sri",
    "Putri",
    "Rudi",
    "Indah",
    "Joko",
    "Nur",
    "Fitri",
    "Eko",
    "Dian",
    "Ahmad",
    "Muhammad",
    "Rizki",
    "Lestari",
    "Bambang",
    "Ayu",
    "Hadi",
    "Yanti",
    "Irwan",
    "Maya",
    "Taufik",
    "Sari",
    "Dedi",
    "Wulan",
    "Arif",
    "Nining",
    "Fajar",
    "Rahmat",
    "Kartika",
    "Imam",
    "Novi",
    "Teguh",
    "Yuni",
    "Bayu",
    "Mega",
    "Gede",
    "Made",
    "Komang",
    "Ketut",
    "Ni Luh",
    "Andreas",
    "Maria",
    "Yohanes",
    "Fransiska",
    "Daeng",
    "La Ode",
    "Wa Ode",
    "Ikhsan",
    "Zulkifli",
    "Nurul",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Kusuma",
    "Pratama",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Pane",
    "Tanjung",
    "Rahman",
    "Hasibuan",
    "Setiawan",
    "Gunawan",
    "Susanto",
    "Purnomo",
    "Wibowo",
    "Halim",
    "Syahputra",
    "Manurung",
    "Panjaitan",
    "Sembiring",
    "Ginting",
    "Tarigan",
    "Sinaga",
    "Mahmud",
    "Hakim",
    "Rasyid",
    "Sulistyo",
    "Permana",
    "Ramadhan",
    "Pattiasina",
    "Mandagi",
    "Lumban",
    "Tuanakotta",
    "Latuconsina",
    "Wonda",
    "Kogoya",
    "Daulay",
    "Pohan",
    "Karim",
    "Syarif",
    "Amir",
    "Fauzi",
]
POSITION_CLASSES = np.array(["pelaksana", "fungsional", "pengawas", "administrator", "jpt"], dtype=object)
POSITION_P = [0.40, 0.38, 0.11, 0.08, 0.03]
POSITION_TITLES = np.array(
    ["Pengadministrasi Umum", "Guru Ahli Pertama", "Kepala Seksi", "Kepala Bidang", "Kepala Dinas"],
    dtype=object,
)
SOURCES = np.array(["public", "cso", "bawaslu", "lapor", "media", "supervisor"], dtype=object)
SOURCE_P = [0.45, 0.12, 0.30, 0.06, 0.05, 0.02]
CHANNEL_OF_SOURCE = np.array(["web", "partner_web", "import", "api", "staff", "staff"], dtype=object)
MODES = np.array(
    [
        "like",
        "comment",
        "share",
        "upload",
        "photo_with_candidate",
        "attending_campaign",
        "party_membership",
        "decision_benefiting_candidate",
        "other",
    ],
    dtype=object,
)
MODE_P = [0.18, 0.16, 0.14, 0.14, 0.16, 0.12, 0.02, 0.03, 0.05]
MODE_PHRASE = np.array(
    [
        "menyukai unggahan kampanye calon",
        "mengomentari unggahan calon di media sosial",
        "membagikan materi kampanye calon",
        "mengunggah foto dukungan kepada calon",
        "berfoto bersama calon sambil menunjukkan gestur jari",
        "menghadiri kampanye terbuka calon",
        "menjadi pengurus partai politik",
        "membuat keputusan yang menguntungkan pasangan calon",
        "melakukan perbuatan yang tidak netral",
    ],
    dtype=object,
)
# Final case state → share, path of states through the history, public report status.
STATES = [
    ("received", 0.03, ["received"], "received"),
    ("verification", 0.05, ["received", "verification"], "verification"),
    ("rejected", 0.20, ["received", "verification", "rejected"], "rejected"),
    ("referred", 0.04, ["received", "verification", "referred"], "referred"),
    ("merged", 0.02, ["received", "verification", "merged"], "closed"),
    ("investigation", 0.06, ["received", "verification", "investigation"], "investigation"),
    ("clarification", 0.03, ["received", "verification", "investigation", "clarification"], "clarification"),
    ("proven", 0.02, ["received", "verification", "investigation", "proven"], "decided"),
    ("not_proven", 0.45, ["received", "verification", "investigation", "not_proven"], "decided"),
    ("recommended", 0.10, ["received", "verification", "investigation", "proven", "recommended"], "decided"),
]
ACTION_TO = {
    "received": "open",
    "verification": "verify",
    "rejected": "reject",
    "referred": "refer",
    "merged": "merge",
    "investigation": "start-investigation",
    "clarification": "request-clarification",
    "proven": "decide",
    "not_proven": "decide",
    "recommended": "issue-recommendation",
}
OPEN_CASE_STATES = {"received", "verification", "investigation", "clarification", "proven"}
FOLLOW_UP_STATES = [  # state, share, path
    ("awaiting", 0.50, ["awaiting"]),
    ("acknowledged", 0.40, ["awaiting", "acknowledged"]),
    ("reported", 0.04, ["awaiting", "acknowledged", "reported"]),
    ("verified", 0.03, ["awaiting", "acknowledged", "reported", "verified"]),
    ("closed", 0.03, ["awaiting", "acknowledged", "reported", "verified", "closed"]),
]
FOLLOW_UP_ACTION = {
    "awaiting": "open",
    "acknowledged": "acknowledge",
    "reported": "report",
    "verified": "verify",
    "closed": "close",
}
OVERDUE_SHARE = 0.10  # of the pending follow-ups: due before today (the deadline sweep's work)
# A minimal valid one-page PDF: the letters' bytes are stored like real ones (size is not the point here).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Sizes:
    asn: int
    agencies: int
    cases: int
    recommendations: int

    @classmethod
    def at(cls, scale: float, **explicit) -> "Sizes":
        values = {k: max(1, int(round(v * scale))) for k, v in FULL.items()}
        values["agencies"] = max(values["agencies"], 1) if scale >= 1 else FULL["agencies"]
        values.update({k: v for k, v in explicit.items() if v is not None})
        values["recommendations"] = min(values["recommendations"], values["cases"])
        return cls(**values)


def _days(d: date) -> int:
    return (d - date(1970, 1, 1)).days


_DAY_OFFSET = 36500  # the table starts 100 years before 1970: birth dates are older than the epoch


class _DayTable:
    """Day number (days since 1970-01-01, possibly negative) → ISO date string, vectorised."""

    table = np.array(
        [(date(1870, 1, 1) + timedelta(days=i)).isoformat() for i in range(_DAY_OFFSET + 24_000)],
        dtype=object,
    )
    offset = (date(1970, 1, 1) - date(1870, 1, 1)).days

    def __getitem__(self, days):
        return self.table[np.asarray(days) + self.offset]


DAY_STRINGS = _DayTable()


def _ts(seconds: np.ndarray) -> np.ndarray:
    """Epoch seconds → `YYYY-MM-DD HH:MM:SS+00` strings (vectorised through a day table)."""
    seconds = seconds.astype(np.int64)
    days, rest = np.divmod(seconds, 86400)
    hh, rest = np.divmod(rest, 3600)
    mm, ss = np.divmod(rest, 60)
    return DAY_STRINGS[days] + " " + _two(hh) + ":" + _two(mm) + ":" + _two(ss) + "+00"


_TWO = np.array([f"{i:02d}" for i in range(100)], dtype=object)


def _two(values: np.ndarray) -> np.ndarray:
    return _TWO[values]


def _str(values) -> np.ndarray:
    return np.asarray(values).astype(str).astype(object)


def _opt(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    out = _str(values)
    out[~present] = NULL
    return out


def _lines(*columns) -> list[str]:
    return [
        "\t".join(row) for row in zip(*[c if isinstance(c, np.ndarray) else c for c in columns], strict=True)
    ]


def _uuids(rng, n: int) -> np.ndarray:
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    return np.array([str(uuid.UUID(bytes=row.tobytes())) for row in raw], dtype=object)


class Generator:
    def __init__(self, sizes: Sizes, seed: int, today: date, log=print):
        self.sizes, self.seed, self.today, self.log = sizes, seed, today, log
        self.rng = np.random.default_rng(seed)
        self.now_s = int(datetime.combine(today, datetime.min.time(), tzinfo=UTC).timestamp()) + 6 * 3600
        self.now_ts = _ts(np.array([self.now_s]))[0]

    # --- reference -------------------------------------------------------------------------------------------
    def load_reference(self):
        from pantas.accounts.models import Organisation, OrganisationKind, User
        from pantas.core.roles import Role

        self.provinces = np.array(
            list(Province.objects.order_by("code").values_list("code", flat=True)), dtype=object
        )
        regencies = list(Regency.objects.order_by("code").values_list("code", "province_id"))
        self.regency_codes = np.array([r[0] for r in regencies], dtype=object)
        self.regency_province = np.array([r[1] for r in regencies], dtype=object)
        self._ensure_agencies()
        agencies = list(
            Agency.objects.order_by("id").values_list("id", "kind", "province_id", "regency_id", "name")
        )
        self.agency_ids = np.array([a[0] for a in agencies])
        self.agency_names = np.array([a[4] for a in agencies], dtype=object)
        weight = np.array([{"central": 20.0, "province": 6.0}.get(a[1], 1.0) for a in agencies])
        weight *= self.rng.uniform(0.5, 1.5, size=len(weight))
        self.agency_p = weight / weight.sum()
        self.agency_province = np.array([a[2] or a[3] and a[3][:2] or "" for a in agencies], dtype=object)
        self.agency_regency = np.array([a[3] or "" for a in agencies], dtype=object)
        ppk = dict(
            Organisation.objects.filter(kind=OrganisationKind.PPK_OFFICE).values_list("agency_id", "id")
        )
        fallback = next(iter(ppk.values()))
        self.agency_ppk = np.array([ppk.get(a[0], fallback) for a in agencies])
        self.bawaslu = np.array(
            list(Organisation.objects.filter(kind=OrganisationKind.BAWASLU).values_list("id", flat=True))
        )
        self.cso = np.array(
            list(Organisation.objects.filter(kind=OrganisationKind.CSO).values_list("id", flat=True))
        )
        self.analysts = np.array(
            list(
                User.objects.filter(role_assignments__role=Role.ANALYST, is_active=True).values_list(
                    "id", flat=True
                )
            )
        )
        self.categories = {
            track: np.array(
                list(
                    ViolationCategory.objects.filter(track=track, disabled_on__isnull=True).values_list(
                        "id", flat=True
                    )
                )
            )
            for track in ("neutrality", "ethics", "merit")
        }
        self.default_sanction = dict(ViolationCategory.objects.values_list("id", "default_sanction_id"))
        self.sanctions = np.array(
            list(SanctionKind.objects.filter(disabled_on__isnull=True).values_list("id", flat=True))
        )
        elections = list(Election.objects.order_by("voting_date").values_list("id", "voting_date"))
        self.election_ids = np.array([e[0] for e in elections])
        self.election_days = np.array([_days(e[1]) for e in elections])
        self.authorities = list(
            Authority.objects.order_by("valid_from").values_list("id", "valid_from", "code", "letter_prefix")
        )

    def _ensure_agencies(self):
        have = Agency.objects.count()
        if have >= self.sizes.agencies:
            return
        from django.core.management import call_command

        extra = [
            Agency(
                code=f"bench-instansi-{i}",
                name=f"Instansi Uji Skala {i}",
                kind="central",
                ppk_title="Menteri",
            )
            for i in range(have, self.sizes.agencies)
        ]
        Agency.objects.bulk_create(extra)
        call_command("sync_ppk_offices", verbosity=0)

    # --- ASN -------------------------------------------------------------------------------------------------
    def asn_attributes(self, idx: np.ndarray):
        """Everything about ASN number `idx` (0-based), recomputable for any subset: a counter-based stream."""
        h = _mix(idx.astype(np.uint64), np.uint64(self.seed))
        agency = np.searchsorted(np.cumsum(self.agency_p), (h & np.uint64(0xFFFFFFFF)) / 2**32, side="right")
        agency = np.minimum(agency, len(self.agency_p) - 1)
        h2 = _mix(h, np.uint64(1))
        gender = (h2 & np.uint64(1)).astype(np.int64) + 1
        first = ((h2 >> np.uint64(1)) % np.uint64(len(FIRST_NAMES))).astype(np.int64)
        last = ((h2 >> np.uint64(12)) % np.uint64(len(LAST_NAMES))).astype(np.int64)
        pos = np.searchsorted(
            np.cumsum(POSITION_P), ((h2 >> np.uint64(24)) & np.uint64(0xFFFF)) / 65536, side="right"
        )
        pos = np.minimum(pos, len(POSITION_P) - 1)
        pppk = ((h2 >> np.uint64(40)) % np.uint64(4)) == 0
        # NIP: birth date (8) + appointment year-month (6) + gender (1) + sequence (3); unique by construction.
        birth_day = (idx % 10000) + _days(date(1966, 1, 1))
        k = idx // 10000
        birth_year = (DAY_STRINGS[birth_day].astype(str).astype("U4")).astype(int)
        tmt_year = birth_year + 20 + (k % 12)  # born 1966–1993: appointed by 2024
        tmt_month = (k // 12) % 12 + 1
        seq = k // 144 + 1
        nip = (
            np.char.replace(DAY_STRINGS[birth_day].astype(str), "-", "").astype(object)
            + _str(tmt_year)
            + _TWO[tmt_month]
            + _str(gender)
            + np.char.zfill(_str(seq).astype(str), 3).astype(object)
        )
        return {
            "agency": agency,
            "gender": gender,
            "first": first,
            "last": last,
            "pos": pos,
            "pppk": pppk,
            "birth_day": birth_day,
            "nip": nip,
        }

    def names(self, a) -> np.ndarray:
        return (
            np.array(FIRST_NAMES, dtype=object)[a["first"]]
            + " "
            + np.array(LAST_NAMES, dtype=object)[a["last"]]
        )

    def generate_asn(self):
        n = self.sizes.asn
        self.asn_base = next_id("registry_civilservant")
        columns = [
            "id",
            "nip",
            "employee_type",
            "name",
            "gender",
            "birth_date",
            "agency_id",
            "position_class",
            "position_title",
            "province_id",
            "regency_id",
            "created_at",
            "updated_at",
        ]
        progress = Progress("ASN", n)
        with indexes_deferred(["registry_civilservant"], self.log):
            for start in range(0, n, CHUNK):
                idx = np.arange(start, min(n, start + CHUNK))
                a = self.asn_attributes(idx)
                province = self.agency_province[a["agency"]]
                regency = self.agency_regency[a["agency"]]
                lines = _lines(
                    _str(idx + self.asn_base),
                    a["nip"],
                    np.where(a["pppk"], "pppk", "pns").astype(object),
                    self.names(a),
                    _str(a["gender"]),
                    DAY_STRINGS[a["birth_day"]],
                    _str(self.agency_ids[a["agency"]]),
                    POSITION_CLASSES[a["pos"]],
                    POSITION_TITLES[a["pos"]],
                    np.where(province == "", NULL, province).astype(object),
                    np.where(regency == "", NULL, regency).astype(object),
                    np.full(len(idx), self.now_ts, dtype=object),
                    np.full(len(idx), self.now_ts, dtype=object),
                )
                copy_lines("registry_civilservant", columns, lines)
                progress.advance(len(idx))
            progress.finish()
        reset_sequence("registry_civilservant")

    # --- reports, cases, history -----------------------------------------------------------------------------
    def generate_cases(self):  # noqa: PLR0915 - one pass, column by column
        rng, n_cases = self.rng, self.sizes.cases
        n_dup = int(n_cases * DUPLICATE_SHARE)
        n_rep = n_cases + n_dup
        start_s = int(datetime(2019, 1, 1, tzinfo=UTC).timestamp())
        # Received: a steady flow plus surges in the 120 days before each election.
        surge = rng.random(n_rep) < 0.45
        when = rng.uniform(start_s, self.now_s - 86400, size=n_rep)
        if len(self.election_days):
            pick = rng.integers(0, len(self.election_days), size=n_rep)
            centre = self.election_days[pick] * 86400.0 - rng.gamma(2.0, 25.0, size=n_rep) * 86400
            when = np.where(surge & (centre < self.now_s - 86400), centre, when)
        when = np.sort(when.astype(np.int64))
        # Which reports are duplicates (linking to an earlier report, joining its case).
        is_dup = np.zeros(n_rep, dtype=bool)
        is_dup[rng.choice(np.arange(1, n_rep), size=n_dup, replace=False)] = True
        original = np.arange(n_rep)
        dup_idx = np.flatnonzero(is_dup)
        back = np.minimum(rng.geometric(0.02, size=n_dup), dup_idx)
        original[dup_idx] = dup_idx - back
        # Resolve chains: a duplicate of a duplicate points at the first report.
        for _ in range(8):
            original = original[original]
        case_of_report = np.cumsum(~is_dup) - 1
        case_of_report = case_of_report[original]
        opener = np.flatnonzero(~is_dup)  # report index that opened each case

        rep_base, case_base = next_id("intake_report"), next_id("cases_case")
        person_base, link_base = next_id("intake_reportedperson"), next_id("cases_casereport")
        rep_ids, case_ids = np.arange(n_rep) + rep_base, np.arange(n_cases) + case_base

        # The reported ASN: each case names one (90 % matched to the register).
        asn = rng.integers(0, self.sizes.asn, size=n_cases)
        a = self.asn_attributes(asn)
        matched = rng.random(n_cases) < 0.9
        names = self.names(a)
        nips = np.where(matched, a["nip"], "").astype(object)

        # Case attributes.
        track = rng.choice(
            np.array(["neutrality", "ethics", "merit"], dtype=object), size=n_cases, p=[0.85, 0.12, 0.03]
        )
        category = np.zeros(n_cases, dtype=np.int64)
        for t, ids in self.categories.items():
            mask = track == t
            if len(ids):
                category[mask] = rng.choice(ids, size=mask.sum())
        state_names = [s[0] for s in STATES]
        state_idx = rng.choice(len(STATES), size=n_cases, p=[s[1] for s in STATES])
        rec_target = self.sizes.recommendations
        # Exactly the requested number of recommended cases.
        recommended_code = state_names.index("recommended")
        current = np.flatnonzero(state_idx == recommended_code)
        if len(current) > rec_target:
            state_idx[rng.choice(current, size=len(current) - rec_target, replace=False)] = state_names.index(
                "not_proven"
            )
        elif len(current) < rec_target:
            others = np.flatnonzero(state_idx != recommended_code)
            state_idx[rng.choice(others, size=rec_target - len(current), replace=False)] = recommended_code
        # Older cases are finished; open states only in the last year.
        received = when[opener]
        old = received < self.now_s - 365 * 86400
        open_codes = [state_names.index(s) for s in OPEN_CASE_STATES]
        reopen = old & np.isin(state_idx, open_codes)
        state_idx[reopen] = state_names.index("not_proven")
        state = np.array(state_names, dtype=object)[state_idx]
        # History: one row per state on the path, spaced by working-ish gaps.
        path_len = np.array([len(s[2]) for s in STATES])[state_idx]
        gaps = rng.gamma(2.0, 6.0, size=(n_cases, 5)) * 86400
        times = received[:, None] + np.concatenate(
            [np.zeros((n_cases, 1)), np.cumsum(gaps[:, 1:], axis=1)], axis=1
        )
        times = np.minimum(times, self.now_s - 3600).astype(np.int64)
        last_at = times[np.arange(n_cases), path_len - 1]

        election, stage = self._elections(received, track)
        authority, prefix = self._authorities(received)
        agency_id = self.agency_ids[a["agency"]]
        province = self.agency_province[a["agency"]]
        regency = self.agency_regency[a["agency"]]
        addressee = self.agency_ppk[a["agency"]]
        disclosed = np.isin(state, ["investigation", "clarification", "proven", "not_proven", "recommended"])
        decided = np.isin(state, ["proven", "not_proven", "recommended"])
        terminal = ~np.isin(state, list(OPEN_CASE_STATES))
        is_open = ~terminal
        assignee = np.zeros(n_cases, dtype=np.int64)
        has_assignee = np.zeros(n_cases, dtype=bool)
        if len(self.analysts):
            has_assignee = is_open & (rng.random(n_cases) < 0.7) & (state != "received")
            assignee = rng.choice(self.analysts, size=n_cases)
        merged_into = np.where(state == "merged", case_ids - 1 - rng.integers(0, 50, size=n_cases), 0)
        merged_into = np.maximum(merged_into, case_base)
        merged_ok = (state == "merged") & (merged_into < case_ids)
        state[(state == "merged") & ~merged_ok] = "rejected"
        year = DAY_STRINGS[received // 86400].astype("U4")
        case_numbers = self._numbers("case", "", year, "KAS")
        due_on = np.where(is_open, (last_at // 86400) + 14, 0)

        progress = Progress("reports, cases, history", n_rep + n_cases)
        tables = [
            "intake_report",
            "intake_reportedperson",
            "intake_reportstatushistory",
            "cases_case",
            "cases_casereport",
            "cases_casestatuschange",
            "cases_decision",
        ]
        with indexes_deferred(tables, self.log):
            self._copy_cases(locals(), progress)
            self._copy_reports(locals(), progress)
            progress.finish()
        for table in tables:
            reset_sequence(table)
        self.cases = {
            "ids": case_ids,
            "state": state,
            "asn": asn,
            "matched": matched,
            "nips": nips,
            "addressee": addressee,
            "authority": authority,
            "prefix": prefix,
            "last_at": last_at,
            "category": category,
            "agency_idx": a["agency"],
        }

    def _numbers(self, series: str, scope: str, years: np.ndarray, prefix: str) -> np.ndarray:
        """Continue each year's counter: numbers `PREFIX-YYYY-NNNNNN` in order of `years` (sorted by time)."""
        out = np.empty(len(years), dtype=object)
        for y in np.unique(years):
            mask = years == y
            counter, _ = Counter.objects.get_or_create(series=series, scope=scope, year=int(y))
            values = np.arange(counter.value + 1, counter.value + 1 + mask.sum())
            out[mask] = f"{prefix}-{y}-" + np.char.zfill(values.astype(str), 6).astype(object)
            Counter.objects.filter(pk=counter.pk).update(value=int(values[-1]))
        return out

    def _elections(self, received, track):
        n = len(received)
        election = np.zeros(n, dtype=np.int64)
        stage = np.full(n, "none", dtype=object)
        if not len(self.election_days):
            return election, stage
        day = received // 86400
        nearest = np.argmin(np.abs(day[:, None] - self.election_days[None, :]), axis=1)
        until = self.election_days[nearest] - day
        near = (until > -30) & (until < 240) & (track == "neutrality")
        election[near] = self.election_ids[nearest[near]]
        stage[near] = np.select(
            [until[near] > 120, until[near] > 60, until[near] > 3, until[near] > 0, until[near] >= -1],
            ["pre_candidacy", "candidacy", "campaign", "quiet_period", "voting"],
            "post_voting",
        )
        return election, stage

    def _authorities(self, received):
        starts = np.array([_days(a[1]) for a in self.authorities])
        pick = np.maximum(np.searchsorted(starts, received // 86400, side="right") - 1, 0)
        ids = np.array([a[0] for a in self.authorities])
        return ids[pick], pick

    def _copy_cases(self, v, progress):
        n = v["n_cases"]
        ts = _ts
        ids, state = v["case_ids"], v["state"]
        rows = _lines(
            _str(ids),
            _uuids(self.rng, n),
            v["case_numbers"],
            state,
            _str(np.full(n, 1)),
            ts(v["last_at"]),
            v["track"],
            _opt(v["category"], v["category"] > 0),
            _opt(v["election"], v["election"] > 0),
            np.where(v["stage"] == "none", "", v["stage"]).astype(object),
            _str(v["authority"]),
            ts(v["received"]),
            v["names"],
            v["nips"],
            np.where(v["a"]["pppk"], "pppk", "pns").astype(object),
            _opt(v["asn"] + self.asn_base, v["matched"]),
            POSITION_TITLES[v["a"]["pos"]],
            POSITION_CLASSES[v["a"]["pos"]],
            _str(v["agency_id"]),
            np.where(v["province"] == "", NULL, v["province"]).astype(object),
            np.where(v["regency"] == "", NULL, v["regency"]).astype(object),
            _opt(v["assignee"], v["has_assignee"]),
            _opt(np.where(v["due_on"] > 0, DAY_STRINGS[v["due_on"]], ""), v["due_on"] > 0),
            np.where(v["is_open"], "verification", "").astype(object),
            np.where(state == "rejected", "not_a_violation", "").astype(object),
            _opt(v["merged_into"], state == "merged"),
            _opt(v["addressee"], v["disclosed"]),
            np.full(n, "f", dtype=object),
            np.full(n, "f", dtype=object),
            np.full(n, "", dtype=object),
            np.where(v["disclosed"], ts(v["times"][:, 2]), NULL).astype(object),
            np.where(v["decided"], ts(v["times"][:, 3]), NULL).astype(object),
            np.full(n, "", dtype=object),
            np.where(v["terminal"], ts(v["last_at"]), NULL).astype(object),
            ts(v["received"]),
            ts(v["last_at"]),
            np.full(n, "", dtype=object),  # report_mode / report_source: `facts()` fills them from the links
            np.full(n, "", dtype=object),
        )
        copy_lines(
            "cases_case",
            [
                "id",
                "uuid",
                "number",
                "state",
                "version",
                "state_changed_at",
                "track",
                "category_id",
                "election_id",
                "election_stage",
                "authority_id",
                "received_at",
                "subject_name",
                "subject_nip",
                "employee_type",
                "civil_servant_id",
                "position_title",
                "position_class",
                "agency_id",
                "province_id",
                "regency_id",
                "assignee_id",
                "due_on",
                "deadline_code",
                "rejection_reason",
                "merged_into_id",
                "addressee_id",
                "conflict_of_interest",
                "routing_overridden",
                "routing_note",
                "disclosed_at",
                "decided_at",
                "ombudsman_register_number",
                "closed_at",
                "created_at",
                "updated_at",
                "report_mode",
                "report_source",
            ],
            rows,
        )
        progress.advance(n)
        # History rows.
        paths = [s[2] for s in STATES]
        state_names = [s[0] for s in STATES]
        hist = []
        state_code = np.searchsorted(np.array(sorted(state_names), dtype=object), state)
        sorted_names = sorted(state_names)
        for name in state_names:
            path = paths[state_names.index(name)]
            rows_of = np.flatnonzero(state_code == sorted_names.index(name))
            for step, to_state in enumerate(path):
                hist.append((rows_of, step, "" if step == 0 else path[step - 1], to_state))
        hist_base = next_id("cases_casestatuschange")
        offset = 0
        for rows_of, step, from_state, to_state in hist:
            m = len(rows_of)
            if not m:
                continue
            lines = _lines(
                _str(np.arange(m) + hist_base + offset),
                np.full(m, ACTION_TO[to_state], dtype=object),
                np.full(m, "", dtype=object),
                ts(v["times"][rows_of, step]),
                _str(ids[rows_of]),
                np.full(m, from_state, dtype=object),
                np.full(m, to_state, dtype=object),
            )
            copy_lines(
                "cases_casestatuschange",
                ["id", "action", "reason", "at", "case_id", "from_state", "to_state"],
                lines,
            )
            offset += m
        # Decisions.
        dec = np.flatnonzero(v["decided"])
        m = len(dec)
        outcome = np.where(state[dec] == "not_proven", "not_proven", "proven").astype(object)
        sanction = np.array([self.default_sanction.get(int(c)) or 0 for c in v["category"][dec]])
        missing = sanction == 0
        if len(self.sanctions):
            sanction[missing] = self.rng.choice(self.sanctions, size=missing.sum())
        proven = outcome == "proven"
        self.sanction_of_case = dict(
            zip(ids[dec].tolist(), np.where(proven, sanction, 0).tolist(), strict=True)
        )
        copy_lines(
            "cases_decision",
            [
                "case_id",
                "outcome",
                "category_id",
                "proposed_sanction_id",
                "sanction_id",
                "override_reason",
                "findings",
                "catalogue_version",
                "decided_at",
            ],
            _lines(
                _str(ids[dec]),
                outcome,
                _opt(v["category"][dec], v["category"][dec] > 0),
                _opt(sanction, proven),
                _opt(sanction, proven),
                np.full(m, "", dtype=object),
                np.full(m, "Hasil pemeriksaan data uji skala.", dtype=object),
                np.full(m, "SKB-2022", dtype=object),
                ts(v["times"][dec, 3]),
            ),
        )

    def _copy_reports(self, v, progress):
        rng, n = self.rng, v["n_rep"]
        ts = _ts
        case_idx = v["case_of_report"]
        a_agency = v["a"]["agency"][case_idx]
        source_idx = rng.choice(len(SOURCES), size=n, p=SOURCE_P)
        source = SOURCES[source_idx]
        org = np.zeros(n, dtype=np.int64)
        for name, pool in (("bawaslu", self.bawaslu), ("cso", self.cso)):
            mask = source == name
            if len(pool):
                org[mask] = rng.choice(pool, size=mask.sum())
            else:
                source[mask] = "public"
        has_org = org > 0
        public = source == "public"
        anonymity = np.where(
            public, np.where(rng.random(n) < 0.6, "anonymous", "confidential"), "organisation"
        )
        case_state = v["state"][case_idx]
        status_map = {s[0]: s[3] for s in STATES}
        status = (
            np.array([status_map[s] for s in case_state], dtype=object)
            if n < 50_000
            else _map(case_state, status_map)
        )
        status[v["is_dup"]] = np.where(case_state[v["is_dup"]] == "received", "received", status[v["is_dup"]])
        received = v["when"]
        last = np.maximum(v["last_at"][case_idx], received)
        mode_idx = rng.choice(len(MODES), size=n, p=MODE_P)
        track = v["track"][case_idx]
        mode_idx[track != "neutrality"] = len(MODES) - 1
        names = v["names"][case_idx]
        agency_names = self.agency_names[a_agency]
        act_day = received // 86400 - rng.integers(1, 30, size=n)
        desc_variant = rng.integers(0, 1000, size=n)
        description = (
            "Terlapor "
            + names
            + ", ASN pada "
            + agency_names
            + ", diduga "
            + MODE_PHRASE[mode_idx]
            + " pada "
            + DAY_STRINGS[act_day]
            + ". Kejadian ini dilihat oleh pelapor dan warga sekitar; "
            + "bukti berupa tangkapan layar dan tautan unggahan terlampir (kode "
            + _str(desc_variant)
            + ")."
        )
        # Duplicates carry their original's text (a copy) and therefore its MinHash bands.
        description[v["is_dup"]] = description[v["original"][v["is_dup"]]]
        bands = rng.integers(1, 2**31 - 1, size=(n, 4))
        bands[v["is_dup"]] = bands[v["original"][v["is_dup"]]]
        year = DAY_STRINGS[received // 86400].astype("U4")
        numbers = self._numbers("report", "", year, "LAP")
        lookup = np.where(public, _receipt_lookups(v["rep_ids"]), NULL).astype(object)
        receipt_hash = _receipt_hash() if public.any() else ""
        rows = _lines(
            _str(v["rep_ids"]),
            _uuids(rng, n),
            numbers,
            source,
            CHANNEL_OF_SOURCE[source_idx],
            status,
            ts(last),
            track,
            _opt(v["category"][case_idx], v["category"][case_idx] > 0),
            MODES[mode_idx],
            _opt(v["election"][case_idx], v["election"][case_idx] > 0),
            v["stage"][case_idx],
            np.full(n, "", dtype=object),
            np.where(v["province"][case_idx] == "", NULL, v["province"][case_idx]).astype(object),
            np.where(v["regency"][case_idx] == "", NULL, v["regency"][case_idx]).astype(object),
            DAY_STRINGS[act_day],
            description,
            ts(received),
            _opt(org, has_org),
            np.where(source == "bawaslu", "REG/" + numbers, "").astype(object),
            np.full(n, "", dtype=object),
            _opt(v["rep_ids"][v["original"]], v["is_dup"]),
            anonymity.astype(object),
            lookup,
            np.where(public, receipt_hash, "").astype(object),
            _str(bands[:, 0]),
            _str(bands[:, 1]),
            _str(bands[:, 2]),
            _str(bands[:, 3]),
            ts(received),
            ts(last),
            np.full(n, "", dtype=object),  # lapor_ticket: none of these came through SP4N-LAPOR!
        )
        copy_lines(
            "intake_report",
            [
                "id",
                "uuid",
                "number",
                "source",
                "channel",
                "status",
                "status_changed_at",
                "track",
                "category_id",
                "mode",
                "election_id",
                "election_stage",
                "place",
                "province_id",
                "regency_id",
                "act_date",
                "description",
                "received_at",
                "organisation_id",
                "register_number",
                "initial_study",
                "linked_to_id",
                "anonymity",
                "receipt_lookup",
                "receipt_hash",
                "text_band0",
                "text_band1",
                "text_band2",
                "text_band3",
                "created_at",
                "updated_at",
                "lapor_ticket",
            ],
            rows,
        )
        # One reported person per report, linked to the case.
        a = v["a"]
        person_ids = np.arange(n) + v["person_base"]
        copy_lines(
            "intake_reportedperson",
            [
                "id",
                "report_id",
                "name",
                "nip",
                "employee_type",
                "civil_servant_id",
                "agency_id",
                "agency_text",
                "position_title",
                "position_class",
                "province_id",
                "regency_id",
                "name_key",
            ],
            _lines(
                _str(person_ids),
                _str(v["rep_ids"]),
                names,
                v["nips"][case_idx],
                np.where(a["pppk"][case_idx], "pppk", "pns").astype(object),
                _opt(v["asn"][case_idx] + self.asn_base, v["matched"][case_idx]),
                _str(v["agency_id"][case_idx]),
                np.full(n, "", dtype=object),
                POSITION_TITLES[a["pos"][case_idx]],
                POSITION_CLASSES[a["pos"][case_idx]],
                np.where(v["province"][case_idx] == "", NULL, v["province"][case_idx]).astype(object),
                np.where(v["regency"][case_idx] == "", NULL, v["regency"][case_idx]).astype(object),
                np.char.lower(names.astype(str)).astype(object),
            ),
        )
        copy_lines(
            "cases_casereport",
            ["id", "case_id", "report_id", "reported_person_id", "how", "added_at"],
            _lines(
                _str(np.arange(n) + v["link_base"]),
                _str(v["case_ids"][case_idx]),
                _str(v["rep_ids"]),
                _str(person_ids),
                np.where(v["is_dup"], "linked", "opened").astype(object),
                ts(received),
            ),
        )
        # Report status history: received, then the public status it ended in.
        changed = status != "received"
        m = int(changed.sum())
        copy_lines(
            "intake_reportstatushistory",
            ["report_id", "from_status", "to_status", "reason", "at"],
            _lines(
                np.concatenate([_str(v["rep_ids"]), _str(v["rep_ids"][changed])]),
                np.concatenate([np.full(n, "", dtype=object), np.full(m, "received", dtype=object)]),
                np.concatenate([np.full(n, "received", dtype=object), status[changed]]),
                np.full(n + m, "", dtype=object),
                np.concatenate([ts(received), ts(last[changed])]),
            ),
        )
        progress.advance(n)
        self._seal_identities(v["rep_ids"][anonymity == "confidential"], names)

    def _seal_identities(self, report_ids, names):
        """Confidential reporters' identities, sealed to the custodian's key with the real sealing helper."""
        from pantas.intake.security.sealing import seal_many

        if not len(report_ids):
            return
        identities = (
            {"name": f"Pelapor uji {i}", "phone": f"08{i % 10**10:010d}"} for i in report_ids.tolist()
        )
        key, ciphertexts = seal_many(identities)
        if key is None:
            return
        now = datetime.fromtimestamp(self.now_s, tz=UTC)
        copy_binary_rows(
            "intake_sealedidentity",
            ["report_id", "key_id", "ciphertext", "created_at"],
            ((int(r), key.pk, c, now) for r, c in zip(report_ids.tolist(), ciphertexts, strict=True)),
        )

    # --- recommendations and follow-ups ----------------------------------------------------------------------
    def generate_follow_ups(self):
        c, rng = self.cases, self.rng
        rec = np.flatnonzero(c["state"] == "recommended")
        m = len(rec)
        if not m:
            return
        ids = c["ids"][rec]
        issued = c["last_at"][rec]
        doc_base, letter_base = next_id("core_document"), next_id("cases_recommendationletter")
        rec_base, fu_base = next_id("cases_recommendation"), next_id("followup_followup")
        authority = c["authority"][rec]
        prefixes = np.array([a[3] for a in self.authorities], dtype=object)[c["prefix"][rec]]
        codes = np.array([a[2] for a in self.authorities], dtype=object)[c["prefix"][rec]]
        order = np.argsort(issued, kind="stable")
        numbers = np.empty(m, dtype=object)
        issued_day = issued // 86400
        year = DAY_STRINGS[issued_day].astype("U4")
        month = DAY_STRINGS[issued_day].astype("U7").astype(object)
        for code in np.unique(codes):
            for y in np.unique(year[codes == code]):
                mask = np.flatnonzero((codes == code) & (year == y))
                mask = mask[np.argsort(issued[mask], kind="stable")]
                counter, _ = Counter.objects.get_or_create(series="letter", scope=code, year=int(y))
                values = np.arange(counter.value + 1, counter.value + 1 + len(mask))
                numbers[mask] = (
                    "B-"
                    + np.char.zfill(values.astype(str), 4).astype(object)
                    + "/"
                    + prefixes[mask]
                    + "/"
                    + np.array([s[5:7] for s in month[mask]], dtype=object)
                    + "/"
                    + str(y)
                )
                Counter.objects.filter(pk=counter.pk).update(value=int(values[-1]))
        del order
        addressee = c["addressee"][rec]
        sanction = np.array([self.sanction_of_case.get(int(i), 0) for i in ids])
        issued_ts = _ts(issued)
        sha = hashlib.sha256(PDF).hexdigest()
        doc_ids = np.arange(m) + doc_base
        codes_v = np.array([f"BNCH{int(i):012d}" for i in doc_ids], dtype=object)
        progress = Progress("letters and follow-ups", 4 * m)
        copy_binary_rows(
            "core_document",
            [
                "id",
                "kind",
                "number",
                "state",
                "authority_id",
                "document_date",
                "title",
                "addressee",
                "subject",
                "verification_code",
                "language",
                "reserved_at",
                "issued_at",
                "pdf",
                "sha256",
                "archival",
            ],
            (
                (
                    int(d),
                    "letter",
                    nb,
                    "issued",
                    int(au),
                    date.fromordinal(int(day) + 719163),
                    "Surat Rekomendasi",
                    "PPK",
                    "Rekomendasi atas pelanggaran ASN",
                    vc,
                    "id",
                    datetime.fromtimestamp(int(t), tz=UTC),
                    datetime.fromtimestamp(int(t), tz=UTC),
                    PDF,
                    sha,
                    False,
                )
                for d, nb, au, day, vc, t in zip(
                    doc_ids, numbers, authority, issued_day, codes_v, issued, strict=True
                )
            ),
        )
        progress.advance(m)
        letter_ids = np.arange(m) + letter_base
        copy_lines(
            "cases_recommendationletter",
            [
                "id",
                "case_id",
                "state",
                "authority_id",
                "addressee_id",
                "subject",
                "body",
                "drafted_at",
                "number",
                "letter_date",
                "document_id",
                "approved_at",
            ],
            _lines(
                _str(letter_ids),
                _str(ids),
                np.full(m, "approved", dtype=object),
                _str(authority),
                _str(addressee),
                np.full(m, "Rekomendasi penjatuhan sanksi", dtype=object),
                np.full(
                    m, "Berdasarkan hasil pemeriksaan, kami merekomendasikan penjatuhan sanksi.", dtype=object
                ),
                issued_ts,
                numbers,
                DAY_STRINGS[issued_day],
                _str(doc_ids),
                issued_ts,
            ),
        )
        progress.advance(m)
        # Follow-up state and due date: most pending, a tenth of the pending ones overdue today.
        fu_idx = rng.choice(len(FOLLOW_UP_STATES), size=m, p=[s[1] for s in FOLLOW_UP_STATES])
        fu_state = np.array([s[0] for s in FOLLOW_UP_STATES], dtype=object)[fu_idx]
        pending = np.isin(fu_state, ["awaiting", "acknowledged"])
        today = self.now_s // 86400
        overdue = pending & (rng.random(m) < OVERDUE_SHARE)
        due = np.where(overdue, today - rng.integers(1, 60, size=m), today + rng.integers(4, 120, size=m))
        due = np.where(pending, due, issued_day + 84)
        rec_ids = np.arange(m) + rec_base
        copy_lines(
            "cases_recommendation",
            [
                "id",
                "uuid",
                "case_id",
                "letter_id",
                "authority_id",
                "addressee_id",
                "sanction_id",
                "kind",
                "issued_at",
                "follow_up_due",
            ],
            _lines(
                _str(rec_ids),
                _uuids(rng, m),
                _str(ids),
                _str(letter_ids),
                _str(authority),
                _str(addressee),
                _opt(sanction, sanction > 0),
                np.full(m, "sanction", dtype=object),
                issued_ts,
                DAY_STRINGS[due],
            ),
        )
        progress.advance(m)
        steps = rng.gamma(2.0, 5.0, size=(m, 5)) * 86400
        fu_times = np.minimum(issued[:, None] + np.cumsum(steps, axis=1), self.now_s - 60).astype(np.int64)
        path_len = np.array([len(s[2]) for s in FOLLOW_UP_STATES])[fu_idx]
        last = fu_times[np.arange(m), path_len - 1]
        fu_ids = np.arange(m) + fu_base
        asn = c["asn"][rec]
        copy_lines(
            "followup_followup",
            [
                "id",
                "uuid",
                "recommendation_id",
                "case_id",
                "addressee_id",
                "civil_servant_id",
                "nip",
                "recommended_sanction_id",
                "state",
                "version",
                "due_on",
                "deadline_code",
                "state_changed_at",
                "closed_at",
                "created_at",
                "updated_at",
                "compliance",
                "deviation_reason",
            ],
            _lines(
                _str(fu_ids),
                _uuids(rng, m),
                _str(rec_ids),
                _str(ids),
                _str(addressee),
                _opt(asn + self.asn_base, c["matched"][rec]),
                c["nips"][rec],
                _opt(sanction, sanction > 0),
                fu_state,
                _str(path_len),
                DAY_STRINGS[due],
                np.full(m, "ppk-follow-up", dtype=object),
                _ts(last),
                np.where(fu_state == "closed", _ts(last), NULL).astype(object),
                _ts(fu_times[:, 0]),
                _ts(last),
                np.where(np.isin(fu_state, ["verified", "closed"]), "compliant", "").astype(object),
                np.full(m, "", dtype=object),
            ),
        )
        for step in range(5):
            rows_of = np.flatnonzero(path_len > step)
            k = len(rows_of)
            to_state = np.array([FOLLOW_UP_STATES[i][2][step] for i in fu_idx[rows_of]], dtype=object)
            from_state = (
                np.full(k, "", dtype=object)
                if step == 0
                else np.array([FOLLOW_UP_STATES[i][2][step - 1] for i in fu_idx[rows_of]], dtype=object)
            )
            copy_lines(
                "followup_followupstatuschange",
                ["follow_up_id", "action", "reason", "at", "from_state", "to_state"],
                _lines(
                    _str(fu_ids[rows_of]),
                    np.array([FOLLOW_UP_ACTION[s] for s in to_state], dtype=object),
                    np.full(k, "", dtype=object),
                    _ts(fu_times[rows_of, step]),
                    from_state,
                    to_state,
                ),
            )
        progress.advance(m)
        progress.finish()
        for table in (
            "core_document",
            "cases_recommendationletter",
            "cases_recommendation",
            "followup_followup",
            "followup_followupstatuschange",
        ):
            reset_sequence(table)

    def facts(self):
        """The statistical facts (ADR 0140) from the histories just written: the same set-based statements as
        the migration's backfill, so a generated database reads exactly as one grown through the services."""
        from pantas.cases import factstore
        from pantas.followup.services import facts as follow_up_facts

        started = time.perf_counter()
        factstore.rebuild()
        follow_up_facts.rebuild()
        self.log(f"  statistical facts in {time.perf_counter() - started:.0f} s")

    def analyse(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _map(values: np.ndarray, mapping: dict) -> np.ndarray:
    keys = np.array(list(mapping), dtype=object)
    out = np.empty(len(values), dtype=object)
    for key in keys:
        out[values == key] = mapping[key]
    return out


def _mix(x: np.ndarray, salt: np.uint64) -> np.ndarray:
    """SplitMix64: a counter-based hash, so attributes of ASN number i can be recomputed without storing them."""
    with np.errstate(over="ignore"):
        z = x + salt * np.uint64(0x9E3779B97F4A7C15) + np.uint64(0x632BE59BD9B4E019)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


_CROCKFORD = np.array(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), dtype=object)


def _receipt_lookups(ids: np.ndarray) -> np.ndarray:
    """Unique 8-character look-ups from the report id, starting with `Z` (random ones collide only by chance)."""
    out = np.full(len(ids), "Z", dtype=object)
    value = ids.astype(np.int64)
    for _ in range(7):
        value, digit = np.divmod(value, 32)
        out = out + _CROCKFORD[digit]
    return out


def _receipt_hash() -> str:
    from pantas.intake.security import receipts

    return receipts.hash_secret(RECEIPT_SECRET)
