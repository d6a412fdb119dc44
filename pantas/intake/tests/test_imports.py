"""Bulk import (P-19): upload → background validation → preview with row errors → confirm → atomic import;
re-imports create nothing; XML and ZIP bombs and formula cells are handled; the command does the same."""

import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pantas.accounts.models import Organisation
from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.core.models import AuditEvent
from pantas.intake import spreadsheets
from pantas.intake.models import ImportBatch, ImportStatus, Report
from pantas.intake.services import imports

from .conftest import upload

pytestmark = pytest.mark.django_db

GOOD = {
    "nomor_register": "001/Reg/LP/PG/Kota/27.01/X/2024",
    "nama_terlapor": "Andi Makkasau",
    "nip": "198501012010011001",
    "jenis_pegawai": "PNS",
    "instansi": "kota-73-71",
    "jabatan": "Lurah",
    "kelompok_jabatan": "pengawas",
    "kode_wilayah": "73.71",
    "pemilihan": "pilkada-2024",
    "tahapan": "campaign",
    "kategori": "B.6",
    "cara": "share",
    "tempat": "Kelurahan Maccini",
    "tanggal_kejadian": "05/10/2024",
    "uraian": "Membagikan unggahan kampanye pasangan calon wali kota.",
    "kajian_awal": "Memenuhi syarat formal dan materiel.",
    "tautan_bukti": "https://www.facebook.com/contoh/posts/1",
}


def row(**changes):
    return GOOD | changes


def xlsx(rows, formulas=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(spreadsheets.COLUMN_NAMES)
    for r in rows:
        sheet.append([r.get(c, "") for c in spreadsheets.COLUMN_NAMES])
    for cell, formula in (formulas or {}).items():
        sheet[cell] = formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows, delimiter=";") -> bytes:
    lines = [delimiter.join(spreadsheets.COLUMN_NAMES)]
    lines += [delimiter.join(r.get(c, "") for c in spreadsheets.COLUMN_NAMES) for r in rows]
    return ("\ufeff" + "\n".join(lines)).encode()


@pytest.fixture
def bawaslu(personas):
    return Organisation.objects.get(code="bawaslu-73")


def test_upload_preview_confirm_and_reimport(client, personas, django_capture_on_commit_callbacks):
    client.force_login(personas["bawaslu.sulsel"])
    data = xlsx(
        [row(), row(nomor_register="002/Reg/LP/PG/Kota/27.01/X/2024", nip="", nama_terlapor="Hj. Ramlah")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:import_list"), {"file": upload("forward.xlsx", data)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == ImportStatus.VALIDATED
    preview = client.get(reverse("intake:import_detail", args=[batch.uuid]))
    assert "siap diimpor" in preview.content.decode() and not Report.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:import_confirm", args=[batch.uuid]))
    reports = Report.objects.order_by("register_number")
    assert reports.count() == 2
    first = reports[0]
    assert (first.source, first.channel, first.organisation.code) == ("bawaslu", "import", "bawaslu-73")
    assert (first.category.code, first.track, first.election.code, first.regency_id) == (
        "skb2022-b6",
        "neutrality",
        "pilkada-2024",
        "73.71",
    )
    assert first.act_date.isoformat() == "2024-10-05" and first.initial_study.startswith("Memenuhi")
    assert first.evidence.get().platform == "facebook"
    assert first.reported_persons.get().agency.code == "kota-73-71"
    assert AuditEvent.objects.filter(action="intake.report.received", object_id=str(first.pk)).count() == 1
    assert AuditEvent.objects.get(action="intake.import.confirmed").data["created"] == 2
    # A second confirm of the same batch is refused; re-uploading the same file imports nothing new.
    client.post(reverse("intake:import_confirm", args=[batch.uuid]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:import_list"), {"file": upload("forward.xlsx", data)})
    again = ImportBatch.objects.order_by("-id").first()
    assert again.existing_count == 2 and again.status == ImportStatus.VALIDATED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:import_confirm", args=[again.uuid]))
    again.refresh_from_db()
    assert again.imported_count == 0 and Report.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"nip": "19850101201001300"}, "nip", "18 digit"),
        ({"nip": "198501012010013001"}, "nip", "jenis kelamin"),
        ({"kode_wilayah": "99.99"}, "kode_wilayah", "tidak dikenal"),
        ({"kategori": "Z9"}, "kategori", "tidak dikenal"),
        ({"tanggal_kejadian": "31/02/2024"}, "tanggal_kejadian", "Tanggal tidak valid"),
        ({"tanggal_kejadian": "2099-01-01"}, "tanggal_kejadian", "masa depan"),
        ({"instansi": "Dinas Entah"}, "instansi", "tidak dikenal"),
        ({"uraian": ""}, "uraian", "Wajib diisi"),
        ({"pemilihan": "pemilu-1955"}, "pemilihan", "tidak dikenal"),
        ({"tautan_bukti": "javascript:alert(1)"}, "tautan_bukti", "http(s)"),
    ],
)
def test_row_errors_name_the_column_and_block_the_import(bawaslu, personas, changes, column, message):
    batch = imports.create_batch(
        xlsx([row(), row(nomor_register="X-2", **changes)]), "f.xlsx", bawaslu, "bawaslu", None
    )
    batch = imports.run_validation(batch)
    assert batch.status == ImportStatus.INVALID and batch.error_count == 1
    errors = batch.rows.get(row_number=3).errors
    assert any(e["column"] == column and message in e["message"] for e in errors), errors
    with pytest.raises(InvalidTransition):
        imports.confirm_import(batch, personas["bawaslu.sulsel"])
    assert not Report.objects.exists()


