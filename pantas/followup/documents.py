"""Numbered follow-up documents (blocking requests, PPK reports): one gap-free series per kind and year in the
shared counter (`core.numbering`, ADR 0043). Clearance certificates are `core.Document`s (`clearance.py`)."""

from pantas.core import numbering

SERIES = {
    "blocking": "PBD",  # permintaan blokir data
    "unblocking": "PBB",  # permintaan buka blokir
    "ppk-report": "LPK",  # laporan PPK tidak patuh
}


def next_number(series: str, year: int) -> str:
    """`PBD-2026-000001`: one counter per series and year, locked for the caller's transaction."""
    value = numbering.reserve(f"followup-{series}", "", year)
    return f"{SERIES[series]}-{year}-{value:06d}"
