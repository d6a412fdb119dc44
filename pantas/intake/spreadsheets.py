"""Reading import spreadsheets safely and writing exports without formula injection (P-19, ADR 0015).

XLSX: the ZIP is checked for bombs before openpyxl opens it (openpyxl parses with defusedxml, which refuses
entity expansion); formula cells are reported, never evaluated. CSV: UTF-8 (with or without BOM), `,` or `;`.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from pantas.lib.spreadsheets import (
    XLSX_BOMB,
    XLSX_NOT_ZIP,
    XLSX_TOO_LARGE,
    XLSX_TOO_MANY_MEMBERS,
    XlsxRejected,
    check_xlsx_archive,
    escape_formula,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_RATIO = 150
MAX_MEMBERS = 300


@dataclass(frozen=True)
class Limits:
    """How big a file one path accepts. The web upload keeps the caps above; the operator's command streams
    national files (issue 14, W4: 100k rows) and keeps only the bomb checks' ratio."""

    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS
    max_uncompressed: int = MAX_UNCOMPRESSED
    max_ratio: int = MAX_RATIO


WEB = Limits()
COMMAND = Limits(max_bytes=200 * 1024 * 1024, max_rows=500_000, max_uncompressed=2 * 1024**3, max_ratio=400)

# (column, note for the template's instructions sheet, required)
COLUMNS = [
    ("nomor_register", _("Nomor register (wajib, unik per organisasi)"), True),
    ("nama_terlapor", _("Nama ASN terlapor (wajib)"), True),
    ("nip", _("NIP 18 digit (boleh kosong)"), False),
    ("jenis_pegawai", _("PNS atau PPPK (bawaan PNS)"), False),
    ("instansi", _("Nama instansi dari daftar, atau kodenya (mis. kota-73-71, kemenag)"), False),
    ("jabatan", _("Jabatan"), False),
    ("kelompok_jabatan", _("Kelompok jabatan dari daftar"), False),
    (
        "kode_wilayah",
        _("Provinsi atau kabupaten/kota dari daftar, atau kode Kemendagri (73 atau 73.71)"),
        False,
    ),
    ("pemilihan", _("Pemilihan dari daftar, atau kodenya (mis. pilkada-2024)"), False),
    ("tahapan", _("Tahapan pemilihan dari daftar"), False),
    ("kategori", _("Kategori katalog dari daftar, atau butirnya (B.6)"), False),
    ("cara", _("Bentuk perbuatan dari daftar"), False),
    ("tempat", _("Tempat kejadian"), False),
    ("tanggal_kejadian", _("Tanggal kejadian (YYYY-MM-DD atau DD/MM/YYYY)"), False),
    ("uraian", _("Uraian kejadian (wajib)"), True),
    ("kajian_awal", _("Hasil kajian awal"), False),
    ("tautan_bukti", _("Tautan bukti (https://…)"), False),
]
COLUMN_NAMES = [c[0] for c in COLUMNS]
# The template's column headings (ADR 0116); the importer also accepts the short codes above.
HEADINGS = {
    "nomor_register": _("Nomor register"),
    "nama_terlapor": _("Nama terlapor"),
    "nip": _("NIP"),
    "jenis_pegawai": _("Jenis pegawai"),
    "instansi": _("Instansi"),
    "jabatan": _("Jabatan"),
    "kelompok_jabatan": _("Kelompok jabatan"),
    "kode_wilayah": _("Wilayah"),
    "pemilihan": _("Pemilihan"),
    "tahapan": _("Tahapan"),
    "kategori": _("Kategori pelanggaran"),
    "cara": _("Bentuk perbuatan"),
    "tempat": _("Tempat"),
    "tanggal_kejadian": _("Tanggal kejadian"),
    "uraian": _("Uraian"),
    "kajian_awal": _("Kajian awal"),
    "tautan_bukti": _("Tautan bukti"),
}
# The longest value each column may hold (the model field it fills, or the longest drop-down entry); longer is
# a row error, never cut short.
MAX_LENGTHS = {
    "nomor_register": 80,
    "nama_terlapor": 150,
    "nip": 30,
    "jenis_pegawai": 40,
    "instansi": 200,
    "jabatan": 200,
    "kelompok_jabatan": 60,
    "kode_wilayah": 120,
    "pemilihan": 160,
    "tahapan": 80,
    "kategori": 160,
    "cara": 80,
    "tempat": 300,
    "tanggal_kejadian": 20,
    "uraian": 10000,
    "kajian_awal": 10000,
    "tautan_bukti": 1000,
}
_ALIASES = {"no_register": "nomor_register", "register": "nomor_register", "nama": "nama_terlapor"}


