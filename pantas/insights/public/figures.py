"""The public statistics (ADR 0076, 0077): the statistics layer's counts, protected by `disclosure`, cached.

Every public figure comes from one protected table per (election, grouping, as of): the measures reported ⊇
proven ⊇ followed up and reported ⊇ forwarded by Bawaslu, with a total row. No free combination of filters
is offered: an election (none for the by-election table), one grouping, and for regencies the province whose
published row is the margin. Names, NIPs and case ids never reach this module's output: only codes, labels of
reference data and counts.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext as _

from pantas.cases import facts as case_facts

from ..disclosure import ProtectedTable, min_cell, protect, rate
from ..stats import Query

MEASURES = ("reported", "proven", "followed_up", "bawaslu")
PARENTS = {"reported": None, "proven": "reported", "followed_up": "proven", "bawaslu": "reported"}
SPLITS = frozenset({"bawaslu"})  # a channel, not an outcome (see disclosure.protect)
PUBLIC_GROUPS = ("election", "province", "regency", "category", "mode", "position_class", "source", "month")
UNKNOWN = "unknown"
CACHE_SECONDS = 60 * 60
VERSION_KEY = "insights:public:version"


class PublicQueryError(ValueError):
    pass


@dataclass
class PublicTable:
    election: str | None
    group_by: str | None
    as_of: date | None
    province: str | None
    table: ProtectedTable
    labels: dict

    @property
    def total(self) -> dict:
        return _with_rates(self.table.total)

    def rows(self) -> list[dict]:
        out = []
        for key, values in self.table.rows.items():
            label = self.labels.get(key) or ("—" if key == UNKNOWN else str(key))
            out.append({"code": key, "label": label, **_with_rates(values)})
        return out

    def column(self, measure: str) -> dict:
        return {k: v for k, v in self.table.column(measure).items() if k != UNKNOWN}

    def top(self, measure: str = "reported", n: int = 5) -> list[dict]:
        rows = [r for r in self.rows() if r["code"] != UNKNOWN and r[measure] is not None]
        return sorted(rows, key=lambda r: (-r[measure], str(r["code"])))[:n]


def _with_rates(values: dict) -> dict:
    return {
        **values,
        "proven_rate": rate(values["proven"], values["reported"]),
        "follow_up_rate": rate(values["followed_up"], values["proven"]),
    }


FINGERPRINT_KEY = "insights:public:fingerprint"
FINGERPRINT_SECONDS = 60


def _fingerprint() -> str:
    latest = case_facts.case_rows(dimensions=()).aggregate(n=Count("pk"), t=Max("updated_at"))
    return f"{latest['n']}:{latest['t'].timestamp() if latest['t'] else 0}"


def data_version(got: dict | None = None) -> str:
    """Changes whenever case data changes: a token replaced after every transaction that saves or deletes
    case, follow-up or linked-report rows (`signals.py`), plus the case count and newest case update for bulk
    loads that bypass signals — that fingerprint counts every case, so it is recomputed at most once a minute,
    not on every cached page (0.9 s per request at 1M cases; issue 14, W6). Stored with every cached figure, so
    a change invalidates every public figure at once. One cache round trip (both keys in one `get_many`) when
    both are present, which is the cached pages' hot path (ADR 0156); `got`: the keys a caller already read in
    its own `get_many` (`public_table`, ADR 0140)."""
    found = got if got is not None else cache.get_many([VERSION_KEY, FINGERPRINT_KEY])
    bumped, fingerprint = found.get(VERSION_KEY), found.get(FINGERPRINT_KEY)
    if bumped is None:
        bumped = cache.get_or_set(VERSION_KEY, _new_token, None)
    if fingerprint is None:
        fingerprint = cache.get_or_set(FINGERPRINT_KEY, _fingerprint, FINGERPRINT_SECONDS)
    return f"{bumped}:{fingerprint}"


def _new_token() -> int:
    # An integer, so that a worker still running the previous release (`cache.incr`) can bump it during a
    # rolling deploy; random, so that a key lost to expiry or eviction never comes back as an old value.
    return secrets.randbits(62)


def bump_version(**_kwargs):
    # A fresh random token, not an increment: one cache write (`incr` is a read and a write on the database
    # cache, and there re-sets the default five-minute expiry).
    cache.set(VERSION_KEY, _new_token(), None)


def bump_version_after_commit() -> None:
    """One bump per committed transaction, however many watched rows it wrote (ADR 0155). After the commit, not
    before: a page rendered between an early bump and the commit would read the old rows and be stored under
    the new version, stale until the next change. Outside a transaction `on_commit` runs at once.

    A bump already registered under savepoints that all still enclose this point covers this write too (a
    rollback that drops it drops this write as well); one registered in a savepoint since left does not."""
    conn = transaction.get_connection()
    enclosing = set(conn.savepoint_ids)
    if not any(func is bump_version and sids <= enclosing for sids, func, _robust in conn.run_on_commit):
        transaction.on_commit(bump_version, robust=True)


def public_table(
    election: str | None,
    group_by: str | None = None,
    *,
    as_of: date | None = None,
    province: str | None = None,
) -> PublicTable:
    """The protected table (cached by its parameters, the language and the data version)."""
    if group_by is not None and group_by not in PUBLIC_GROUPS:
        raise PublicQueryError(_("Pengelompokan tidak dikenal: %(v)s") % {"v": group_by})
    if group_by == "election" and election:
        raise PublicQueryError(_("Pengelompokan per pemilihan tidak memakai filter pemilihan."))
    if group_by != "election" and not election:
        raise PublicQueryError(_("Pilih satu pemilihan (atau kelompokkan per pemilihan)."))
    if (group_by == "regency") != bool(province):
        raise PublicQueryError(_("Angka kabupaten/kota hanya diterbitkan di dalam satu provinsi."))
    parts = ["public", translation.get_language(), election, group_by, as_of, province, min_cell()]

    def compute():
        # Unknown codes are refused here, so only on a miss: an error is never cached.
        if province and not case_facts.labels("province", [province]):
            raise PublicQueryError(_("Provinsi tidak dikenal: %(v)s") % {"v": province})
        if election and not case_facts.labels("election", [election]):
            raise PublicQueryError(_("Pemilihan tidak dikenal: %(v)s") % {"v": election})
        return _compute(election, group_by, as_of, province)

    return versioned(parts, compute)


def versioned(parts: list, compute):
    """`compute()`, cached under `parts` with the data version it was computed at. A hit is one cache round trip
    (ADR 0140): the entry, the version token and the fingerprint in one `get_many`; a change of data makes every
    entry stale at once. For statistics only (counts, codes): never anything scoped to a user."""
    key = "insights:figures:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    got = cache.get_many([key, VERSION_KEY, FINGERPRINT_KEY])
    version = data_version(got)
    entry = got.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    cache.set(key, (version, value), CACHE_SECONDS)
    return value


def _counts(filters, group_by, as_of):
    base = Query(filters=filters, group_by=(group_by,) if group_by else (), as_of=as_of, medians=False)
    bawaslu = Query(
        filters={**filters, "source": "bawaslu"},
        group_by=base.group_by,
        as_of=as_of,
        medians=False,
    )
    rows, labels = {}, {}
    for source, into in ((base, ("reported", "proven", "followed_up")), (bawaslu, ("bawaslu",))):
        for r in source.rows() if group_by else [source.total()]:
            key = (r[group_by] if r[group_by] not in (None, "") else UNKNOWN) if group_by else "all"
            if group_by:
                labels.setdefault(key, str(r.get(f"{group_by}_label") or ""))
            target = rows.setdefault(key, dict.fromkeys(MEASURES, 0))
            for m in into:
                target[m] = r["reported"] if m == "bawaslu" else r[m]
    return rows, labels


def _compute(election, group_by, as_of, province) -> PublicTable:
    filters = {"election": election} if election else {}
    if province:
        filters["province"] = province
    rows, labels = _counts(filters, group_by, as_of)
    totals = None
    if province:
        # The margin is the province's row as published in the province table (suppressed there: nothing here).
        parent = public_table(election, "province", as_of=as_of).table.rows.get(province)
        totals = parent or dict.fromkeys(MEASURES)
    if not group_by:
        rows = {"all": rows.get("all", dict.fromkeys(MEASURES, 0))}
    table = protect(rows, MEASURES, totals=totals, parents=PARENTS, splits=SPLITS)
    return PublicTable(election, group_by, as_of, province, table, labels)


def elections() -> list[tuple[str, str]]:
    return case_facts.choices("election")
