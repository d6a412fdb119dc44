"""The Bawaslu import template in Indonesian (ADR 0116): headings and labels, drop-down lists generated from the
reference data, and row errors that list the allowed values (or say where to find them)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from pantas.accounts.models import Organisation
from pantas.intake import import_choices, spreadsheets
from pantas.intake.models import ElectionStage, ImportStatus, Report, ViolationMode
from pantas.intake.services import imports
from pantas.registry.models import ViolationCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bawaslu(personas):
    return Organisation.objects.get(code="bawaslu-73")


def _template(client, personas):
    client.force_login(personas["bawaslu.sulsel"])
    response = client.get(reverse("intake:import_template"))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _column(name):
    return openpyxl.utils.get_column_letter(spreadsheets.COLUMN_NAMES.index(name) + 1)


def _dropdown(workbook, name):
    """The allowed values the template's drop-down offers for one column (resolved through the hidden sheet)."""
    sheet = workbook["laporan"]
    target = f"{_column(name)}2"
    (validation,) = [dv for dv in sheet.data_validations.dataValidation if target in dv.sqref]
    assert validation.type == "list"
    ref = validation.formula1.split("!")[1].replace("$", "")
    sheet_name = validation.formula1.split("!")[0].strip("'")
    return [c.value for row in workbook[sheet_name][ref] for c in row]


def test_the_template_speaks_indonesian_and_offers_the_reference_data(client, personas):
    workbook = _template(client, personas)
    sheet = workbook["laporan"]
    headings = [c.value for c in sheet[1]]
    assert headings[:2] == ["Nomor register", "Nama terlapor"] and "Kategori pelanggaran" in headings
    assert workbook[import_choices.LIST_SHEET].sheet_state == "hidden"
    assert _dropdown(workbook, "tahapan") == [str(c.label) for c in ElectionStage]
    assert "Masa kampanye" in _dropdown(workbook, "tahapan")
    assert str(ViolationMode.PHOTO_WITH_CANDIDATE.label) in _dropdown(workbook, "cara")
    regions = _dropdown(workbook, "kode_wilayah")
    assert "73.71 — Kota Makassar" in regions and "73 — Sulawesi Selatan" in regions
    categories = _dropdown(workbook, "kategori")
    assert len(categories) == ViolationCategory.objects.filter(disabled_on__isnull=True).count()
    assert any(c.startswith("B.6 — ") for c in categories)
    # The example row is written with labels, not English codes.
    example = dict(zip(spreadsheets.COLUMN_NAMES, [c.value for c in sheet[2]], strict=True))
    assert example["tahapan"] == "Masa kampanye" and example["kode_wilayah"] == "73.71 — Kota Makassar"
    assert "campaign" not in example.values() and "share" not in example.values()


def _fill(workbook, rows):
    sheet = workbook["laporan"]
    sheet.delete_rows(2, sheet.max_row)
    for values in rows:
        sheet.append([values.get(c, "") for c in spreadsheets.COLUMN_NAMES])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _labelled_row(workbook, register="LP-01/2024"):
    def pick(column, starts):
        return next(v for v in _dropdown(workbook, column) if v.startswith(starts))

    return {
        "nomor_register": register,
        "nama_terlapor": "Andi Makkasau",
        "jenis_pegawai": "PNS",
        "instansi": "Pemerintah Kota Makassar",
        "kelompok_jabatan": "Pengawas",
        "kode_wilayah": pick("kode_wilayah", "73.71 "),
        "pemilihan": pick("pemilihan", "pilkada-2024 "),
        "tahapan": "Masa kampanye",
        "kategori": pick("kategori", "B.6 "),
        "cara": str(ViolationMode.PHOTO_WITH_CANDIDATE.label),
        "tanggal_kejadian": "05/10/2024",
        "uraian": "Berfoto bersama calon wali kota dengan gestur dua jari.",
    }


def test_round_trip_template_filled_with_labels_imports(client, personas, bawaslu):
    workbook = _template(client, personas)
    data = _fill(workbook, [_labelled_row(workbook)])
    batch = imports.run_validation(imports.create_batch(data, "isian.xlsx", bawaslu, "bawaslu", None))
    assert batch.status == ImportStatus.VALIDATED, [r.errors for r in batch.rows.all()]
    assert imports.confirm_import(batch, personas["bawaslu.sulsel"]) == 1
    report = Report.objects.get(register_number="LP-01/2024")
    assert (report.election_stage, report.mode) == (
        ElectionStage.CAMPAIGN,
        ViolationMode.PHOTO_WITH_CANDIDATE,
    )
    assert (report.regency_id, report.province_id) == ("73.71", "73")
    assert report.category.reference == "B.6" and report.election.code == "pilkada-2024"
    person = report.reported_persons.get()
    assert person.agency.code == "kota-73-71" and person.position_class == "pengawas"


def test_csv_with_indonesian_headings_and_labels_imports(client, personas, bawaslu):
    workbook = _template(client, personas)
    values = _labelled_row(workbook, "LP-02/2024") | {"tahapan": "kampanye"}  # one word of the label will do
    header = client.get(reverse("intake:import_template_csv")).content.decode("utf-8-sig").strip()
    line = ";".join(values.get(c, "") for c in spreadsheets.COLUMN_NAMES)
    data = ("\ufeff" + header + "\n" + line + "\n").encode()
    batch = imports.run_validation(imports.create_batch(data, "isian.csv", bawaslu, "bawaslu", None))
    assert batch.status == ImportStatus.VALIDATED, [r.errors for r in batch.rows.all()]


def test_codes_are_still_accepted(client, personas, bawaslu):
    workbook = _template(client, personas)
    codes = _labelled_row(workbook) | {
        "kode_wilayah": "73.71",
        "pemilihan": "pilkada-2024",
        "tahapan": "campaign",
        "kategori": "skb2022-b6",
        "cara": "share",
        "instansi": "kota-73-71",
        "kelompok_jabatan": "pengawas",
    }
    batch = imports.run_validation(
        imports.create_batch(_fill(workbook, [codes]), "f.xlsx", bawaslu, "bawaslu", None)
    )
    assert batch.status == ImportStatus.VALIDATED, [r.errors for r in batch.rows.all()]


def _errors(client, personas, bawaslu, **changes):
    workbook = _template(client, personas)
    data = _fill(workbook, [_labelled_row(workbook) | changes])
    batch = imports.run_validation(imports.create_batch(data, "f.xlsx", bawaslu, "bawaslu", None))
    assert batch.status == ImportStatus.INVALID
    return {e["column"]: e["message"] for e in batch.rows.get().errors}


def test_a_wrong_value_lists_the_allowed_values(client, personas, bawaslu):
    errors = _errors(client, personas, bawaslu, tahapan="kampanye akbar", cara="joget")
    assert "“kampanye akbar” tidak dikenal" in errors["tahapan"]
    assert all(str(c.label) in errors["tahapan"] for c in ElectionStage)
    assert all(str(c.label) in errors["cara"] for c in ViolationMode)


def test_a_wrong_value_of_a_long_list_says_where_to_find_it(client, personas, bawaslu):
    errors = _errors(client, personas, bawaslu, kode_wilayah="Makasar", kategori="B.99")
    for column in ("kode_wilayah", "kategori"):
        assert f"lembar “{import_choices.LIST_SHEET}”" in errors[column], errors[column]
    assert "Wilayah" in errors["kode_wilayah"] and "73.71" in errors["kode_wilayah"]