class SpreadsheetError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class RawRow:
    number: int  # spreadsheet row number as the user sees it (header = 1)
    values: dict
    formula_columns: list = field(default_factory=list)


def _normal_heading(value) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_").replace("/", "_")


def _heading_aliases() -> dict[str, str]:
    """Headings in every interface language → column codes."""
    from django.conf import settings
    from django.utils import translation

    aliases = dict(_ALIASES)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            aliases.update({_normal_heading(title): column for column, title in HEADINGS.items()})
    return aliases


def _header_keys(cells) -> list[str]:
    aliases = _heading_aliases()
    return [aliases.get(_normal_heading(c), _normal_heading(c)) for c in cells]


def _cell(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _check_zip(data: bytes, limits: Limits) -> None:
    messages = {
        XLSX_TOO_MANY_MEMBERS: _("Berkas XLSX berisi terlalu banyak bagian dan ditolak."),
        XLSX_BOMB: _("Berkas XLSX ditolak: rasio kompresi tidak wajar (bom ZIP)."),
        XLSX_TOO_LARGE: _("Berkas XLSX ditolak: isinya terlalu besar setelah diekstrak."),
        XLSX_NOT_ZIP: _("Berkas XLSX rusak atau bukan XLSX."),
    }
    try:
        check_xlsx_archive(
            data,
            max_members=MAX_MEMBERS,
            max_uncompressed=limits.max_uncompressed,
            max_ratio=limits.max_ratio,
        )
    except XlsxRejected as exc:
        raise SpreadsheetError(messages[exc.code]) from None


def _unreadable(exc: Exception) -> SpreadsheetError:
    from defusedxml import DefusedXmlException

    seen = exc
    while seen is not None and not isinstance(seen, DefusedXmlException):
        seen = seen.__cause__ or seen.__context__  # openpyxl wraps parser errors in ValueError
    if seen is not None:
        return SpreadsheetError(_("Berkas XLSX ditolak: berisi entitas XML berbahaya (bom XML)."))
    return SpreadsheetError(_("Berkas XLSX tidak dapat dibaca. Simpan ulang dari Excel/LibreOffice."))


def too_large(limits: Limits) -> str:
    if limits.max_bytes == MAX_BYTES:
        return _("Berkas terlalu besar (maksimal 5 MB).")
    return _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": limits.max_bytes // (1024 * 1024)}


def _too_many(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(_("Terlalu banyak baris (maksimal %(n)s per berkas).") % {"n": limits.max_rows})


def _read_xlsx(data: bytes, limits: Limits) -> Iterator[RawRow]:
    """Streams the first sheet (read-only mode, plain values): memory stays bounded whatever the row count.
    A formula reaches us as its text "=…" (data_only=False), so it is reported, never evaluated."""
    import openpyxl

    _check_zip(data, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - defusedxml and openpyxl raise many types; all mean "refused"
        raise _unreadable(exc) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header_cells = next(rows, None)
        if header_cells is None:
            raise SpreadsheetError(_("Lembar pertama kosong."))
        header = _header_keys(header_cells)
        _check_header(header)
        count = 0
        for index, cells in enumerate(rows, start=2):
            values, formulas = {}, []
            for key, value in zip(header, cells, strict=False):
                if not key:
                    continue
                if isinstance(value, str) and value.startswith("="):
                    formulas.append(key)
                    values[key] = ""
                else:
                    values[key] = _cell(value)
            if any(values.values()) or formulas:
                count += 1
                if count > limits.max_rows:
                    raise _too_many(limits)
                yield RawRow(index, values, formulas)
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - sheets are parsed lazily: bombs surface while iterating
        raise _unreadable(exc) from None
    finally:
        workbook.close()


def _read_csv(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("Berkas CSV harus berenkode UTF-8. Simpan ulang sebagai “CSV UTF-8”.")
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(_("Berkas CSV berisi karakter biner dan ditolak."))
    return text


def _csv_rows(text: str, limits: Limits) -> Iterator[RawRow]:
    """Streams the decoded text through the csv reader, one row at a time."""
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = _header_keys(next(reader, []))
    _check_header(header)
    count = 0
    for index, cells in enumerate(reader, start=2):
        values = {key: (cell or "").strip() for key, cell in zip(header, cells, strict=False) if key}
        if any(values.values()):
            count += 1
            if count > limits.max_rows:
                raise _too_many(limits)
            yield RawRow(index, values)


def _check_header(header: list[str]) -> None:
    missing = [name for name, _label, required in COLUMNS if required and name not in header]
    if missing:
        raise SpreadsheetError(
            _("Kolom wajib tidak ada di baris judul: %(cols)s. Gunakan templat yang disediakan.")
            % {"cols": ", ".join(str(HEADINGS[m]) for m in missing)}
        )


def rows(data: bytes, filename: str, limits: Limits = WEB) -> Iterator[RawRow]:
    """Rows of an uploaded XLSX/CSV (type from content and name), streamed. The file-level checks run before
    the first row; SpreadsheetError (with a clear message) may also surface while iterating (too many rows, a
    bomb found late in the sheet)."""
    if len(data) > limits.max_bytes:
        raise SpreadsheetError(too_large(limits))
    if not data:
        raise SpreadsheetError(_("Berkas kosong."))
    name = (filename or "").lower()
    if data.startswith(b"PK\x03\x04"):
        if not name.endswith(".xlsx"):
            raise SpreadsheetError(_("Isi berkas adalah XLSX tetapi namanya tidak berakhiran .xlsx."))
        return _read_xlsx(data, limits)
    if name.endswith(".csv"):
        return _csv_rows(_read_csv(data), limits)
    raise SpreadsheetError(_("Format tidak didukung. Unggah berkas .xlsx atau .csv (UTF-8)."))


def read(data: bytes, filename: str, limits: Limits = WEB) -> list[RawRow]:
    """Every row at once (small files: tests, previews)."""
    return list(rows(data, filename, limits))


# --- exports -----------------------------------------------------------------------------------------------


def csv_bytes(header: list, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_formula(h) for h in header])
    for row in rows:
        writer.writerow([escape_formula(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()


EXAMPLE = {
    "nomor_register": "001/Reg/LP/PG/Kota/27.01/X/2024",
    "nama_terlapor": "Contoh Nama ASN",
    "jenis_pegawai": "pns",
    "instansi": "kota-73-71",
    "jabatan": "Lurah",
    "kelompok_jabatan": "pengawas",
    "kode_wilayah": "73.71",
    "pemilihan": "pilkada-2024",
    "tahapan": "campaign",
    "kategori": "B.6",
    "cara": "share",
    "tempat": "Kelurahan Contoh",
    "tanggal_kejadian": "2024-10-05",
    "uraian": "Membagikan unggahan kampanye pasangan calon di Facebook.",
    "kajian_awal": "Memenuhi syarat formal dan materiel.",
    "tautan_bukti": "https://www.facebook.com/contoh/posts/1",
}


def _example_label(choice_list, code) -> str:
    """The example row shows each coded value as its drop-down label."""
    value = choice_list.resolve(code)
    return next((label for v, label in choice_list.entries if v == value), code)


def template_xlsx(lists: dict) -> bytes:
    """The import template: Indonesian headings, one example row written with labels, a drop-down list on each
    coded column (a `DataValidation` reading the hidden `daftar` sheet), and an instructions sheet."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "laporan"
    sheet.append([str(HEADINGS[c]) for c in COLUMN_NAMES])
    sheet.append(
        [_example_label(lists[c], EXAMPLE[c]) if c in lists else EXAMPLE.get(c, "") for c in COLUMN_NAMES]
    )
    sheet.freeze_panes = "A2"
    choices = workbook.create_sheet(lists_sheet_name())
    for index, column in enumerate([c for c in COLUMN_NAMES if c in lists], start=1):
        letter = get_column_letter(index)
        choices.cell(row=1, column=index, value=str(HEADINGS[column]))
        for row, label in enumerate(lists[column].labels, start=2):
            choices.cell(row=row, column=index, value=escape_formula(label))
        target = get_column_letter(COLUMN_NAMES.index(column) + 1)
        validation = DataValidation(
            type="list",
            formula1=f"'{choices.title}'!${letter}$2:${letter}${len(lists[column].labels) + 1}",
            allow_blank=True,
            showErrorMessage=False,  # a typed code is fine too; the importer checks every value
        )
        validation.add(f"{target}2:{target}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    choices.sheet_state = "hidden"
    notes = workbook.create_sheet("petunjuk")
    notes.append([str(_("kolom")), str(_("keterangan"))])
    for name, note, _required in COLUMNS:
        notes.append([str(HEADINGS[name]), str(note)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    """The same headings as CSV (UTF-8 with BOM, `;`), for offices without a spreadsheet program."""
    header = ";".join(str(HEADINGS[c]) for c in COLUMN_NAMES)
    return ("\ufeff" + header + "\n").encode()


def lists_sheet_name() -> str:
    from .import_choices import LIST_SHEET

    return LIST_SHEET
