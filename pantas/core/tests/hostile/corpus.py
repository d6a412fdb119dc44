"""The hostile-input corpus (issue 13 item 9, ADR 0093): small text inputs written out here, binary ones generated
at test time (nothing large is committed). Each entry names what it is, so a failure says which input broke."""

import io
import zipfile

from PIL import Image

# --- text --------------------------------------------------------------------------------------------------

MALFORMED_NIPS = {
    "too-short": "12345",
    "19-digits": "1986092620150510019",
    "letter": "19860926201505100X",
    "arabic-indic-digits": "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١",
    "month-13": "198613262015051001",
    "sql": "' OR 1=1 --",
}

# Names that are refused (a field error), by the entry point's own field rules or `lib.text`.
REFUSED_NAMES = {
    "10k-characters": "A" * 10_000,
    "nul": "Andi\x00Baso",
    "bell": "Andi\x07Baso",
    "replacement-char": "Andi\ufffdBaso",
}

# Names that are normalised (accepted, stored without the trick): see ADR 0092.
NORMALISED_NAMES = {
    "rtl-override": ("Andi \u202eosaB", "Andi osaB"),
    "zero-width": ("An\u200bdi\u200d Ba\ufeffso", "Andi Baso"),
    "bidi-isolate": ("\u2067Andi\u2069 Baso", "Andi Baso"),
}
# Kept as typed: names are written in several scripts; matching goes by NIP (ADR 0092).
HOMOGLYPH_NAME = "\u0410ndi Baso"  # Cyrillic А

LONG_TEXT = "x" * 10_001  # one more than the longest free-text field (10,000)

# --- files -------------------------------------------------------------------------------------------------


def jpeg(size=(48, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def png(size=(16, 16)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size).save(out, "PNG")
    return out.getvalue()


def pdf(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R" + extra + b">>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _zip(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    return _zip({"a.bin": b"\0" * (40 * 1024 * 1024)})  # 40 MB of zeros in ~40 KB


def decompression_bomb_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")  # 400 megapixels in a few kilobytes
    return out.getvalue()


def hostile_files() -> dict[str, tuple[str, bytes]]:
    """name → (file name, bytes): uploads every evidence entry point must refuse."""
    return {
        "jpeg+html-after-eoi": ("foto.jpg", jpeg() + b"<p onclick=alert(1)>klik</p>"),
        "jpeg-html-polyglot": (
            "foto.jpg",
            jpeg()[:2] + b"\xff\xfe\x00\x20<script>alert(1)</script>" + jpeg()[2:],
        ),
        "png+payload-after-iend": ("layar.png", png() + b"<a href=javascript:alert(1)>x</a>"),
        "jpeg+zip": ("foto.jpg", jpeg() + _zip({"x.class": b"cafebabe"})),
        "pdf-javascript": ("surat.pdf", pdf(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>")),
        "pdf+payload-after-eof": ("surat.pdf", pdf() + b"<html><body>x</body></html>"),
        "html-as-pdf": ("surat.pdf", b"<!doctype html><script>alert(1)</script>"),
        "svg-as-jpg": ("foto.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        "exe": ("setup.jpg", b"MZ\x90\x00" + b"\0" * 64),
        "zip-bomb": ("arsip.jpg", zip_bomb()),
        "decompression-bomb": ("besar.png", decompression_bomb_png()),
        "truncated-jpeg": ("foto.jpg", jpeg()[:-40]),
        "empty": ("kosong.jpg", b""),
    }


# --- spreadsheets ------------------------------------------------------------------------------------------


def xlsx(header: list, rows: list, formulas: dict | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell, formula in (formulas or {}).items():
        sheet[cell] = formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_with_sheet(base: bytes, sheet_xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item, data)
    return out.getvalue()


XML_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)


def xlsx_zip_bomb(base: bytes) -> bytes:
    return xlsx_with_sheet(base, b"<worksheet>" + b" " * (70 * 1024 * 1024) + b"</worksheet>")


def csv(header: list, rows: list, *, encoding="utf-8", delimiter=";") -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    return "\n".join(lines).encode(encoding)
