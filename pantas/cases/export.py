"""CSV/XLSX exports of exactly the rows the list shows for the same filters (formula injection escaped)."""

import csv
import io

from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pantas.core import audit
from pantas.lib.spreadsheets import escape_formula

from .models import Decision


def headers():
    return [
        _("Nomor kasus"),
        _("Status"),
        _("Jalur"),
        _("Kategori"),
        _("Pemilihan"),
        _("Provinsi"),
        _("Instansi"),
        _("Nama terlapor"),
        _("NIP"),
        _("Kelompok jabatan"),
        _("Analis"),
        _("Tenggat"),
        _("Terlambat"),
        _("Tujuan rekomendasi"),
        _("Konflik kepentingan"),
        _("Diterima"),
        _("Diputus"),
        _("Sanksi"),
    ]


def rows(cases):
    today = timezone.localdate()
    sanction = Decision.objects.filter(case=OuterRef("pk"), superseded_at__isnull=True).order_by(
        "-decided_at"
    )
    cases = cases.select_related(
        "category", "election", "province", "agency", "assignee", "addressee"
    ).annotate(sanction_name=Subquery(sanction.values("sanction__name")[:1]))
    for case in cases.order_by("-received_at", "-id").iterator(chunk_size=1000):
        yield [
            case.number,
            case.get_state_display(),
            case.get_track_display(),
            str(case.category or ""),
            str(case.election or ""),
            str(case.province or ""),
            str(case.agency or ""),
            case.subject_name,
            case.subject_nip,
            case.get_position_class_display(),
            str(case.assignee or ""),
            case.due_on.isoformat() if case.due_on else "",
            _("ya") if case.is_open and case.due_on and case.due_on < today else "",
            str(case.addressee or ""),
            _("ya") if case.conflict_of_interest else "",
            timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(case.decided_at).strftime("%Y-%m-%d %H:%M") if case.decided_at else "",
            case.sanction_name or "",
        ]


class _Echo:
    def write(self, value):
        return value


def _audit_export(user, fmt, count):
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            "cases.case.exported",
            actor=user,
            object_type="cases.case",
            object_id="",
            data={
                "format": fmt,
                "rows": count,
            },
        )


def export_response(cases, fmt: str, user):
    """`cases` is already scoped by `visible_to` and filtered by the same form as the list."""
    count = cases.count()
    _audit_export(user, fmt, count)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"  # so spreadsheet apps read UTF-8
            yield writer.writerow(headers())
            for row in rows(cases):
                yield writer.writerow([escape_formula(v) for v in row])

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kasus-{stamp}.csv"'
        return response
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Kasus"))
        sheet.append(headers())
        for row in rows(cases):
            sheet.append([escape_formula(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="kasus-{stamp}.xlsx"'
        return response
    raise Http404
