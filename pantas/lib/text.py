"""Untrusted text: what is refused and what is quietly normalised (ADR 0092).

Refused (a field error): U+FFFD (what Django and DRF put where the request held invalid UTF-8 — the sender's
text is already lost, so storing it would be silent corruption), NUL and other C0/C1 control characters except
tab and line breaks, and lone surrogates (PostgreSQL cannot store them).

Normalised: NFC; bidirectional controls (RTL/LTR overrides, embeddings, isolates, marks) are removed from every
text — they only serve to make a name or file name read differently from what it is; zero-width characters
(ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen) are removed from single-line values such as names, where they
split a name so that search and duplicate detection miss it. Homoglyphs (Cyrillic "А" for Latin "A") are kept:
names are legitimately written in several scripts, and matching goes by NIP, not by name.
"""

import unicodedata

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_DROP_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))
_DROP_LINE = dict.fromkeys(map(ord, BIDI_CONTROLS + ZERO_WIDTH))
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def has_invalid_characters(text: str) -> bool:
    """True when `text` holds characters no legitimate sender types (see the module docstring)."""
    for ch in text or "":
        code = ord(ch)
        if ch == "\ufffd" or 0xD800 <= code <= 0xDFFF:
            return True
        if (code < 0x20 or 0x7F <= code < 0xA0) and ch not in _ALLOWED_CONTROLS:
            return True
    return False


def clean_line(text: str) -> str:
    """A single-line value (name, position, place, register number): NFC, no bidi or zero-width characters,
    inner whitespace collapsed to single spaces."""
    text = unicodedata.normalize("NFC", text or "").translate(_DROP_LINE)
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """A multi-line value (description, message): NFC, no bidi controls, outer whitespace trimmed."""
    return unicodedata.normalize("NFC", text or "").translate(_DROP_BIDI).strip()
