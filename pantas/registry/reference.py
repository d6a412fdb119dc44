"""Idempotent loader for the reference data in `pantas/registry/data/` (see PROVENANCE.md there).

Each file is one `ReferenceDataset`; a file whose SHA-256 is unchanged since the last load is skipped, so a
second `make run` does no work. Rows are upserted by natural key, never deleted (retire with `disabled_on`).
"""

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

from django.db import transaction

from pantas.core.models import CollectiveLeaveDay

from .models import (
    Agency,
    AgencyKind,
    Authority,
    Election,
    LetterConvention,
    Province,
    ReferenceDataset,
    Regency,
    RegencyKind,
    SanctionKind,
    StageDeadline,
    ViolationCategory,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _date(value):
    return date.fromisoformat(value) if value else None


def _already_loaded(code: str, checksum: str) -> bool:
    return ReferenceDataset.objects.filter(code=code, checksum=checksum).exists()


def _record(meta: dict, checksum: str):
    ReferenceDataset.objects.update_or_create(
        code=meta["code"],
        defaults={
            "title": meta["title"],
            "version": meta["version"],
            "legal_source": meta["legal_source"],
            "effective_date": _date(meta["effective_date"]),
            "checksum": checksum,
        },
    )


def upsert(model, key: str, rows: list[dict]) -> None:
    """Insert new rows and update changed ones in bulk, keyed by the natural key `key`."""
    existing = {
        getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": [r[key] for r in rows]})
    }
    to_create, to_update, changed_fields = [], [], set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            to_create.append(model(**row))
            continue
        dirty = False
        for field, value in row.items():
            attname = model._meta.get_field(field).attname if not field.endswith("_id") else field
            if getattr(obj, attname) != value:
                setattr(obj, attname, value)
                changed_fields.add(attname)
                dirty = True
        if dirty:
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)


def _regency_kind(name: str, kind: str) -> str:
    if name.startswith("Kabupaten Administrasi"):
        return RegencyKind.KABUPATEN_ADMINISTRASI
    if name.startswith("Kota Administrasi"):
        return RegencyKind.KOTA_ADMINISTRASI
    return RegencyKind.KABUPATEN if kind == "kabupaten" else RegencyKind.KOTA


def _strip_prefix(name: str) -> str:
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def load_regions(force=False) -> bool:
    prov_path, reg_path = DATA_DIR / "regions" / "provinces.csv", DATA_DIR / "regions" / "regencies.csv"
    checksum = _sha256(prov_path, reg_path)
    if not force and _already_loaded("regions", checksum):
        return False
    with transaction.atomic():
        with prov_path.open(encoding="utf-8") as fh:
            upsert(Province, "code", [{"code": r["code"], "name": r["name"]} for r in csv.DictReader(fh)])
        with reg_path.open(encoding="utf-8") as fh:
            upsert(
                Regency,
                "code",
                [
                    {
                        "code": r["code"],
                        "province_id": r["province_code"],
                        "name": r["name"],
                        "kind": _regency_kind(r["name"], r["kind"]),
                    }
                    for r in csv.DictReader(fh)
                ],
            )
        _load_regional_agencies()
        _record(
            {
                "code": "regions",
                "title": "Wilayah administrasi (provinsi, kabupaten/kota) dan instansi daerah",
                "version": "Kepmendagri 300.2.2-2430/2025",
                "legal_source": "Kepmendagri No. 300.2.2-2430 Tahun 2025 (mengubah 300.2.2-2138/2025), via cahyadsn/wilayah (MIT)",
                "effective_date": "2025-06-23",
            },
            checksum,
        )
    return True


def _load_regional_agencies():
    kemendagri_id = Agency.objects.filter(code="kemendagri").values_list("pk", flat=True).first()
    upsert(
        Agency,
        "code",
        [
            {
                "code": f"prov-{province.code}",
                "name": f"Pemerintah Provinsi {province.name}",
                "short_name": f"Pemprov {province.name}",
                "kind": AgencyKind.PROVINCE,
                "province_id": province.code,
                "ppk_title": f"Gubernur {province.name}",
                "has_own_ppk": True,
                "parent_id": kemendagri_id,
                "legal_source": "UU 23/2014 tentang Pemerintahan Daerah; PP 11/2017 (PPK)",
            }
            for province in Province.objects.all()
        ],
    )
    provinces = dict(Agency.objects.filter(kind=AgencyKind.PROVINCE).values_list("province_id", "pk"))
    rows = []
    for regency in Regency.objects.select_related("province"):
        base = _strip_prefix(regency.name)
        is_city = regency.kind in (RegencyKind.KOTA, RegencyKind.KOTA_ADMINISTRASI)
        administrative = not regency.is_autonomous
        if administrative:
            ppk_title = f"Gubernur {regency.province.name} (wilayah administrasi, tanpa PPK sendiri)"
        else:
            ppk_title = f"Wali Kota {base}" if is_city else f"Bupati {base}"
        rows.append(
            {
                "code": f"{'kota' if is_city else 'kab'}-{regency.code.replace('.', '-')}",
                "name": f"Pemerintah {regency.name}",
                "short_name": f"Pemkot {base}" if is_city else f"Pemkab {base}",
                "kind": AgencyKind.CITY if is_city else AgencyKind.REGENCY,
                "province_id": regency.province_id,
                "regency_id": regency.code,
                "ppk_title": ppk_title,
                "has_own_ppk": not administrative,
                "parent_id": provinces.get(regency.province_id),
                "legal_source": "UU 23/2014 tentang Pemerintahan Daerah; PP 11/2017 (PPK)",
            }
        )
    upsert(Agency, "code", rows)


