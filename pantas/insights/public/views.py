"""The public data centre `/data/` (ADR 0077): no login, phone-first, server-rendered (works without
JavaScript). Views parse the request and call `figures` / `press` / `aggregates`; every figure is protected."""

import csv
import io
from datetime import date

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pantas.core.pdf import render_pdf
from pantas.core.permissions import public
from pantas.lib.spreadsheets import escape_formula

from .. import aggregates, charts, maps, press
from ..disclosure import min_cell
from .figures import MEASURES, PublicQueryError, elections, public_table
from .pagecache import cached_public_page, slot_context

GROUP_TABLES = ("category", "mode", "position_class", "source")
FORMATS = {"csv", "json", "xlsx"}
COLUMNS = ("code", "label", *MEASURES, "proven_rate", "follow_up_rate")


def _as_of(request) -> date | None:
    raw = request.GET.get("as_of") or request.GET.get("tanggal")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise Http404(_("Tanggal tidak valid.")) from error


def _election_label(code: str) -> str:
    label = dict(elections()).get(code)
    if label is None:
        raise Http404(_("Pemilihan tidak dikenal."))
    return label


def _table(*args, **kwargs):
    try:
        return public_table(*args, **kwargs)
    except PublicQueryError as error:
        raise Http404(str(error)) from error


@public
@require_GET
@cached_public_page
def overview(request):
    by_election = _table(None, "election")
    listed = [row for row in by_election.rows() if row["code"] != "unknown"]
    featured = request.GET.get("pemilihan") or (
        max(listed, key=lambda r: r["reported"] or 0)["code"] if listed else None
    )
    context = {"by_election": by_election, "rows": listed, "k": min_cell()}
    if featured:
        label = _election_label(featured)
        provinces = _table(featured, "province")
        context |= {
            "featured": featured,
            "featured_label": label,
            "map": maps.province_choropleth(
                provinces.column("reported"),
                legend_title=_("ASN dilaporkan"),
                title=_("ASN dilaporkan per provinsi, %(election)s") % {"election": label},
                link=lambda code: reverse("public_data:province", args=[featured, code]),
            ),
        }
    return render(request, "insights/public/overview.html", context | slot_context(request))


@public
@require_GET
@cached_public_page
def election(request, code):
    label = _election_label(code)
    as_of = _as_of(request)
    total = _table(code, as_of=as_of)
    provinces = _table(code, "province", as_of=as_of)
    months = _table(code, "month", as_of=as_of)
    query = f"?as_of={as_of.isoformat()}" if as_of else ""

    def computed(measure, on):
        return _table(code, as_of=on).total[measure]

    context = {
        "code": code,
        "label": label,
        "as_of": as_of,
        "query": query,
        "total": total.total,
        "k": min_cell(),
        "provinces": provinces,
        "top_bawaslu": provinces.top("bawaslu", 5),
        "map": maps.province_choropleth(
            provinces.column("reported"),
            legend_title=_("ASN dilaporkan"),
            title=_("ASN dilaporkan per provinsi, %(election)s") % {"election": label},
            link=lambda p: reverse("public_data:province", args=[code, p]) + query,
        ),
        "trend": charts.columns(
            [(r["label"], r["reported"] or 0) for r in months.rows() if r["code"] != "unknown"],
            _("ASN dilaporkan per bulan"),
            _("Bulan yang disembunyikan ditampilkan 0; lihat tabel."),
        ),
        "months": months,
        "groups": [(g, _table(code, g, as_of=as_of)) for g in GROUP_TABLES],
        "published": [aggregates.comparison(f, computed) for f in aggregates.totals_for(code)],
        "breakdowns": aggregates.breakdowns_for(code),
        "api": press.api_url(code, "province", as_of),
    }
    return render(request, "insights/public/election.html", context | slot_context(request))


@public
@require_GET
@cached_public_page
def province(request, code, province):
    label = _election_label(code)
    as_of = _as_of(request)
    regencies = _table(code, "regency", as_of=as_of, province=province)
    name = maps.province_shapes()["regions"].get(province, {}).get("name", province)
    context = {
        "code": code,
        "label": label,
        "as_of": as_of,
        "province": province,
        "province_name": name,
        "regencies": regencies,
        "k": min_cell(),
        "map": maps.regency_choropleth(
            province,
            regencies.column("reported"),
            legend_title=_("ASN dilaporkan"),
            title=_("ASN dilaporkan per kabupaten/kota, %(province)s") % {"province": name},
        ),
    }
    return render(request, "insights/public/province.html", context | slot_context(request))


@public
@require_GET
def download(request, code, fmt):
    """The protected table behind a page: ?group_by=province|category|… (default: the total)."""
    if fmt not in FORMATS:
        raise Http404
    _election_label(code)
    group_by = request.GET.get("group_by") or None
    as_of = _as_of(request)
    table = _table(code, group_by, as_of=as_of)
    rows = table.rows() if group_by else [{"code": "all", "label": _("Total"), **table.total}]
    name = f"pantas-{code}-{group_by or 'total'}{'-' + as_of.isoformat() if as_of else ''}"
    if fmt == "json":
        body = {
            "election": code,
            "group_by": group_by,
            "as_of": as_of.isoformat() if as_of else None,
            "min_cell": table.table.k,
            "licence": "CC BY 4.0",
            "rows": [{c: _plain(r[c]) for c in COLUMNS} for r in rows],
            "total": {c: _plain(table.total[c]) for c in COLUMNS if c in table.total},
        }
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows([[escape_formula(_plain(r[c])) for c in COLUMNS] for r in rows])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "data"
        sheet.append(COLUMNS)
        for r in rows:
            sheet.append([escape_formula(_plain(r[c])) for c in COLUMNS])
        sheet_licence = book.create_sheet("lisensi")
        sheet_licence.append(["CC BY 4.0", request.build_absolute_uri(reverse("public_data:dictionary"))])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _plain(value):
    """Decimals as floats, suppressed cells as empty (CSV/XLSX) or null (JSON)."""
    if value is None:
        return None
    if hasattr(value, "as_tuple"):
        return float(value)
    return value


@public
@require_GET
@cached_public_page
def dictionary(request):
    return render(
        request,
        "insights/public/dictionary.html",
        {"k": min_cell(), "columns": COLUMNS} | slot_context(request),
    )


def _press_context(request, code):
    label = _election_label(code)
    as_of = _as_of(request)
    summary = press.build(code, label, as_of)
    return {"summary": summary, "code": code, "label": label, "as_of": as_of}


@public
@require_GET
def press_page(request, code):
    return render(request, "insights/public/press.html", _press_context(request, code))


@public
@require_GET
def press_pdf(request, code):
    context = _press_context(request, code)
    base = context["base"] = request.build_absolute_uri("/").rstrip("/")
    # Links in a PDF must be absolute; the paragraphs are already escaped HTML.
    summary = context["summary"]
    summary.paragraphs = [mark_safe(p.replace('href="/', f'href="{base}/')) for p in summary.paragraphs]  # noqa: S308
    pdf = render_pdf(render_to_string("insights/public/press_pdf.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="siaran-pers-{code}.pdf"'
    return response
