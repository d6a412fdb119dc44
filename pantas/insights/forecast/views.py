"""The forecast pages: public `/data/prakiraan/` (+ a province's kabupaten/kota) and the supervisor's
`/statistik/prakiraan/` (ADR 0108). They read the latest stored run; nothing is fitted on a request."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pantas.core.permissions import public, role_required

from .. import maps
from ..models import ForecastRun
from ..roles import STATS_ROLES
from .pages import TOP, View
from .runs import latest


def _scope(request) -> View:
    return View.current(request.GET.get("pemilihan") or None)


def _query(view: View) -> str:
    return f"?pemilihan={view.election}" if view.election else ""


def _context(view: View) -> dict:
    query = _query(view)
    return {
        "view": view,
        "run": view.run,
        "total": view.total,
        "query": query,
        "map": maps.province_choropleth(
            view.province_values(),
            legend_title=_("Perkiraan pelanggaran"),
            title=_("Perkiraan pelanggaran per provinsi, %(scope)s") % {"scope": view.label},
            link=lambda code: reverse("public_data:forecast_province", args=[code]) + query,
        ),
        "provinces": view.rows("province"),
        "scopes": [("", _("Semua pemilihan sasaran")), *[(t["election"], t["label"]) for t in view.totals]],
        "level_pct": round(view.run.level * 100),
    }


@public
@require_GET
def forecast(request):
    if latest() is None:
        # A new installation before its first `manage.py forecast`: say so, as the API's empty answer does.
        return render(request, "insights/public/forecast_empty.html")
    view = _scope(request)
    context = _context(view) | {"regencies": view.rows("regency")[:TOP], "top": TOP}
    return render(request, "insights/public/forecast.html", context)


@public
@require_GET
def forecast_province(request, province):
    view = _scope(request)
    row = view.rows("province").filter(code=province).first()
    if row is None:
        raise Http404(_("Provinsi tidak ada dalam prakiraan."))
    regencies = view.rows("regency").filter(province=province)
    context = {
        "view": view,
        "row": row,
        "query": _query(view),
        "regencies": regencies,
        "level_pct": round(view.run.level * 100),
        "map": maps.regency_choropleth(
            province,
            view.regency_values(province),
            legend_title=_("Perkiraan pelanggaran"),
            title=_("Perkiraan pelanggaran per kabupaten/kota, %(province)s") % {"province": row.name},
        ),
    }
    return render(request, "insights/public/forecast_province.html", context)


@role_required(*STATS_ROLES)
@require_GET
def forecast_staff(request):
    if latest() is None:
        return render(request, "insights/public/forecast_empty.html", {"staff": True, "base": "base.html"})
    view = _scope(request)
    context = _context(view) | {
        "regencies": view.rows("regency"),
        "central": view.rows("central").first(),
        "runs": ForecastRun.objects.order_by("-created_at", "-id")[:10],
    }
    return render(request, "insights/forecast_staff.html", context)
