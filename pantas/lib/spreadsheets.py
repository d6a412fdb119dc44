"""Spreadsheet helpers, framework-free: exported cells must never run as formulas (P-19, OWASP CSV injection)."""

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
