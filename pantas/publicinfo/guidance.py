"""Public guidance generated from the catalogues (ADR 0101): one entry per violation of the registry catalogue
(`ViolationCategory`, loaded from `registry/data/violations.json`), with the sanction it carries
(`SanctionKind`, the PPPK variant chosen by the same function the decision uses) and its legal source, plus the
phase of the election it applies in (`data/campaign_phases.json`). Nothing here restates a rule: every rule text
shown comes from a catalogue row."""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from pantas.cases.models import CorrectiveActionKind
from pantas.cases.services.transitions import default_sanction
from pantas.registry.models import EmployeeType, ReferenceDataset, Track, ViolationCategory

PHASES_FILE = Path(__file__).parent / "data" / "campaign_phases.json"


class Phase(models.TextChoices):
    BEFORE = "before", _("Sebelum kampanye")
    DURING = "during", _("Selama kampanye")
    AFTER = "after", _("Sesudah kampanye")
    ANYTIME = "anytime", _("Kapan saja")


PHASE_HELP = {
    Phase.BEFORE: _("Tahap bakal calon, sebelum KPU menetapkan peserta pemilihan."),
    Phase.DURING: _("Sejak penetapan peserta sampai masa kampanye berakhir."),
    Phase.AFTER: _("Masa tenang, pemungutan suara, sampai penetapan hasil."),
    Phase.ANYTIME: _("Kewajiban dan larangan yang berlaku di luar tahapan pemilihan juga."),
}


class MissingPhase(LookupError):
    """A catalogue entry without a phase row: the reference data must be completed (a test catches it)."""


@dataclass(frozen=True)
class PhaseRow:
    phases: tuple
    source: str
    tag: str
    note: str = ""


@dataclass
class Entry:
    category: ViolationCategory
    phase: PhaseRow
    sanction: object = None  # SanctionKind (PNS default) or None
    pppk_sanction: object = None  # the PPPK variant when it differs
    corrective: list = field(default_factory=list)

    @property
    def code(self):
        return self.category.code

    @property
    def phase_labels(self):
        return [Phase(p).label for p in self.phase.phases]


@cache
def _phase_data() -> dict:
    return json.loads(PHASES_FILE.read_text(encoding="utf-8"))


def phase_dataset() -> dict:
    return _phase_data()["dataset"]


def phase_rows() -> dict[str, PhaseRow]:
    return {
        row["code"]: PhaseRow(tuple(row["phases"]), row["source"], row["tag"], row.get("note", ""))
        for row in _phase_data()["rows"]
    }


def catalogue():
    """The active violation catalogue, in its order."""
    return (
        ViolationCategory.objects.filter(disabled_on__isnull=True)
        .select_related("default_sanction")
        .order_by("order", "code")
    )


def _entry(category, phases, corrective) -> Entry:
    row = phases.get(category.code)
    if row is None:
        raise MissingPhase(category.code)
    sanction = category.default_sanction
    pppk = default_sanction(category, EmployeeType.PPPK) if sanction else None
    return Entry(
        category=category,
        phase=row,
        sanction=sanction,
        pppk_sanction=pppk if pppk and pppk != sanction else None,
        corrective=corrective if category.track == Track.MERIT else [],
    )


def _corrective():
    return list(CorrectiveActionKind.objects.filter(disabled_on__isnull=True).order_by("order"))


def entries() -> list[Entry]:
    phases, corrective = phase_rows(), _corrective()
    return [_entry(category, phases, corrective) for category in catalogue()]


def entry(code: str) -> Entry | None:
    category = catalogue().filter(code=code).first()
    return _entry(category, phase_rows(), _corrective()) if category else None


def by_phase(all_entries: list[Entry]) -> list[dict]:
    """The index: for each phase, the acts an ASN must not do then."""
    return [
        {
            "code": phase.value,
            "label": phase.label,
            "help": PHASE_HELP[phase],
            "entries": [e for e in all_entries if phase.value in e.phase.phases],
        }
        for phase in Phase
    ]


def datasets() -> list[ReferenceDataset]:
    """The catalogues the guidance is generated from, with version and legal source (shown on every page)."""
    return list(ReferenceDataset.objects.filter(code__in=["violations", "sanctions"]).order_by("code"))


def sanction_levels() -> list[dict]:
    """The sanction catalogue by level (FAQ: "what sanctions exist"), each with its legal source."""
    from pantas.registry.models import SanctionKind, SanctionLevel

    levels = []
    kinds = list(SanctionKind.objects.filter(disabled_on__isnull=True).order_by("order", "code"))
    for level in SanctionLevel:
        rows = [k for k in kinds if k.level == level.value]
        if rows:
            levels.append({"code": level.value, "label": level.label, "kinds": rows})
    return levels
