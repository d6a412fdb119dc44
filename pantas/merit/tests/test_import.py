"""Import of historical results: preview with row errors, all-or-nothing commit, XLSX, safety (P-19)."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.merit.models import AssessmentCycle, CycleKind, ImportStatus, Result
from pantas.merit.services import imports as svc

from . import factories as f

GOOD = (
    'instansi,tahun,skor,kategori\nprov-36,2021,326,Sangat Baik\nPemerintah Kota Makassar,2021,"253,5",III\n'
)


def _preview(personas, kasn, text, name="hasil.csv"):
    return svc.preview_import(personas["penilai"], version=kasn, name=name, data=text.encode())


def test_a_clean_file_previews_then_commits(personas, kasn):
    batch = _preview(personas, kasn, GOOD)
    assert batch.error_count == 0 and batch.row_count == 2
    assert not Result.objects.filter(cycle__year=2021).exists()  # nothing saved by the preview
    assert svc.commit_import(batch, personas["penilai"]) == 2
    cycle = AssessmentCycle.objects.get(instrument=kasn.instrument, year=2021)
    assert (
        cycle.kind == CycleKind.HISTORICAL and cycle.status == "published" and cycle.authority.code == "kasn"
    )
    makassar = Result.objects.get(cycle=cycle, agency__code="kota-73-71")
    assert makassar.score == Decimal("253.5") and makassar.band.code == "III"
    with pytest.raises(InvalidTransition):
        svc.commit_import(batch, personas["penilai"])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("tidak-ada,2021,300,Baik", "tidak dikenal"),
        ("prov-36,20x1,300,Baik", "Tahun"),
        ("prov-36,2099,300,Baik", "Tahun"),
        ("prov-36,2021,tiga ratus,Baik", "bukan angka"),
        ("prov-36,2021,450,Sangat Baik", "di luar rentang"),
        ("prov-36,2021,90,Buruk", "di bawah kategori terendah"),
        ("prov-36,2021,326,Baik", "seharusnya IV Sangat Baik"),
        ("prov-36,2021,174.5,Kurang", "seharusnya I Buruk"),
    ],
)
def test_each_row_error_is_reported_on_its_row(personas, kasn, line, message):
    batch = _preview(personas, kasn, f"instansi,tahun,skor,kategori\nkemenag,2021,300,Baik\n{line}\n")
    assert batch.error_count == 1
    assert batch.rows[0]["errors"] == []
    assert message in " ".join(batch.rows[1]["errors"])
    assert batch.rows[1]["line"] == 3
    with pytest.raises(ValidationError):
        svc.commit_import(batch, personas["penilai"])
    assert not Result.objects.filter(cycle__year=2021).exists()


def test_duplicates_and_existing_results_are_errors(personas, kasn):
    svc.commit_import(_preview(personas, kasn, GOOD), personas["penilai"])
    batch = _preview(
        personas, kasn, "instansi,tahun,skor\nkemenag,2020,300\nkemenag,2020,301\nprov-36,2021,300\n"
    )
    errors = [" ".join(r["errors"]) for r in batch.rows]
    assert errors[0] == "" and "lebih dari sekali" in errors[1] and "sudah ada" in errors[2]


def test_a_year_assessed_in_pantas_is_not_imported(personas, kasn, makassar):
    f.draft_cycle(kasn, [makassar], year=2024)
    batch = _preview(personas, kasn, "instansi,tahun,skor\nkemenag,2024,300\n")
    assert "dinilai di Pantas" in batch.rows[0]["errors"][0]


def test_the_commit_checks_again_and_saves_nothing_when_a_row_went_stale(personas, kasn):
    first = _preview(personas, kasn, GOOD)
    second = _preview(personas, kasn, GOOD)
    svc.commit_import(first, personas["penilai"])
    with pytest.raises(ValidationError):
        svc.commit_import(second, personas["penilai"])
    assert Result.objects.filter(cycle__year=2021).count() == 2
    second.refresh_from_db()
    assert second.status == ImportStatus.PREVIEWED


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("hasil.txt", b"a,b", "csv"),
        ("hasil.csv", b"nama,nilai\nx,1\n", "Kolom wajib"),
        ("hasil.csv", b"\xff\xfe\x00x", "UTF-8"),
        ("hasil.xlsx", b"PK\x03\x04garbage", "XLSX"),
        ("hasil.csv", b"", "kosong"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(personas, kasn, name, data, message):
    with pytest.raises(ValidationError) as exc:
        svc.preview_import(personas["penilai"], version=kasn, name=name, data=data)
    assert message in " ".join(exc.value.messages)


def test_an_xlsx_file_is_read(personas, kasn):
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode instansi", "Tahun", "Skor", "Kategori"])
    sheet.append(["prov-36", 2021, 326, "IV Sangat Baik"])
    sheet.append(["kemenag", 2021, 251.5, "Baik"])
    buffer = io.BytesIO()
    book.save(buffer)
    batch = svc.preview_import(personas["penilai"], version=kasn, name="hasil.xlsx", data=buffer.getvalue())
    assert batch.error_count == 0 and [r["score"] for r in batch.rows] == ["326", "251.5"]


def test_an_xml_bomb_in_an_xlsx_is_refused(personas, kasn):
    import zipfile

    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    book = Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = bomb.encode() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item, data)
    with pytest.raises(ValidationError):
        svc.preview_import(personas["penilai"], version=kasn, name="bom.xlsx", data=out.getvalue())


@pytest.mark.parametrize("username", ["ppk.makassar", "analis", "komisioner"])
def test_only_assessors_and_administrators_import(personas, kasn, username):
    with pytest.raises(NotAllowed):
        svc.preview_import(personas[username], version=kasn, name="h.csv", data=GOOD.encode())


def test_the_pages_preview_and_confirm(client, personas, kasn):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas["admin"])
    response = client.post(
        reverse("merit:import_upload"),
        {"instrument_version": kasn.pk, "file": SimpleUploadedFile("hasil.csv", GOOD.encode())},
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and "Pemerintah Provinsi Banten" in preview.content.decode()
    assert client.post(response["Location"], {"action": "commit"}).status_code == 302
    assert Result.objects.filter(cycle__year=2021).count() == 2
    other = client.get(response["Location"])
    assert other.status_code == 200
    client.force_login(personas["ppk.makassar"])
    assert client.get(response["Location"]).status_code == 403


def test_the_command_checks_and_commits(personas, kasn, tmp_path):
    path = tmp_path / "hasil.csv"
    path.write_text(GOOD)
    out = io.StringIO()
    call_command("import_merit_results", path, instrument="kasn-sistem-merit", user="penilai", stdout=out)
    assert "2 baris, 0 bermasalah" in out.getvalue()
    assert not Result.objects.filter(cycle__year=2021).exists()
    call_command(
        "import_merit_results", path, instrument="kasn-sistem-merit", user="penilai", commit=True, stdout=out
    )
    assert Result.objects.filter(cycle__year=2021).count() == 2
    path.write_text("instansi,tahun,skor\nx,2021,1\n")
    with pytest.raises(CommandError):
        call_command(
            "import_merit_results",
            path,
            instrument="kasn-sistem-merit",
            user="penilai",
            commit=True,
            stdout=out,
        )
