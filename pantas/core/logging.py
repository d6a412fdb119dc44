"""Log filter that keeps reporter-identifying data out of every log line (P-01, P-07, P-11).

Django's request logger attaches the request to records; we drop it (it carries REMOTE_ADDR and POST bodies)
and redact receipt-shaped strings and IP addresses from the message itself.
"""

import logging
import re

_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b", re.IGNORECASE)
_RECEIPT = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3,}\b", re.IGNORECASE)


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not kill logging
            return True
        scrubbed = _RECEIPT.sub("[receipt]", _IP.sub("[ip]", message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, ()
        return True
