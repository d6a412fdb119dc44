"""SP4N-LAPOR! tracking numbers (ADR 0112).

A complaint filed on lapor.go.id gets a numeric tracking number ("ID Tracking", shown as e.g. `#4823156`). The
intake desk copies it when it records a report that came from there, so the two systems can be matched and the
same complaint is not recorded twice. Stored as digits only; a leading `#` and spaces are accepted on input.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TICKET_DIGITS = (6, 12)
_TICKET = re.compile(r"^#?\s*(\d[\d\s.]*)$")


def normalise_ticket(value: str) -> str:
    """The ticket as digits only, or raise ValidationError with the accepted format."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _TICKET.match(value)
    digits = re.sub(r"\D", "", match.group(1)) if match else ""
    low, high = TICKET_DIGITS
    if not (low <= len(digits) <= high):
        raise ValidationError(
            _("Nomor tiket SP4N-LAPOR! berupa %(low)s–%(high)s angka, mis. #4823156.")
            % {"low": low, "high": high},
            code="invalid_lapor_ticket",
        )
    return digits
