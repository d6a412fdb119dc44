"""Idempotent loader for the instrument files in `pantas/merit/data/instruments/` (see PROVENANCE.md there).

A file whose SHA-256 was already loaded is skipped; a changed file becomes a new published version. Existing
versions are never touched, so loading can never alter a running cycle.
"""

import hashlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pantas.core import audit
from pantas.registry.models import ReferenceDataset

from .models import (
    AnswerOption,
    Aspect,
    Band,
    Indicator,
    Instrument,
    InstrumentVersion,
    VersionStatus,
    VersionStatusChange,
)
from .services.instruments import validate_version

DATA_DIR = Path(__file__).resolve().parent / "data" / "instruments"


def load_instrument_file(path: Path) -> InstrumentVersion | None:
    raw = path.read_bytes()
    checksum = hashlib.sha256(raw).hexdigest()
    spec = json.loads(raw)
    dataset_code = f"merit-{spec['code']}"
    if ReferenceDataset.objects.filter(code=dataset_code, checksum=checksum).exists():
        return None
    with transaction.atomic():
        instrument, _created = Instrument.objects.update_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "kind": spec["kind"], "description": spec.get("description", "")},
        )
        version = build_version(instrument, spec["version"], checksum)
        errors = validate_version(version)
        if errors:
            raise ValueError(f"{path.name}: " + "; ".join(errors))
        ReferenceDataset.objects.update_or_create(
            code=dataset_code,
            defaults={
                "title": spec["name"],
                "version": f"v{version.number}",
                "legal_source": spec["version"]["legal_source"],
                "effective_date": date.fromisoformat(spec["version"]["effective_date"]),
                "checksum": checksum,
            },
        )
    return version


def build_version(instrument: Instrument, spec: dict, checksum: str = "") -> InstrumentVersion:
    """Create a published version from its JSON description (levels × weights give the option scores)."""
    now = timezone.now()
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=number,
        title=spec["title"],
        legal_source=spec["legal_source"],
        effective_date=date.fromisoformat(spec["effective_date"]) if spec.get("effective_date") else None,
        max_score=Decimal(spec["max_score"]),
        status=VersionStatus.PUBLISHED,
        change_note=spec.get("change_note", ""),
        source_checksum=checksum,
        published_at=now,
    )
    Band.objects.bulk_create(
        Band(
            version=version,
            order=i,
            code=b["code"],
            name=b["name"],
            min_score=Decimal(b["min"]),
            max_score=Decimal(b["max"]),
            is_award=b.get("award", False),
        )
        for i, b in enumerate(spec["bands"])
    )
    levels = spec["levels"]
    options = []
    for a_order, a in enumerate(spec["aspects"], start=1):
        aspect = Aspect.objects.create(
            version=version,
            code=a["code"],
            order=a_order,
            name=a["name"],
            declared_max=Decimal(a["declared_max"]) if a.get("declared_max") else None,
            shows_case_data=a.get("shows_case_data", False),
        )
        for i_order, ind in enumerate(a["indicators"], start=1):
            indicator = Indicator.objects.create(
                aspect=aspect,
                code=ind["code"],
                order=i_order,
                text=ind["text"],
                guidance=ind.get("guidance", ""),
            )
            weight = Decimal(ind["weight"])
            for o_order, level in enumerate(levels, start=1):
                options.append(
                    AnswerOption(
                        indicator=indicator,
                        order=o_order,
                        label=level["label"],
                        score=weight * level["multiplier"],
                        evidence_required=level["evidence"],
                        evidence_hint=ind.get("evidence", "") if level["evidence"] else "",
                    )
                )
    AnswerOption.objects.bulk_create(options)
    VersionStatusChange.objects.create(
        version=version, old="", new=VersionStatus.PUBLISHED, at=now, reason=spec.get("change_note", "")
    )
    audit.record(
        "merit.instrumentversion.loaded",
        version,
        data={"instrument": instrument.code, "number": number, "checksum": checksum},
    )
    return version


def load_all() -> list[InstrumentVersion]:
    return [v for path in sorted(DATA_DIR.glob("*.json")) if (v := load_instrument_file(path))]
