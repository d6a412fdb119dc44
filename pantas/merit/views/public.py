"""Public pages: published cycles, national ranking, band counts, awards, one agency's result and its PDF.
Only `Result.objects.visible_to(user)` is read, which for visitors holds published cycles only."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render

from pantas.core.downloads import attachment_response
from pantas.core.permissions import get_visible_or_404, public

from .. import reporting
from ..models import AssessmentCycle, CycleStatus, Result


@public
def public_index(request):
    cycles = (
        AssessmentCycle.objects.visible_to(request.user)
        .filter(status=CycleStatus.PUBLISHED)
        .select_related("instrument", "authority")
        .annotate(
            n_results=Count("results", distinct=True),
            n_award=Count("results", filter=Q(results__band__is_award=True), distinct=True),
        )
        .order_by("-year", "title")
    )
    return render(request, "merit/public_index.html", {"cycles": cycles})


def _published_cycle(request, pk):
    return get_visible_or_404(
        AssessmentCycle.objects.filter(status=CycleStatus.PUBLISHED).select_related(
            "instrument_version", "instrument", "authority"
        ),
        request.user,
        pk=pk,
    )


@public
def public_cycle(request, pk):
    cycle = _published_cycle(request, pk)
    return render(
        request,
        "merit/results.html",
        {
            "cycle": cycle,
            "ranking": reporting.ranking(cycle, request.user).filter(cycle__status=CycleStatus.PUBLISHED),
            "counts": reporting.band_counts(cycle, request.user),
            "chart": reporting.band_chart(cycle, request.user),
            "awards": reporting.awards(cycle, request.user),
            "public": True,
        },
    )


def _published_result(request, pk, agency):
    cycle = _published_cycle(request, pk)
    result = (
        Result.objects.visible_to(request.user)
        .published()
        .filter(cycle=cycle, agency__code=agency)
        .select_related("agency", "band", "cycle__instrument")
        .first()
    )
    if result is None:
        raise Http404
    return result


@public
def public_result(request, pk, agency):
    result = _published_result(request, pk, agency)
    return render(
        request,
        "merit/public_result.html",
        {"result": result, "view": reporting.result_view(result, request.user)},
    )


@public
def public_result_pdf(request, pk, agency):
    result = _published_result(request, pk, agency)
    return attachment_response(
        reporting.result_pdf(result, request.user),
        "application/pdf",
        f"hasil-{result.agency.code}-{result.cycle.year}.pdf",
    )