def test_duplicate_register_numbers_inside_the_file_are_errors(bawaslu):
    batch = imports.run_validation(
        imports.create_batch(xlsx([row(), row()]), "f.xlsx", bawaslu, "bawaslu", None)
    )
    assert batch.error_count == 1
    assert "ganda" in batch.rows.get(row_number=3).errors[0]["message"]


def test_the_import_is_all_or_nothing(bawaslu, personas, monkeypatch):
    rows = [row(nomor_register=f"R-{i}") for i in range(5)]
    batch = imports.run_validation(imports.create_batch(xlsx(rows), "f.xlsx", bawaslu, "bawaslu", None))
    original = imports.build_evidence
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full while importing row 4")
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "build_evidence", failing)
    with pytest.raises(RuntimeError):
        imports.confirm_import(batch, personas["bawaslu.sulsel"])
    batch.refresh_from_db()
    assert not Report.objects.exists() and batch.status == ImportStatus.VALIDATED
    assert not AuditEvent.objects.filter(action="intake.report.received").exists()


def test_formula_cells_are_reported_not_evaluated(bawaslu):
    data = xlsx([row()], formulas={"B2": '=HYPERLINK("http://evil.example","klik")'})
    batch = imports.run_validation(imports.create_batch(data, "f.xlsx", bawaslu, "bawaslu", None))
    errors = batch.rows.get().errors
    assert any(e["column"] == "nama_terlapor" and "rumus" in e["message"] for e in errors)


def _xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx([row()])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item, data)
    return out.getvalue()


def test_an_xml_bomb_is_refused():
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    with pytest.raises(spreadsheets.SpreadsheetError) as excinfo:
        spreadsheets.read(_xlsx_with_sheet(lol), "bom.xlsx")
    assert "bom XML" in str(excinfo.value.message)


def test_a_zip_bomb_is_refused():
    huge = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b" " * (80 * 1024 * 1024)
        + b"</sheetData></worksheet>"
    )
    data = _xlsx_with_sheet(huge)
    assert len(data) < 1024 * 1024
    with pytest.raises(spreadsheets.SpreadsheetError) as excinfo:
        spreadsheets.read(data, "bom.xlsx")
    assert "bom ZIP" in str(excinfo.value.message) or "terlalu besar" in str(excinfo.value.message)


def test_csv_with_semicolons_and_bom_is_read(bawaslu):
    batch = imports.run_validation(
        imports.create_batch(
            csv_bytes([row(tanggal_kejadian="2024-10-05")]), "f.csv", bawaslu, "bawaslu", None
        )
    )
    assert batch.status == ImportStatus.VALIDATED and batch.row_count == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("f.pdf", b"%PDF-1.4", "Format tidak didukung"),
        ("f.csv", b"nama;uraian\nx;y", "Kolom wajib"),
        ("f.csv", "nomor_register,nama_terlapor,uraian\n".encode("utf-16"), "UTF-8"),
        ("f.xlsx", b"PK\x03\x04broken", "rusak"),
        ("f.csv", b"", "kosong"),
    ],
)
def test_unreadable_files_fail_with_a_clear_message(bawaslu, name, data, message):
    batch = imports.run_validation(imports.create_batch(data, name, bawaslu, "bawaslu", None))
    assert batch.status == ImportStatus.FAILED and message in batch.error


def test_another_organisations_batch_does_not_exist(client, personas, bawaslu):
    other = Organisation.objects.get(code="bawaslu-ri")
    batch = imports.create_batch(xlsx([row()]), "f.xlsx", other, "bawaslu", None)
    client.force_login(personas["bawaslu.sulsel"])
    assert client.get(reverse("intake:import_detail", args=[batch.uuid])).status_code == 404
    assert client.post(reverse("intake:import_confirm", args=[batch.uuid])).status_code == 404
    with pytest.raises(NotAllowed):
        imports.create_batch(xlsx([row()]), "f.xlsx", other, "bawaslu", personas["bawaslu.sulsel"])


