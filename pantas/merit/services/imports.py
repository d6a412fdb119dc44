"""Import of historical results (agency, year, score, band) from CSV or XLSX: parse and check every row into a
preview, then save all rows in one transaction on confirmation, or nothing (P-19)."""

import csv
import hashlib
import io
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit, workflow
from pantas.lib.spreadsheets import XlsxRejected, check_xlsx_archive, looks_like_formula
from pantas.registry.models import Agency

from .. import scoring
from ..formatting import score_text
from ..models import (
    AssessmentCycle,
    CycleKind,
    ImportBatch,
    ImportStatus,
    Result,
    ResultSource,
    VersionStatus,
)
from ..roles import IMPORTERS
from ..workflow import IMPORT_FLOW as FLOW
from ..workflow import ImportAction as Action
from .base import require_roles
from .cycles import historical_cycle

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
FIRST_YEAR = 2014  # UU 5/2014 introduced the merit system
COLUMNS = {
    "agency": {"instansi", "kode_instansi", "kode instansi", "agency", "agency_code", "nama_instansi"},
    "year": {"tahun", "year"},
    "score": {"skor", "nilai", "score", "indeks"},
    "band": {"kategori", "band", "predikat"},
}


def _cell(value) -> str:
    return "" if value is None else str(value).strip()


