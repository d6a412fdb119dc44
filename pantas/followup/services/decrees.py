"""The PPK's decree file: PDF only, checked by `pantas.lib.uploads` (sniffed type, no polyglot, no active
content), stored encrypted with random names in the evidence store shared with intake (ADR 0053)."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from pantas.core.forms import clean_pdf_upload
from pantas.intake.security import storage

MAX_BYTES = 10 * 1024 * 1024


@dataclass
class CleanPdf:
    content: bytes
    sha256: str


def clean_pdf(upload) -> CleanPdf:
    """Return the checked bytes of an uploaded decree or raise ValidationError naming the problem."""
    return CleanPdf(
        *clean_pdf_upload(
            upload,
            max_bytes=MAX_BYTES,
            missing=_("Unggah berkas SK (PDF)."),
            too_large=_("Berkas melebihi 10 MB."),
            not_pdf=_("SK harus berupa berkas PDF."),
        )
    )


def store(clean: CleanPdf) -> str:
    return storage.save(clean.content)


def load(name: str) -> bytes:
    return storage.load(name)


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def sanction_end(sanction, starts_on: date) -> date | None:
    """The last day of a sanction of fixed duration (6 months from 1 January end on 30 June); None otherwise."""
    if not sanction or not sanction.duration_months:
        return None
    return add_months(starts_on, sanction.duration_months) - timedelta(days=1)