def _load_json(name: str, force: bool, apply) -> bool:
    path = DATA_DIR / name
    checksum = _sha256(path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    meta = payload["dataset"]
    if not force and _already_loaded(meta["code"], checksum):
        return False
    with transaction.atomic():
        apply(payload["rows"])
        _record(meta, checksum)
    return True


def _apply_central_agencies(rows):
    upsert(
        Agency,
        "code",
        [
            {
                "code": row["code"],
                "name": row["name"],
                "short_name": row["short_name"],
                "kind": AgencyKind.CENTRAL,
                "ppk_title": row["ppk_title"],
                "legal_source": row["legal_source"],
                "disabled_on": _date(row["disabled_on"]),
            }
            for row in rows
        ],
    )
    for row in rows:
        if row.get("predecessor"):
            Agency.objects.filter(code=row["code"]).update(
                predecessor=Agency.objects.get(code=row["predecessor"])
            )


def _apply_authorities(rows):
    for row in rows:
        Authority.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "short_name": row["short_name"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "legal_source": row["legal_source"],
                "letter_prefix": row["letter_prefix"],
            },
        )


def _apply_letter_conventions(rows):
    for row in rows:
        LetterConvention.objects.update_or_create(
            authority=Authority.objects.get(code=row["authority"]),
            valid_from=_date(row["valid_from"]),
            defaults={
                "signatory_position": row["signatory_position"],
                "copies": row["copies"],
                "legal_source": row["legal_source"],
            },
        )


def _apply_elections(rows):
    for row in rows:
        election, _created = Election.objects.update_or_create(
            code=row["code"],
            defaults={
                key: (_date(row[key]) if key == "voting_date" else row[key])
                for key in (
                    "name",
                    "kind",
                    "voting_date",
                    "region_count",
                    "province_count",
                    "regency_count",
                    "city_count",
                    "legal_source",
                )
            },
        )
        provinces = row.get("provinces")
        if provinces == "all":
            election.provinces.set(Province.objects.all())
        elif provinces == "all_except_34":  # DI Yogyakarta's governor is not elected
            election.provinces.set(Province.objects.exclude(code="34"))
        elif provinces:
            election.provinces.set(Province.objects.filter(code__in=provinces))
        if row.get("regencies") == "autonomous":
            election.regencies.set(Regency.objects.filter(kind__in=[RegencyKind.KABUPATEN, RegencyKind.KOTA]))


def _apply_sanctions(rows):
    for order, row in enumerate(rows):
        SanctionKind.objects.update_or_create(
            code=row["code"],
            defaults={
                "catalogue": "PP94-2021+PP42-2004",
                "level": row["level"],
                "name": row["name"],
                "employee_type": row["employee_type"],
                "legal_source": row["legal_source"],
                "duration_months": row.get("duration_months"),
                "order": order,
            },
        )


def _apply_violations(rows):
    for order, row in enumerate(rows):
        ViolationCategory.objects.update_or_create(
            code=row["code"],
            defaults={
                "catalogue": "SKB-2022",
                "track": row["track"],
                "group": row["group"],
                "reference": row["reference"],
                "name": row["name"],
                "default_level": row["default_level"],
                "default_sanction": SanctionKind.objects.get(code=row["default_sanction"])
                if row["default_sanction"]
                else None,
                "legal_source": row["legal_source"],
                "note": row.get("note", ""),
                "order": order,
            },
        )


def _apply_deadlines(rows):
    for row in rows:
        StageDeadline.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "working_days": row["working_days"],
                "legal_source": row["legal_source"],
            },
        )


def _apply_collective_leave(rows):
    for row in rows:
        CollectiveLeaveDay.objects.update_or_create(
            date=_date(row["date"]),
            defaults={"description": row["description"], "legal_source": row["legal_source"]},
        )


def load_all(force: bool = False) -> list[str]:
    """Load every dataset in dependency order; return the codes that were (re)loaded."""
    loaded = []
    steps = [
        ("agencies-central", lambda: _load_json("agencies_central.json", force, _apply_central_agencies)),
        ("regions", lambda: load_regions(force)),
        ("authorities", lambda: _load_json("authorities.json", force, _apply_authorities)),
        (
            "letter-conventions",
            lambda: _load_json("letter_conventions.json", force, _apply_letter_conventions),
        ),
        ("elections", lambda: _load_json("elections.json", force, _apply_elections)),
        ("sanctions", lambda: _load_json("sanctions.json", force, _apply_sanctions)),
        ("violations", lambda: _load_json("violations.json", force, _apply_violations)),
        ("deadlines", lambda: _load_json("deadlines.json", force, _apply_deadlines)),
        ("collective-leave", lambda: _load_json("collective_leave.json", force, _apply_collective_leave)),
    ]
    for code, step in steps:
        if step():
            loaded.append(code)
    return loaded
