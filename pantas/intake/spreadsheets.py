"""Reading import spreadsheets safely and writing exports without formula injection (P-19, ADR 0015).

XLSX: the ZIP is checked for bombs before openpyxl opens it (openpyxl parses with defusedxml, which refuses
entity expansion); formula cells are reported, never evaluated. CSV: UTF-8 (with or without BOM), `,` or `;`.
"""

import csv
import io
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

# (column, label for the template, required)
COLUMNS = [
    ("nomor_register", _("Nomor register (wajib, unik per organisasi)"), True),
    ("nama_terlapor", _("Nama ASN terlapor (wajib)"), True),
    ("nip", _("NIP 18 digit (boleh kosong)"), False),
    ("jenis_pegawai", _("PNS atau PPPK (bawaan PNS)"), False),
    ("instansi", _("Kode instansi (mis. kota-73-71, kemenag) atau nama lengkap"), False),
    ("jabatan", _("Jabatan"), False),
    ("kelompok_jabatan", _("jpt / administrator / pengawas / fungsional / pelaksana"), False),
    ("kode_wilayah", _("Kode Kemendagri provinsi (73) atau kabupaten/kota (73.71)"), False),
    ("pemilihan", _("Kode pemilihan (mis. pilkada-2024)"), False),
    (
        "tahapan",
        _("Tahapan: pre_candidacy / candidacy / campaign / quiet_period / voting / post_voting / none"),
        False,
    ),
    ("kategori", _("Kategori: kode katalog (skb2022-b6) atau butir (B.6)"), False),
    ("cara", _("Bentuk: like / comment / share / upload / photo_with_candidate / …"), False),
    ("tempat", _("Tempat kejadian"), False),
    ("tanggal_kejadian", _("Tanggal kejadian (YYYY-MM-DD atau DD/MM/YYYY)"), False),
    ("uraian", _("Uraian kejadian (wajib)"), True),
    ("kajian_awal", _("Hasil kajian awal"), False),
    ("tautan_bukti", _("Tautan bukti (https://…)"), False),
]
COLUMN_NAMES = [c[0] for c in COLUMNS]
# The longest value each column may hold (the model field it fills); longer is a row error, never cut short.
MAX_LENGTHS = {
    "nomor_register": 80,
    "nama_terlapor": 150,
    "nip": 30,
    "jenis_pegawai": 10,
    "instansi": 200,
    "jabatan": 200,
    "kelompok_jabatan": 30,
    "kode_wilayah": 10,
    "pemilihan": 40,
    "tahapan": 40,
    "kategori": 40,
    "cara": 40,
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


def _header_key(value) -> str:
    key = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    return _ALIASES.get(key, key)


def _cell(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _check_zip(data: bytes) -> None:
    messages = {
        XLSX_TOO_MANY_MEMBERS: _("Berkas XLSX berisi terlalu banyak bagian dan ditolak."),
        XLSX_BOMB: _("Berkas XLSX ditolak: rasio kompresi tidak wajar (bom ZIP)."),
        XLSX_TOO_LARGE: _("Berkas XLSX ditolak: isinya terlalu besar setelah diekstrak."),
        XLSX_NOT_ZIP: _("Berkas XLSX rusak atau bukan XLSX."),
    }
    try:
        check_xlsx_archive(
            data, max_members=MAX_MEMBERS, max_uncompressed=MAX_UNCOMPRESSED, max_ratio=MAX_RATIO
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


def _read_xlsx(data: bytes) -> list[RawRow]:
    import openpyxl

    _check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - defusedxml and openpyxl raise many types; all mean "refused"
        raise _unreadable(exc) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise SpreadsheetError(_("Lembar pertama kosong."))
        header = [_header_key(c.value) for c in header_cells]
        _check_header(header)
        out = []
        for index, cells in enumerate(rows, start=2):
            values, formulas = {}, []
            for key, cell in zip(header, cells, strict=False):
                if not key:
                    continue
                if getattr(cell, "data_type", None) == "f":
                    formulas.append(key)
                    values[key] = ""
                else:
                    values[key] = _cell(cell.value)
            if any(values.values()) or formulas:
                out.append(RawRow(index, values, formulas))
            if len(out) > MAX_ROWS:
                raise SpreadsheetError(
                    _("Terlalu banyak baris (maksimal %(n)s per berkas).") % {"n": MAX_ROWS}
                )
        return out
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - sheets are parsed lazily: bombs surface while iterating
        raise _unreadable(exc) from None
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[RawRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("Berkas CSV harus berenkode UTF-8. Simpan ulang sebagai “CSV UTF-8”.")
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(_("Berkas CSV berisi karakter biner dan ditolak."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_header_key(h) for h in next(reader, [])]
    _check_header(header)
    out = []
    for index, cells in enumerate(reader, start=2):
        values = {key: (cell or "").strip() for key, cell in zip(header, cells, strict=False) if key}
        if any(values.values()):
            out.append(RawRow(index, values))
        if len(out) > MAX_ROWS:
            raise SpreadsheetError(_("Terlalu banyak baris (maksimal %(n)s per berkas).") % {"n": MAX_ROWS})
    return out


def _check_header(header: list[str]) -> None:
    missing = [name for name, _label, required in COLUMNS if required and name not in header]
    if missing:
        raise SpreadsheetError(
            _("Kolom wajib tidak ada di baris judul: %(cols)s. Gunakan templat yang disediakan.")
            % {"cols": ", ".join(missing)}
        )


def read(data: bytes, filename: str) -> list[RawRow]:
    """Rows of an uploaded XLSX/CSV (type from content and name), or SpreadsheetError with a clear message."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_("Berkas terlalu besar (maksimal 5 MB)."))
    if not data:
        raise SpreadsheetError(_("Berkas kosong."))
    name = (filename or "").lower()
    if data.startswith(b"PK\x03\x04"):
        if not name.endswith(".xlsx"):
            raise SpreadsheetError(_("Isi berkas adalah XLSX tetapi namanya tidak berakhiran .xlsx."))
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise SpreadsheetError(_("Format tidak didukung. Unggah berkas .xlsx atau .csv (UTF-8)."))


# --- exports -----------------------------------------------------------------------------------------------


def csv_bytes(header: list, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_formula(h) for h in header])
    for row in rows:
        writer.writerow([escape_formula(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()


def template_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "laporan"
    sheet.append(COLUMN_NAMES)
    sheet.append(
        [
            "001/Reg/LP/PG/Kota/27.01/X/2024",
            "Contoh Nama ASN",
            "",
            "PNS",
            "kota-73-71",
            "Lurah",
            "pengawas",
            "73.71",
            "pilkada-2024",
            "campaign",
            "B.6",
            "share",
            "Kelurahan Contoh",
            "2024-10-05",
            "Membagikan unggahan kampanye pasangan calon di Facebook.",
            "Memenuhi syarat formal dan materiel.",
            "https://www.facebook.com/contoh/posts/1",
        ]
    )
    notes = workbook.create_sheet("petunjuk")
    notes.append(["kolom", "keterangan"])
    for name, label, _required in COLUMNS:
        notes.append([name, str(label)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
