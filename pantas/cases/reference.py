"""Loader for the cases app's own reference data (`data/*.json`): idempotent upserts with provenance.

Called by a data migration so every database has the rows; re-run it after editing a file
(`manage.py shell -c "from pantas.cases.reference import load_all; load_all()"`).
"""

import hashlib
import json
from datetime import date
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> tuple[dict, list[dict], str]:
    raw = (DATA_DIR / name).read_bytes()
    payload = json.loads(raw)
    return payload["dataset"], payload["rows"], hashlib.sha256(raw).hexdigest()


def _record(apps, meta: dict, checksum: str) -> None:
    dataset = apps.get_model("registry", "ReferenceDataset")
    dataset.objects.update_or_create(
        code=meta["code"],
        defaults={
            "title": meta["title"],
            "version": meta["version"],
            "legal_source": meta["legal_source"],
            "effective_date": date.fromisoformat(meta["effective_date"]),
            "checksum": checksum,
        },
    )


def load_all(apps=None) -> None:
    """`apps` is the migration's app registry (historical models) or None for the live models."""
    if apps is None:
        from django.apps import apps
    category = apps.get_model("cases", "MaladministrationCategory")
    routing = apps.get_model("cases", "ConflictRoutingRule")
    with transaction.atomic():
        meta, rows, checksum = _read("maladministration.json")
        for order, row in enumerate(rows, start=1):
            category.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "catalogue": meta["version"],
                    "legal_source": meta["legal_source"][:300],
                    "order": order,
                },
            )
        _record(apps, meta, checksum)
        try:  # absent in the historical models of migration 0002; migration 0007 loads it
            apps.get_model("cases", "CorrectiveActionKind")
        except LookupError:
            pass
        else:
            _load_corrective_actions(apps)
        # The MoU routing rules are read from their file at run time (`ombudsman.py`); only provenance here.
        meta, _rows, checksum = _read("ombudsman_mou.json")
        _record(apps, meta, checksum)
        meta, rows, checksum = _read("conflict_routing.json")
        for row in rows:
            routing.objects.update_or_create(
                agency_kind=row["agency_kind"],
                defaults={"organisation_code": row["organisation_code"], "legal_source": row["legal_source"]},
            )
        _record(apps, meta, checksum)


def _load_corrective_actions(apps) -> None:
    kind = apps.get_model("cases", "CorrectiveActionKind")
    meta, rows, checksum = _read("corrective_actions.json")
    for order, row in enumerate(rows, start=1):
        kind.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "catalogue": meta["version"],
                "legal_source": row["legal_source"][:300],
                "requires_decree": row["decree"],
                "order": order,
            },
        )
    _record(apps, meta, checksum)
