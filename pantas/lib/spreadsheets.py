"""Spreadsheet helpers, framework-free: exported cells must never run as formulas (P-19, OWASP CSV injection)."""

import io
import re
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

# Spreadsheet apps treat a cell starting with one of these as a formula (tab and CR too, after trimming).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """A value safe to write into a CSV or XLSX cell.

    Numbers, dates and booleans stay typed (XLSX keeps them numeric, they cannot hold a formula); None becomes
    ""; anything else becomes text, prefixed with an apostrophe when it starts like a formula."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal, date, datetime, time)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*")


def looks_like_formula(text: str) -> bool:
    """True for an imported cell a spreadsheet would run as a formula if it were written back or opened as CSV:
    `=…`, `@…`, and `+…`/`-…` unless a plain number or a bullet (`- text`). Imports refuse these in CSV and
    XLSX alike (an XLSX formula cell is refused by its type)."""
    text = (text or "").strip()
    if not text or text[0] not in "=+-@":
        return False
    if text[0] in "=@":
        return True
    return not (_PLAIN_NUMBER.fullmatch(text) or text[1:2].isspace())


# XLSX archive problems (codes; each app words its own message)
XLSX_NOT_ZIP = "not_zip"
XLSX_TOO_MANY_MEMBERS = "too_many_members"
XLSX_BOMB = "zip_bomb"
XLSX_TOO_LARGE = "too_large"


class XlsxRejected(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def check_xlsx_archive(data: bytes, *, max_members=300, max_uncompressed=60 * 1024 * 1024, max_ratio=150):
    """Refuse a workbook whose ZIP would expand into too much (a ZIP bomb) before any XML parser sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > max_members:
                raise XlsxRejected(XLSX_TOO_MANY_MEMBERS)
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if ratio > max_ratio and member.file_size > 1024 * 1024:
                    raise XlsxRejected(XLSX_BOMB)
            if total > max_uncompressed:
                raise XlsxRejected(XLSX_TOO_LARGE)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise XlsxRejected(XLSX_NOT_ZIP) from None
