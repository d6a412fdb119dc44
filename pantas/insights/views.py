"""The supervisor dashboard `/statistik/`, its exports and the definitions page (ADR 0073). Views parse the
GET form, ask `stats.Query` and render; every chart's table and export come from the same `chart_rows`."""

import csv
import importlib.util
import io
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from pantas.core.permissions import public, role_required
from pantas.lib.spreadsheets import escape_formula

from . import charts, definitions
from .forms import StatsFilterForm
from .roles import STATS_ROLES
from .stats import COUNTS, RATES

# key → (title, dimension). The PPK league table groups by the recommendation's addressee.
CHARTS = {
    "trend": (_("Tren bulanan laporan"), "month"),
    "province": (_("Menurut provinsi"), "province"),
    "agency": (_("Menurut instansi"), "agency"),
    "category": (_("Menurut kategori pelanggaran"), "category"),
    "mode": (_("Menurut bentuk pelanggaran"), "mode"),
    "position": (_("Menurut kelompok jabatan"), "position_class"),
    "ppk": (_("Peringkat tindak lanjut PPK"), "addressee"),
}
CHART_TOP = 20


def league_min_count() -> int:
    """Below this many recommendations a PPK's follow-up rate is not shown (small-number protection)."""
    return getattr(settings, "INSIGHTS_LEAGUE_MIN_COUNT", 5)


def chart_rows(form: StatsFilterForm, key: str) -> list[dict]:
    """The rows behind a chart: its table, its export and its bars (the first CHART_TOP of them)."""
    dimension = CHARTS[key][1]
    rows = form.query(group_by=(dimension,), medians=False).rows()
    if key == "trend":
        return rows  # chronological
    if key == "ppk":
        minimum = league_min_count()
        for r in rows:
            r["small"] = r["recommended"] < minimum
            if r["small"]:
                r["follow_up_rate"] = None
        return sorted(
            rows,
            key=lambda r: (r["small"], -(r["follow_up_rate"] or 0), -r["recommended"], r["addressee_label"]),
        )
    return sorted(rows, key=lambda r: (-r["reported"], str(r[f"{dimension}_label"])))


def _choropleth(values: dict) -> str | None:
    """The map from `insights.maps.province_choropleth` once it lands (public data centre branch)."""
    if importlib.util.find_spec("pantas.insights.maps") is None:
        return None
    from . import maps  # noqa: PLC0415

    return maps.province_choropleth(values)


@role_required(*STATS_ROLES)
def dashboard(request):
    form = StatsFilterForm(request.GET or None)
    context = {"form": form, "definitions": definitions.MEASURES, "charts": []}
    if request.GET and not form.is_valid():
        return render(request, "insights/dashboard.html", context, status=400)
    if not request.GET:
        form = StatsFilterForm({})
        form.is_valid()
        context["form"] = form
    total = form.query().total()
    params = request.GET.urlencode()
    drill = form.case_list_params()
    context["kpis"] = [
        {"key": m, "label": definitions.label(m), "value": total[m]}
        for m in ("reported", "verified", "proven", "recommended", "followed_up", "follow_up_rate", "overdue",
                  "blocked", "median_days_to_recommendation", "median_days_to_follow_up")
    ]  # fmt: skip
    for key, (title, dimension) in CHARTS.items():
        rows = chart_rows(form, key)
        for r in rows:
            code = r[dimension]
            r["label"] = r[f"{dimension}_label"] or _("(tidak diisi)")
            r["drill"] = (
                reverse("cases:list") + "?" + urlencode({**drill, dimension: code})
                if code and dimension != "month"
                else ""
            )
        items = [(str(r["label"]), r["reported"]) for r in rows[:CHART_TOP]]
        desc = _("Jumlah kasus dilaporkan per kelompok; angka lengkap di tabel di bawahnya.")
        svg = (
            ""
            if key == "ppk"
            else (charts.columns if key == "trend" else charts.hbars)(items, str(title), str(desc))
        )
        chart = {"key": key, "title": title, "dimension": dimension, "rows": rows, "svg": svg}
        chart["export_csv"] = reverse("insights:export", args=[key, "csv"]) + (f"?{params}" if params else "")
        chart["export_xlsx"] = reverse("insights:export", args=[key, "xlsx"]) + (
            f"?{params}" if params else ""
        )
        if key == "province":
            chart["map"] = _choropleth({r["province"]: r["reported"] for r in rows if r["province"]})
        context["charts"].append(chart)
    context["league_min"] = league_min_count()
    return render(request, "insights/dashboard.html", context)


def export_table(form, key) -> tuple[list, list[list]]:
    dimension = CHARTS[key][1]
    rows = chart_rows(form, key)
    header = [str(definitions.DIMENSIONS[dimension]), str(_("kode"))] + [
        str(definitions.label(m)) for m in (*COUNTS, *RATES)
    ]
    body = [[r[f"{dimension}_label"], r[dimension]] + [r[m] for m in (*COUNTS, *RATES)] for r in rows]
    return header, [[escape_formula(v) for v in line] for line in body]


@role_required(*STATS_ROLES)
def export(request, key, fmt):
    if key not in CHARTS or fmt not in ("csv", "xlsx"):
        raise Http404
    form = StatsFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(status=400)
    header, body = export_table(form, key)
    name = f"statistik-{key}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(body)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = key
        sheet.append(header)
        for line in body:
            sheet.append([float(v) if hasattr(v, "as_tuple") else v for v in line])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@public
def definitions_page(request):
    context = {
        "measures": definitions.MEASURES,
        "dimensions": definitions.DIMENSIONS,
        "as_of": definitions.AS_OF,
    }
    return render(request, "insights/definitions.html", context)
