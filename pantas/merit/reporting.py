"""Read models for results: national ranking, band counts, awards, one agency's result with its previous
cycle, and the PDF report (rendered by `pantas.core.pdf`: our static files only). Every query starts from
`Result.objects.visible_to(user)`."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import Rank
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from pantas.core.pdf import render_pdf

from . import charts
from .models import Band, Result, ResultAspect


def ranking(cycle, user):
    """The cycle's results, best first, with the national rank (ties share a rank)."""
    return (
        Result.objects.visible_to(user)
        .filter(cycle=cycle)
        .select_related("agency", "band")
        .annotate(rank=Window(Rank(), order_by=F("score").desc()))
        .order_by("-score", "agency__name")
    )


def band_counts(cycle, user) -> list[tuple[Band, int]]:
    """Every band of the cycle's version (highest first) with how many agencies fall in it."""
    counts = dict(
        Result.objects.visible_to(user).filter(cycle=cycle).values_list("band_id").annotate(n=Count("pk"))
    )
    bands = cycle.instrument_version.bands.order_by("-min_score")
    return [(band, counts.get(band.pk, 0)) for band in bands]


def band_chart(cycle, user) -> str:
    return charts.band_counts(
        [(f"{b.code} {b.name}", n) for b, n in band_counts(cycle, user)],
        _("Jumlah instansi per kategori — %(title)s") % {"title": cycle.title},
    )


def awards(cycle, user) -> list[tuple[Band, list[Result]]]:
    """Agencies in award bands (e.g. "Sangat Baik", "Baik"), grouped by band, best band first."""
    results = list(ranking(cycle, user).filter(band__is_award=True))
    bands = cycle.instrument_version.bands.filter(is_award=True).order_by("-min_score")
    return [(band, [r for r in results if r.band_id == band.pk]) for band in bands]


@dataclass
class AspectRow:
    number: int
    name: str
    score: object
    max_score: object
    percent: float
    previous_percent: float | None = None
    shows_case_data: bool = False


@dataclass
class ResultView:
    result: Result
    rows: list[AspectRow]
    previous: Result | None
    radar: str = ""
    bars: str = ""

    @property
    def previous_aspects(self) -> bool:
        """Whether the previous result can be compared aspect by aspect (same aspects, not an import)."""
        return any(r.previous_percent is not None for r in self.rows)

    extra: dict = field(default_factory=dict)


def previous_result(result: Result, user) -> Result | None:
    """The agency's latest earlier result on an instrument of the same kind (merit vs NKK)."""
    return (
        Result.objects.visible_to(user)
        .filter(
            agency_id=result.agency_id,
            cycle__year__lt=result.cycle.year,
            cycle__instrument__kind=result.cycle.instrument.kind,
        )
        .select_related("cycle", "band")
        .order_by("-cycle__year")
        .first()
    )


def result_view(result: Result, user) -> ResultView:
    aspects = list(
        ResultAspect.objects.filter(result=result).select_related("aspect").order_by("aspect__order")
    )
    previous = previous_result(result, user)
    before = {}
    if previous is not None:
        # Aspects are compared by code: the same aspect in another version of the same instrument.
        before = {
            ra.aspect.code: ra.percent
            for ra in ResultAspect.objects.filter(result=previous).select_related("aspect")
        }
    rows = [
        AspectRow(
            number=i,
            name=ra.aspect.name,
            score=ra.score,
            max_score=ra.max_score,
            percent=ra.percent,
            previous_percent=before.get(ra.aspect.code),
            shows_case_data=ra.aspect.shows_case_data,
        )
        for i, ra in enumerate(aspects, start=1)
    ]
    view = ResultView(result=result, rows=rows, previous=previous)
    if rows:
        series = [charts.Series(str(result.cycle.year), [r.percent for r in rows])]
        if previous is not None and any(r.previous_percent is not None for r in rows):
            series.append(charts.Series(str(previous.cycle.year), [r.previous_percent or 0 for r in rows]))
        title = _("Capaian per aspek — %(agency)s %(year)s") % {
            "agency": result.agency.name,
            "year": result.cycle.year,
        }
        view.radar = charts.radar([r.name for r in rows], series, title)
        view.bars = charts.bars([f"{r.number}. {r.name}" for r in rows], series, title)
    return view


def result_pdf(result: Result, user, case_data: dict | None = None) -> bytes:
    view = result_view(result, user)
    html = render_to_string("merit/report_pdf.html", {"view": view, "result": result, "case_data": case_data})
    return render_pdf(html)