def test_the_error_report_escapes_formulas(client, personas, bawaslu):
    batch = imports.run_validation(
        imports.create_batch(
            xlsx([row(nomor_register="@SUM(1+1)", nip="123")]), "f.xlsx", bawaslu, "bawaslu", None
        )
    )
    client.force_login(personas["bawaslu.sulsel"])
    text = client.get(reverse("intake:import_errors", args=[batch.uuid])).content.decode("utf-8-sig")
    assert "'@SUM(1+1)" in text and "\n@SUM" not in text and ",@SUM" not in text


def test_the_template_is_a_valid_workbook_with_every_column(client, personas):
    client.force_login(personas["bawaslu.sulsel"])
    response = client.get(reverse("intake:import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["laporan"][1]] == [
        str(spreadsheets.HEADINGS[c]) for c in spreadsheets.COLUMN_NAMES
    ]


def test_the_command_dry_run_imports_nothing_then_imports(tmp_path, bawaslu):
    path = tmp_path / "forward.xlsx"
    path.write_bytes(xlsx([row(), row(nomor_register="R-2")]))
    out = io.StringIO()
    call_command(
        "import_reports", str(path), "--source", "bawaslu", "--org", "bawaslu-73", "--dry-run", stdout=out
    )
    assert "Dry run" in out.getvalue() and "2/2" in out.getvalue() and not Report.objects.exists()
    call_command("import_reports", str(path), "--source", "bawaslu", "--org", "bawaslu-73", stdout=out)
    assert Report.objects.count() == 2 and "Imported 2 reports" in out.getvalue()
    call_command("import_reports", str(path), "--source", "bawaslu", "--org", "bawaslu-73", stdout=out)
    assert Report.objects.count() == 2 and "2 already imported" in out.getvalue()


def test_the_command_refuses_files_with_errors(tmp_path, bawaslu):
    path = tmp_path / "forward.csv"
    path.write_bytes(csv_bytes([row(nip="123")]))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_reports", str(path), "--source", "bawaslu", "--org", "bawaslu-73", stdout=out)
    assert "row 2 [nip]" in out.getvalue() and not Report.objects.exists()
    with pytest.raises(CommandError):
        call_command("import_reports", str(path), "--source", "bawaslu", "--org", "nope")


def test_a_redelivered_validation_task_changes_nothing(bawaslu, personas):
    from pantas.intake.tasks import validate_import

    batch = imports.run_validation(imports.create_batch(xlsx([row()]), "f.xlsx", bawaslu, "bawaslu", None))
    imports.confirm_import(batch, personas["bawaslu.sulsel"])
    validate_import.enqueue(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED and batch.rows.count() == 1


@pytest.mark.parametrize("make", [xlsx, csv_bytes], ids=["xlsx", "csv"])
def test_formula_looking_cells_are_refused_in_csv_and_xlsx_alike(bawaslu, make):
    hostile = row(
        nama_terlapor='=HYPERLINK("http://evil.example","klik")', tempat="@SUM(A1)", jabatan="+cmd|x"
    )
    name = "f.xlsx" if make is xlsx else "f.csv"
    batch = imports.run_validation(imports.create_batch(make([hostile]), name, bawaslu, "bawaslu", None))
    columns = {e["column"] for e in batch.rows.get().errors if "rumus" in e["message"]}
    assert columns == {"nama_terlapor", "tempat", "jabatan"}
    # Plain numbers and bullets are not formulas.
    fine = row(uraian="- membagikan unggahan kampanye", tempat="-5")
    batch = imports.run_validation(imports.create_batch(make([fine]), name, bawaslu, "bawaslu", None))
    assert batch.rows.get().errors == []


@pytest.mark.parametrize(
    ("column", "limit"), [("nama_terlapor", 150), ("jabatan", 200), ("tempat", 300), ("nomor_register", 80)]
)
def test_long_fields_are_row_errors_not_cut_short(bawaslu, column, limit):
    batch = imports.run_validation(
        imports.create_batch(xlsx([row(**{column: "x" * (limit + 1)})]), "f.xlsx", bawaslu, "bawaslu", None)
    )
    errors = batch.rows.get().errors
    assert [e["column"] for e in errors] == [column] and "maksimal" in errors[0]["message"]
    assert batch.status == ImportStatus.INVALID or batch.error_count == 1
    exact = imports.run_validation(
        imports.create_batch(
            xlsx([row(**({"nomor_register": "R-2"} | {column: "y" * limit}))]),
            "g.xlsx",
            bawaslu,
            "bawaslu",
            None,
        )
    )
    assert exact.rows.get().errors == []
