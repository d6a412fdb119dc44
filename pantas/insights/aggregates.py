"""Historical aggregates (ADR 0078): the published figures loaded from `data/published_figures.json` with
their sources, and their comparison with the figures computed from case rows. The two are never summed: a
published figure is shown beside the computed one, labelled, and only where both describe the same thing."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import FigureUnit, PublishedFigure
from .public.figures import bump_version_after_commit

DATA = Path(__file__).resolve().parent / "data" / "published_figures.json"
# Dict-valued figures: which breakdown their keys are.
DIMENSION_OF = {
    "pilkada2020.sanction_mix": "sanction",
    "pilkada2020.category_shares": "category",
    "pilkada2020.position_shares": "position_class",
}
# Published figure → the computed measure it can be compared with (measure, as of).
COMPARABLE = {
    "pilkada2020.reported": ("reported", None),
    "pilkada2020.proven": ("proven", None),
    "pilkada2020.followed_up_2022": ("followed_up", date(2022, 5, 31)),
    "pilkada2020.followed_up_2024": ("followed_up", date(2024, 2, 6)),
    "pemilu2019.bawaslu_forwarded": ("bawaslu", None),
}


def _cells(figure: dict):
    value = figure.get("value")
    unit = FigureUnit.SHARE if figure["id"].endswith("_shares") else FigureUnit.COUNT
    if isinstance(value, dict):
        dimension = DIMENSION_OF.get(figure["id"], "measure")
        for key, v in value.items():
            yield dimension, key, v, unit
    elif value is not None:
        yield "", "", value, unit
    for key, v in (figure.get("breakdown") or {}).items():
        yield "status", key, v, FigureUnit.COUNT
    for key, v in (figure.get("by_province_top5") or {}).items():
        yield "province", key, v, FigureUnit.COUNT


@transaction.atomic
def load(path: Path = DATA) -> int:
    """Replace the published figures with the file's (idempotent). Returns the number of cells."""
    figures = json.loads(Path(path).read_text(encoding="utf-8"))["figures"]
    PublishedFigure.objects.all().delete()
    rows = [
        PublishedFigure(
            figure=f["id"],
            election=f.get("election", ""),
            election_label=f.get("election_label", ""),
            dimension=dimension,
            key=key,
            measure=f["measure"],
            value=Decimal(str(value)),
            unit=unit,
            as_of=date.fromisoformat(f["as_of"]) if f.get("as_of") else None,
            period=f.get("period", ""),
            source=f["source"],
            note=f.get("note", ""),
        )
        for f in figures
        for dimension, key, value, unit in _cells(f)
    ]
    PublishedFigure.objects.bulk_create(rows)
    # The election pages show these beside the computed figures and are cached by the data version (ADR 0156).
    bump_version_after_commit()
    return len(rows)


def totals_for(election: str) -> list[PublishedFigure]:
    """The election's published totals (no breakdown), oldest "as of" first."""
    return list(PublishedFigure.objects.filter(election=election, dimension="").order_by("as_of", "figure"))


def breakdowns_for(election: str) -> list[PublishedFigure]:
    return list(
        PublishedFigure.objects.filter(election=election).exclude(dimension="").order_by("figure", "pk")
    )


def comparison(figure: PublishedFigure, computed) -> dict:
    """The published figure beside the computed one (`computed(measure, as_of)` → count | None), or None
    when they do not describe the same thing."""
    if figure.figure not in COMPARABLE or figure.dimension:
        return {"figure": figure, "computed": None, "measure": None, "as_of": None}
    measure, as_of = COMPARABLE[figure.figure]
    return {"figure": figure, "computed": computed(measure, as_of), "measure": measure, "as_of": as_of}