def read_table(name: str, data: bytes) -> list[dict]:
    """Rows as dicts with the canonical keys of COLUMNS (extra columns ignored); file-level problems raise."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": _("Berkas melebihi 2 MB.")})
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook  # defusedxml is installed, so openpyxl parses with it

        try:
            check_xlsx_archive(data)  # a ZIP bomb never reaches the XML parser
        except XlsxRejected as exc:
            raise ValidationError(
                {"file": _("Berkas XLSX ditolak: rusak atau isinya terlalu besar.")}
            ) from exc
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            table = [
                [_cell(v) for v in row] for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)
            ]
        except Exception as exc:  # noqa: BLE001 - any parser failure is "not a readable workbook"
            raise ValidationError({"file": _("Berkas XLSX tidak dapat dibaca.")}) from exc
    elif name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError({"file": _("Berkas CSV harus berenkode UTF-8.")}) from exc
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        table = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    else:
        raise ValidationError({"file": _("Unggah berkas .csv atau .xlsx.")})
    table = [row for row in table if any(row)]
    if not table:
        raise ValidationError({"file": _("Berkas kosong.")})
    header = [h.lower().strip() for h in table[0]]
    index = {}
    for key, names in COLUMNS.items():
        found = [i for i, h in enumerate(header) if h in names]
        if found:
            index[key] = found[0]
    missing = [k for k in ("agency", "year", "score") if k not in index]
    if missing:
        raise ValidationError(
            {
                "file": _(
                    "Kolom wajib tidak ditemukan: %(cols)s. Baris pertama harus berisi judul kolom instansi, tahun, skor (dan kategori)."
                )
                % {"cols": ", ".join(missing)}
            }
        )
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": _("Paling banyak %(n)s baris per berkas.") % {"n": MAX_ROWS}})
    return [
        {key: (row[i] if i < len(row) else "") for key, i in index.items()} | {"line": n}
        for n, row in enumerate(table[1:], start=2)
    ]


def _score(text: str):
    try:
        value = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _year(text: str) -> int | None:
    """Four ASCII digits only: `isdigit()` also accepts "²" and "١٢" (int() fails or surprises)."""
    return int(text) if re.fullmatch(r"[0-9]{4}", text or "") else None


# The longest value a column may hold; longer is a row error (never cut short).
MAX_CELL = 300


def check_rows(version, raw_rows: list[dict]) -> list[dict]:
    """Resolve and check each row; every problem becomes a message on its row."""
    agencies = list(Agency.objects.only("pk", "code", "name"))
    by_code = {a.code.lower(): a for a in agencies}
    by_name = {a.name.casefold(): a for a in agencies}
    bands = list(version.bands.all())
    this_year = timezone.localdate().year
    years = {year for r in raw_rows if (year := _year(r["year"])) is not None}
    taken = set(
        Result.objects.filter(cycle__instrument_id=version.instrument_id, cycle__year__in=years).values_list(
            "agency_id", "cycle__year"
        )
    )
    cycles = {
        c.year: c for c in AssessmentCycle.objects.filter(instrument_id=version.instrument_id, year__in=years)
    }
    seen, rows = set(), []
    for raw in raw_rows:
        errors = []
        for key in COLUMNS:
            value = raw.get(key, "")
            if looks_like_formula(value):
                errors.append(_("Kolom %(col)s berisi rumus; isi dengan nilai biasa.") % {"col": key})
            elif len(value) > MAX_CELL:
                errors.append(
                    _("Kolom %(col)s terlalu panjang (maksimal %(max)s karakter).")
                    % {"col": key, "max": MAX_CELL}
                )
        agency = by_code.get(raw["agency"].lower()) or by_name.get(raw["agency"].casefold())
        if agency is None:
            errors.append(
                _("Instansi “%(v)s” tidak dikenal: pakai kode instansi (mis. prov-36) atau nama persis.")
                % {"v": raw["agency"]}
            )
        year = _year(raw["year"])
        if year is None or not FIRST_YEAR <= year <= this_year:
            errors.append(
                _("Tahun “%(v)s” tidak sah (%(a)s–%(b)s).")
                % {"v": raw["year"], "a": FIRST_YEAR, "b": this_year}
            )
        score = _score(raw["score"])
        band = None
        if score is None:
            errors.append(_("Skor “%(v)s” bukan angka.") % {"v": raw["score"]})
        elif not 0 <= score <= version.max_score:
            errors.append(
                _("Skor %(v)s di luar rentang 0–%(max)s.")
                % {"v": score_text(score), "max": score_text(version.max_score)}
            )
        else:
            band = scoring.band_for(bands, score)
            if band is None:
                errors.append(_("Skor %(v)s berada di bawah kategori terendah.") % {"v": score_text(score)})
            elif raw.get("band") and raw["band"].casefold() not in {
                band.code.casefold(),
                band.name.casefold(),
                f"{band.code} {band.name}".casefold(),
            }:
                errors.append(
                    _("Kategori “%(v)s” tidak sesuai skor %(score)s (seharusnya %(code)s %(name)s).")
                    % {"v": raw["band"], "score": score_text(score), "code": band.code, "name": band.name}
                )
        if agency and year:
            if (agency.pk, year) in seen:
                errors.append(_("Instansi dan tahun ini muncul lebih dari sekali dalam berkas."))
            seen.add((agency.pk, year))
            if (agency.pk, year) in taken:
                errors.append(_("Hasil instansi ini untuk tahun %(y)s sudah ada.") % {"y": year})
            cycle = cycles.get(year)
            if cycle is not None and cycle.kind != CycleKind.HISTORICAL:
                errors.append(_("Tahun %(y)s dinilai di Pantas; hasilnya tidak diimpor.") % {"y": year})
            elif cycle is not None and cycle.instrument_version_id != version.pk:
                errors.append(
                    _("Data historis tahun %(y)s sudah memakai versi instrumen lain.") % {"y": year}
                )
        rows.append(
            {
                "line": raw["line"],
                "raw": {k: raw.get(k, "") for k in COLUMNS},
                "agency_id": getattr(agency, "pk", None),
                "agency_name": getattr(agency, "name", ""),
                "year": year,
                "score": str(score) if score is not None else None,
                "band_id": getattr(band, "pk", None),
                "band": f"{band.code} {band.name}" if band else "",
                "errors": errors,
            }
        )
    return rows


@transaction.atomic
def preview_import(user, *, version, name: str, data: bytes) -> ImportBatch:
    require_roles(user, IMPORTERS)
    if version.status == VersionStatus.DRAFT:
        raise ValidationError({"instrument_version": _("Pilih versi instrumen yang sudah terbit.")})
    rows = check_rows(version, read_table(name, data))
    batch = ImportBatch.objects.create(
        instrument_version=version,
        filename=name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=rows,
        row_count=len(rows),
        error_count=sum(1 for r in rows if r["errors"]),
        created_by=user,
    )
    batch.history.create(old="", new=ImportStatus.PREVIEWED, at=workflow.now(), by=user)
    audit.record(
        "merit.import.previewed",
        batch,
        actor=user,
        data={"sha256": batch.sha256, "rows": batch.row_count, "errors": batch.error_count},
    )
    return batch


@transaction.atomic
def commit_import(batch: ImportBatch, user) -> int:
    """Save every row or none. Rows are checked again: results may have appeared since the preview."""
    FLOW.hold(batch, user, Action.COMMIT)  # locked while the rows are checked again
    version = batch.instrument_version
    rows = check_rows(version, [r["raw"] | {"line": r["line"]} for r in batch.rows])
    errors = {str(r["line"]): "; ".join(r["errors"]) for r in rows if r["errors"]}
    if errors:
        raise ValidationError(errors)
    FLOW.run(
        batch,
        user,
        Action.COMMIT,
        changes={"committed_at": workflow.now()},
        data={"sha256": batch.sha256, "rows": len(rows)},
    )
    cycles = {year: historical_cycle(version, year, user) for year in sorted({r["year"] for r in rows})}
    results = Result.objects.bulk_create(
        Result(
            cycle=cycles[r["year"]],
            agency_id=r["agency_id"],
            score=Decimal(r["score"]),
            band_id=r["band_id"],
            source=ResultSource.IMPORT,
        )
        for r in rows
    )
    audit.record_many(
        [
            {
                "action": "merit.result.imported",
                "object_type": "merit.result",
                "object_id": res.pk or f"{r['agency_id']}-{r['year']}",
                "data": {"batch": batch.pk, "year": r["year"], "score": r["score"], "agency": r["agency_id"]},
            }
            for res, r in zip(results, rows, strict=True)
        ],
        actor=user,
    )
    return len(results)


@FLOW.action(Action.DISCARD)
def discard_import(batch: ImportBatch, user) -> None:
    FLOW.run(batch, user, Action.DISCARD)
