"""The cases' number series on `core.numbering` (ADR 0043): case numbers per year of receipt, letter numbers
per authority and year of issue. The counters live in `core.Counter`; only the formats are defined here."""

from datetime import date

from pantas.core import numbering

CASE_SERIES = "case"
LETTER_SERIES = "letter"


def reserve_case_numbers(year: int, count: int = 1) -> int:
    """First of `count` consecutive case numbers of `year`, locked until the caller's transaction ends."""
    return numbering.reserve(CASE_SERIES, "", year, count)


def reserve_letter_numbers(authority_code: str, year: int, count: int = 1) -> int:
    return numbering.reserve(LETTER_SERIES, authority_code, year, count)


def case_number(year: int, value: int) -> str:
    return f"KAS-{year}-{value:06d}"


def letter_number(prefix: str, year: int, month: int, value: int) -> str:
    """Official numbering per authority and year, e.g. `B-0007/BKN/WASDAL/11/2026`."""
    return f"B-{value:04d}/{prefix}/{month:02d}/{year}"


def letter_number_format(prefix: str):
    """The `number_format` for `core.documents.reserve`: value and letter date → letter number."""

    def fmt(value: int, on: date) -> str:
        return letter_number(prefix, on.year, on.month, value)

    return fmt
